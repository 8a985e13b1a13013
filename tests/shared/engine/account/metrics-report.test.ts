// `computeMetrics`: the `cascade metrics` fields of docs/FORMATS.md §5.2 exactly, refusals that name the field.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { computeMetrics } from '../../../../shared/engine'
import { describeIssue } from '../../../../shared/model/issues'
import type { Portfolio } from '../../../../shared/model/portfolio'
import type { VenueProfile } from '../../../../shared/model/venue'
import { book, exchange, position, shippedProfile } from './support'

const example = (): Portfolio => JSON.parse(readFileSync(join(__dirname, '../../../fixtures/portfolios/formats-example.json'), 'utf8'))
const binance = exchange('binance')

function refusal(doc: Portfolio, venue: VenueProfile = binance, prices?: Record<string, string>): string[] {
  const r = computeMetrics(doc, venue, { prices })
  if (r.ok) throw new Error('expected a refusal')
  return r.issues.map(describeIssue)
}

describe('computeMetrics on the reference portfolio of docs/FORMATS.md §2.5', () => {
  const r = computeMetrics(example(), binance)
  if (!r.ok) throw new Error(JSON.stringify(r.issues))
  const m = r.value

  it('has exactly the fields of `cascade metrics` (plus adlQueue), every decimal a string', () => {
    expect(Object.keys(m)).toEqual(['account', 'positions', 'defi', 'adlQueue'])
    expect(Object.keys(m.account)).toEqual(['marginMode', 'walletBalance', 'unrealizedPnl', 'marginBalance', 'maintenanceMargin', 'marginRatio', 'uniMMR', 'effectiveLeverage', 'defiNetValue', 'equity'])
    for (const p of m.positions) {
      expect(Object.keys(p)).toEqual(['id', 'symbol', 'side', 'qty', 'notional', 'unrealizedPnl', 'mmr', 'maintenanceMargin', 'liquidationPrice', 'bankruptcyPrice', 'adl'])
      expect(Object.keys(p.adl)).toEqual(['score', 'lights'])
    }
    for (const d of m.defi) expect(Object.keys(d)).toEqual(['id', 'netValue', 'healthFactor', 'triggerPrices'])
    const bareNumbers = JSON.stringify(m).match(/"[a-zA-Z]+":\s*-?\d/g) ?? []
    expect(bareNumbers.filter((d) => !/"(lights|size|seed)"/.test(d))).toEqual([])
  })

  it('cross account: wallet net of the USDT loan, uniMMR null outside portfolio mode', () => {
    expect(m.account).toMatchObject({ marginMode: 'cross', walletBalance: '1900000', unrealizedPnl: '0', marginBalance: '1900000', uniMMR: null })
  })

  it('a position given by notional gets qty = notional / entryPrice', () => {
    expect(m.positions[1]).toMatchObject({ id: 'doge', qty: '2000000', notional: '500000', mmr: '0.02' })
  })

  it('the DeFi position and the loop both appear, the loop under its own id', () => {
    expect(m.defi.map((d) => d.id)).toEqual(['loop', 'usde'])
  })

  it('skips the schema pass for a document the caller has validated, with the same figures', () => {
    expect(computeMetrics(example(), binance, { validated: true })).toEqual(r)
  })
})

describe('prices', () => {
  it('caller prices override the portfolio\'s', () => {
    const r = computeMetrics(example(), binance, { prices: { BTC: '110000' } })
    expect(r.ok && r.value.positions[0].unrealizedPnl).toBe('-491760')
  })

  it('USDT and USDC are worth 1 through the profile\'s pegs unless a price is given', () => {
    const doc = book({ wallet: [{ asset: 'USDT', amount: '100' }, { asset: 'USDC', amount: '50' }] })
    expect(computeMetrics(doc, binance).ok && (computeMetrics(doc, binance) as { value: { account: { walletBalance: string } } }).value.account.walletBalance).toBe('150')
    const r = computeMetrics(doc, binance, { prices: { USDT: '0.99' } })
    expect(r.ok && r.value.account.walletBalance).toBe('149')
  })

  it('a price that does not exist is null, never a made-up number', () => {
    const doc = book({ prices: { BTC: '100000' }, wallet: [{ asset: 'USDT', amount: '1000000' }], positions: [position({ symbol: 'BTCUSDT', side: 'long', entryPrice: '100000' })] })
    const r = computeMetrics(doc, binance)
    expect(r.ok && r.value.positions[0]).toMatchObject({ liquidationPrice: null, bankruptcyPrice: null })
  })
})

