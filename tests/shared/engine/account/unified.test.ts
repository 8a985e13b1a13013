// Tiered collateral and uniMMR (docs/VENUE-RULES.md §3), read like the venues' worked examples.
import { describe, expect, it } from 'vitest'
import { adjustedValueText, computeMetrics } from '../../../../shared/engine'
import { book, D, exchange, position } from './support'

describe('collateral haircuts', () => {
  it('Binance: "1 BTC in the Margin Wallet, 1 BTC in the USDⓈ-M Wallet, and 1 BTC in the COIN-M Wallet ... 3 BTC x 0.95 = 2.85 BTC"', () => {
    expect(adjustedValueText([{ ratio: '0.95' }], '3', '1')).toBe('2.85')
  })

  it('Bitget, tiers by value: "11,000,000 USDT -> 5,000,000 x 1 + 5,000,000 x 0.98 + 1,000,000 x 0.975 = 10,875,000 USD"', () => {
    const usdt = [{ upToValue: '5000000', ratio: '1' }, { upToValue: '10000000', ratio: '0.98' }, { ratio: '0.975' }]
    expect(adjustedValueText(usdt, '11000000', '1')).toBe('10875000')
  })

  it('Bitget, tiers by quantity: "60,000 APT ... 50,000 APT ratio 0.8, remaining 10,000 APT ratio 0" (+ 1 BTC at 50,000) = 90,000 USD', () => {
    const apt = adjustedValueText([{ upToQty: '50000', ratio: '0.8' }, { ratio: '0' }], '60000', '1')
    const btc = adjustedValueText([{ ratio: '1' }], '1', '50000')
    expect(new D(apt).add(btc).toFixed()).toBe('90000')
  })

  it('Bybit illustrative BTC tiers: 25 BTC = 10 x 0.98 + 10 x 0.95 + 5 x 0.9 = 23.8 BTC', () => {
    const bybit = exchange('bybit')
    expect(adjustedValueText(bybit.collateral.BTC, '25', '1')).toBe('23.8')
  })

  it('a negative balance counts at 100% ("haircut applies only to positive balances")', () => {
    expect(adjustedValueText([{ ratio: '0.5' }], '-10', '2')).toBe('-20')
  })

  it('a balance exactly at a tier bound takes none of the next tier', () => {
    const tiers = [{ upToValue: '200000', ratio: '1' }, { ratio: '0.8' }]
    expect(adjustedValueText(tiers, '200000', '1')).toBe('200000')
    expect(adjustedValueText(tiers, '200001', '1')).toBe('200000.8')
  })
})

describe('uniMMR', () => {
  const binance = exchange('binance')
  const doc = book({
    marginMode: 'portfolio',
    prices: { BTC: '100000', ETH: '4000' },
    wallet: [{ asset: 'BTC', amount: '10' }, { asset: 'USDT', amount: '100000' }],
    loans: [{ asset: 'USDT', amount: '300000' }],
    positions: [position({ id: 'eth', symbol: 'ETHUSDT', side: 'long', qty: '100', entryPrice: '4000' })],
  })

  it('no liquidation price when the position alone cannot use up the equity (null, not a made-up number)', () => {
    const r = computeMetrics(doc, binance)
    expect(r.ok && r.value.positions[0].liquidationPrice).toBeNull()
  })

  it('= sum(adjusted equity) / sum(MM): BTC at 0.95, the USDT debt at 100%, MM of the position and the loan', () => {
    const r = computeMetrics(doc, binance)
    if (!r.ok) throw new Error(JSON.stringify(r.issues))
    // adjusted: 10 x 100,000 x 0.95 - 200,000 = 750,000; MM: 400,000 x 0.5% - 300 + 300,000 x 0.1 = 31,700.
    expect(r.value.account.maintenanceMargin).toBe('31700')
    expect(r.value.account.uniMMR).toBe(new D('750000').div('31700').toFixed())
  })

  it('the liquidation price is where uniMMR reaches the profile\'s 1.05', () => {
    const big = { ...doc, positions: [position({ id: 'eth', symbol: 'ETHUSDT', side: 'long', qty: '1000', entryPrice: '4000' })] }
    const r = computeMetrics(big, binance)
    const lp = r.ok ? (r.value.positions[0].liquidationPrice as string) : ''
    expect(new D(lp).lt('4000')).toBe(true)
    const at = computeMetrics(big, binance, { prices: { ETH: lp } })
    const uni = at.ok ? new D(at.value.account.uniMMR as string) : new D('0')
    expect(uni.sub('1.05').abs().lt('1e-25')).toBe(true)
  })

  it('a hedged account can be liquidated by a rise: a small long against a large BTC loan', () => {
    const hedged = book({
      marginMode: 'portfolio',
      prices: { BTC: '100000' },
      wallet: [{ asset: 'USDT', amount: '2500000' }],
      loans: [{ asset: 'BTC', amount: '20' }],
      positions: [position({ id: 'btc', symbol: 'BTCUSDT', side: 'long', qty: '5', entryPrice: '100000' })],
    })
    const r = computeMetrics(hedged, binance, { explain: true })
    if (!r.ok) throw new Error(JSON.stringify(r.issues))
    expect(new D(r.value.positions[0].liquidationPrice as string).gt('100000')).toBe(true)
    expect(r.value.explain!['positions[0].liquidationPrice'].params.direction).toBe('up')
  })

  it('an asset with no tiers uses the default collateral rate (Binance: 0.1)', () => {
    const r = computeMetrics(book({ marginMode: 'portfolio', prices: { XYZ: '10' }, wallet: [{ asset: 'XYZ', amount: '100' }] }), binance, { explain: true })
    expect(r.ok && r.value.explain!['account.uniMMR'].params.XYZ).toBe('units 100, value 1000, adjusted 100 (default ratio)')
  })

  it('is refused for an asset without tiers when the venue has no default rate', () => {
    const r = computeMetrics(book({ venue: 'bybit', marginMode: 'portfolio', prices: { XYZ: '10' }, wallet: [{ asset: 'XYZ', amount: '100' }] }), exchange('bybit'))
    expect(!r.ok && r.issues[0]).toEqual({ path: 'wallet[0].asset', message: '"XYZ" has no collateral ratio on venue bybit (no collateral tiers and no unified.defaultCollateralRatio)' })
  })
})

