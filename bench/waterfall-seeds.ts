// `npx tsx bench/waterfall-seeds.ts [traders] [seeds] [first] [venues] [presets]`: the waterfall's outcomes
// over seeds (docs/CASCADE-NOTES.md "Waterfall, measured"). An empty book under each preset on each
// venue, `crowd.accounts` overridden, seeds first..first+seeds-1; per (preset, venue): the mean and
// range over seeds of the liquidated notional, the long share of liquidations, the crowd's open
// interest change (its traders' positions at mark, (long + short) / 2, end over start), the series'
// open interest change, crowd ADL (positions, accounts, notional), seeds with any ADL, and the
// insurance funds' lowest point. `venues` and `presets` are comma lists (default: all shipped).
// WHATIF_FUND=<usd> runs with the scenario's what-if fund (the venue's funds scaled to that total).
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { generateCrowd, startPricesOf } from '../shared/engine/crowd'
import { runCascadeDetailed, type CascadeInput } from '../shared/engine/cascade/run-cascade'
import type { Portfolio } from '../shared/model/portfolio'
import type { Scenario } from '../shared/model/scenario'
import type { VenueProfile } from '../shared/model/venue'
import { parseScenarioText } from '../shared/schemas/scenario'
import { parseVenueText } from '../shared/schemas/venue'

const root = join(__dirname, '..')
function read<T>(r: { ok: true; value: T } | { ok: false; issues: unknown }, what: string): T {
  if (!r.ok) throw new Error(`${what}: ${JSON.stringify(r.issues)}`)
  return r.value
}
const venueOf = (id: string) => read(parseVenueText(readFileSync(join(root, 'resources/venues', `${id}.json`), 'utf8')), id) as VenueProfile
const presetOf = (id: string) => read(parseScenarioText(readFileSync(join(root, 'resources/scenarios', `${id}.json`), 'utf8')), id) as Scenario

const accounts = Number(process.argv[2] ?? 100_000)
const seeds = Number(process.argv[3] ?? 20)
const first = Number(process.argv[4] ?? 1)
const venues = (process.argv[5] ?? 'binance,bybit,okx,hyperliquid').split(',')
const presets = (process.argv[6] ?? readdirSync(join(root, 'resources/scenarios')).filter((f) => f.endsWith('.json')).map((f) => f.replace(/\.json$/, '')).sort().join(',')).split(',')
const lending = venueOf('aave-v3')

const empty = (venue: string): Portfolio => ({ format: 'cascade.portfolio/1', name: 'empty', venue, marginMode: 'cross', prices: {}, wallet: [], positions: [], loans: [], defi: [], loops: [] })

interface Row {
  liquidated: number
  longShare: number
  crowdOi: number
  seriesOi: number
  adlCount: number
  adlAccounts: number
  adlNotional: number
  fundMinShare: number
}

function crowdOi(ctx: ReturnType<typeof runCascadeDetailed>['ctx'], marks: ArrayLike<number>): number {
  const cb = ctx.crowd
  let gross = 0
  for (let i = 0; i < cb.size; i++) if (cb.kind[i] === 0 && cb.status[i] === 0 && cb.qty[i] > 0) gross += cb.qty[i] * marks[cb.asset[i]]
  return gross / 2
}

const stat = (xs: number[]) => {
  const mean = xs.reduce((s, x) => s + x, 0) / xs.length
  return { mean, min: Math.min(...xs), max: Math.max(...xs) }
}
const out: Record<string, unknown> = { accounts, seeds, first }
const began = Date.now()
for (const presetId of presets) {
  const base = presetOf(presetId)
  const whatIf = process.env.WHATIF_FUND
  const scenario: Scenario = { ...base, ...(whatIf ? { insuranceFund: whatIf } : {}), crowd: { ...base.crowd, accounts } }
  for (const venueId of venues) {
    const venue = venueOf(venueId)
    const rows: Row[] = []
    for (let seed = first; seed < first + seeds; seed++) {
      const input: CascadeInput = { portfolio: empty(venueId), venue, lending, scenario, seed }
      const crowd = generateCrowd(scenario, { seed, venue })
      const startPrices = startPricesOf(scenario)
      let startOi = 0
      for (let i = 0; i < crowd.legCount; i++) if (crowd.legs.kind[i] === 0) startOi += (crowd.legs.qty[i] * startPrices[crowd.legs.asset[i]]) / 2
      const run = runCascadeDetailed({ ...input, crowd })
      const ctx = run.ctx
      const endOi = crowdOi(ctx, Float64Array.from(ctx.market.assets, (_, a) => ctx.market.mark(a)))
      const s = run.result.summary
      const oi = run.result.series.openInterest
      const funds = s.insuranceFunds
      const fundStart = funds.reduce((x, f) => x + Number(f.start), 0)
      const fundMin = funds.reduce((x, f) => x + Number(f.min), 0)
      rows.push({
        liquidated: Number(s.crowd.liquidatedNotional),
        longShare: Number(s.crowd.liquidatedLongShare),
        crowdOi: endOi / startOi - 1,
        seriesOi: oi[oi.length - 1] / oi[0] - 1,
        adlCount: s.crowd.adlCount,
        adlAccounts: s.crowd.adlAccounts,
        adlNotional: Number(s.crowd.adlNotional),
        fundMinShare: fundStart > 0 ? fundMin / fundStart : 1,
      })
      process.stderr.write(`${presetId} ${venueId} seed ${seed}: liq ${(rows[rows.length - 1].liquidated / 1e9).toFixed(2)}B long ${rows[rows.length - 1].longShare.toFixed(3)} adl ${s.crowd.adlCount}\n`)
    }
    const pick = (k: keyof Row) => stat(rows.map((r) => r[k]))
    out[`${presetId} ${venueId}`] = {
      liquidatedB: ((x) => ({ mean: x.mean / 1e9, min: x.min / 1e9, max: x.max / 1e9 }))(pick('liquidated')),
      longShare: pick('longShare'),
      crowdOpenInterestChange: pick('crowdOi'),
      seriesOpenInterestChange: pick('seriesOi'),
      adlPositions: pick('adlCount'),
      adlAccounts: pick('adlAccounts'),
      adlNotionalM: ((x) => ({ mean: x.mean / 1e6, min: x.min / 1e6, max: x.max / 1e6 }))(pick('adlNotional')),
      seedsWithAdl: rows.filter((r) => r.adlCount > 0).length,
      fundLowestShareOfStart: pick('fundMinShare'),
    }
  }
}
out.seconds = (Date.now() - began) / 1000
process.stdout.write(`${JSON.stringify(out, null, 1)}\n`)
