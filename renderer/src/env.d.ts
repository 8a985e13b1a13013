// The global the renderer relies on: the typed bridge the preload exposes as `window.cascade`.
import type { CascadeApi } from '../../shared/ipc/channels'

declare global {
  interface Window {
    /** One method per IPC channel; every call resolves to a Result and never throws. */
    cascade: CascadeApi
  }
}

export {}
