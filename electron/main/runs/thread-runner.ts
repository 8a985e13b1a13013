// Runs jobs in Node worker threads (CLI, tests, the e2e bridge). Cancel terminates the thread: the
// engine is synchronous, so stopping it from outside is the only way that never waits on it.
import { Worker } from 'node:worker_threads'
import type { Runner } from './run-protocol'
import { supervise } from './supervise'

/** `entry` is run-worker.ts (loaded through tsx) or its built .cjs. */
export function createThreadRunner(entry: string): Runner {
  const needsTsx = entry.endsWith('.ts') && !process.execArgv.some((a) => a.includes('tsx'))
  const execArgv = needsTsx ? [...process.execArgv, '--import', 'tsx'] : process.execArgv
  return (job, onProgress) => {
    const worker = new Worker(entry, { execArgv })
    return supervise(
      {
        post: (m) => worker.postMessage(m),
        onMessage: (l) => worker.on('message', l),
        onError: (l) => worker.on('error', l),
        onExit: (l) => worker.on('exit', l),
        kill: () => void worker.terminate(),
      },
      job,
      onProgress,
    )
  }
}
