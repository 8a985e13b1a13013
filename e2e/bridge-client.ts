// Test-only transport: gives the page the same `window.cascade` the preload gives the Electron
// window, built with the same `buildApi`, but over loopback HTTP (POST /ipc/<channel>) and
// Server-Sent Events (GET /events). bridge-server.ts compiles this to /bridge.js and loads it
// before the app, so the renderer cannot tell it is under test.
import { buildApi, type Channel, type EventName } from '../shared/ipc/channels'
import type { Result } from '../shared/ipc/result'

async function invoke(channel: Channel, payload: unknown): Promise<Result<unknown>> {
  try {
    const res = await fetch(`/ipc/${channel}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: payload === undefined ? '' : JSON.stringify(payload),
    })
    return (await res.json()) as Result<unknown>
  } catch (e) {
    // The API never throws; a dead bridge is an error value like any other.
    return { ok: false, error: { code: 'internal', message: `bridge: ${e instanceof Error ? e.message : String(e)}` } }
  }
}

let source: EventSource | null = null

function subscribe(event: EventName, listener: (payload: unknown) => void): () => void {
  source ??= new EventSource('/events')
  const handler = (e: MessageEvent): void => listener(JSON.parse(String(e.data)))
  source.addEventListener(event, handler as (e: Event) => void)
  return () => source?.removeEventListener(event, handler as (e: Event) => void)
}

;(globalThis as unknown as { cascade: unknown }).cascade = buildApi(invoke, subscribe)
