// The example hedge book (resources/examples/README.md): the story of docs/CRASH-MECHANICS.md §7 on the
// venue whose ADL was massive on 2025-10-10, Hyperliquid. Its book is chosen from the mechanics:
// ETH and SOL long with a BTC short as the hedge; hedged, it survives the night's troughs; once its
// BTC short is deleveraged it does not, and BTC is where that night's ADL, asset by asset, was
// largest. The story's frequency comes from the venue's own crowd and books (the venue preset);
// under the market-wide preset some of the liquidator's sub-vaults run dry and the crowd is
// deleveraged, but the book's short is not reached: what is held here is the first half, the hedge
// works.
import { describe, expect, it } from 'vitest'
import { runCascadeDetailed } from '../../../../shared/engine/cascade/run-cascade'
import { exampleBook, preset, profile } from './support'

describe('hedge book on Hyperliquid x 2025-10-10 (market-wide), seed 42', () => {
  it('keeps its hedge and survives: none of its positions is deleveraged', () => {
    const book = exampleBook('hedge-book')
    expect(book.venue).toBe('hyperliquid')
    const run = runCascadeDetailed({ portfolio: book, venue: profile('hyperliquid'), lending: profile('aave-v3'), scenario: preset('2025-10-10') })
    const s = run.result.summary
    expect(s.insuranceFundSource).toBe('venue')
    expect(s.insuranceFunds.map((f) => f.id)).toEqual(['hlp-liquidator', 'hlp-liquidator-btc', 'hlp-liquidator-eth', 'hlp-liquidator-sol', 'hlp-liquidator-doge'])
    expect(s.crowd.adlCount).toBeGreaterThan(0)
    expect(run.result.events.some((e) => e.account === 'user' && (e.kind === 'adl' || e.kind === 'liquidation'))).toBe(false)
    expect(s.survived).toBe(true)
    expect(s.startEquity).toBe('700000')
    // The BTC short paid for the longs' fall at the trough: the book's low equity stays above nothing.
    expect(Math.min(...run.result.series.user.equity)).toBeGreaterThan(0)
  }, 60_000)
})
