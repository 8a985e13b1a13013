// Each venue preset (one crash per venue, resources/scenarios/*-<venue>.json) replayed with an empty
// book on its own venue over 20 seeds: the mean of every published output it states lands within
// the tolerance it states, and the spread is reported. Targets and tolerances are the preset's data
// (`calibration`), so this test changes only when a preset does. A target marked `status: "open"`
// is a published output the engine does not reproduce yet (or not stably across crowd sizes): it is
// reported with its measured mean, and its source must say why it is open (resources/scenarios/README.md).
//
// Runtime: CROWD traders a run instead of the presets' 100,000. The largest accounts are the
// preset's tail, the same at any crowd size (docs/SIMULATION-NOTES.md §3.2), and the crowd's size
// only changes how finely the rest of the open interest is cut; the outputs' means at 5,000 and at
// 100,000 traders are compared in resources/scenarios/README.md.
import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runCascadeDetailed } from '../../../../shared/engine/cascade/run-cascade'
import type { Scenario } from '../../../../shared/model/scenario'
import { emptyBook, preset, profile } from './support'

const SEEDS = 20
const CROWD = 5_000

const ids = readdirSync(join(__dirname, '../../../../resources/scenarios'))
  .filter((f) => f.endsWith('.json'))
  .map((f) => f.replace(/\.json$/, ''))
  .filter((id) => preset(id).venue !== undefined)
  .sort()

export interface TargetOutcome {
  metric: string
  asset?: string
  target: number
  tolerance: number
  atLeast: boolean
  open: boolean
  mean: number
  sd: number
  min: number
  max: number
  ok: boolean
}

/** Every stated output of a preset, measured over `seeds` runs of its empty-book replay on its venue. */
export function measurePreset(scenario: Scenario, seeds: number, crowd: number): TargetOutcome[] {
  const venue = scenario.venue as string
  const small = { ...scenario, crowd: { ...scenario.crowd, accounts: crowd } }
  const values: number[][] = scenario.calibration.map(() => [])
  for (let seed = 1; seed <= seeds; seed++) {
    const run = runCascadeDetailed({ portfolio: emptyBook(venue), venue: profile(venue), lending: profile('aave-v3'), scenario: small, seed })
    run.calibration.forEach((c, i) => values[i].push(c.value))
  }
  return scenario.calibration.map((c, i) => {
    const v = values[i]
    const mean = v.reduce((s, x) => s + x, 0) / v.length
    const sd = Math.sqrt(v.reduce((s, x) => s + (x - mean) ** 2, 0) / v.length)
    const target = Number(c.target)
    const tolerance = c.relativeTolerance !== undefined ? Math.abs(target) * Number(c.relativeTolerance) : Number(c.absoluteTolerance)
    const atLeast = c.atLeast === true
    const ok = atLeast ? mean >= target - tolerance : Math.abs(mean - target) <= tolerance
    return { metric: c.metric, ...(c.asset ? { asset: c.asset } : {}), target, tolerance, atLeast, open: c.status === 'open', mean, sd, min: Math.min(...v), max: Math.max(...v), ok }
  })
}

const line = (o: TargetOutcome) =>
  `${o.open ? 'open' : o.ok ? 'ok  ' : 'MISS'} ${o.metric}${o.asset ? ` ${o.asset}` : ''}: mean ${o.mean.toPrecision(4)} sd ${o.sd.toPrecision(3)} [${o.min.toPrecision(4)}, ${o.max.toPrecision(4)}] ` +
  `(target ${o.atLeast ? '>= ' : ''}${o.target} ${o.atLeast ? '-' : '+-'} ${o.tolerance.toPrecision(4)})`

