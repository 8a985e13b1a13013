// Replies cross the IPC boundary as values, never as thrown errors (docs/CONVENTIONS.md §2, "replies are values").
import type { FieldIssue } from '../model/issues'

export type ErrorCode =
  | 'invalid-payload' // the request did not match the channel's schema
  | 'invalid-document' // a portfolio/scenario document failed validation; see `issues`
  | 'not-found'
  | 'forbidden' // the sender is not one of our windows
  | 'unknown-channel'
  | 'refused' // understood, but refused as it stands: a restore file that is not a Cascade store, a restore during a run
  | 'internal'

export interface IpcError {
  code: ErrorCode
  message: string
  /** The field the error is about, e.g. `positions[1].qty`. */
  path?: string
  /** Every finding when a document is refused, each with its path. */
  issues?: FieldIssue[]
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: IpcError }

export const ok = <T>(value: T): Result<T> => ({ ok: true, value })
export const fail = (code: ErrorCode, message: string, extra: Omit<IpcError, 'code' | 'message'> = {}): Result<never> => ({
  ok: false,
  error: { code, message, ...extra },
})

/** A reply lists at most this many findings (a 5,000-row book with every row wrong is not a 5,000-line reply). */
export const MAX_REPLY_ISSUES = 100

/** The first `MAX_REPLY_ISSUES` findings, and one line saying how many more there were. */
export function capIssues(issues: FieldIssue[]): FieldIssue[] {
  if (issues.length <= MAX_REPLY_ISSUES) return issues
  return [...issues.slice(0, MAX_REPLY_ISSUES), { path: '', message: `... and ${issues.length - MAX_REPLY_ISSUES} more problems` }]
}

/** The longest message, path or finding a reply carries; past it, a text is cut and says so. */
export const MAX_REPLY_TEXT = 300

function clamp(text: string, max = MAX_REPLY_TEXT): string {
  return text.length > max ? `${text.slice(0, max - 40)}... (${text.length} characters)` : text
}

/**
 * An error as it may cross the boundary: message and path at most MAX_REPLY_TEXT characters, at
 * most MAX_REPLY_ISSUES findings (plus the "... and N more" line), each cut the same way. The
 * dispatcher passes every error reply through it, so no handler's wording can make a reply grow
 * with its payload.
 */
export function boundError(error: IpcError): IpcError {
  const out: IpcError = { code: error.code, message: clamp(error.message) }
  if (error.path !== undefined) out.path = clamp(error.path)
  if (error.issues !== undefined) out.issues = (error.issues.length > MAX_REPLY_ISSUES + 1 ? capIssues(error.issues) : error.issues).map((i) => ({ path: clamp(i.path), message: clamp(i.message) }))
  return out
}

/** A document refused with its findings: "<what>: N problems", the first path, the findings (capped). */
export function refused(what: string, r: { issues: FieldIssue[] }): Result<never> {
  const count = r.issues.length
  return fail('invalid-document', `${what}: ${count} problem${count === 1 ? '' : 's'}`, { path: r.issues[0]?.path, issues: capIssues(r.issues) })
}
