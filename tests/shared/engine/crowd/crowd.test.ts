// The synthetic population (docs/MODEL.md §4): deterministic, calibrated to open interest, cohorts
// built by the closed forms of docs/VENUE-RULES.md §4.3, and liquidation indexes that are sorted, complete
// and crossed by a moving cursor.
import { describe, expect, it } from 'vitest'
import {
  COHORT,
  LEG_KIND,
  generateCrowd,
  loopTotals,
  startPricesOf,
  unifiedCoverage,
  type Crowd,
  type CrowdLegs,
} from '../../../../shared/engine/crowd'
import { compensatedSum } from '../../../../shared/engine/crowd/distributions'
import { longCount } from '../../../../shared/engine/crowd/perp-traders'
import type { Scenario } from '../../../../shared/model/scenario'
import { validateScenario } from '../../../../shared/schemas/scenario'

function scenario(crowd: Record<string, unknown> = {}): Scenario {
  const doc = {
    format: 'cascade.scenario/1',
    id: 'crowd-test',
    name: 'Crowd test',
    start: '2025-10-10T20:00:00Z',
    end: '2025-10-10T22:30:00Z',
    step: '1s',
    prices: { BTC: '122000', ETH: '4350', SOL: '220', DOGE: '0.25' },
    pegs: { USDe: { to: 'USD', ratio: '1' }, WBETH: { to: 'ETH', ratio: '1.08' } },
    collateralPricing: 'book',
    insuranceFund: '400000000',
    crowd: {
      accounts: 20_000,
      longShare: '0.87',
      seed: 42,
      contracts: {
        BTCUSDT: { base: 'BTC', openInterest: '40000000000', leverage: { median: '12', sigma: '0.8', min: '1', max: '100' } },
        ETHUSDT: { base: 'ETH', openInterest: '25000000000', longShare: '0.85' },
        SOLUSDT: { base: 'SOL', openInterest: '8000000000', maintenanceMarginRate: '0.01', leverage: { median: '8', sigma: '0.7', min: '1', max: '50' } },
        DOGEUSDT: { base: 'DOGE', openInterest: '3000000000', accountShare: '0.3', maintenanceMarginRate: '0.01', leverage: { median: '8', sigma: '0.7', min: '1', max: '50' } },
      },
      loopers: { accounts: 500, capital: '1500000000', asset: 'USDe', borrow: 'USDT', ltv: { min: '0.75', max: '0.9' }, loops: { min: 3, max: 5 }, liquidationThreshold: '0.93' },
      whales: {
        accounts: 40,
        collateralValue: '3000000000',
        collateral: { SOL: '0.5', DOGE: '0.5' },
        loanLtv: { min: '0.4', max: '0.6' },
        liquidationThreshold: '0.75',
        loop: { asset: 'USDe', ltv: { min: '0.8', max: '0.88' }, loops: { min: 3, max: 5 }, liquidationThreshold: '0.93' },
      },
      marketMakers: {
        accounts: 25,
        inventoryValue: '2000000000',
        inventory: { SOL: '0.4', DOGE: '0.3', WBETH: '0.2', USDe: '0.1' },
        leverage: { min: '1.5', max: '2.5' },
        collateralRates: { SOL: '0.8', DOGE: '0.7', WBETH: '0.9', USDe: '0.95' },
        liquidationRatio: '1.05',
      },
      ...crowd,
    },
  }
  const r = validateScenario(doc)
  if (!r.ok) throw new Error(JSON.stringify(r.issues))
  return r.value
}

const COLUMNS: (keyof CrowdLegs)[] = ['account', 'cohort', 'kind', 'asset', 'contract', 'side', 'qty', 'entry', 'margin', 'debt', 'maintenance', 'haircut', 'liqPrice', 'bankruptcyPrice', 'forcesAccount', 'status']

function bytes(c: Crowd): Uint8Array[] {
  return [...COLUMNS.map((k) => new Uint8Array(c.legs[k].buffer)), new Uint8Array(c.accountOffsets.buffer), ...c.indexes.map((i) => new Uint8Array(i.legs.buffer))]
}

