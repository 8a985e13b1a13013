// `npx tsx bench/outcome-frequencies.ts <traders> <seeds> <first> [--scenario id|file] [--books a,b] [--venue id]`:
// how often each example book's outcome happens (resources/examples/README.md, "Outcome
// frequencies"). Each book (resources/examples, default: all) runs on its own venue (or `--venue`)
// under the scenario (default: the preset 2025-10-10) for seeds first..first+seeds-1, with
// `crowd.accounts` set to <traders>; one crowd per seed and venue, reused across the books on it.
// Per book: the seeds where it is liquidated, where each position is auto-deleveraged, and where a
// position is deleveraged before the first liquidation and the book is then liquidated (the
// articles' story, docs/CRASH-MECHANICS.md §7). Prints JSON; progress on stderr.
import { existsSync, readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { runCascade } from '../shared/engine/cascade'
import { generateCrowd, type Crowd } from '../shared/engine/crowd'
import type { Portfolio } from '../shared/model/portfolio'
import type { Scenario } from '../shared/model/scenario'
import type { LendingProfile, VenueProfile } from '../shared/model/venue'
import { validatePortfolio } from '../shared/schemas/portfolio'
import { parseScenarioText } from '../shared/schemas/scenario'
import { parseVenueText } from '../shared/schemas/venue'

const root = join(__dirname, '..')
function read<T>(r: { ok: true; value: T } | { ok: false; issues: unknown }, what: string): T {
  if (!r.ok) throw new Error(`${what}: ${JSON.stringify(r.issues)}`)
  return r.value
}
const option = (name: string): string | undefined => {
  const i = process.argv.indexOf(`--${name}`)
  return i >= 0 ? process.argv[i + 1] : undefined
}
const positional = process.argv.slice(2).filter((a, i, all) => !a.startsWith('--') && !(i > 0 && all[i - 1].startsWith('--')))
const accounts = Number(positional[0] ?? 100_000)
const seeds = Number(positional[1] ?? 100)
const first = Number(positional[2] ?? 1)
const scenarioArg = option('scenario') ?? '2025-10-10'
const scenarioFile = existsSync(scenarioArg) ? scenarioArg : join(root, 'resources/scenarios', `${scenarioArg}.json`)
const preset = read(parseScenarioText(readFileSync(scenarioFile, 'utf8')), scenarioArg)
const scenario: Scenario = { ...preset, crowd: { ...preset.crowd, accounts } }
const venueOf = (id: string) => read(parseVenueText(readFileSync(join(root, 'resources/venues', `${id}.json`), 'utf8')), id) as VenueProfile
const lending = venueOf('aave-v3') as LendingProfile
const names = (option('books') ?? readdirSync(join(root, 'resources/examples')).filter((f) => f.endsWith('.json')).map((f) => f.replace(/\.json$/, '')).sort().join(',')).split(',')
const books = names.map((name) => {
  const book = read(validatePortfolio(JSON.parse(readFileSync(join(root, 'resources/examples', `${name}.json`), 'utf8'))), name) as Portfolio
  const venueId = option('venue') ?? book.venue
  const venue = venueOf(venueId)
  return { name, book: { ...book, venue: venueId }, venue: venue.kind === 'exchange' ? { ...venue, defi: { 'aave-v3': lending.lending } } : venue }
})

interface Tally {
  liquidated: number[]
  story: number[]
  adl: Record<string, number[]>
}
const tallies = new Map<string, Tally>(books.map((b) => [b.name, { liquidated: [], story: [], adl: Object.fromEntries(b.book.positions.map((p) => [p.id, []])) }]))
for (let seed = first; seed < first + seeds; seed++) {
  const crowds = new Map<string, Crowd>()
  for (const b of books) {
    let crowd = crowds.get(b.venue.id)
    if (!crowd) crowds.set(b.venue.id, (crowd = generateCrowd(scenario, { seed, venue: b.venue })))
    const r = runCascade({ portfolio: b.book, venue: b.venue, lending, scenario, seed, crowd, series: false })
    const ev = r.events.filter((e) => e.account === 'user')
    const t = tallies.get(b.name) as Tally
    const liq = ev.find((e) => e.kind === 'liquidation')
    const adls = ev.filter((e) => e.kind === 'adl')
    if (liq) t.liquidated.push(seed)
    for (const p of Object.keys(t.adl)) if (adls.some((e) => e.position === p)) t.adl[p].push(seed)
    if (liq && adls.some((e) => e.id < liq.id)) t.story.push(seed)
    process.stderr.write(`${b.name} seed ${seed}: ${liq ? 'liquidated' : 'survived'}${adls.length ? `, ADL ${[...new Set(adls.map((e) => e.position))].join('+')}` : ''}\n`)
  }
}
const share = (list: number[]) => ({ count: list.length, share: list.length / seeds, seeds: list })
process.stdout.write(
  `${JSON.stringify(
    {
      scenario: scenarioArg,
      accounts,
      seeds: `${first}..${first + seeds - 1}`,
      books: Object.fromEntries(
        books.map((b) => {
          const t = tallies.get(b.name) as Tally
          return [b.name, { venue: b.venue.id, liquidated: share(t.liquidated), adlThenLiquidated: share(t.story), adl: Object.fromEntries(Object.entries(t.adl).map(([p, l]) => [p, share(l)])) }]
        }),
      ),
    },
    null,
    1,
  )}\n`,
)
