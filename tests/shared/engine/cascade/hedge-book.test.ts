// The example hedge book under the 2025-10-10 preset. The story it was written for
// (docs/CRASH-MECHANICS.md §7, "the hedge that killed its owner": the DOGE short auto-deleveraged,
// then the unhedged BTC and ETH longs liquidated) happened for seed 42 only, and it needed one DOGE long of 28.7% of DOGE open interest (358M USD at 1.6x, beyond
// Binance's largest DOGE bracket of 200M) going bankrupt and draining the fund. Since the crowd
// keeps to the venue's brackets and to `crowd.maxAccountShare`, no crowd DOGE long goes bankrupt at
// seed 42, the short keeps its hedge and the book survives; over seeds 1-80 (20,000 traders) and
// 1-40 (100,000) the ADL never happens (resources/examples/README.md, "Outcome frequencies"). The
// story tests went with it (git history has them); they come back, stated as a frequency over
// seeds, once the example book is chosen from the mechanics on the venue whose ADL was massive that
// night. What seed 42 does now is held below.
import { describe, expect, it } from 'vitest'
import { runCascadeDetailed } from '../../../../shared/engine/cascade/run-cascade'
import { exampleBook, preset, profile } from './support'

describe('hedge book x 2025-10-10, seed 42, a crowd within the venue rules', () => {
  it('keeps its hedge and survives: no crowd DOGE long goes bankrupt, nothing is deleveraged', () => {
    const run = runCascadeDetailed({ portfolio: exampleBook('hedge-book'), venue: profile('binance'), lending: profile('aave-v3'), scenario: preset('2025-10-10') })
    const events = run.result.events
    expect(events.some((e) => e.kind === 'bankrupt' && e.account === 'crowd' && e.asset === 'DOGE')).toBe(false)
    expect(events.some((e) => e.account === 'user' && (e.kind === 'adl' || e.kind === 'liquidation'))).toBe(false)
    expect(run.result.summary.survived).toBe(true)
    expect(run.result.summary.finalEquity).toBe('1117500')
  }, 60_000)
})
