// The run's summary (docs/MODEL.md §6, docs/FORMATS.md §5.3) and the calibration metrics of
// shared/model/scenario.ts `CALIBRATION_METRICS`.
//
// The loss breakdown adds up exactly: every part is rounded to cents first and `price` is what is
// left of the total (start equity - final equity) once slippage (fills against the mark before the
// order), fees (liquidation fees) and profit lost to ADL (side x qty x (mark - ADL price)) are
// taken out: the marks' moves on what the user held, net of any insurance top-up of a negative
// balance (docs/CASCADE-NOTES.md "Summary").
import type { RunSummary, ScenarioBasis } from '../../model/run'
import type { CalibrationMetric, Scenario } from '../../model/scenario'
import type { Market } from '../market'
import type { RunStats } from './context'
import type { CrowdBook } from './crowd-book'
import type { EventLog } from './event-log'
import type { InsuranceFunds } from './insurance-funds'
import type { UserAccount } from './user/account'
import { centsText, plain, price as fmtPrice, qty as fmtQty, ratio as fmtRatio, toCents, usd } from './format'

/** What the summary and the calibration values read of a finished run. */
export interface RunOutcome {
  readonly scenario: Scenario
  readonly market: Market
  readonly crowd: CrowdBook
  readonly log: EventLog
  readonly funds: InsuranceFunds
  readonly stats: RunStats
  readonly user: UserAccount
  /** Marks at the start, per asset. */
  readonly startMarks: Float64Array
  /** The ISO time of a step. */
  readonly grid: { readonly stepSeconds: number }
}

export interface CalibrationValue {
  metric: CalibrationMetric
  asset?: string
  fund?: string
  target: number
  value: number
  tolerance: number
  /** Only a lower limit applies (`atLeast`: a published lower bound). */
  atLeast?: boolean
  ok: boolean
}

/** Each market asset's mark at the start, its low (and when), and at the end. */
function assetPath(ctx: RunOutcome): RunSummary['assets'] {
  const m = ctx.market
  const s = ctx.stats
  const at = (step: number) => ctx.log.timeAt(step * ctx.grid.stepSeconds)
  return Object.fromEntries(
    m.assets.map((asset, a) => [asset, { start: fmtPrice(ctx.startMarks[a]), low: fmtPrice(s.minMark[a]), lowAt: at(s.minMarkStep[a]), end: fmtPrice(m.mark(a)) }]),
  )
}

export type { ScenarioBasis }

/**
 * Whether the run replays a preset on the venue it is calibrated for: a door's own basis when it
 * resolved the scenario, otherwise the scenario's `venue` (the engine refuses another venue's preset).
 */
export function scenarioBasis(scenario: Scenario, venue: string, given?: ScenarioBasis): { calibrated: boolean; calibrationNote: string; scenarioRequested?: string } {
  const requested = given?.requested !== undefined && given.requested !== scenario.id ? { scenarioRequested: given.requested } : {}
  if (given) return { calibrated: given.calibrated, calibrationNote: given.note, ...requested }
  if (scenario.venue === venue && scenario.calibration.length > 0) {
    return { calibrated: true, calibrationNote: `${scenario.id} is calibrated for ${venue}: ${scenario.calibration.length} published outputs (resources/scenarios/README.md)` }
  }
  return { calibrated: false, calibrationNote: scenario.venue === undefined ? `${scenario.id} names no venue: a what-if or a date's market, not calibrated on ${venue}` : `${scenario.id} states no calibration targets` }
}

