// A venue whose cross and isolated accounts take only some assets as margin (the profile's
// `marginAssets`; Hyperliquid's perpetuals: USDC) refuses a wallet row of another asset, with its
// path, whoever asks: the book check behind validate, import and save, the exact metrics, a run's
// preparation, and a what-if that adds the asset (named by its axis). A venue without the field
// counts every asset at its price, as before.
import { describe, expect, it } from 'vitest'
import { checkBook } from '../../../../shared/engine/account/book-check'
import { computeMetrics } from '../../../../shared/engine/account/metrics-report'
import { prepareWhatIf } from '../../../../shared/engine/whatif'
import { exampleBook, preset, profile } from '../cascade/support'

const hedge = exampleBook('hedge-book')
const message = (asset: string) => `"${asset}" is not margin on venue hyperliquid: its cross accounts take USDC`

describe("a venue's margin assets", () => {
  it('Hyperliquid refuses USDT and BTC in a cross wallet, each by its path; USDC is margin', () => {
    const book = { ...hedge, wallet: [{ asset: 'USDC', amount: '700000' }, { asset: 'USDT', amount: '1' }, { asset: 'BTC', amount: '1' }] }
    expect(checkBook(book, profile('hyperliquid'))).toEqual([
      { path: 'wallet[1].asset', message: message('USDT') },
      { path: 'wallet[2].asset', message: message('BTC') },
    ])
    expect(checkBook(hedge, profile('hyperliquid'))).toEqual([])
    const metrics = computeMetrics(book, profile('hyperliquid'))
    expect(metrics.ok).toBe(false)
    if (!metrics.ok) expect(metrics.issues.map((i) => i.path)).toEqual(['wallet[1].asset', 'wallet[2].asset'])
  })

  it('a what-if adding collateral the venue does not take is refused by its axis; USDC is added', () => {
    const base = { portfolio: hedge, venue: profile('hyperliquid'), lending: profile('aave-v3'), scenario: preset('2025-10-10-hyperliquid') }
    const usdt = prepareWhatIf(base, { 'collateral:USDT': '100000' })
    expect(usdt.ok).toBe(false)
    if (!usdt.ok) expect(usdt.issues.map((i) => i.path)).toContain('set.collateral:USDT')
    expect(prepareWhatIf(base, { 'collateral:USDC': '100000' }).ok).toBe(true)
  })

  it('a venue without the field takes every asset at its price (Binance cross)', () => {
    const book = { ...hedge, venue: 'binance', wallet: [{ asset: 'USDT', amount: '700000' }, { asset: 'BTC', amount: '1' }], positions: hedge.positions.map((p) => ({ ...p, symbol: `${p.symbol}USDT` })) }
    expect(checkBook(book, profile('binance'))).toEqual([])
  })
})
