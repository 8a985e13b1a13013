// `npm run bench` is not run by the tests (timings are not assertions), so its inputs are checked
// here: every bench's book, venue and scenario are accepted by the engine as they are. Why: the
// sweep job kept running the hedge example on binance after the example moved to Hyperliquid, and
// the bench failed only when someone ran it.
import { describe, expect, it } from 'vitest'
import { createRun } from '../../shared/engine/cascade/run-cascade'
import { bigBook, bigBookInput } from '../../bench/big-books'
import { sweepJobInput } from '../../bench/sweep-job'

describe('bench inputs', () => {
  it('the sweep job: the hedge example on its own venue, the stretched preset', () => {
    const input = sweepJobInput()
    expect(input.venue.id).toBe(input.portfolio.venue)
    expect(() => createRun({ ...input, scenario: { ...input.scenario, crowd: { ...input.scenario.crowd, accounts: 50 } } })).not.toThrow()
  })

  it('the big books: 3 and 500 positions on binance', () => {
    for (const n of [3, 500]) {
      const input = bigBookInput(bigBook(n))
      expect(() => createRun({ ...input, scenario: { ...input.scenario, crowd: { ...input.scenario.crowd, accounts: 50 } } })).not.toThrow()
    }
  })
})