describe('venue presets over 20 seeds', () => {
  it('ships one crash per venue', () => {
    expect(ids).toEqual(['2020-03-12-bitmex', '2021-05-19-binance', '2025-10-10-binance', '2025-10-10-bybit', '2025-10-10-hyperliquid'])
  })

  it.each(ids)("%s: every crowd contract trades under a margin table of its venue's profile (its own symbol or the one it names)", (id) => {
    const scenario = preset(id)
    const venue = profile(scenario.venue as string)
    if (venue.kind !== 'exchange') throw new Error(`${id}: not an exchange venue`)
    const outside = Object.entries(scenario.crowd.contracts)
      .filter(([symbol, k]) => !((k.venueContract ?? symbol) in venue.contracts))
      .map(([symbol]) => symbol)
    expect(outside).toEqual([])
  })

  it("counts ADL as the published tallies do: every deleveraged account, the crowd's and the unmodelled counterparty's", () => {
    // Hyperliquid's night deleverages the counterparty on the alt basket: the calibration's
    // adlNotionalUsd is the notional of every ADL event (crowd and counterparty members), the
    // summary's crowd figure the crowd's part of it; per asset, the same sums by asset. Seed 3: the
    // counterparty is deleveraged in some seeds only (3, 4 and 5 of seeds 1-6 at 5,000 traders).
    const scenario = preset('2025-10-10-hyperliquid')
    const run = runCascadeDetailed({ portfolio: emptyBook('hyperliquid'), venue: profile('hyperliquid'), lending: profile('aave-v3'), scenario: { ...scenario, crowd: { ...scenario.crowd, accounts: 5000 } }, seed: 3 })
    const adl = run.result.events.filter((e) => e.kind === 'adl' && e.account === 'crowd')
    const notional = (events: typeof adl) => events.reduce((sum, e) => sum + Number(e.amounts?.notional ?? 0), 0)
    const counterpartyQty = adl.reduce((sum, e) => sum + Number(e.amounts?.counterpartyQty ?? 0), 0)
    expect(counterpartyQty).toBeGreaterThan(0)
    const value = (asset?: string) => run.calibration.find((c) => c.metric === 'adlNotionalUsd' && c.asset === asset)?.value as number
    expect(value() / notional(adl)).toBeCloseTo(1, 9)
    expect(value()).toBeGreaterThan(Number(run.result.summary.crowd.adlNotional) * 1.01)
    for (const asset of ['BTC', 'ETH', 'SOL']) expect(value(asset)).toBeCloseTo(notional(adl.filter((e) => e.asset === asset)), 0)
  }, 120_000)

  it("Hyperliquid's liquidator keeps its capital per asset: a sub-vault holds and gives up to ADL only its own assets", () => {
    // The night's fills show ADL isolated per asset (resources/venues/hyperliquid.json, sources): a
    // takeover of BTC goes to BTC's sub-vault, and a sub-vault under water deleverages what it holds,
    // so no asset is deleveraged for another asset's losses. Checked at every step of a run.
    const scenario = preset('2025-10-10-hyperliquid')
    const held = new Map<string, Set<string>>()
    const strays: string[] = []
    const run = runCascadeDetailed({ portfolio: emptyBook('hyperliquid'), venue: profile('hyperliquid'), lending: profile('aave-v3'), scenario: { ...scenario, crowd: { ...scenario.crowd, accounts: 5000 } }, seed: 3, series: false }, {}, {
      onStep: (_k, _totals, ctx) => {
        for (const fund of ctx.funds.all)
          fund.account.perp.forEach((q, a) => {
            if (q === 0) return
            const asset = ctx.market.assets[a]
            if (ctx.funds.forAsset(a) !== fund) strays.push(`${fund.id} holds ${asset}`)
            if (!held.has(fund.id)) held.set(fund.id, new Set())
            held.get(fund.id)?.add(asset)
          })
      },
    })
    expect(strays).toEqual([])
    const s = run.result.summary
    expect(s.insuranceFunds.map((f) => [f.id, f.start])).toEqual([
      ['hlp-liquidator', '29600000'],
      ['hlp-liquidator-btc', '34900000'],
      ['hlp-liquidator-eth', '25000000'],
      ['hlp-liquidator-sol', '5800000'],
      ['hlp-liquidator-doge', '4700000'],
    ])
    // More than one sub-vault took positions over (the check above had something to check).
    expect(held.get('hlp-liquidator-btc')).toEqual(new Set(['BTC']))
    expect(held.get('hlp-liquidator')).toEqual(new Set(['ALTBASKET']))
    expect(held.get('hlp-liquidator-doge')).toEqual(new Set(['DOGE']))
    expect(held.get('hlp-liquidator-eth')).toEqual(new Set(['ETH']))
  }, 120_000)

  it("measures a named fund alone: Binance's BTC/ETH/BNB fund, not its altcoin fund with it", () => {
    const scenario = preset('2025-10-10-binance')
    const run = runCascadeDetailed({ portfolio: emptyBook('binance'), venue: profile('binance'), lending: profile('aave-v3'), scenario: { ...scenario, crowd: { ...scenario.crowd, accounts: 2000 } }, seed: 1 })
    const change = (id: string) => {
      const f = run.ctx.funds.all.find((x) => x.id === id)
      if (!f) throw new Error(`no fund ${id}`)
      return f.balance - f.start
    }
    const named = run.calibration.find((c) => c.metric === 'insuranceFundChangeUsd')
    expect(named?.fund).toBe('btc-eth-bnb')
    expect(named?.value).toBe(change('btc-eth-bnb'))
    // The altcoin fund moved too, so the named figure is not the total.
    expect(Math.abs(change('altcoins'))).toBeGreaterThan(1)
    expect(named?.value).not.toBeCloseTo(change('btc-eth-bnb') + change('altcoins'), 0)
    // A fund the venue does not keep measures nothing.
    const unknown = runCascadeDetailed({ portfolio: emptyBook('binance'), venue: profile('binance'), lending: profile('aave-v3'), scenario: { ...scenario, crowd: { ...scenario.crowd, accounts: 500 }, calibration: [{ ...scenario.calibration.find((c) => c.fund)!, fund: 'no-such-fund' }] }, seed: 1 })
    expect(unknown.calibration[0].value).toBeNaN()
    expect(unknown.calibration[0].ok).toBe(false)
  }, 120_000)

  it.each(ids)('%s: the mean of every stated output within its tolerance', (id) => {
    const scenario = preset(id)
    expect(scenario.calibration.length).toBeGreaterThan(0)
    expect(scenario.calibration.some((c) => c.metric === 'liquidatedNotionalUsd')).toBe(true)
    const outcomes = measurePreset(scenario, SEEDS, CROWD)
    const report = outcomes.map(line).join('\n')
    console.log(`${id} (${SEEDS} seeds, ${CROWD} traders)\n${report}`)
    expect(outcomes.filter((o) => !o.open && !o.ok).map(line), report).toEqual([])
    for (const c of scenario.calibration.filter((t) => t.status === 'open')) expect(c.source, `${id} ${c.metric}`).toMatch(/Open: /)
    // Per-asset ADL notionals are parts of the total (each seed's parts sum to at most its total).
    const total = outcomes.find((o) => o.metric === 'adlNotionalUsd' && o.asset === undefined)
    const parts = outcomes.filter((o) => o.metric === 'adlNotionalUsd' && o.asset !== undefined)
    if (total && parts.length > 0) expect(parts.reduce((sum, o) => sum + o.mean, 0)).toBeLessThanOrEqual(total.mean * (1 + 1e-9))
  }, 600_000)
})
