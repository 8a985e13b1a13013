// Entry of a study worker: a worker thread (tests, e2e bridge), a child process (the CLI:
// study-processes.ts) or an Electron utilityProcess (the app). Messages: study-protocol.ts.
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
} else if (process.send) {
  const send = process.send.bind(process)
  const handle = studyWorker((out) => void send(out))
  process.on('message', (m: StudyHostMessage) => handle(m))
  // The CLI gone (killed, or its channel closed), this worker has no one to work for.
  process.on('disconnect', () => process.exit(0))
  // Ctrl-C reaches the whole process group: the CLI decides (it cancels, then stops its workers).
  process.on('SIGINT', () => {})
}
