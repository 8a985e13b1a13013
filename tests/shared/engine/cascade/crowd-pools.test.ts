// Cross-margin pools of the crowd (crowd/cross-pools.ts, cascade/crowd-pools.ts): generation pairs
// body traders without changing any position; in a run a pool shares its margin (a crossed leg
// draws on its sibling while the account holds, the account goes as a whole when it does not), the
// account's bankruptcy price counts the sibling's equity, and a fill past the leg's own margin is
// paid by its sibling before any fund. The pool's accounts' free cash (released by ADL) backs it as
// a wallet: counted in its equity and bankruptcy price, moved onto the legs, paying first. Margin
// only moves between the pool's legs and its accounts' cash.
import { describe, expect, it } from 'vitest'
import { CrowdPools } from '../../../../shared/engine/cascade/crowd-pools'
import { createRun, runCascadeDetailed } from '../../../../shared/engine/cascade/run-cascade'
import { Crowd, COHORT, generateCrowd, LEG_KIND } from '../../../../shared/engine/crowd'
import { allocateLegs } from '../../../../shared/engine/crowd/crowd-legs'
import type { Scenario } from '../../../../shared/model/scenario'
import { validateScenario } from '../../../../shared/schemas/scenario'
import { emptyBook, miniScenario, preset, profile } from './support'

describe('generation', () => {
  const base = preset('2025-10-10-hyperliquid')
  const withShare = (share: string): Scenario => ({ ...base, crowd: { ...base.crowd, accounts: 4000, crossShare: share, hedgedShare: '0' } })

  it('pairs body traders on different contracts and the same side, leaving every position as drawn', () => {
    const venue = profile('hyperliquid')
    const alone = generateCrowd(withShare('0'), { venue })
    const pooled = generateCrowd(withShare('0.5'), { venue })
    const l = pooled.legs
    for (const column of ['qty', 'entry', 'margin', 'maintenance', 'liqPrice', 'bankruptcyPrice', 'side', 'asset', 'account'] as const) {
      expect(Buffer.from(l[column].buffer).equals(Buffer.from(alone.legs[column].buffer)), column).toBe(true)
    }
    expect(alone.pools.legs.length).toBe(0)
    const { offsets, legs } = pooled.pools
    const pools = offsets.length - 1
    const tail = new Set<number>()
    for (const c of pooled.contracts) {
      const longs = Array.from({ length: c.accounts }, (_, k) => c.firstLeg + k).filter((i) => l.side[i] > 0).length
      for (let k = 0; k < c.tailLongs; k++) tail.add(c.firstLeg + k)
      for (let k = 0; k < c.tailShorts; k++) tail.add(c.firstLeg + longs + k)
    }
    for (let p = 0; p < pools; p++) {
      expect(offsets[p + 1] - offsets[p]).toBe(2)
      const [a, b] = [legs[offsets[p]], legs[offsets[p] + 1]]
      expect(l.contract[a]).not.toBe(l.contract[b])
      expect(l.side[a]).toBe(l.side[b])
      for (const i of [a, b]) {
        expect(l.pool[i]).toBe(p)
        expect(l.kind[i]).toBe(LEG_KIND.perp)
        expect(l.cohort[i]).toBe(COHORT.trader)
        expect(tail.has(i)).toBe(false)
      }
    }
    // About half of the body's traders, in pairs.
    const body = Array.from({ length: pooled.legCount }, (_, i) => i).filter((i) => l.kind[i] === LEG_KIND.perp && l.cohort[i] === COHORT.trader && !tail.has(i)).length
    expect(legs.length / body).toBeGreaterThan(0.45)
    expect(legs.length / body).toBeLessThanOrEqual(0.5)
    expect(Array.from(l.pool).filter((p) => p >= 0).length).toBe(legs.length)
    // The same seed, the same pools.
    expect(Array.from(generateCrowd(withShare('0.5'), { venue }).pools.legs)).toEqual(Array.from(legs))
  })

  it('pairs `hedgedShare` of the pools across sides, capped by the smaller side, leaving every position as drawn', () => {
    const venue = profile('hyperliquid')
    const sameSide = generateCrowd(withShare('0.5'), { venue })
    const hedgedAt = (h: string) => generateCrowd({ ...withShare('0.5'), crowd: { ...withShare('0.5').crowd, hedgedShare: h } }, { venue })
    // 0 is the option absent: the same pools.
    expect(Array.from(hedgedAt('0').pools.legs)).toEqual(Array.from(sameSide.pools.legs))
    const l = sameSide.legs
    const chosen = (side: number) => Array.from(sameSide.pools.legs).filter((i) => l.side[i] === side).length
    const [longs, shorts] = [chosen(1), chosen(-1)]
    for (const h of ['0.1', '1']) {
      const crowd = hedgedAt(h)
      for (const column of ['qty', 'entry', 'margin', 'side', 'asset', 'account'] as const) {
        expect(Buffer.from(crowd.legs[column].buffer).equals(Buffer.from(l[column].buffer)), column).toBe(true)
      }
      const { offsets, legs } = crowd.pools
      let mixed = 0
      for (let p = 0; p + 1 < offsets.length; p++) {
        const [a, b] = [legs[offsets[p]], legs[offsets[p] + 1]]
        expect(crowd.legs.contract[a]).not.toBe(crowd.legs.contract[b])
        if (crowd.legs.side[a] !== crowd.legs.side[b]) mixed++
      }
      const wanted = Math.min(Math.round((Number(h) * (longs + shorts)) / 2), longs, shorts)
      // Pairs on one contract are skipped, so a few may be missing.
      expect(mixed).toBeLessThanOrEqual(wanted)
      expect(mixed).toBeGreaterThan(0.97 * wanted)
    }
  })
})