export function buildSummary(
  ctx: RunOutcome,
  run: {
    venue: string
    pricing: RunSummary['pricing']
    collateralPricing: RunSummary['collateralPricing']
    crowdOpenInterestStart: number
    calibrated: boolean
    calibrationNote: string
    scenarioRequested?: string
  },
  startEquity: number,
  finalEquity: number,
  steps: number,
  elapsedMs: number,
): RunSummary {
  const u = ctx.user
  const startC = toCents(startEquity)
  const finalC = toCents(finalEquity)
  const totalC = startC - finalC
  const slipC = toCents(u.slippage)
  const feesC = toCents(u.fees)
  const adlC = toCents(u.profitLostToAdl)
  const priceC = totalC - slipC - feesC - adlC
  const s = ctx.stats
  const cb = ctx.crowd
  let liquidatedAccounts = 0
  for (let a = 0; a < cb.accounts; a++) liquidatedAccounts += cb.liquidated[a]
  const firstOf = (ids: number[]) => (ids.length ? (ctx.log.byId(ids[0])?.t ?? null) : null)
  const survived = !u.liquidated && !u.bankrupt
  return {
    venue: run.venue,
    pricing: run.pricing,
    collateralPricing: run.collateralPricing,
    calibrated: run.calibrated,
    calibrationNote: run.calibrationNote,
    ...(run.scenarioRequested !== undefined ? { scenarioRequested: run.scenarioRequested } : {}),
    crowdSize: ctx.scenario.crowd.accounts,
    survived,
    firstMarginCall: firstOf(u.callEvents),
    firstLiquidation: firstOf(u.liquidationEvents),
    startEquity: centsText(startC),
    finalEquity: centsText(finalC),
    loss: { price: centsText(priceC), slippage: centsText(slipC), fees: centsText(feesC), profitLostToAdl: centsText(adlC), total: centsText(totalC) },
    firstAdlAt: firstOf(u.adlEvents),
    userAdl: u.adlRecords.map((r) => ({ eventId: r.eventId, t: r.t, position: r.position, qty: fmtQty(r.qty), price: fmtPrice(r.price), profitLost: usd(r.profitLost) })),
    crowd: {
      accounts: cb.accounts,
      liquidatedAccounts,
      liquidatedNotional: usd(s.liquidatedNotional),
      liquidatedLongShare: fmtRatio(s.liquidatedNotional > 0 ? s.liquidatedLongNotional / s.liquidatedNotional : 0),
      adlCount: s.crowdAdlCount,
      adlAccounts: s.crowdAdlAccounts.size,
      adlNotional: usd(s.crowdAdlNotional),
      liquidations: s.crowdLiquidationOrders,
      rehedges: s.rehedges,
      openInterest: { start: usd(run.crowdOpenInterestStart), end: usd(cb.openInterest((a) => ctx.market.mark(a))) },
      absorbedBy: { insuranceFund: usd(s.absorbedFund), adl: usd(s.absorbedAdl), unrecovered: usd(s.absorbedUnrecovered) },
    },
    // The total's start and end are the sums of the funds' own figures in cents, so the list adds up to it exactly.
    insuranceFund: { start: centsText(sumCents(ctx.funds.all.map((f) => f.start))), end: centsText(sumCents(ctx.funds.all.map((f) => f.balance))), min: usd(Math.min(ctx.funds.min, ctx.funds.start, ctx.funds.balance)) },
    insuranceFunds: ctx.funds.all.map((f) => ({ id: f.id, start: usd(f.start), min: usd(Math.min(f.min, f.balance)), end: usd(f.balance) })),
    insuranceFundSource: ctx.funds.source,
    assets: assetPath(ctx),
    steps,
    elapsedMs,
  }
}

/** The scenario's calibration targets measured on this run. */
export function calibrationValues(ctx: RunOutcome): CalibrationValue[] {
  const s = ctx.stats
  const m = ctx.market
  let liquidatedAccounts = 0
  for (let a = 0; a < ctx.crowd.accounts; a++) liquidatedAccounts += ctx.crowd.liquidated[a]
  return ctx.scenario.calibration.map((c) => {
    const a = c.asset ? m.assetIndex(c.asset) : -1
    let value = Number.NaN
    switch (c.metric) {
      case 'liquidatedNotionalUsd':
        value = s.liquidatedNotional
        break
      case 'longShareOfLiquidations':
        value = s.liquidatedNotional > 0 ? s.liquidatedLongNotional / s.liquidatedNotional : 0
        break
      case 'liquidatedAccounts':
        value = liquidatedAccounts
        break
      case 'troughMove':
        value = a >= 0 ? s.minMark[a] / startPriceOf(ctx, a) - 1 : Number.NaN
        break
      case 'minPrice':
        value = a >= 0 ? s.minMark[a] : Number.NaN
        break
      case 'adlCount':
        value = s.crowdAdlCount
        break
      case 'adlAccounts':
        value = s.crowdAdlAccounts.size
        break
      case 'adlNotionalUsd':
        // Every deleveraged account, as the published tallies count them: the crowd's and the
        // unmodelled counterparty's (the low-leverage holders it stands for).
        value = c.asset === undefined ? s.crowdAdlNotional + s.counterpartyAdlNotional : a >= 0 ? s.crowdAdlNotionalByAsset[a] + s.counterpartyAdlNotionalByAsset[a] : Number.NaN
        break
      case 'insuranceFundChangeUsd': {
        // A fund the venue does not keep measures nothing (NaN: never within a tolerance).
        const fund = c.fund === undefined ? ctx.funds : ctx.funds.all.find((f) => f.id === c.fund)
        value = fund ? fund.balance - fund.start : Number.NaN
        break
      }
    }
    const target = Number(c.target)
    const tolerance = c.relativeTolerance !== undefined ? Math.abs(target) * Number(c.relativeTolerance) : Number(c.absoluteTolerance)
    const ok = c.atLeast ? value >= target - tolerance : Math.abs(value - target) <= tolerance
    return { metric: c.metric, ...(c.asset ? { asset: c.asset } : {}), ...(c.fund ? { fund: c.fund } : {}), target, value, tolerance, ...(c.atLeast ? { atLeast: true } : {}), ok }
  })
}

function startPriceOf(ctx: RunOutcome, a: number): number {
  return ctx.startMarks[a]
}

/** One line per target, for notes and failing tests. */
export function describeCalibration(values: CalibrationValue[]): string {
  return values.map((v) => `${v.ok ? 'ok  ' : 'MISS'} ${v.metric}${v.asset ? ` ${v.asset}` : ''}${v.fund ? ` (${v.fund})` : ''}: ${plain(v.value, 6)} (target ${v.atLeast ? 'at least ' : ''}${plain(v.target, 6)} ${v.atLeast ? '-' : '+-'} ${plain(v.tolerance, 4)})`).join('\n')
}

/** Whole cents of each amount, summed (what a list of rounded amounts adds up to). */
function sumCents(amounts: readonly number[]): number {
  let c = 0
  for (const a of amounts) c += toCents(a)
  return c
}
