// `npm run bench -- --only bigBooks`: the cascade run of big books (the hardening issue: the user's
// account must cost work proportional to what changed, like the crowd). The 2025-10-10 preset at
// 1 s steps (9,000 steps) on binance with its default 100k-trader crowd, reused between runs (the
// crowd's generation is not what is measured), for books of 3, 500 and 5,000 positions (the
// schema's maximum) in cross margin and in portfolio (unified) margin.
// Targets: t(500) <= 3 x t(3), t(5,000) <= 10 x t(3). Figures, not pass/fail.
// The books (`bigBook`) carry about the same exposure at every size, cut finer, so the market sees
// about the same user and the ratio measures the account's bookkeeping.
import { readFileSync } from 'node:fs'
import { loadavg } from 'node:os'
import { join } from 'node:path'
import { runCascade, type CascadeInput } from '../shared/engine/cascade'
import { generateCrowd } from '../shared/engine/crowd'
import { computeMetrics } from '../shared/engine'
import { createVenueCatalog } from '../electron/main/services/venue-catalog'
import { benchBook } from './metrics'
import { mulberry32 } from '../shared/engine/account/prng'
import type { MarginMode, Portfolio, Position } from '../shared/model/portfolio'
import type { ExchangeProfile, LendingProfile, VenueProfile } from '../shared/model/venue'
import { parseScenarioText } from '../shared/schemas/scenario'
import { parseVenueText } from '../shared/schemas/venue'

const root = join(__dirname, '..')

/**
 * The articles' hedge book on Binance (docs/CRASH-MECHANICS.md §7: BTC long 5M, DOGE short 0.5M, ETH
 * long 1M, DOGE collateral; the example of resources/examples before it moved to Hyperliquid) and a SOL long, as templates
 * over the venue's contracts the 2025-10-10 preset prices (BNBUSDT's base is not a scenario asset).
 */
const TEMPLATES = [
  { symbol: 'BTCUSDT', side: 'long', notional: 5_000_000, price: 122000, places: 1 },
  { symbol: 'DOGEUSDT', side: 'short', notional: 500_000, price: 0.25, places: 5 },
  { symbol: 'ETHUSDT', side: 'long', notional: 1_000_000, price: 4350, places: 2 },
  { symbol: 'SOLUSDT', side: 'long', notional: 1_000_000, price: 220, places: 3 },
] as const

function positionsOf(positions: number, seed: number): Position[] {
  const random = mulberry32(seed)
  const list: Position[] = []
  for (let i = 0; i < positions; i++) {
    const c = TEMPLATES[i % TEMPLATES.length]
    const flip = random() < 0.1
    const side = flip ? (c.side === 'long' ? 'short' : 'long') : c.side
    const size = Math.max(10, Math.round(((c.notional * 3) / Math.max(3, positions)) * (0.25 + 1.5 * random())))
    const entry = (c.price * (0.97 + 0.06 * random())).toFixed(c.places)
    const leverage = 1 + Math.floor(random() * 20)
    list.push({ id: `p${i}`, symbol: c.symbol, side, notional: String(size), entryPrice: entry, leverage: String(leverage) })
  }
  return list
}

const START_PRICES: Record<string, string> = { BTC: '122000', ETH: '4350', SOL: '220', DOGE: '0.25', USDT: '1' }

function bookOf(name: string, mode: MarginMode, positions: Position[], doge: number): Portfolio {
  return { format: 'cascade.portfolio/1', name, venue: 'binance', marginMode: mode, prices: {}, wallet: [{ asset: 'DOGE', amount: String(doge) }], positions, loans: [], defi: [], loops: [] }
}

/** Maintenance margin and uPnL of positions at the preset's start prices (the exact engine). */
function startFigures(positions: Position[], mode: MarginMode): { mm: number; upnl: number } {
  const r = computeMetrics(bookOf('probe', mode, positions, 0), binance(), { prices: START_PRICES })
  if (!r.ok) throw new Error(`big book refused: ${JSON.stringify(r.issues.slice(0, 3))}`)
  return { mm: Number(r.value.account.maintenanceMargin), upnl: Number(r.value.account.unrealizedPnl) }
}

/**
 * A book of `positions` positions: position i copies template i mod 4 at 3/n of its notional
 * (sizes varied 0.25-1.75x, one in ten on the other side, entries within +-3% of the scenario's
 * start, leverage 1-20x), so 3 positions are the hedge book's exposure and a bigger book about the
 * same exposure cut finer. The wallet is DOGE: that book's 9M for 3 positions; for more, as
 * much as gives the same margin ratio (MM / margin balance) at the start, since small positions sit
 * in lower brackets. So every size is near its liquidation line on 10/10.
 */
export function bigBook(positions: number, mode: MarginMode = 'cross', seed = 1010): Portfolio {
  const list = positionsOf(positions, seed)
  let doge = 9_000_000
  if (positions !== 3) {
    const small = startFigures(positionsOf(3, seed), 'cross')
    const ratio = small.mm / (doge * 0.25 + small.upnl)
    const f = startFigures(list, 'cross')
    doge = Math.round((f.mm / ratio - f.upnl) / 0.25)
  }
  return bookOf(`big book ${positions}`, mode, list, doge)
}

let venueCache: VenueProfile | null = null
function binance(): VenueProfile {
  venueCache ??= read(parseVenueText(readFileSync(join(root, 'resources/venues/binance.json'), 'utf8')), 'binance')
  return venueCache
}

function read<T>(r: { ok: true; value: T } | { ok: false; issues: unknown }, what: string): T {
  if (!r.ok) throw new Error(`${what}: ${JSON.stringify(r.issues)}`)
  return r.value
}

