// `npx tsx bench/outcome-frequencies.ts [accounts] [seeds] [threads-free]`: how often the example hedge
// book's story happens (resources/examples/README.md, "Outcome frequencies"). Runs the hedge book
// under 2025-10-10 for seeds 1..N with `crowd.accounts` overridden (a reduced crowd), and reports the
// share of seeds where the user's DOGE short is auto-deleveraged, where the book is liquidated,
// where both happen with the ADL first, and the largest single crowd account's share of each
// contract's open interest (perpetual traders, at start prices).
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { runCascade, type CascadeInput } from '../shared/engine/cascade'
import { generateCrowd, startPricesOf } from '../shared/engine/crowd'
import type { Scenario } from '../shared/model/scenario'
import type { ExchangeProfile, LendingProfile } from '../shared/model/venue'
import { validatePortfolio } from '../shared/schemas/portfolio'
import { parseScenarioText } from '../shared/schemas/scenario'
import { parseVenueText } from '../shared/schemas/venue'

const root = join(__dirname, '..')
function read<T>(r: { ok: true; value: T } | { ok: false; issues: unknown }, what: string): T {
  if (!r.ok) throw new Error(`${what}: ${JSON.stringify(r.issues)}`)
  return r.value
}

const accounts = Number(process.argv[2] ?? 20_000)
const seeds = Number(process.argv[3] ?? 40)
const first = Number(process.argv[4] ?? 1)

const preset = read(parseScenarioText(readFileSync(join(root, 'resources/scenarios/2025-10-10.json'), 'utf8')), 'preset')
const scenario: Scenario = { ...preset, crowd: { ...preset.crowd, accounts } }
const venue = read(parseVenueText(readFileSync(join(root, 'resources/venues/binance.json'), 'utf8')), 'binance') as ExchangeProfile
const lending = read(parseVenueText(readFileSync(join(root, 'resources/venues/aave-v3.json'), 'utf8')), 'aave-v3') as LendingProfile
const portfolio = read(validatePortfolio(JSON.parse(readFileSync(join(root, 'resources/examples/hedge-book.json'), 'utf8'))), 'hedge book')
const startPrices = startPricesOf(scenario)
const base: CascadeInput = { portfolio, venue: { ...venue, defi: { 'aave-v3': lending.lending } }, lending, scenario }

let adl = 0
let liq = 0
let both = 0
const adlSeeds: number[] = []
const liqSeeds: number[] = []
const bothSeeds: number[] = []
const maxShare = new Map<string, number>()
for (let seed = first; seed < first + seeds; seed++) {
  const crowd = generateCrowd(scenario, { seed, venue: base.venue })
  for (const c of crowd.contracts) {
    let top = 0
    for (let i = c.firstLeg; i < c.firstLeg + c.accounts; i++) top = Math.max(top, crowd.legs.qty[i] * startPrices[c.asset])
    maxShare.set(c.symbol, Math.max(maxShare.get(c.symbol) ?? 0, top / c.openInterest))
  }
  const r = runCascade({ ...base, seed, crowd })
  const ev = r.events.filter((e) => e.account === 'user')
  const a = ev.find((e) => e.kind === 'adl' && e.position === 'doge')
  const l = ev.find((e) => e.kind === 'liquidation')
  if (a) (adl++, adlSeeds.push(seed))
  if (l) (liq++, liqSeeds.push(seed))
  if (a && l && a.id < l.id) (both++, bothSeeds.push(seed))
  process.stderr.write(`seed ${seed}: adl ${a ? 'y' : 'n'} liq ${l ? 'y' : 'n'}\n`)
}
const pct = (k: number) => `${((100 * k) / seeds).toFixed(1)}%`
console.log(`crowd ${accounts} traders, seeds ${first}..${first + seeds - 1}`)
console.log(`DOGE short ADL'd: ${adl}/${seeds} (${pct(adl)}) seeds ${adlSeeds.join(',')}`)
console.log(`book liquidated:  ${liq}/${seeds} (${pct(liq)}) seeds ${liqSeeds.join(',')}`)
console.log(`ADL then liquidation: ${both}/${seeds} (${pct(both)}) seeds ${bothSeeds.join(',')}`)
console.log(`largest account / contract OI over the seeds: ${[...maxShare].map(([s, v]) => `${s} ${(100 * v).toFixed(2)}%`).join(', ')}`)
