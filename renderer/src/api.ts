// How the stores reach the main process: the typed bridge the preload exposes as `window.cascade`
// (the e2e bridge builds the same object over HTTP). Unit tests hand the stores a fake one built
// with `buildApi` (shared/ipc/channels.ts) instead, so store logic runs without a window.
import type { CascadeApi } from '../../shared/ipc/channels'

let replaced: CascadeApi | null = null

/** The API every store talks through. */
export function cascadeApi(): CascadeApi {
  return replaced ?? window.cascade
}

/** For tests: the API the stores created from now on use (`null`: back to `window.cascade`). */
export function setCascadeApi(api: CascadeApi | null): void {
  replaced = api
}
