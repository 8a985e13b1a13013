// The book at the bottom of a scenario (docs/WHATIF.md): the run's own preparation (prepareBook:
// the book's checks, the scenario re-based on its marks or historical, its class assets added),
// then `computeMetrics` at the exogenous prices of every path point, and the point where the book
// is closest to its liquidation lines. Exact figures, no crowd, no impact, no ADL, no fund: what
// the what-if editor shows while a slider moves (a full run is the answer with all of them).
//
// Prices follow the run: positions at the venue's book (the reference price), exchange collateral
// at the book or the oracle (`collateralPricing`), DeFi positions at the oracle (docs/VENUE-RULES.md
// §4.1). The lines and their thresholds are the run's (cascade/user/margin.ts, defi.ts).
import type { BottomAsset, BottomLine, BottomMetrics, PeggedAsset } from '../../model/bottom'
import { RISK_CAP } from '../../model/bottom'
import type { FieldIssue } from '../../model/issues'
import type { MetricsReport } from '../../model/metrics'
import type { Portfolio } from '../../model/portfolio'
import { NUMERAIRE, type Scenario } from '../../model/scenario'
import type { ExchangeProfile, VenueProfile } from '../../model/venue'
import { dec, maxDec, ONE, text, ZERO, type Dec } from '../../decimal'
import { computeMetrics } from '../account/metrics-report'
import { validatePortfolio } from '../../schemas/portfolio'
import { assetsOfBook } from '../cascade/start-prices'
import { prepareBook, venueWithLending, type InputLike } from '../cascade/validate'
import { runRulesOf } from '../cascade/rules'
import { MARGIN_CALL_RATIO } from '../cascade/user/margin'
import { DEFI_CALL_HF } from '../cascade/user/defi'
import { exogenousPaths, type ExogenousPrices } from './exogenous-prices'

export type BottomResult = { ok: true; value: BottomMetrics } | { ok: false; issues: FieldIssue[] }

interface Point {
  t: number
  report: MetricsReport
  lines: BottomLine[]
  risk: number | null
}

const ratioNumber = (x: Dec): number => Math.min(RISK_CAP, x.toNumber())

/** Entry notional / leverage: an isolated position's margin when the book does not give one (account-book.ts). */
function isolatedMargin(p: Portfolio['positions'][number]): Dec {
  if (p.isolatedMargin !== undefined) return dec(p.isolatedMargin)
  const notional = p.notional !== undefined ? dec(p.notional) : dec(p.qty as string).mul(dec(p.entryPrice))
  return notional.div(dec(p.leverage))
}

/** The lines of one report, each with its normalised ratio and the run's verdicts on it. */
function linesOf(doc: Portfolio, report: MetricsReport, terms: { liquidationRatio: Dec | null; callRatio: Dec | null }): BottomLine[] {
  const lines: BottomLine[] = []
  const a = report.account
  const call = dec(String(MARGIN_CALL_RATIO))
  if (a.marginMode === 'isolated') {
    const byId = new Map(doc.positions.map((p) => [p.id, p]))
    for (const p of report.positions) {
      const own = byId.get(p.id)
      if (!own) continue
      const equity = isolatedMargin(own).add(dec(p.unrealizedPnl))
      const mm = dec(p.maintenanceMargin)
      // margin.ts: an isolated position is liquidated when its equity is at or below its maintenance.
      const liquidated = equity.lte(mm)
      const risk = equity.gt(ZERO) ? mm.div(equity) : null
      lines.push({ kind: 'position', id: p.id, risk: risk ? ratioNumber(risk) : RISK_CAP, marginCall: liquidated || (risk !== null && risk.gte(call)), liquidated })
    }
  } else if (a.marginMode === 'portfolio' && terms.liquidationRatio) {
    const mm = dec(a.maintenanceMargin)
    if (a.uniMMR !== null && !mm.isZero()) {
      const uni = dec(a.uniMMR)
      const liquidated = uni.lte(terms.liquidationRatio)
      const risk = uni.gt(ZERO) ? ratioNumber(terms.liquidationRatio.div(uni)) : RISK_CAP
      lines.push({ kind: 'account', id: null, risk, marginCall: liquidated || (terms.callRatio !== null && uni.lte(terms.callRatio)), liquidated })
    }
  } else {
    const mm = dec(a.maintenanceMargin)
    const balance = dec(a.marginBalance)
    if (!mm.isZero()) {
      const liquidated = balance.lte(ZERO) || mm.div(balance).gte(ONE)
      const risk = balance.gt(ZERO) ? ratioNumber(mm.div(balance)) : RISK_CAP
      lines.push({ kind: 'account', id: null, risk, marginCall: liquidated || mm.div(balance).gte(call), liquidated })
    }
  }
  const defiCall = dec(String(DEFI_CALL_HF))
  for (const d of report.defi) {
    if (d.healthFactor === null) continue
    const hf = dec(d.healthFactor)
    const liquidated = hf.lt(ONE)
    lines.push({ kind: 'defi', id: d.id, risk: hf.gt(ZERO) ? ratioNumber(ONE.div(hf)) : RISK_CAP, marginCall: hf.lte(defiCall), liquidated })
  }
  return lines
}

