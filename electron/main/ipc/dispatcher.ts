// The one IPC wrapper: checks the sender, validates the payload against the channel's schema,
// runs the handler and returns a value. Nothing thrown by a handler crosses the boundary.
import { CHANNELS, type Channel, type Req, type Res } from '../../../shared/ipc/channels'
import { requestSchemas } from '../../../shared/ipc/request-schemas'
import { capIssues, fail, type Result } from '../../../shared/ipc/result'
import { toFieldIssues } from '../../../shared/schemas/issue-messages'
import { isOwnPage } from '../security'

export type Handler<C extends Channel> = (req: Req<C>) => Result<Res<C>> | Promise<Result<Res<C>>>
export type HandlerTable = { [C in Channel]: Handler<C> }
export type Dispatch = (channel: string, payload: unknown, senderUrl: string) => Promise<Result<unknown>>

const isChannel = (c: string): c is Channel => (CHANNELS as readonly string[]).includes(c)

/** A sender is trusted when its frame is one of our pages (the app's own scheme, or the dev server in development). */
export function senderCheck(trustedBases: readonly string[]): (url: string) => boolean {
  return (url) => isOwnPage(url, trustedBases)
}

export function createDispatcher(
  handlers: HandlerTable,
  isTrustedSender: (url: string) => boolean,
  logError: (channel: string, error: unknown) => void = (channel, e) => console.error(`[ipc] ${channel} failed:`, e),
): Dispatch {
  return async (channel, payload, senderUrl) => {
    if (!isTrustedSender(senderUrl)) return fail('forbidden', `Refused "${channel}" from an untrusted sender (${senderUrl || 'unknown'})`)
    if (!isChannel(channel)) return fail('unknown-channel', `No such channel "${channel}"`)
    const parsed = requestSchemas[channel].safeParse(payload, { reportInput: true })
    if (!parsed.success) {
      const issues = toFieldIssues(parsed.error)
      const first = issues[0]
      return fail('invalid-payload', `Bad request for "${channel}": ${first.path ? `${first.path}: ` : ''}${first.message}`, {
        path: first.path,
        issues: capIssues(issues),
      })
    }
    try {
      const handler = handlers[channel] as (req: unknown) => Result<unknown> | Promise<Result<unknown>>
      return await handler(parsed.data)
    } catch (e) {
      logError(channel, e)
      return fail('internal', `"${channel}" failed: ${e instanceof Error ? e.message : String(e)}`)
    }
  }
}
