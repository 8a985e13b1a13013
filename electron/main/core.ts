// The app's main-side core without Electron: store, venue catalog, handlers and the IPC wrapper.
// electron/main/index.ts binds it to ipcMain; the e2e bridge and tests bind it to HTTP or calls.
import { randomUUID } from 'node:crypto'
import { availableParallelism } from 'node:os'
import type { AppInfo, EventMap, EventName, PortfolioChanged } from '../../shared/ipc/channels'
import type { Result } from '../../shared/ipc/result'
import { appHandlers } from './handlers/app-handlers'
import { portfolioHandlers } from './handlers/portfolio-handlers'
import { runHandlers } from './handlers/run-handlers'
import { scenarioHandlers } from './handlers/scenario-handlers'
import { createDispatcher, senderCheck } from './ipc/dispatcher'
import type { Runner } from './runs/run-protocol'
import { createRunService } from './runs/run-service'
import { createScenarioCatalog } from './services/scenario-catalog'
import { createVenueCatalog } from './services/venue-catalog'
import { openStore } from './store/database'
import { watchExternalChanges } from './store/external-changes'
import { createPortfolioRepository } from './store/portfolio-repository'
import { createRunRepository } from './store/run-repository'
import { createScenarioRepository } from './store/scenario-repository'
import { createVenueRepository } from './store/venue-repository'

export interface CoreOptions {
  dataDir: string
  databasePath: string
  resourcesDir: string
  version: string
  /** URL prefixes of our own renderer (file URL of out/renderer, or the dev server). */
  trustedOrigins: string[]
  /** Where runs execute: a utilityProcess in the app, a worker thread elsewhere. */
  runner: Runner
  /** Runs at once (the rest queue); default: the machine's cores, at most 4 (each run holds a crowd in memory). */
  maxConcurrentRuns?: number
  /** How often to look for books changed by another process (the CLI); 0 looks only on `checkExternalChanges`. */
  externalChangesEveryMs?: number
}

export interface Core {
  /** One invoke; never throws. `senderUrl` is the URL of the calling frame. */
  invoke(channel: string, payload: unknown, senderUrl: string): Promise<Result<unknown>>
  subscribe(listener: (event: string, payload: unknown) => void): () => void
  /** Resolves when no run is in flight. */
  idle(): Promise<void>
  /** Looks now for books another process changed, and tells subscribers. */
  checkExternalChanges(): void
  close(): void
}

/** One run per core, at most 4: each run holds its crowd (hundreds of MB at 1M accounts). */
export function defaultRunSlots(): number {
  return Math.max(1, Math.min(4, availableParallelism()))
}

/** Whether the process named by an owner tag (`<pid>:<token>`) still exists on this machine. */
export function isProcessAlive(owner: string | null): boolean {
  const pid = Number(owner?.split(':')[0])
  if (!Number.isInteger(pid) || pid <= 0) return false
  try {
    process.kill(pid, 0)
    return true
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM'
  }
}

export function createCore(opts: CoreOptions): Core {
  const store = openStore(opts.databasePath)
  const venues = createVenueCatalog(`${opts.resourcesDir}/venues`, createVenueRepository(store.db))
  const portfolios = createPortfolioRepository(store.db)
  const savedScenarios = createScenarioRepository(store.db)
  const scenarios = createScenarioCatalog(`${opts.resourcesDir}/scenarios`, savedScenarios)
  const runs = createRunRepository(store.db)
  const listeners = new Set<(event: string, payload: unknown) => void>()
  const emit = <E extends EventName>(event: E, payload: EventMap[E]) => listeners.forEach((l) => l(event, payload))
  const owner = `${process.pid}:${randomUUID()}`
  const service = createRunService(runs, opts.runner, emit, {
    owner,
    maxConcurrent: opts.maxConcurrentRuns ?? defaultRunSlots(),
    isOwnerGone: (o) => o !== owner && !isProcessAlive(o),
  })
  const external = watchExternalChanges(store.db, (c) => emit('portfolio:changed', c), opts.externalChangesEveryMs ?? 1500)
  const changedHere = (c: PortfolioChanged) => {
    external.ownChange(c)
    emit('portfolio:changed', c)
  }
  const info = (): AppInfo => ({
    name: 'Cascade',
    version: opts.version,
    dataDir: opts.dataDir,
    databasePath: store.path,
    notices: store.notices,
  })
  const dispatch = createDispatcher(
    {
      ...appHandlers(info, venues),
      ...portfolioHandlers(portfolios, venues, `${opts.resourcesDir}/examples`, changedHere),
      ...scenarioHandlers(scenarios, savedScenarios),
      ...runHandlers({ portfolios, scenarios, venues, runs, service }),
    },
    senderCheck(opts.trustedOrigins),
  )
  return {
    invoke: dispatch,
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    idle: () => service.idle(),
    checkExternalChanges: () => external.check(),
    close() {
      external.stop()
      service.close()
      store.db.close()
    },
  }
}