const highest = (lines: BottomLine[]): number | null => (lines.length ? Math.max(...lines.map((l) => l.risk)) : null)

/** Equity for tie-breaks between equally risky points: the lower, the worse. */
const equityOf = (r: MetricsReport): Dec => dec(r.account.marginBalance)

/**
 * The book's metrics at the bottom of the scenario's exogenous paths, for the run `input` would
 * start (same book checks, same re-based scenario). Refusals are the run's, with their paths.
 */
export function bottomMetrics(input: InputLike): BottomResult {
  const prepared = prepareBook(input)
  if (!prepared.ok) return prepared
  const scenario = prepared.scenario
  const venue = venueWithLending(input.venue, input.lending)
  const rules = runRulesOf(input.venue, input.lending)
  const terms = rules.unified
    ? { liquidationRatio: dec(input.venue.kind === 'exchange' ? (input.venue.unified?.liquidationRatio ?? '0') : '0'), callRatio: dec(String(rules.unified.callRatio)) }
    : { liquidationRatio: null, callRatio: null }
  const paths = exogenousPaths(scenario)
  // prepareBook validated the same document; the scan skips the schema (and its memo's key).
  const valid = validatePortfolio(input.portfolio)
  if (!valid.ok) return valid
  const doc = valid.value
  const hasDefi = doc.defi.length > 0 || doc.loops.length > 0

  const reportAt = (p: ExogenousPrices, lite: boolean): { ok: true; report: MetricsReport } | { ok: false; issues: FieldIssue[] } => {
    const exchangePrices = collateralPrices(scenario, p)
    const r = computeMetrics(doc, venue, { prices: exchangePrices, validated: true, lite })
    if (!r.ok) return r
    // DeFi legs are valued at the oracle: a venue-only depeg does not reach a lending protocol.
    if (hasDefi && exchangePrices !== p.oracle && Object.keys(p.oracle).some((k) => p.oracle[k] !== exchangePrices[k])) {
      const o = computeMetrics(doc, venue, { prices: p.oracle, validated: true, lite: true })
      if (!o.ok) return o
      return { ok: true, report: { ...r.value, defi: o.value.defi } }
    }
    return { ok: true, report: r.value }
  }

  // The scan needs the account's state at each point (no liquidation prices, no ADL ranking);
  // the start and the bottom are then reported in full.
  const points: Point[] = []
  for (const t of paths.breakpoints) {
    const r = reportAt(paths.at(t), true)
    if (!r.ok) return r
    const lines = linesOf(doc, r.report, terms)
    points.push({ t, report: r.report, lines, risk: highest(lines) })
  }
  // The bottom: the highest risk; among equals (or with no line at all) the lowest equity, then the earliest.
  let worst = points[0]
  for (const p of points.slice(1)) {
    const a = p.risk ?? -1
    const b = worst.risk ?? -1
    if (a > b || (a === b && equityOf(p.report).lt(equityOf(worst.report)))) worst = p
  }
  const full = (t: number): MetricsReport | FieldIssue[] => {
    const r = reportAt(paths.at(t), false)
    return r.ok ? r.report : r.issues
  }
  const startReport = full(points[0].t)
  const bottomReport = worst.t === points[0].t ? startReport : full(worst.t)
  if (Array.isArray(startReport)) return { ok: false, issues: startReport }
  if (Array.isArray(bottomReport)) return { ok: false, issues: bottomReport }
  const first = points[0]
  const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z')

  const accountLiquidated = worst.lines.some((l) => l.kind === 'account' && l.liquidated)
  const byMm = [...bottomReport.positions].sort((x, y) => dec(y.maintenanceMargin).cmp(dec(x.maintenanceMargin)))
  const liquidatedPositions = accountLiquidated
    ? byMm.map((p) => p.id)
    : byMm.filter((p) => worst.lines.some((l) => l.kind === 'position' && l.id === p.id && l.liquidated)).map((p) => p.id)
  const liquidatedDefi = worst.lines.filter((l) => l.kind === 'defi' && l.liquidated).map((l) => l.id as string)
  const state = worst.lines.some((l) => l.liquidated) ? 'liquidated' : worst.lines.some((l) => l.marginCall) ? 'margin-call' : 'safe'

  return {
    ok: true,
    value: {
      scenario: { id: scenario.id, name: scenario.name },
      at: iso(worst.t),
      start: scenario.start,
      end: scenario.end,
      pricing: input.pricing ?? 'book',
      collateralPricing: scenario.collateralPricing,
      atStart: startReport,
      atBottom: bottomReport,
      lines: worst.lines,
      risk: { start: first.risk, bottom: worst.risk },
      state,
      liquidatedPositions,
      liquidatedDefi,
      assets: bookAssets(input, scenario, paths.at(paths.startMs), paths.at(worst.t)),
      curve: points.map((p) => ({ t: iso(p.t), risk: p.risk })),
      pegged: peggedAssets(input, scenario, prepared.pegs),
      unified: bottomReport.account.marginMode === 'portfolio' && terms.liquidationRatio && terms.callRatio ? { liquidationRatio: text(terms.liquidationRatio), callRatio: text(terms.callRatio) } : null,
      venueInsuranceFund: input.venue.kind === 'exchange' ? venueFundsTotal(input.venue) : null,
      conversionIndex: conversionIndexOf(input.venue, scenario),
      collateralIndex: scenario.collateralIndex ?? {},
    },
  }
}

