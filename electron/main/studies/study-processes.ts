// Study workers as Node child processes (the CLI). Each has a V8 of its own, so a pool that fills
// every core can run its workers without the garbage collector's helper threads: beside a second
// worker those helpers only take turns on the same cores, and the runs of two workers on two cores
// went about 10% faster without them (docs/DECISIONS.md §8). Tests and the e2e bridge use threads
// (study-threads.ts); the app forks utility processes (electron/main/index.ts).
import { fork } from 'node:child_process'
import { availableParallelism } from 'node:os'
import type { StudyHostMessage, StudyWorkerMessage } from './study-protocol'
import type { SpawnStudyWorker } from './study-pool'

export interface StudyProcessOptions {
  /** `--single-threaded-gc` for each worker: when the pool has a worker per core or more. */
  singleThreadedGc: boolean
}

/** `entry` is study-worker.ts (loaded through tsx) or its built .cjs. */
export function processStudyWorkers(entry: string, opts: StudyProcessOptions): SpawnStudyWorker {
  const needsTsx = entry.endsWith('.ts') && !process.execArgv.some((a) => a.includes('tsx'))
  // The CLI's own flags, less the inspector's (each worker would ask for the same port and fail).
  const inherited = process.execArgv.filter((a) => !/^--(inspect|debug)/.test(a))
  const execArgv = [...inherited, ...(needsTsx ? ['--import', 'tsx'] : []), ...(opts.singleThreadedGc ? ['--single-threaded-gc'] : [])]
  return () => {
    // stdout ignored: a worker has nothing to say there, and the CLI's stdout is its JSON.
    const child = fork(entry, [], { execArgv, serialization: 'advanced', stdio: ['ignore', 'ignore', 'inherit', 'ipc'] })
    return {
      post: (m: StudyHostMessage) => void child.send(m),
      onMessage: (l) => child.on('message', (m) => l(m as StudyWorkerMessage)),
      onError: (l) => child.on('error', l),
      onExit: (l) => child.on('exit', (code) => l(code)),
      kill: () => void child.kill(),
    }
  }
}

/** The CLI's pool of `workers`: without the collector's helper threads once they fill every core. */
export function poolStudyWorkers(entry: string, workers: number): SpawnStudyWorker {
  return processStudyWorkers(entry, { singleThreadedGc: workers >= availableParallelism() })
}