// A staking token the profile pegs to its asset (BNSOL to SOL) moves with that asset when a price
// of it is solved for: the Book tab's SOL prices once held BNSOL at today's price, and read a
// market maker's SOL short as bankrupt at 0.44 USD when the account fails near 56.5.
describe('prices of a base asset carry what the profile pegs to it', () => {
  const binance = exchange('binance')
  // BNSOL is priced by the peg (220 x 1.06 = 233.2): 100 BNSOL, a 15,000 USDT loan, 50 SOL short at 220.
  const doc = book({
    marginMode: 'portfolio',
    prices: { SOL: '220' },
    wallet: [{ asset: 'BNSOL', amount: '100' }],
    loans: [{ asset: 'USDT', amount: '15000' }],
    positions: [position({ id: 'sol', symbol: 'SOLUSDT', side: 'short', qty: '50', entryPrice: '220' })],
  })

  it('bankruptcy: 100 x 1.06 x p - 50 x (p - 220) - 15,000 = 0 at p = 4,000 / 56 (BNSOL held: 386.4, up)', () => {
    const r = computeMetrics(doc, binance)
    if (!r.ok) throw new Error(JSON.stringify(r.issues))
    expect(new D(r.value.positions[0].bankruptcyPrice as string).sub(new D(4000).div(56)).abs().lt('1e-24')).toBe(true)
  })

  /** The liquidation price the Book tab gives, and uniMMR with SOL there (BNSOL following by its peg). */
  function uniMmrAtLiquidation(profile: typeof binance): { lp: number; gap: InstanceType<typeof D> } {
    const r = computeMetrics(doc, profile)
    if (!r.ok) throw new Error(JSON.stringify(r.issues))
    const lp = r.value.positions[0].liquidationPrice as string
    const at = computeMetrics({ ...doc, prices: { SOL: lp } }, profile)
    if (!at.ok) throw new Error(JSON.stringify(at.issues))
    return { lp: Number(lp), gap: new D(at.value.account.uniMMR as string).sub(profile.unified?.liquidationRatio as string).abs() }
  }

  it('liquidation: at the price it gives (BNSOL following by its peg), uniMMR is the profile ratio', () => {
    const { lp, gap } = uniMmrAtLiquidation(binance)
    expect(lp).toBeLessThan(220)
    expect(gap.lt('1e-20')).toBe(true)
  })

  it('the same with BNSOL tiered by quantity (its units hold, its price moves: a line in the SOL price)', () => {
    const { lp, gap } = uniMmrAtLiquidation({ ...binance, collateral: { ...binance.collateral, BNSOL: [{ upToQty: '50', ratio: '0.95' }, { ratio: '0.8' }] } })
    expect(lp).toBeLessThan(220)
    expect(gap.lt('1e-20')).toBe(true)
  })
})
