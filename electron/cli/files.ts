// Reading the user's files for the CLI, with errors that say which file and why.
import { accessSync, constants, readFileSync, statSync, writeFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { MAX_IMPORT_CHARS } from '../../shared/ipc/request-schemas'
import { UsageError, type CliContext } from './context'

/** A command-line argument names a file (not a catalogue id) when it has a separator or ends in .json. */
export const looksLikeFile = (s: string): boolean => /[\\/]|\.json$/i.test(s)

export function readUserFile(ctx: CliContext, file: string): { path: string; text: string } {
  const path = resolve(ctx.cwd, file)
  let size: number
  try {
    const st = statSync(path)
    if (!st.isFile()) throw new UsageError(`${file}: not a file`)
    size = st.size
  } catch (e) {
    if (e instanceof UsageError) throw e
    throw new UsageError(`${file}: cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`)
  }
  if (size > MAX_IMPORT_CHARS * 4) throw new UsageError(`${file}: too large (${size} bytes)`)
  return { path, text: readFileSync(path, 'utf8') }
}

/** The options that name a file a command writes. */
export const OUTPUT_FLAGS = ['out', 'events', 'series'] as const

/**
 * A file a command will write (`--out`, `--events`, `--series`), checked before any work so that a
 * path that cannot be written costs nothing and says why (exit 2): its folder exists and is
 * writable, and the path is not a folder.
 */
export function outputPath(ctx: CliContext, file: string, flag: string): string {
  const path = resolve(ctx.cwd, file)
  const dir = dirname(path)
  let isDir = false
  try {
    isDir = statSync(dir).isDirectory()
  } catch {
    throw new UsageError(`--${flag} ${file}: the folder ${dir} does not exist`)
  }
  if (!isDir) throw new UsageError(`--${flag} ${file}: ${dir} is not a folder`)
  let existing = false
  try {
    existing = statSync(path).isDirectory()
  } catch {
    // Not there yet: it will be created.
  }
  if (existing) throw new UsageError(`--${flag} ${file}: is a folder, not a file`)
  try {
    accessSync(dir, constants.W_OK)
  } catch {
    throw new UsageError(`--${flag} ${file}: the folder ${dir} is not writable`)
  }
  return path
}

/** Writes an output file; a failure the early check could not foresee still names the file and the reason (exit 2). */
export function writeOutput(path: string, text: string): void {
  try {
    writeFileSync(path, text)
  } catch (e) {
    throw new UsageError(`${path}: cannot write (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`)
  }
}
