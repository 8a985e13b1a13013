// Reading the user's files for the CLI, with errors that say which file and why.
import { readFileSync, statSync } from 'node:fs'
import { resolve } from 'node:path'
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
