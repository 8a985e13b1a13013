// Entry of the run worker: a worker thread (CLI, tests, e2e bridge) or an Electron utilityProcess
// (the app). Both hand it one `start` message; it answers with progress and a result.
import { parentPort } from 'node:worker_threads'
import { executeJob } from './run-job'
import type { HostMessage, WorkerMessage } from './run-protocol'

interface ElectronParentPort {
  on(event: 'message', listener: (e: { data: HostMessage }) => void): void
  postMessage(m: WorkerMessage): void
}

const electronPort = (process as unknown as { parentPort?: ElectronParentPort }).parentPort

if (parentPort) {
  const port = parentPort
  port.once('message', (m: HostMessage) => executeJob(m.job, (out) => port.postMessage(out)))
} else if (electronPort) {
  electronPort.on('message', (e) => executeJob(e.data.job, (out) => electronPort.postMessage(out)))
}
