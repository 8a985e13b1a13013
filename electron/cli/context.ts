// What every CLI command gets: its arguments, output streams and where the data and resources live.
import { homedir } from 'node:os'
import { join, resolve } from 'node:path'
import { describeIssue, type FieldIssue } from '../../shared/model/issues'

export interface CliIo {
  stdout: (text: string) => void
  stderr: (text: string) => void
  /** A terminal redraws a progress bar in place; a log file gets milestones on their own lines. */
  stderrIsTty?: boolean
}

export interface CliContext extends CliIo {
  cwd: string
  env: Record<string, string | undefined>
  resourcesDir: string
}

/** Exit codes of docs/FORMATS.md §5.4: 0 success, 2 bad input, 1 internal error. */
export const EXIT = { ok: 0, internal: 1, badInput: 2 } as const

/** Bad input: the message goes to stderr and the process exits 2. */
export class UsageError extends Error {
  constructor(message: string, readonly lines: string[] = []) {
    super(message)
    this.name = 'UsageError'
  }
}

/** A file refused with every finding, one `file: path: message` line each (exit 2). */
export function refusedFile(file: string, what: string, issues: readonly FieldIssue[]): UsageError {
  return new UsageError(`${file}: ${what}: ${issues.length} problem${issues.length === 1 ? '' : 's'}`, issues.map((i) => `${file}: ${describeIssue(i)}`))
}

/** Electron's userData folder for an app named "Cascade", so the CLI and the app share a store. */
export function defaultDataDir(env: Record<string, string | undefined>, platform = process.platform): string {
  if (env.CASCADE_DATA_DIR) return env.CASCADE_DATA_DIR
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Cascade')
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Cascade')
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'Cascade')
}

export function databasePath(ctx: CliContext, dbFlag: string | undefined): string {
  return dbFlag ? resolve(ctx.cwd, dbFlag) : join(defaultDataDir(ctx.env), 'cascade.sqlite')
}
