// Runs report progress about every 1% of steps and stop at a progress point when asked
// (`shouldStop`), throwing CascadeCancelled. The app and the CLI do not use `shouldStop`: they
// cancel a run by stopping its worker (electron/main/runs/supervise.ts, tested in run-flow and
// run-service); this hook is the engine's own way to stop an in-thread run.
import { describe, expect, it } from 'vitest'
import { CascadeCancelled, runCascade } from '../../../../shared/engine/cascade'
import { exampleBook, miniScenario, profile } from './support'

const input = () => ({ portfolio: exampleBook('hedge-book'), venue: profile('binance'), scenario: miniScenario({ accounts: 300 }) })

describe('progress and cancellation', () => {
  it('reports progress about every 1% of steps, ending at the last step', () => {
    const seen: { step: number; steps: number; t: string }[] = []
    runCascade(input(), { onProgress: (p) => seen.push(p) })
    expect(seen.length).toBeGreaterThanOrEqual(100)
    expect(seen.length).toBeLessThanOrEqual(102)
    expect(seen[0]).toEqual({ step: 0, steps: 900, t: '2025-10-10T20:00:00Z' })
    expect(seen[seen.length - 1]).toEqual({ step: 900, steps: 900, t: '2025-10-10T20:30:00Z' })
    for (let i = 1; i < seen.length; i++) expect(seen[i].step).toBeGreaterThan(seen[i - 1].step)
  })

  it('stops when shouldStop says so, at the next progress point', () => {
    let calls = 0
    let lastStep = -1
    const run = () =>
      runCascade(input(), {
        onProgress: (p) => {
          lastStep = p.step
        },
        shouldStop: () => ++calls >= 10,
      })
    let thrown: unknown
    try {
      run()
    } catch (e) {
      thrown = e
    }
    expect(thrown).toBeInstanceOf(CascadeCancelled)
    expect(thrown).toMatchObject({ name: 'CascadeCancelled', message: 'cascade run cancelled' })
    expect(calls).toBe(10)
    // The 10th progress point of 900 steps reported about every 9: stopped there, not at the end.
    expect(lastStep).toBeGreaterThan(0)
    expect(lastStep).toBeLessThan(100)
  })

  it('is not asked to stop before the first progress point, and runs to the end when never told to', () => {
    let calls = 0
    const seen: number[] = []
    const r = runCascade(input(), { onProgress: (p) => seen.push(p.step), shouldStop: () => (calls++, false) })
    expect(calls).toBe(seen.length)
    expect(seen[seen.length - 1]).toBe(900)
    expect(r.summary.steps).toBe(900)
  })
})
