// One run's lifecycle on any worker (thread or process): send the job, forward progress, settle
// once on the result, a failure, an early exit or a cancel, and stop the worker when settled.
import type { RunResult } from '../../../shared/model/run'
import { RunCancelledError, type HostMessage, type RunHandle, type RunJob, type WorkerMessage } from './run-protocol'

export interface WorkerLike {
  post(m: HostMessage): void
  onMessage(listener: (m: WorkerMessage) => void): void
  onError(listener: (e: Error) => void): void
  onExit(listener: (code: number | null) => void): void
  kill(): void
}

export function supervise(worker: WorkerLike, job: RunJob, onProgress: (p: { step: number; steps: number; t: string }) => void): RunHandle {
  let cancel = () => {}
  const result = new Promise<RunResult>((resolve, reject) => {
    let settled = false
    const settle = (fn: () => void) => {
      if (settled) return
      settled = true
      fn()
      worker.kill()
    }
    cancel = () => settle(() => reject(new RunCancelledError()))
    worker.onMessage((m) => {
      if (m.type === 'progress') onProgress({ step: m.step, steps: m.steps, t: m.t })
      else if (m.type === 'done') settle(() => resolve(m.result))
      else settle(() => reject(new Error(m.message)))
    })
    worker.onError((e) => settle(() => reject(e)))
    worker.onExit((code) => settle(() => reject(new Error(`run worker exited (code ${code}) before finishing`))))
  })
  worker.post({ type: 'start', job })
  return { result, cancel: () => cancel() }
}