describe('determinism', () => {
  it('same seed -> identical arrays, byte for byte', () => {
    const a = bytes(generateCrowd(scenario()))
    const b = bytes(generateCrowd(scenario()))
    expect(a.length).toBe(b.length)
    a.forEach((col, i) => expect(Buffer.from(col).equals(Buffer.from(b[i]))).toBe(true))
  })

  it('another seed -> another crowd with the same calibration', () => {
    const a = generateCrowd(scenario())
    const b = generateCrowd(scenario(), { seed: 7 })
    expect(Buffer.from(a.legs.qty.buffer).equals(Buffer.from(b.legs.qty.buffer))).toBe(false)
    expect(b.seed).toBe(7)
  })

  it('resizing a cohort leaves the perpetual traders unchanged (named streams)', () => {
    const a = generateCrowd(scenario())
    const b = generateCrowd(scenario({ loopers: undefined }))
    const perps = a.contracts.reduce((s, c) => s + c.accounts, 0)
    expect(Buffer.from(a.legs.qty.buffer, 0, perps * 8).equals(Buffer.from(b.legs.qty.buffer, 0, perps * 8))).toBe(true)
  })
})

describe('perpetual traders', () => {
  const s = scenario()
  const crowd = generateCrowd(s)
  const prices = startPricesOf(s)
  const { legs } = crowd

  it('splits the accounts over contracts by open interest or the given share', () => {
    expect(crowd.contracts.map((c) => c.symbol)).toEqual(['BTCUSDT', 'DOGEUSDT', 'ETHUSDT', 'SOLUSDT'])
    expect(crowd.contracts.reduce((s, c) => s + c.accounts, 0)).toBe(20_000)
    expect(crowd.contracts.find((c) => c.symbol === 'DOGEUSDT')!.accounts).toBeGreaterThan(5000)
  })

  it('calibrates total notional at start prices to the open interest within 1e-9, and the long share exactly', () => {
    for (const c of crowd.contracts) {
      const notional = new Float64Array(c.accounts)
      const longNotional: number[] = []
      let longs = 0
      for (let k = 0; k < c.accounts; k++) {
        const i = c.firstLeg + k
        expect(legs.contract[i]).toBe(crowd.contracts.indexOf(c))
        notional[k] = legs.qty[i] * prices[c.asset]
        if (legs.side[i] > 0) {
          longs++
          longNotional.push(notional[k])
        }
      }
      const total = compensatedSum(notional)
      expect(Math.abs(total / c.openInterest - 1)).toBeLessThan(1e-9)
      expect(Math.abs(compensatedSum(longNotional) / total - c.longShare)).toBeLessThan(1e-9)
      expect(Math.abs(longs / c.accounts - c.longShare)).toBeLessThanOrEqual(0.5 / c.accounts + 1e-12)
    }
  })

  it('every trader is alive at start: longs liquidate below it, shorts above, bankruptcy beyond', () => {
    for (const c of crowd.contracts) {
      const p0 = prices[c.asset]
      for (let i = c.firstLeg; i < c.firstLeg + c.accounts; i++) {
        const side = legs.side[i]
        expect(side * (p0 - legs.liqPrice[i])).toBeGreaterThan(0)
        expect(side * (legs.liqPrice[i] - legs.bankruptcyPrice[i])).toBeGreaterThanOrEqual(-1e-12 * p0)
        // Leverage stays within the contract's range.
        const leverage = (legs.qty[i] * legs.entry[i]) / legs.margin[i]
        expect(leverage).toBeGreaterThanOrEqual(1 - 1e-9)
        expect(leverage).toBeLessThanOrEqual((c.symbol === 'BTCUSDT' || c.symbol === 'ETHUSDT' ? 100 : 50) + 1e-9)
      }
    }
  })

  it('follows the Binance isolated formula: at the liquidation price, equity = maintenance margin', () => {
    for (let i = 0; i < 200; i++) {
      const p = legs.liqPrice[i]
      const equity = legs.margin[i] + legs.side[i] * legs.qty[i] * (p - legs.entry[i])
      expect(equity).toBeCloseTo(legs.qty[i] * p * legs.maintenance[i], 6)
    }
  })

  it('sizes are heavy-tailed: the top 1% holds far more than 1% of the notional', () => {
    const c = crowd.contracts[0]
    const q = Array.from(legs.qty.subarray(c.firstLeg, c.firstLeg + c.accounts)).sort((a, b) => b - a)
    const top = q.slice(0, Math.ceil(q.length / 100)).reduce((s, v) => s + v, 0)
    expect(top / q.reduce((s, v) => s + v, 0)).toBeGreaterThan(0.1)
  })

  it('keeps both sides when the share allows', () => {
    expect(longCount(2, 0.99)).toBe(1)
    expect(longCount(10, 0.87)).toBe(9)
    expect(longCount(10, 1)).toBe(10)
    expect(longCount(10, 0)).toBe(0)
  })
})

