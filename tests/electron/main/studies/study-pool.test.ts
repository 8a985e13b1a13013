// The pool of study workers with workers faked in-process: outcomes come back in task order
// whatever the workers and the order they finish in; tasks that share a crowd go to one worker;
// an idle worker takes work from another's queue; a refused task, a lost worker and a close each
// end the run and stop every worker.
import { describe, expect, it } from 'vitest'
import { openPool, type StudyWorkerLike } from '../../../../electron/main/studies/study-pool'
import { StudyCancelledError, StudyTaskError, type StudyHostMessage, type StudyWorkerMessage } from '../../../../electron/main/studies/study-protocol'
import type { WhatIfBase } from '../../../../shared/engine/whatif'
import type { RunOutcome } from '../../../../shared/model/study'

const base = {} as WhatIfBase
const outcome = (seed: number): RunOutcome => ({ survived: seed % 2 === 0, finalEquity: String(seed), firstLiquidation: null, adl: [], liquidated: [], binding: null })

interface Fake extends StudyWorkerLike {
  seen: number[]
  killed: boolean
  exit(code: number): void
}

/** Workers that answer each task after a delay drawn from `delay`, or as `behave` says. */
function fakes(delay: (task: number, worker: number) => number, behave: (task: number, seed: number) => 'ok' | 'refuse' = () => 'ok') {
  const made: Fake[] = []
  const spawn = () => {
    const w = made.length
    let listener: (m: StudyWorkerMessage) => void = () => {}
    let onExit: (code: number | null) => void = () => {}
    const fake: Fake = {
      seen: [],
      killed: false,
      post(m: StudyHostMessage) {
        if (m.type !== 'task' || fake.killed) return
        fake.seen.push(m.seed)
        setTimeout(() => {
          if (fake.killed) return
          listener(behave(m.task, m.seed) === 'ok' ? { type: 'done', task: m.task, outcome: outcome(m.seed), ms: 1, crowd: 'reused' } : { type: 'failed', task: m.task, message: 'refused', issues: [{ path: 'set.x', message: 'no' }] })
        }, delay(m.seed, w))
      },
      onMessage: (l) => (listener = l),
      onError: () => {},
      onExit: (l) => (onExit = l),
      kill: () => void (fake.killed = true),
      exit: (code) => onExit(code),
    }
    made.push(fake)
    return fake
  }
  return { spawn, made }
}

const tasks = (n: number, affinity: (i: number) => number = (i) => i) => Array.from({ length: n }, (_, i) => ({ seed: i, set: {}, affinity: affinity(i), keep: true }))

describe('the study pool', () => {
  it('returns outcomes in task order, whatever the workers and the order they finish in', async () => {
    for (const size of [1, 2, 3, 7]) {
      const { spawn, made } = fakes((seed) => (seed * 7919) % 13)
      const pool = openPool(base, spawn, size)
      const progress: number[] = []
      const out = await pool.run(tasks(40), (done) => progress.push(done))
      expect(out.map((o) => o.finalEquity)).toEqual(Array.from({ length: 40 }, (_, i) => String(i)))
      expect(progress).toEqual(Array.from({ length: 40 }, (_, i) => i + 1))
      expect(made.map((w) => w.seen.length).reduce((a, b) => a + b, 0)).toBe(40)
      expect(pool.stats()).toMatchObject({ runs: 40, crowdsReused: 40 })
      pool.close()
      expect(made.every((w) => w.killed)).toBe(true)
    }
  })

  it('sends tasks that share a crowd to one worker, and an idle worker steals from the longest queue', async () => {
    const { spawn, made } = fakes(() => 1)
    const pool = openPool(base, spawn, 2)
    await pool.run(tasks(20, (i) => (i < 10 ? 0 : 1)))
    expect(made[0].seen).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9])
    expect(made[1].seen).toEqual([10, 11, 12, 13, 14, 15, 16, 17, 18, 19])
    // Every task with the same affinity: worker 1 has none of its own and takes from the tail.
    const slow = fakes((seed, w) => (w === 0 ? 5 : 1))
    const p2 = openPool(base, slow.spawn, 2)
    await p2.run(tasks(12, () => 0))
    expect(slow.made[1].seen.length).toBeGreaterThan(0)
    expect(slow.made[1].seen[0]).toBe(11)
    pool.close()
    p2.close()
  })

  it('a refused task ends the run with the findings and stops every worker', async () => {
    const { spawn, made } = fakes(() => 1, (_t, seed) => (seed === 5 ? 'refuse' : 'ok'))
    const pool = openPool(base, spawn, 3)
    await expect(pool.run(tasks(10))).rejects.toThrow(StudyTaskError)
    expect(made.every((w) => w.killed)).toBe(true)
    await expect(pool.run(tasks(2))).rejects.toThrow(StudyTaskError)
  })

  it('a worker that exits ends the run; close cancels it', async () => {
    const lost = fakes(() => 50)
    const p1 = openPool(base, lost.spawn, 2)
    const running = p1.run(tasks(4))
    lost.made[1].exit(3)
    await expect(running).rejects.toThrow(/a study worker exited \(code 3\)/)
    const slow = fakes(() => 1000)
    const p2 = openPool(base, slow.spawn, 2)
    const run = p2.run(tasks(4))
    p2.close()
    await expect(run).rejects.toThrow(StudyCancelledError)
    expect(slow.made.every((w) => w.killed)).toBe(true)
    await expect(p2.run(tasks(1))).rejects.toThrow(StudyCancelledError)
  })
})