/**
 * What the venue values collateral at (market.ts `collateralPrice`): its book or the oracle, and for
 * an asset with a collateral index rule its peg value (`conversion`) or never below `floor` x it.
 */
export function collateralPrices(scenario: Scenario, p: ExogenousPrices): Record<string, string> {
  const base = scenario.collateralPricing === 'oracle' ? p.oracle : p.reference
  const rules = Object.entries(scenario.collateralIndex ?? {}).filter(([asset]) => p.fair[asset] !== undefined)
  if (rules.length === 0) return base
  const out = { ...base }
  for (const [asset, rule] of rules) {
    const fair = dec(p.fair[asset])
    out[asset] = rule.method === 'conversion' ? p.fair[asset] : text(maxDec(dec(base[asset]), dec(rule.floor).mul(fair)))
  }
  return out
}

/** The venue's conversion-rate index for the scenario's pegged assets, when it has one (a run option and a what-if choice). */
function conversionIndexOf(venue: VenueProfile, scenario: Scenario): BottomMetrics['conversionIndex'] {
  if (venue.kind !== 'exchange' || !venue.conversionPricing) return null
  const assets = Object.fromEntries(Object.entries(venue.conversionPricing.assets).filter(([asset]) => asset in scenario.pegs))
  return Object.keys(assets).length ? { since: venue.conversionPricing.since, assets } : null
}

function contractsOf(venue: VenueProfile) {
  return venue.kind === 'exchange' ? venue.contracts : {}
}

/** The book's assets the scenario moves, with how: their own path, a class's, a peg's. */
function bookAssets(input: InputLike, scenario: Scenario, start: ExogenousPrices, bottom: ExogenousPrices): BottomAsset[] {
  const held = [...assetsOfBook(input.portfolio, contractsOf(input.venue))].sort()
  const exchange = input.venue.kind === 'exchange' ? input.venue : null
  const pick = (p: ExogenousPrices) => collateralPrices(scenario, p)
  const out: BottomAsset[] = []
  for (const asset of held) {
    const s = pick(start)[asset]
    const b = pick(bottom)[asset]
    // An asset priced by a venue profile's peg the scenario does not name does not move.
    if (s === undefined || b === undefined) continue
    const move = text(dec(b).div(dec(s)).sub(ONE))
    const peg = scenario.pegs[asset]
    if (peg) {
      const depeg = scenario.depegs.find((d) => d.asset === asset)
      out.push({ asset, start: s, bottom: b, move, path: { kind: 'peg', to: peg.to, ratio: peg.ratio, scope: depeg?.scope ?? null } })
    } else if (!(asset in input.scenario.prices)) {
      const cls = input.portfolio.assetClasses?.[asset] ?? exchange?.assetClasses?.[asset]
      const spec = cls ? input.scenario.classes?.[cls] : undefined
      out.push({ asset, start: s, bottom: b, move, path: spec && 'like' in spec ? { kind: 'like', asset: spec.like, assetClass: cls as string } : { kind: 'shock' } })
    } else out.push({ asset, start: s, bottom: b, move, path: { kind: 'shock' } })
  }
  return out
}

/** Every asset a depeg can move: the run's pegs (the scenario's, and class pegs it adds), then the book's venue pegs to a priced asset. */
function peggedAssets(input: InputLike, scenario: Scenario, pegs: Record<string, { to: string; ratio: string }>): PeggedAsset[] {
  const held = assetsOfBook(input.portfolio, contractsOf(input.venue))
  const out: PeggedAsset[] = Object.entries(scenario.pegs).map(([asset, p]) => ({ asset, to: p.to, ratio: p.ratio, inScenario: asset in input.scenario.pegs, inBook: held.has(asset) }))
  const known = new Set([...Object.keys(scenario.prices), ...Object.keys(scenario.pegs)])
  for (const asset of held) {
    if (known.has(asset) || !pegs[asset]) continue
    const p = pegs[asset]
    if (p.to === NUMERAIRE || known.has(p.to)) out.push({ asset, to: p.to, ratio: p.ratio, inScenario: false, inBook: true })
  }
  return out.sort((a, b) => Number(b.inBook) - Number(a.inBook) || (a.asset < b.asset ? -1 : a.asset > b.asset ? 1 : 0))
}

/** The venue's insurance funds together (the profile's `insuranceFund` and each of `insurance.funds`): what a run starts with unless the scenario sets a what-if size. */
export function venueFundsTotal(venue: ExchangeProfile): string {
  let total = dec(venue.insuranceFund)
  for (const f of venue.insurance?.funds ?? []) total = total.plus(dec(f.balance))
  return text(total)
}
