// One line for an IPC error reply in the app's language: its message and, when a document was
// refused, each finding with its field path (the path is the document's, never translated).
import type { IpcError } from '../../../shared/ipc/result'
import type { FieldIssue } from '../../../shared/model/issues'
import { translate } from '../i18n'
import { issueMessage, localizeEngineText } from '../i18n/engine-text'

/** `positions[1].qty: must be a positive decimal, got "-3"`, the message in the app's language. */
export function issueText(issue: FieldIssue): string {
  return issue.path === '' ? issueMessage(issue.message) : `${issue.path}: ${issueMessage(issue.message)}`
}

export function describe(error: IpcError, max = Infinity): string {
  const message = localizeEngineText('reply', error.message)
  const lines = (error.issues ?? []).slice(0, max).map(issueText)
  return lines.length ? translate('errors.withIssues', { message, issues: lines.join('; ') }) : message
}
