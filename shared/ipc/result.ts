// Replies cross the IPC boundary as values, never as thrown errors (docs/CONVENTIONS.md §2, "replies are values").
import type { FieldIssue } from '../model/issues'

export type ErrorCode =
  | 'invalid-payload' // the request did not match the channel's schema
  | 'invalid-document' // a portfolio/scenario document failed validation; see `issues`
  | 'not-found'
  | 'forbidden' // the sender is not one of our windows
  | 'unknown-channel'
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
