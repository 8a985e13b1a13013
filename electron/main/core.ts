// The app's main-side core without Electron: store, venue catalog, handlers and the IPC wrapper.
// electron/main/index.ts binds it to ipcMain; the e2e bridge and tests bind it to HTTP or calls.
import { randomUUID } from 'node:crypto'
import { constants, copyFileSync, existsSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { availableParallelism, tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import type { AppInfo, EventMap, EventName, PortfolioChanged, StoreNotice, StoreRestored } from '../../shared/ipc/channels'
import { MAX_STORE_BYTES } from '../../shared/ipc/request-schemas'
import type { Result } from '../../shared/ipc/result'
import { appHandlers } from './handlers/app-handlers'
import { portfolioHandlers } from './handlers/portfolio-handlers'
import { runHandlers } from './handlers/run-handlers'
import { runLibraryHandlers } from './handlers/run-library-handlers'
import { scenarioHandlers } from './handlers/scenario-handlers'
import { storeHandlers, type StoreControl } from './handlers/store-handlers'
import { studyHandlers } from './handlers/study-handlers'
import { whatifHandlers } from './handlers/whatif-handlers'
import { createDispatcher, senderCheck, type Dispatch } from './ipc/dispatcher'
import type { Runner } from './runs/run-protocol'
import { isProcessAlive } from './runs/process-owner'
import { createRunService, type RunService } from './runs/run-service'
import { defaultWorkers, type SpawnStudyWorker } from './studies/study-pool'
import { createStudyService, type StudyService } from './studies/study-service'
import type { PrintToPdf } from './services/run-report'
import { createScenarioCatalog } from './services/scenario-catalog'
import { createVenueCatalog } from './services/venue-catalog'
import { backupFileName, backupStore, discardCandidate, stageRestore, swapInRestore } from './store/backup'
import { IN_MEMORY, openStore, StoreError, type OpenedStore } from './store/database'
import { watchExternalChanges, type ExternalChangeWatch } from './store/external-changes'
import { listQuarantine } from './store/quarantine'
import { createPortfolioRepository } from './store/portfolio-repository'
import { createRunRepository } from './store/run-repository'
import { createScenarioRepository } from './store/scenario-repository'
import { createStudyRepository } from './store/study-repository'
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
  /**
   * Where a study's workers come from (utility processes in the app, threads elsewhere); without
   * it, study:start is accepted and the study ends at once as failed (no workers).
   */
  studyWorkers?: SpawnStudyWorker
  /** Workers of one study; default: one per core. */
  studyWorkerCount?: number
  /** How often to look for books changed by another process (the CLI); 0 looks only on `checkExternalChanges`. */
  externalChangesEveryMs?: number
  /** Prints a report page to PDF (the app: Electron's printToPDF); without it `run:report` refuses PDF. */
  printToPdf?: PrintToPdf
}

export interface Core {
  /** One invoke; never throws. `senderUrl` is the URL of the calling frame. */
  invoke(channel: string, payload: unknown, senderUrl: string): Promise<Result<unknown>>
  subscribe(listener: (event: string, payload: unknown) => void): () => void
  /** Resolves when no run or study is in flight. */
  idle(): Promise<void>
  /** Looks now for books another process changed, and tells subscribers. */
  checkExternalChanges(): void
  /**
   * Puts the store file at `path` in place of the open one, once it checks out as a Cascade store
   * (throws a StoreError otherwise, nothing replaced); the replaced file is kept, subscribers get
   * `store:replaced`.
   */
  replaceStore(path: string): StoreRestored
  close(): void
}

/** One run per core, at most 4: each run holds its crowd (hundreds of MB at 1M accounts). */
export function defaultRunSlots(): number {
  return Math.max(1, Math.min(4, availableParallelism()))
}

export function createCore(opts: CoreOptions): Core {
  const listeners = new Set<(event: string, payload: unknown) => void>()
  const emit = <E extends EventName>(event: E, payload: EventMap[E]) => listeners.forEach((l) => l(event, payload))
  const owner = `${process.pid}:${randomUUID()}`

  /** Everything that holds the store open; a restore closes one and opens the next. */
  interface Session {
    store: OpenedStore
    notices: StoreNotice[]
    service: RunService
    studies: StudyService
    external: ExternalChangeWatch
    dispatch: Dispatch
  }

  const openSession = (extraNotices: StoreNotice[] = []): Session => {
    const store = openStore(opts.databasePath)
    const venues = createVenueCatalog(`${opts.resourcesDir}/venues`, createVenueRepository(store.db))
    const portfolios = createPortfolioRepository(store.db)
    const savedScenarios = createScenarioRepository(store.db)
    const scenarios = createScenarioCatalog(`${opts.resourcesDir}/scenarios`, savedScenarios)
    const runs = createRunRepository(store.db)
    const service = createRunService(runs, opts.runner, emit, {
      owner,
      maxConcurrent: opts.maxConcurrentRuns ?? defaultRunSlots(),
      isOwnerGone: (o) => o !== owner && !isProcessAlive(o),
    })
    const studyRows = createStudyRepository(store.db)
    const studies = createStudyService(studyRows, emit, {
      owner,
      env: opts.studyWorkers ? { spawn: opts.studyWorkers, workers: opts.studyWorkerCount ?? defaultWorkers() } : null,
      isOwnerGone: (o) => o !== owner && !isProcessAlive(o),
    })
    const external = watchExternalChanges(store.db, (c) => emit('portfolio:changed', c), opts.externalChangesEveryMs ?? 1500)
    const changedHere = (c: PortfolioChanged) => {
      external.ownChange(c)
      emit('portfolio:changed', c)
    }
    const notices = [...extraNotices, ...store.notices]
    const info = (): AppInfo => ({ name: 'Cascade', version: opts.version, dataDir: opts.dataDir, databasePath: store.path, notices })
    const dispatch = createDispatcher(
      {
        ...appHandlers(info, venues),
        ...portfolioHandlers(portfolios, venues, `${opts.resourcesDir}/examples`, changedHere),
        ...scenarioHandlers(scenarios, savedScenarios, venues),
        ...runHandlers({ portfolios, scenarios, venues, runs, service }),
        ...studyHandlers({ portfolios, scenarios, venues, studies: studyRows, service: studies }),
        ...whatifHandlers(venues, scenarios),
        ...runLibraryHandlers({ runs, service, venues, version: opts.version, printToPdf: opts.printToPdf }),
        ...storeHandlers(control),
      },
      senderCheck(opts.trustedOrigins),
    )
    return { store, notices, service, studies, external, dispatch }
  }

  const closeSession = (s: Session) => {
    s.external.stop()
    s.service.close()
    s.studies.close()
    s.store.db.close()
  }

  const replaceStore = (candidate: string, fileName: string): StoreRestored => {
    const target = opts.databasePath
    const runs = session.service.busy()
    const studies = session.studies.busy()
    const busy = runs + studies
    const what = [runs ? `${runs} run${runs === 1 ? '' : 's'}` : '', studies ? `${studies} stud${studies === 1 ? 'y' : 'ies'}` : ''].filter(Boolean).join(' and ')
    if (busy > 0) throw new StoreError('invalid-backup', `${fileName} was not restored: ${what} ${busy === 1 ? 'is' : 'are'} in progress; wait for ${busy === 1 ? 'it' : 'them'} or cancel, then restore. Nothing was replaced.`)
    const old = session
    closeSession(old)
    const keptAs = swapInRestore(candidate, target, new Date())
    const restoredNotice: StoreNotice = {
      kind: 'store-restored',
      message: `The store was restored from ${fileName}.${keptAs ? ` The store it replaced was kept as ${keptAs}.` : ''}`,
      ...(keptAs ? { movedTo: keptAs } : {}),
    }
    try {
      session = openSession([restoredNotice])
    } catch (e) {
      // The checked file would not open after all: put the old store back, say so.
      discardCandidate(target)
      if (keptAs) {
        for (const suffix of ['', '-wal', '-shm']) if (existsSync(keptAs + suffix)) renameSync(keptAs + suffix, target + suffix)
      }
      session = openSession()
      throw new StoreError('invalid-backup', `${fileName} was not restored: it did not open (${(e as Error).message}). The previous store is back in use.`)
    }
    const portfolios = session.store.db.prepare<[], number>('SELECT count(*) FROM portfolios').pluck().get() ?? 0
    const restored: StoreRestored = { portfolios, keptAs, notices: session.notices }
    emit('store:replaced', restored)
    return restored
  }

  const control: StoreControl = {
    async backup() {
      if (session.store.path === IN_MEMORY) throw new StoreError('invalid-backup', 'This store lives in memory only; there is no file to back up.')
      const at = new Date()
      const dir = mkdtempSync(join(tmpdir(), 'cascade-backup-'))
      try {
        const file = join(dir, backupFileName(at))
        const { bytes } = await backupStore(session.store.db, file)
        if (bytes > MAX_STORE_BYTES) {
          throw new StoreError('invalid-backup', `The store is ${Math.round(bytes / 1024 / 1024)} MB, more than the app hands over (${MAX_STORE_BYTES / 1024 / 1024} MB); back it up with \`cascade backup FILE\`.`)
        }
        return { fileName: basename(file), base64: readFileSync(file).toString('base64'), bytes }
      } finally {
        rmSync(dir, { recursive: true, force: true })
      }
    },
    restore(bytes, fileName) {
      if (opts.databasePath === IN_MEMORY) throw new StoreError('invalid-backup', 'This store lives in memory only; there is no file to replace.')
      const { candidate } = stageRestore(opts.databasePath, fileName, (path) => writeFileSync(path, bytes, { flag: 'wx' }))
      try {
        return replaceStore(candidate, fileName)
      } finally {
        discardCandidate(candidate)
      }
    },
    quarantine: () => listQuarantine(session.store.db),
  }

  let session = openSession()

  return {
    invoke: (channel, payload, senderUrl) => session.dispatch(channel, payload, senderUrl),
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    idle: () => Promise.all([session.service.idle(), session.studies.idle()]).then(() => undefined),
    checkExternalChanges: () => session.external.check(),
    replaceStore(path) {
      const { candidate } = stageRestore(opts.databasePath, basename(path), (to) => copyFileSync(path, to, constants.COPYFILE_EXCL))
      try {
        return replaceStore(candidate, basename(path))
      } finally {
        discardCandidate(candidate)
      }
    },
    close: () => closeSession(session),
  }
}