describe('pools through whole runs', () => {
  it('no account is ever under its line with none of its triggers crossed', () => {
    // The legs' own triggers are enough (crowd-pools.ts): the account's level is an MM-weighted
    // average of its legs'. Checked at the end of every step of crashes on four venues, with every
    // body trader pooled, and on two of them with a third of the pools a long and a short.
    let checked = 0
    for (const [venue, seed, hedgedShare] of [['hyperliquid', 1, '0'], ['binance', 2, '0'], ['bybit', 3, '0'], ['okx', 4, '0'], ['hyperliquid', 5, '0.3'], ['binance', 6, '0.3']] as const) {
      const mini = miniScenario({ seed, accounts: 1200, drop: 0.4 })
      const scenario = { ...mini, crowd: { ...mini.crowd, crossShare: '1', hedgedShare } }
      runCascadeDetailed({ portfolio: emptyBook(venue), venue: profile(venue), lending: profile('aave-v3'), scenario }, {}, {
        onStep: (_k, _t, ctx) => {
          const cb = ctx.crowd
          const { offsets, legs } = cb.crowd.pools
          for (let p = 0; p + 1 < offsets.length; p++) {
            let gap = 0
            let scale = 0
            let crossed = false
            for (let k = offsets[p]; k < offsets[p + 1]; k++) {
              const s = legs[k]
              if (!cb.isOpen(s) || !(cb.qty[s] > 0)) continue
              const mark = ctx.market.mark(cb.asset[s])
              gap += cb.perpEquity(s, mark) - cb.qty[s] * mark * cb.maintenance[s]
              scale += cb.qty[s] * mark
              if (cb.side[s] > 0 ? mark <= cb.trigger[s] : mark >= cb.trigger[s]) crossed = true
            }
            if (scale === 0) continue
            checked++
            if (!crossed) expect(gap / scale).toBeGreaterThan(-1e-12)
          }
        },
      })
    }
    expect(checked).toBeGreaterThan(150_000)
  }, 180_000)
})