describe('cohorts', () => {
  const s = scenario()
  const crowd = generateCrowd(s)
  const prices = startPricesOf(s)
  const { legs } = crowd
  const rows = (cohort: number) => Array.from({ length: crowd.legCount }, (_, i) => i).filter((i) => legs.cohort[i] === cohort)
  const usde = crowd.assets.indexOf('USDe')

  it('loop closed form of docs/VENUE-RULES.md §4.3: 100,000 at 80% LTV, 5 loops', () => {
    const { supplied, debt } = loopTotals(100_000, 0.8, 5)
    expect(supplied).toBeCloseTo(368_928, 6)
    expect(debt).toBeCloseTo(268_928, 6)
    // Depeg trigger p* = D / (T LT): 0.857582 at LT 0.85.
    expect(debt / (supplied * 0.85)).toBeCloseTo(0.857582, 6)
  })

  it('loopers: capital calibrated, exposure = capital x (1 - LTV^(n+1)) / (1 - LTV), trigger below the peg', () => {
    const looper = rows(COHORT.looper)
    expect(looper).toHaveLength(500)
    expect(Math.abs(compensatedSum(looper.map((i) => legs.margin[i])) / 1.5e9 - 1)).toBeLessThan(1e-9)
    for (const i of looper) {
      expect(legs.kind[i]).toBe(LEG_KIND.loop)
      expect(legs.asset[i]).toBe(usde)
      const leverage = (legs.qty[i] * prices[usde]) / legs.margin[i]
      expect(leverage).toBeGreaterThan(1 + 0.75 + 0.75 ** 2)
      expect(leverage).toBeLessThan(1 / (1 - 0.9))
      expect(legs.liqPrice[i]).toBeLessThan(1)
      expect(legs.liqPrice[i]).toBeGreaterThan(0.5)
      expect(legs.liqPrice[i]).toBeCloseTo(legs.debt[i] / (legs.qty[i] * 0.93), 12)
    }
  })

  it('whales: an altcoin loan that forces the account, feeding a USDe loop of the borrowed amount', () => {
    const whale = rows(COHORT.whale)
    expect(whale).toHaveLength(80)
    let pledged = 0
    for (let k = 0; k < whale.length; k += 2) {
      const [loan, loop] = [whale[k], whale[k + 1]]
      expect(legs.account[loan]).toBe(legs.account[loop])
      expect(legs.kind[loan]).toBe(LEG_KIND.loan)
      expect(legs.forcesAccount[loan]).toBe(1)
      expect(legs.kind[loop]).toBe(LEG_KIND.loop)
      expect(legs.forcesAccount[loop]).toBe(0)
      expect(legs.margin[loop]).toBeCloseTo(legs.debt[loan], 6)
      const value = legs.qty[loan] * prices[legs.asset[loan]]
      pledged += value
      const ltv = legs.debt[loan] / value
      expect(ltv).toBeGreaterThanOrEqual(0.4)
      expect(ltv).toBeLessThanOrEqual(0.6)
      // Liquidated when the altcoin falls to LTV / LT of its start price.
      expect(legs.liqPrice[loan] / prices[legs.asset[loan]]).toBeCloseTo(ltv / 0.75, 12)
    }
    expect(Math.abs(pledged / 3e9 - 1)).toBeLessThan(1e-9)
  })

  it('market makers: one leg per inventory asset; at a leg trigger the haircut coverage equals the ratio', () => {
    const maker = rows(COHORT.marketMaker)
    expect(maker).toHaveLength(25 * 4)
    expect(crowd.unifiedAccounts).toHaveLength(25)
    const rates: Record<string, number> = { SOL: 0.8, DOGE: 0.7, WBETH: 0.9, USDe: 0.95 }
    let triggers = 0
    for (const a of crowd.unifiedAccounts) {
      const from = crowd.accountOffsets[a]
      const to = crowd.accountOffsets[a + 1]
      expect(to - from).toBe(4)
      const start = unifiedCoverage(legs, crowd.accountOffsets, a, prices)
      expect(start).toBeGreaterThan(1.05)
      for (let i = from; i < to; i++) {
        expect(legs.haircut[i]).toBe(rates[crowd.assets[legs.asset[i]]])
        expect(legs.forcesAccount[i]).toBe(1)
        if (legs.liqPrice[i] === 0) continue
        triggers++
        const moved = Float64Array.from(prices)
        moved[legs.asset[i]] = legs.liqPrice[i]
        expect(unifiedCoverage(legs, crowd.accountOffsets, a, moved)).toBeCloseTo(1.05, 9)
        expect(legs.liqPrice[i]).toBeLessThan(prices[legs.asset[i]])
      }
      // Everything down 40% together breaches accounts that no single asset's fall would.
      const crash = prices.map((p) => p * 0.6)
      expect(unifiedCoverage(legs, crowd.accountOffsets, a, crash)).toBeCloseTo(start * 0.6, 9)
    }
    expect(triggers).toBeGreaterThan(0)
  })
})

