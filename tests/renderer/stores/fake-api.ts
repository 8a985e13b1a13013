// A fake of the bridge the stores talk through: the real `buildApi` (shared/ipc/channels.ts) over
// an in-memory transport. Each channel answers from a handler the test sets (a few list channels
// answer empty by default); a handler may return a promise the test resolves later, to order
// replies against events. `emit` pushes a main->renderer event.
import { buildApi, type CascadeApi, type Channel, type EventMap, type EventName, type Req, type Res } from '../../../shared/ipc/channels'
import { fail, ok, type Result } from '../../../shared/ipc/result'

type Handler<C extends Channel> = (req: Req<C>) => Result<Res<C>> | Promise<Result<Res<C>>>

export interface FakeApi {
  api: CascadeApi
  /** Every request made, in order. */
  calls: Array<{ channel: Channel; payload: unknown }>
  handle<C extends Channel>(channel: C, handler: Handler<C>): void
  emit<E extends EventName>(event: E, payload: EventMap[E]): void
  callsOf<C extends Channel>(channel: C): Req<C>[]
}

export function fakeApi(): FakeApi {
  const handlers = new Map<Channel, (req: unknown) => Result<unknown> | Promise<Result<unknown>>>()
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>()
  const calls: FakeApi['calls'] = []
  for (const c of ['portfolio:list', 'venue:list', 'run:list', 'study:list', 'scenario:list', 'portfolio:templates'] as const) handlers.set(c, () => ok([]))

  const api = buildApi(
    async (channel, payload) => {
      calls.push({ channel, payload })
      const h = handlers.get(channel)
      return h ? h(payload) : fail('internal', `no fake for ${channel}`)
    },
    (event, listener) => {
      const set = listeners.get(event) ?? new Set()
      listeners.set(event, set)
      set.add(listener)
      return () => set.delete(listener)
    },
  )

  return {
    api,
    calls,
    handle(channel, handler) {
      handlers.set(channel, handler as (req: unknown) => Result<unknown> | Promise<Result<unknown>>)
    },
    emit(event, payload) {
      for (const l of listeners.get(event) ?? []) l(payload)
    },
    callsOf<C extends Channel>(channel: C) {
      return calls.filter((c) => c.channel === channel).map((c) => c.payload as Req<C>)
    },
  }
}

/** A promise and the functions that settle it, for replies the test releases when it chooses. */
export function deferred<T>(): { promise: Promise<T>; resolve: (v: T) => void } {
  let resolve!: (v: T) => void
  const promise = new Promise<T>((r) => (resolve = r))
  return { promise, resolve }
}

/** Lets every promise callback that is ready run (several rounds: store actions chain awaits). */
export async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await Promise.resolve()
}
