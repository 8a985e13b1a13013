// Study workers as Node worker threads (CLI, tests, the e2e bridge); the app forks utility
// processes instead (electron/main/index.ts).
import { Worker } from 'node:worker_threads'
import type { SpawnStudyWorker } from './study-pool'

/** `entry` is study-worker.ts (loaded through tsx) or its built .cjs. */
export function threadStudyWorkers(entry: string): SpawnStudyWorker {
  const needsTsx = entry.endsWith('.ts') && !process.execArgv.some((a) => a.includes('tsx'))
  const execArgv = needsTsx ? [...process.execArgv, '--import', 'tsx'] : process.execArgv
  return () => {
    const worker = new Worker(entry, { execArgv })
    return {
      post: (m) => worker.postMessage(m),
      onMessage: (l) => worker.on('message', l),
      onError: (l) => worker.on('error', l),
      onExit: (l) => worker.on('exit', l),
      kill: () => void worker.terminate(),
    }
  }
}
