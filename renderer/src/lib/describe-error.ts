// One line for an IPC error reply: its message and, when a document was refused, each finding.
import type { IpcError } from '../../../shared/ipc/result'
import { describeIssue } from '../../../shared/model/issues'

export function describe(error: IpcError): string {
  const lines = (error.issues ?? []).map(describeIssue)
  return lines.length ? `${error.message}: ${lines.join('; ')}` : error.message
}