describe('liquidation indexes', () => {
  const crowd = generateCrowd(scenario())
  const { legs } = crowd

  it('are complete: every leg in exactly one index, under its asset, side and driver', () => {
    const seen = new Uint8Array(crowd.legCount)
    for (const index of crowd.indexes) {
      for (const i of index.legs) {
        seen[i]++
        expect(legs.asset[i]).toBe(index.asset)
        expect(legs.side[i]).toBe(index.side)
        expect(index.driver).toBe(legs.kind[i] === LEG_KIND.perp ? 'mark' : 'collateral')
      }
    }
    expect(seen.every((v) => v === 1)).toBe(true)
    expect(crowd.indexFor(crowd.assets.indexOf('USDe'), 1, 'collateral')).not.toBeNull()
    expect(crowd.indexFor(crowd.assets.indexOf('USDe'), -1, 'mark')).toBeNull()
  })

  it('are sorted in crossing order: longs by trigger descending, shorts ascending', () => {
    for (const index of crowd.indexes) {
      for (let k = 1; k < index.size; k++) {
        expect(index.side * (index.triggers[k - 1] - index.triggers[k])).toBeGreaterThanOrEqual(0)
        expect(index.triggers[k]).toBe(legs.liqPrice[index.legs[k]])
      }
    }
  })

  it('a moving cursor yields exactly the legs a rescan would find, each once', () => {
    const btc = crowd.assets.indexOf('BTC')
    const longs = crowd.indexFor(btc, 1, 'mark')!
    const shorts = crowd.indexFor(btc, -1, 'mark')!
    const crossedLong: number[] = []
    const crossedShort: number[] = []
    // A V-shaped path: down 15%, back up 20%.
    const path = [...Array.from({ length: 150 }, (_, k) => 122000 * (1 - k / 1000)), ...Array.from({ length: 350 }, (_, k) => 122000 * (0.85 + k / 1000))]
    for (const price of path) {
      let from = longs.cursor
      for (let k = from, to = longs.advance(price); k < to; k++) crossedLong.push(longs.legs[k])
      from = shorts.cursor
      for (let k = from, to = shorts.advance(price); k < to; k++) crossedShort.push(shorts.legs[k])
    }
    const low = Math.min(...path)
    const high = Math.max(...path)
    const rescan = (side: number, hit: (liq: number) => boolean) =>
      Array.from({ length: crowd.legCount }, (_, i) => i).filter((i) => legs.asset[i] === btc && legs.kind[i] === LEG_KIND.perp && legs.side[i] === side && hit(legs.liqPrice[i]))
    expect(new Set(crossedLong)).toEqual(new Set(rescan(1, (liq) => liq >= low)))
    expect(new Set(crossedShort)).toEqual(new Set(rescan(-1, (liq) => liq <= high)))
    expect(crossedLong.length).toBeGreaterThan(0)
    expect(new Set(crossedLong).size).toBe(crossedLong.length)
    expect(longs.nextTrigger()).toBeLessThan(low)
    crowd.reset()
    expect(longs.cursor).toBe(0)
  })
})

describe('scale', () => {
  it('generates 100k and 1M traders (timings logged, not asserted)', () => {
    const s = scenario()
    for (const accounts of [100_000, 1_000_000]) {
      const t0 = performance.now()
      const crowd = generateCrowd(s, { accounts })
      const ms = performance.now() - t0
      console.log(`crowd of ${accounts} traders (+ cohorts, ${crowd.legCount} legs): ${ms.toFixed(0)} ms`)
      expect(crowd.contracts.reduce((n, c) => n + c.accounts, 0)).toBe(accounts)
    }
  })
})
