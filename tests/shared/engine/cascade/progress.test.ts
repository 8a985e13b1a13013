// Runs report progress about every 1% of steps. Cancelling stops the run's worker
// (electron/main/runs/supervise.ts, tested in run-flow and run-service), so the engine needs no
// stop hook of its own.
import { describe, expect, it } from 'vitest'
import { runCascade } from '../../../../shared/engine/cascade'
import { exampleBook, miniScenario, profile } from './support'

const input = () => ({ portfolio: exampleBook('hedge-book'), venue: profile('hyperliquid'), scenario: miniScenario({ accounts: 300 }) })

describe('progress', () => {
  it('reports progress about every 1% of steps, ending at the last step', () => {
    const seen: { step: number; steps: number; t: string }[] = []
    runCascade(input(), { onProgress: (p) => seen.push(p) })
    expect(seen.length).toBeGreaterThanOrEqual(100)
    expect(seen.length).toBeLessThanOrEqual(102)
    expect(seen[0]).toEqual({ step: 0, steps: 900, t: '2025-10-10T20:00:00Z' })
    expect(seen[seen.length - 1]).toEqual({ step: 900, steps: 900, t: '2025-10-10T20:30:00Z' })
    for (let i = 1; i < seen.length; i++) expect(seen[i].step).toBeGreaterThan(seen[i - 1].step)
  })
})
