// Runs report progress about every 1% of steps and stop at a progress point when asked
// (`shouldStop`), throwing CascadeCancelled (the worker host turns it into a cancelled run).
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
    expect(run).toThrow(CascadeCancelled)
    expect(calls).toBe(10)
    expect(lastStep).toBeLessThan(100)
  })

  it('CascadeCancelled is an Error with a name', () => {
    const e = new CascadeCancelled()
    expect(e).toBeInstanceOf(Error)
    expect(e.name).toBe('CascadeCancelled')
  })
})