describe('a pool in a run', () => {
  /** Two traders' positions (long unless `side` is -1), BTC at 100 and DOGE at 1, one pool; margins and entries as given. */
  function pooledRun(btc: { entry: number; margin: number; side?: number }, doge: { entry: number; margin: number; side?: number }) {
    const s = validateScenario({
      format: 'cascade.scenario/1',
      id: 'pool',
      name: 'pool',
      start: '2025-10-10T20:00:00Z',
      end: '2025-10-10T20:01:00Z',
      step: '1s',
      prices: { BTC: '100', DOGE: '1', USDT: '1' },
      depth: { BTC: { '0.01': '1000000', '0.05': '5000000' }, DOGE: { '0.01': '100', '0.05': '500' } },
      collateralPricing: 'book',
      insuranceFund: '1000000',
      crowd: { accounts: 0, longShare: '0.5', seed: 9 },
    })
    if (!s.ok) throw new Error(JSON.stringify(s.issues))
    const legs = allocateLegs(2)
    const put = (i: number, asset: number, qty: number, entry: number, margin: number, side = 1) => {
      legs.account[i] = i
      legs.kind[i] = LEG_KIND.perp
      legs.contract[i] = i
      legs.asset[i] = asset
      legs.side[i] = side
      legs.qty[i] = qty
      legs.entry[i] = entry
      legs.margin[i] = margin
      legs.maintenance[i] = 0.01
      legs.pool[i] = 0
    }
    const run0 = createRun({ portfolio: emptyBook('hyperliquid'), venue: profile('hyperliquid'), scenario: s.value })
    const btc0 = run0.ctx.market.assetIndex('BTC')
    const doge0 = run0.ctx.market.assetIndex('DOGE')
    put(0, btc0, 10, btc.entry, btc.margin, btc.side)
    put(1, doge0, 1000, doge.entry, doge.margin, doge.side)
    const contracts = [
      { symbol: 'BTC', asset: btc0, openInterest: 0, longShare: 1, accounts: 1, firstLeg: 0, tailLongs: 0, tailShorts: 0 },
      { symbol: 'DOGE', asset: doge0, openInterest: 0, longShare: 1, accounts: 1, firstLeg: 1, tailLongs: 0, tailShorts: 0 },
    ]
    const crowd = new Crowd(9, run0.ctx.market.assets, contracts, legs, 2, 2, Int32Array.from([0, 1, 2]), [], 'hyperliquid', null, { offsets: Int32Array.from([0, 2]), legs: Int32Array.from([0, 1]) })
    const run = createRun({ portfolio: emptyBook('hyperliquid'), venue: profile('hyperliquid'), scenario: s.value, crowd })
    const cb = run.ctx.crowd
    return { cb, pools: new CrowdPools({ crowd: cb, market: run.ctx.market }), mark: (slot: number) => run.ctx.market.mark(cb.asset[slot]) }
  }
  const equity = (r: ReturnType<typeof pooledRun>, slot: number) => r.cb.perpEquity(slot, r.mark(slot))
  const mm = (r: ReturnType<typeof pooledRun>, slot: number) => r.cb.qty[slot] * r.mark(slot) * r.cb.maintenance[slot]
  /** DOGE's leg crosses and the account holds: both legs at the account's margin level, margin conserved. */
  const holdsAt = (r: ReturnType<typeof pooledRun>, level: number) => {
    const before = r.cb.margin[0] + r.cb.margin[1]
    expect(r.pools.settle(1)).toBe(false)
    expect(equity(r, 0) / mm(r, 0)).toBeCloseTo(level, 12)
    expect(equity(r, 1) / mm(r, 1)).toBeCloseTo(level, 12)
    expect(r.cb.margin[0] + r.cb.margin[1]).toBeCloseTo(before, 9)
  }

  it('a crossed leg draws on its sibling while the account holds: both at the account margin level, margin conserved', () => {
    // BTC: equity 50, MM 10. DOGE: uPnL -500, margin 520, equity 20, MM 10. Account: 70 over 20.
    const r = pooledRun({ entry: 100, margin: 50 }, { entry: 1.5, margin: 520 })
    holdsAt(r, 3.5)
    // Each at its own new trigger: DOGE's (which took 515) moved away, BTC's (which gave 15) came closer.
    expect(r.cb.trigger[1]).toBeCloseTo(r.cb.perpLiquidationPrice(1), 12)
    expect(r.cb.trigger[0]).toBeCloseTo(r.cb.perpLiquidationPrice(0), 12)
    expect(r.cb.trigger[0]).toBeGreaterThan((10 * 100 - 50) / (10 * 0.99))
  })

  it('an account under its maintenance goes as a whole, under water on every leg when its equity is negative', () => {
    // DOGE's uPnL -600 on 520: equity -80; BTC's 50. Account: -30 over 20.
    const r = pooledRun({ entry: 100, margin: 50 }, { entry: 1.6, margin: 520 })
    const before = r.cb.margin[0] + r.cb.margin[1]
    expect(r.pools.settle(1)).toBe(true)
    expect(equity(r, 0)).toBeCloseTo(-15, 9)
    expect(equity(r, 1)).toBeCloseTo(-15, 9)
    expect(r.cb.margin[0] + r.cb.margin[1]).toBeCloseTo(before, 9)
    // BTC is watched at its mark: its own next look liquidates it.
    expect(r.cb.trigger[0]).toBe(r.mark(0))
  })

  it("the account's bankruptcy price counts the sibling's equity, and the sibling pays what the leg owes", () => {
    const r = pooledRun({ entry: 100, margin: 50 }, { entry: 1.6, margin: 520 })
    // Own: 1.6 - 520 / 1000 = 1.08; the account's: 1.6 - (520 + 50) / 1000 = 1.03.
    expect(r.cb.perpBankruptcy(1)).toBeCloseTo(1.08, 12)
    expect(r.pools.bankruptcy(1)).toBeCloseTo(1.03, 12)
    r.cb.margin[1] = -30
    r.pools.absorb(1)
    expect(r.cb.margin[1]).toBe(0)
    expect(r.cb.margin[0]).toBeCloseTo(20, 12)
  })

  it('a hedged account (BTC short, DOGE long): the short in profit holds the long, and goes with it when the account fails', () => {
    // BTC short from 110: uPnL +100, margin 20, equity 120, MM 10. DOGE long from 1.5: equity 20, MM 10.
    const held = pooledRun({ entry: 110, margin: 20, side: -1 }, { entry: 1.5, margin: 520 })
    // The long's bankruptcy price counts the short's profit: 1.5 - (520 + 120) / 1000.
    expect(held.pools.bankruptcy(1)).toBeCloseTo(0.86, 12)
    holdsAt(held, 7)
    // The short gave 50: its trigger comes down from (20 + 1100) / 10.1, still above the mark.
    expect(held.cb.trigger[0]).toBeCloseTo(held.cb.perpLiquidationPrice(0), 12)
    expect(held.cb.trigger[0]).toBeCloseTo((-30 + 1100) / 10.1, 9)
    expect(held.cb.trigger[0]).toBeGreaterThan(held.mark(0))
    // DOGE long from 1.7: equity -180; the account -60 over 20: both legs go, the short at its mark.
    const failed = pooledRun({ entry: 110, margin: 20, side: -1 }, { entry: 1.7, margin: 520 })
    expect(failed.pools.settle(1)).toBe(true)
    expect(equity(failed, 0)).toBeCloseTo(-30, 9)
    expect(equity(failed, 1)).toBeCloseTo(-30, 9)
    expect(failed.cb.trigger[0]).toBe(failed.mark(0))
  })

  it("the accounts' free cash backs the pool: counted, moved onto the legs, paying a leg's loss first", () => {
    // DOGE's uPnL -600 on 520: alone the account fails (-30 over 20, above). With 80 of free cash on
    // BTC's account (what ADL released of a closed part), it holds at (50 - 80 + 80) / 20 = 2.5.
    const held = pooledRun({ entry: 100, margin: 50 }, { entry: 1.6, margin: 520 })
    held.cb.cash[0] = 80
    const before = held.cb.margin[0] + held.cb.margin[1] + held.cb.cash[0]
    expect(held.pools.settle(1)).toBe(false)
    expect(equity(held, 0) / mm(held, 0)).toBeCloseTo(2.5, 12)
    expect(equity(held, 1) / mm(held, 1)).toBeCloseTo(2.5, 12)
    expect(held.cb.cash[0]).toBe(0)
    expect(held.cb.margin[0] + held.cb.margin[1]).toBeCloseTo(before, 9)
    // The bankruptcy price counts it: 1.6 - (520 + 50 + 30) / 1000; a debt the cash pays in full.
    const r = pooledRun({ entry: 100, margin: 50 }, { entry: 1.6, margin: 520 })
    r.cb.cash[1] = 30
    expect(r.pools.bankruptcy(1)).toBeCloseTo(1.0, 12)
    r.cb.margin[1] = -20
    r.pools.absorb(1)
    expect(r.cb.margin[1]).toBeCloseTo(0, 12)
    expect(r.cb.cash[1]).toBeCloseTo(10, 12)
    expect(r.cb.margin[0]).toBe(50)
    // What the cash does not cover, the sibling pays.
    r.cb.margin[1] = -30
    r.pools.absorb(1)
    expect(r.cb.cash[1]).toBe(0)
    expect(r.cb.margin[1]).toBe(0)
    expect(r.cb.margin[0]).toBeCloseTo(30, 12)
  })
})
