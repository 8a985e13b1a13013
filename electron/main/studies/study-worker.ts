// Entry of a study worker: a worker thread (CLI, tests, e2e bridge) or an Electron utilityProcess
// (the app). Messages: study-protocol.ts.
import { parentPort } from 'node:worker_threads'
import { studyWorker } from './study-job'
import type { StudyHostMessage, StudyWorkerMessage } from './study-protocol'

interface ElectronParentPort {
  on(event: 'message', listener: (e: { data: StudyHostMessage }) => void): void
  postMessage(m: StudyWorkerMessage): void
}

const electronPort = (process as unknown as { parentPort?: ElectronParentPort }).parentPort

if (parentPort) {
  const port = parentPort
  const handle = studyWorker((out) => port.postMessage(out))
  port.on('message', (m: StudyHostMessage) => handle(m))
} else if (electronPort) {
  const port = electronPort
  const handle = studyWorker((out) => port.postMessage(out))
  port.on('message', (e) => handle(e.data))
}
