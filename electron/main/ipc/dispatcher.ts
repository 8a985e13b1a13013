// The one IPC wrapper: checks the sender, validates the payload against the channel's schema,
// runs the handler and returns a value. Nothing thrown by a handler crosses the boundary.
import { CHANNELS, type Channel, type Req, type Res } from '../../../shared/ipc/channels'
import { requestSchemas } from '../../../shared/ipc/request-schemas'
import { boundError, capIssues, fail, type Result } from '../../../shared/ipc/result'
import { toFieldIssues } from '../../../shared/schemas/issue-messages'
import { isOwnPage } from '../security'
import { checkPayloadShape } from './payload-limits'

export type Handler<C extends Channel> = (req: Req<C>) => Result<Res<C>> | Promise<Result<Res<C>>>
export type HandlerTable = { [C in Channel]: Handler<C> }
export type Dispatch = (channel: string, payload: unknown, senderUrl: string) => Promise<Result<unknown>>

const cut = (s: string) => (s.length > 100 ? `${s.slice(0, 100)}...` : s)
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
  const dispatch: Dispatch = async (channel, payload, senderUrl) => {
    if (!isTrustedSender(senderUrl)) return fail('forbidden', `Refused "${cut(channel)}" from an untrusted sender (${cut(senderUrl) || 'unknown'})`)
    if (!isChannel(channel)) return fail('unknown-channel', `No such channel "${cut(channel)}"`)
    const refused = checkPayloadShape(payload)
    if (refused) return fail('invalid-payload', `Bad request for "${channel}": ${refused.message}`, { path: refused.path, issues: [refused] })
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
  // Every error reply is bounded here, whatever a handler wrote (tests/electron/main/ipc/fuzz.test.ts).
  return async (channel, payload, senderUrl) => {
    const reply = await dispatch(channel, payload, senderUrl)
    return reply.ok ? reply : { ok: false, error: boundError(reply.error) }
  }
}