describe('refusals name the field and what is expected', () => {
  it('unknown contract for the venue, listing the known ones', () => {
    const doc = example()
    doc.positions.push(position({ id: 'x', symbol: 'XYZUSDT', side: 'long', entryPrice: '1' }))
    expect(refusal(doc)).toEqual(['positions[2].symbol: unknown contract "XYZUSDT" for venue binance; known: BNBUSDT, BTCUSDT, DOGEUSDT, ETHUSDT, SOLUSDT'])
  })

  it('leverage above the bracket\'s maximum, with the allowed maximum', () => {
    const doc = example()
    doc.positions[0].leverage = '75' // 4,999,560 USDT is in bracket 4 (3M-12M): 50x
    expect(refusal(doc)).toEqual([
      'positions[0].leverage: at most 50x for BTCUSDT at this size, got 75x (notional 4,999,560 USDT is in bracket 4: 3,000,000 - 12,000,000)',
    ])
  })

  it('a notional above the largest bracket', () => {
    const doc = book({ prices: { BTC: '100000' }, positions: [position({ symbol: 'BTCUSDT', side: 'long', qty: '20000', entryPrice: '100000' })] })
    expect(refusal(doc)[0]).toMatch(/^positions\[0\]\.qty: notional 2,000,000,000 USDT at entry is above the largest bracket of BTCUSDT \(1,800,000,000\)/)
  })

  it('a missing price names the asset to add', () => {
    const doc = example()
    delete doc.prices.DOGE
    expect(refusal(doc)).toEqual(['prices.DOGE: missing: needed for positions[1] (DOGEUSDT); add it to prices'])
  })

  it('a zero price from the caller', () => {
    expect(refusal(example(), binance, { DOGE: '0' })).toEqual(['prices.DOGE: must be a positive price, got "0"'])
  })

  it('a zero price in the document', () => {
    const doc = example()
    doc.prices.DOGE = '0'
    expect(refusal(doc)).toEqual(['prices.DOGE: must be a positive decimal, got "0"'])
  })

  it('a missing price behind a peg names the end of the chain', () => {
    const doc = book({ wallet: [{ asset: 'WBETH', amount: '1' }] })
    expect(refusal(doc)).toEqual(['prices.ETH: missing: needed for wallet[0] (WBETH) (WBETH is pegged to ETH); add it to prices'])
  })

  it('an unknown DeFi asset for the protocol', () => {
    const doc = example()
    doc.defi[0].supplies.push({ asset: 'FOO', amount: '1' })
    doc.prices.FOO = '1'
    expect(refusal(doc)).toEqual(['defi[0].supplies[1].asset: unknown asset "FOO" for protocol aave-v3; known: USDC, USDT, USDe, WBTC, WETH, sUSDe'])
  })

  it('an unknown lending protocol', () => {
    const doc = example()
    doc.defi[0].protocol = 'compound'
    expect(refusal(doc)).toEqual(['defi[0].protocol: unknown protocol "compound" for venue binance; known: aave-v3'])
  })

  it('a loop above the protocol\'s LTV', () => {
    const doc = example()
    doc.loops[0].ltv = '0.95'
    expect(refusal(doc)).toEqual(['loops[0].ltv: 0.95 is above the maximum LTV 0.9 for USDe borrowing USDT on aave-v3 (e-mode 2 "sUSDe / USDe stablecoins")'])
  })

  it('portfolio margin on a venue without unified rules', () => {
    const doc = { ...book({ venue: 'hyperliquid' }), marginMode: 'portfolio' as const }
    expect(refusal(doc, shippedProfile('hyperliquid'))).toEqual(['marginMode: venue hyperliquid has no unified (portfolio) margin rules; use "cross" or "isolated"'])
  })

  it('an invalid document is refused by the portfolio validator first', () => {
    const doc = example() as unknown as { positions: { qty: string }[] }
    doc.positions[0].qty = '-3'
    expect(refusal(doc as unknown as Portfolio)).toEqual(['positions[0].qty: must be a positive decimal, got "-3"'])
  })

  it('every refusal at once, not one per call', () => {
    const doc = example()
    doc.positions[0].symbol = 'XYZUSDT'
    delete doc.prices.DOGE
    expect(refusal(doc)).toHaveLength(2)
  })
})

describe('explain', () => {
  it('is absent by default and names formula, source and parameters when asked for', () => {
    const r = computeMetrics(example(), binance, { explain: true })
    if (!r.ok) throw new Error('refused')
    const e = r.value.explain!
    expect(e['positions[0].maintenanceMargin']).toMatchObject({
      formula: expect.stringContaining('MM = notional x mmr - cum'),
      source: expect.stringContaining('docs/VENUE-RULES.md §1.2'),
      params: { bracket: 4, mmr: '0.01', cum: '12000', notionalFloor: '3000000', notionalCap: '12000000' },
    })
    expect(e['positions[0].liquidationPrice'].params).toMatchObject({ mode: 'cross', WB: '1900000', bracket: 4 })
    expect(e['account.marginRatio']).toBeDefined()
    expect(e['defi[1].healthFactor'].params.loop).toContain('T = C(1 - LTV^(n+1))/(1 - LTV)')
    expect(computeMetrics(example(), binance).ok && 'explain' in (computeMetrics(example(), binance) as { value: object }).value).toBe(false)
  })

  it.each(['cross', 'isolated', 'portfolio'] as const)('names a formula for every figure (%s margin)', (marginMode) => {
    const r = computeMetrics({ ...example(), marginMode }, binance, { explain: true })
    if (!r.ok) throw new Error(JSON.stringify(r.issues))
    const { explain, ...figures } = r.value
    const paths: string[] = []
    for (const k of Object.keys(figures.account)) if (k !== 'marginMode') paths.push(`account.${k}`)
    figures.positions.forEach((p, i) => {
      for (const k of Object.keys(p)) if (!['id', 'symbol', 'side'].includes(k)) paths.push(`positions[${i}].${k}`)
    })
    figures.defi.forEach((d, i) => {
      paths.push(`defi[${i}].healthFactor`)
      for (const a of Object.keys(d.triggerPrices)) paths.push(`defi[${i}].triggerPrices.${a}`)
    })
    for (const path of paths) expect(explain![path], path).toMatchObject({ formula: expect.any(String), source: expect.any(String) })
  })

  it('flags parameters the profile marks unconfirmed', () => {
    const r = computeMetrics(example(), binance, { explain: true })
    const e = r.ok ? r.value.explain! : {}
    expect(e['positions[1].mmr'].unconfirmed?.[0].path).toBe('contracts.DOGEUSDT.brackets')
    expect(e['positions[0].mmr'].unconfirmed).toBeUndefined()
  })
})