function aave(): LendingProfile {
  return read(parseVenueText(readFileSync(join(root, 'resources/venues/aave-v3.json'), 'utf8')), 'aave-v3') as LendingProfile
}

/** Binance as the catalog returns it: the lending protocol attached. */
function binanceWithLending(): ExchangeProfile {
  return { ...(binance() as ExchangeProfile), defi: { 'aave-v3': aave().lending } }
}

export function bigBookInput(portfolio: Portfolio): CascadeInput {
  const scenario = read(parseScenarioText(readFileSync(join(root, 'resources/scenarios/2025-10-10.json'), 'utf8')), 'preset')
  return { portfolio, venue: binanceWithLending(), lending: aave(), scenario }
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b)
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2
}
const round = (x: number) => Math.round(x * 10) / 10
const ratio = (a: number, b: number) => Math.round((a / b) * 100) / 100

interface BookTiming {
  positions: number
  runsMs: number[]
  medianMs: number
  /** CPU time of this process per run (user + system, GC threads included): less sensitive to other load. */
  cpuMs: number[]
  medianCpuMs: number
  events: number
  userEvents: number
  survived: boolean
}

/** Sizes and runs per size; `BIGBOOKS_SIZES=3,500` and `BIGBOOKS_RUNS=1` narrow it. */
function plan(): { sizes: number[]; runs: number } {
  const sizes = (process.env.BIGBOOKS_SIZES ?? '3,500,5000').split(',').map(Number)
  return { sizes, runs: process.env.BIGBOOKS_RUNS ? Number(process.env.BIGBOOKS_RUNS) : 5 }
}

function modeFigures(mode: MarginMode): Record<string, unknown> {
  const { sizes, runs } = plan()
  const first = bigBookInput(bigBook(sizes[0], mode))
  const crowd = generateCrowd(first.scenario, { seed: first.scenario.crowd.seed })
  const inputs = sizes.map((n) => ({ ...bigBookInput(bigBook(n, mode)), crowd }))
  // Every book once untimed (the code warm for each), then the sizes in turn, `runs` rounds, so
  // a busy moment of the machine falls on every size alike.
  let last = inputs.map((input) => runCascade(input))
  const wall: number[][] = sizes.map(() => [])
  const cpu: number[][] = sizes.map(() => [])
  for (let r = 0; r < runs; r++) {
    last = inputs.map((input, k) => {
      const c0 = process.cpuUsage()
      const t0 = performance.now()
      const result = runCascade(input)
      wall[k].push(performance.now() - t0)
      const c = process.cpuUsage(c0)
      cpu[k].push((c.user + c.system) / 1000)
      return result
    })
  }
  const out: Record<string, unknown> = {}
  sizes.forEach((n, k) => {
    const t: BookTiming = {
      positions: n,
      runsMs: wall[k].map(round),
      medianMs: round(median(wall[k])),
      cpuMs: cpu[k].map(round),
      medianCpuMs: round(median(cpu[k])),
      events: last[k].events.length,
      userEvents: last[k].events.filter((e) => e.account === 'user').length,
      survived: last[k].summary.survived,
    }
    out[`positions${n}`] = t
  })
  const at = (n: number, key: 'medianMs' | 'medianCpuMs') => (out[`positions${n}`] as BookTiming | undefined)?.[key]
  const base = at(3, 'medianMs')
  const baseCpu = at(3, 'medianCpuMs')
  if (base !== undefined && baseCpu !== undefined) {
    const r = (n: number) => (at(n, 'medianMs') === undefined ? null : ratio(at(n, 'medianMs') as number, base))
    const rc = (n: number) => (at(n, 'medianCpuMs') === undefined ? null : ratio(at(n, 'medianCpuMs') as number, baseCpu))
    const r500 = r(500)
    const r5000 = r(5000)
    out.ratios = {
      to3: { '500': r500, '5000': r5000 },
      to3Cpu: { '500': rc(500), '5000': rc(5000) },
      targets: { '500': 3, '5000': 10 },
      met: (r500 === null || r500 <= 3) && (r5000 === null || r5000 <= 10),
    }
  }
  return out
}

/** computeMetrics of the 500-position bench book (bench/metrics.ts), the default call at a BTC tick: median of 200. */
function metrics500(): Record<string, unknown> {
  const doc = benchBook(500, 'cross')
  const catalog = createVenueCatalog(join(root, 'resources/venues')).get('binance')
  if (!catalog.ok) throw new Error(JSON.stringify(catalog.issues))
  const venue = catalog.value
  for (let i = 0; i < 20; i++) computeMetrics(doc, venue, { prices: { BTC: String(120000 + i) } })
  const times: number[] = []
  for (let i = 0; i < 200; i++) {
    const t0 = performance.now()
    computeMetrics(doc, venue, { prices: { BTC: String(121000 + i) } })
    times.push(performance.now() - t0)
  }
  return { positions: 500, medianMs: Math.round(median(times) * 1000) / 1000, targetMs: 5, met: median(times) <= 5 }
}

export async function benchBigBooks(): Promise<Record<string, unknown>> {
  return {
    scenario: '2025-10-10, 9,000 steps of 1 s, 100k-trader crowd reused; big books on binance (bench/big-books.ts bigBook)',
    note: "runsMs: wall time of each run; cpuMs: this process's CPU time; medians; ratios: median / the 3-position book's median",
    loadAverage: loadavg().map((x) => Math.round(x * 100) / 100),
    cross: modeFigures('cross'),
    portfolio: modeFigures('portfolio'),
    metrics500: metrics500(),
  }
}
