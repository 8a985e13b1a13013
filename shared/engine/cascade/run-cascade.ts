// The run loop (docs/MODEL.md §6, docs/SIMULATION-NOTES.md §4): time steps over the scenario window;
// at each step the market moves (`advanceTo`), the exogenous events of the step are logged, and
// then, to a bounded fixed point (MAX_ROUNDS), in this order:
//   1. each crowd liquidation index, in the crowd's index order, advances its cursor on its driving
//      price; the perpetuals crossed go through the waterfall as one batch per asset and side, the
//      collateral legs through the lending rules, and loopers near HF 1 unwind;
//   2. legs re-armed after a partial liquidation and positions re-opened during the run (pending heaps);
//   3. the market makers' unified accounts, each whole;
//   4. the user's account (margin call, liquidation; then its DeFi positions).
// Before the rounds the insurance funds sell some of what they took over into the book (offload);
// at the end of each round a fund below the maintenance of what it holds gives positions up to ADL
// (Hyperliquid's vault). A round that traded nothing ends the step. Then depeg thresholds and breaker trips are logged,
// the funds' trigger states are updated, and every 10 s the window closes: crowd aggregates are
// emitted, deleveraged traders re-hedge, lights refresh and a series sample is taken.
import { adlLightsNow } from '../account/metrics-report'
import { generateCrowd, type Crowd } from '../crowd'
import { Market, isoAt, timeGridOf } from '../market'
import type { TimeGrid } from '../market/time-grid'
import type { RunResult } from '../../model/run'
import type { Portfolio } from '../../model/portfolio'
import type { Scenario } from '../../model/scenario'
import type { VenueProfile } from '../../model/venue'
import { describeIssue } from '../../model/issues'
import { AdlQueues } from './adl-queue'
import { INSURANCE_KEY, RunState, type RunStats } from './context'
import { CrowdBook } from './crowd-book'
import { CrowdLending } from './crowd-lending'
import { CrowdPerps } from './crowd-perps'
import { CrowdPools } from './crowd-pools'
import { EventLog, type EventsKept } from './event-log'
import { usd } from './format'
import { fundsOf } from './insurance'
import { InsuranceFunds } from './insurance-funds'
import { Ledger, type LedgerTotals } from './ledger'
import { MarketEvents } from './market-events'
import { runRulesOf, type RunRules } from './rules'
import { SAMPLE_SECONDS, SeriesRecorder } from './series-recorder'
import { Rehedges } from './rehedge'
import { buildSummary, calibrationValues, scenarioBasis, type CalibrationValue, type ScenarioBasis } from './summary'
import { UserAccount } from './user/account'
import { UserAdl } from './user/adl'
import { UserMargin } from './user/margin'
import { QuietSteps } from './quiet-steps'
import { prepareBook, type CollateralPricingChoice } from './validate'
import type { RunPricing } from './start-prices'
import { Waterfall } from './waterfall'

export interface CascadeInput {
  portfolio: Portfolio
  venue: VenueProfile
  lending?: VenueProfile
  scenario: Scenario
  seed?: number
  crowd?: Crowd
  /** Start at the book's marks (default) or at the scenario's historical prices. */
  pricing?: RunPricing
  /** Collateral as the scenario prices it (default) or by the venue's conversion-rate index. */
  collateralPricing?: CollateralPricingChoice
  /** How the scenario was chosen for this book (a date resolved to a preset, or to the date's market): the summary's `calibrated` and note. */
  basis?: ScenarioBasis
  /**
   * `false`: keep no per-step series (the result's series is empty), for sweeps that read only the
   * events and the summary (Monte Carlo, grids, solving); events and summary are the same either way.
   */
  series?: boolean
  /**
   * `'user'`: the result keeps the user's events only, with the ids, times and causes a full run
   * gives them (every event is still numbered); the crowd's, the market's and the funds' events are
   * counted, not built. For sweeps, which read the user's events and the summary (the same either way).
   */
  events?: EventsKept
}

/** A run is cancelled by stopping the worker it runs in (electron/main/runs/supervise.ts), not from inside. */
export interface CascadeHooks {
  onProgress?: (p: { step: number; steps: number; t: string }) => void
}

/**
 * A run's parts, each built from the parts before it (createRun): the market and the ledger,
 * the crowd's book, the drivers and the fund, the ADL queues, the user's account, the series,
 * the user's ADL membership, the waterfall, the user's margin checks. Every part receives what it
 * reads in its constructor (its `...Deps` type); this object is them all, for the loop and tests.
 */
export interface RunContext {
  readonly scenario: Scenario
  readonly grid: TimeGrid
  readonly market: Market
  readonly rules: RunRules
  readonly ledger: Ledger
  readonly log: EventLog
  readonly stats: RunStats
  /** The clock and the round's counters. */
  readonly state: RunState
  /** Marks at the start, per asset. */
  readonly startMarks: Float64Array
  readonly crowd: CrowdBook
  readonly drivers: MarketEvents
  readonly funds: InsuranceFunds
  readonly rehedges: Rehedges
  readonly adl: AdlQueues
  readonly user: UserAccount
  readonly series: SeriesRecorder
  readonly userAdl: UserAdl
  readonly waterfall: Waterfall
  readonly margin: UserMargin
}

/** Rounds of the fixed point per step; what is left carries over to the next step. */
export const MAX_ROUNDS = 12

/** Test and bench hooks: not part of the public API. */
export interface DebugOptions {
  /** Called after every step with the ledger's totals (conservation tests). */
  onStep?: (step: number, totals: LedgerTotals, ctx: RunContext) => void
  /** Every step takes the full path (quiet-steps.ts off): the reference the shortcut is tested against. */
  noShortcuts?: boolean
}

export interface DetailedRun {
  result: RunResult
  calibration: CalibrationValue[]
  ctx: RunContext
  /** Steps whose first round the quiet test skipped to the user's check (0 with `noShortcuts`). */
  quietSteps: number
}

/** Sum of every account of the run: named accounts, the crowd, the user. */
export function ledgerTotals(ctx: RunContext): LedgerTotals {
  const t = ctx.ledger.totals()
  ctx.crowd.addTotals(t)
  ctx.user.addTotals(t)
  return t
}

function reuseCrowd(crowd: Crowd | undefined, market: Market, seed: number, venue: string): Crowd | null {
  // The crowd's sizes, leverage and maintenance come from the venue's brackets: another venue, another crowd.
  if (!crowd || crowd.seed !== seed || crowd.venue !== venue) return null
  if (crowd.assets.length !== market.assets.length || crowd.assets.some((a, i) => a !== market.assets[i])) return null
  crowd.reset()
  return crowd
}

/** A run set up at its first step, before any stepping (tests drive parts of it directly). */
export interface PreparedRun {
  ctx: RunContext
  crowd: Crowd
  perps: CrowdPerps
  lending: CrowdLending
  recorder: SeriesRecorder
  startEquity: number
  /** The crowd traders' open interest at the start (summary). */
  crowdOpenInterest: number
}

export function createRun(input: CascadeInput): PreparedRun {
  const prepared = prepareBook(input)
  if (!prepared.ok) throw new RangeError(`invalid cascade input: ${prepared.issues.map(describeIssue).join('; ')}`)
  const { scenario } = prepared
  const seed = input.seed ?? scenario.crowd.seed
  const market = Market.fromScenario(scenario, input.venue.kind === 'exchange' ? input.venue.markPrice : undefined)
  const grid = timeGridOf(scenario)
  // A crowd made for the scenario as given is reused only when the run did not re-base it.
  const crowd = (scenario === input.scenario ? reuseCrowd(input.crowd, market, seed, input.venue.id) : null) ?? generateCrowd(scenario, { seed, venue: input.venue })
  const n = market.assets.length
  const rules = runRulesOf(input.venue, input.lending)
  const ledger = new Ledger(n)
  const log = new EventLog((seconds) => isoAt(grid, seconds), input.events)
  const stats: RunStats = {
    liquidatedNotional: 0,
    liquidatedLongNotional: 0,
    crowdAdlCount: 0,
    crowdAdlAccounts: new Set(),
    crowdAdlNotional: 0,
    crowdAdlNotionalByAsset: new Float64Array(n),
    counterpartyAdlNotional: 0,
    counterpartyAdlNotionalByAsset: new Float64Array(n),
    crowdLiquidationOrders: 0,
    absorbedFund: 0,
    absorbedAdl: 0,
    absorbedUnrecovered: 0,
    minMark: Float64Array.from(market.assets, (_, i) => market.mark(i)),
    minMarkStep: new Float64Array(n),
    rehedges: 0,
  }
  const state = new RunState()
  const startMarks = Float64Array.from(market.assets, (_, i) => market.mark(i))
  const crowdBook = new CrowdBook(crowd, n)
  const drivers = new MarketEvents(scenario, market, grid)
  const funds = new InsuranceFunds({ market, ledger, rules, state, venue: input.venue, scenario }, fundsOf(input.venue, scenario), grid.stepSeconds)
  const rehedges = new Rehedges({ scenario, venue: input.venue, market, ledger, crowd: crowdBook, stats, state })
  const adl = new AdlQueues({ scenario, market, rules, ledger, crowd: crowdBook, state })
  const user = new UserAccount({ market, rules }, prepared.book, prepared.pegs)
  // "Now" is one figure: the lights the Book tab shows (the account engine, against the profile's
  // default crowd, at the run's start prices) are the run's until its first refresh, LIGHTS_SECONDS
  // in; from then on the run ranks against its own crowd (docs/CASCADE-NOTES.md "ADL").
  const now = adlLightsNow(prepared.book)
  user.positions.forEach((p, k) => {
    p.lights = now[k]
    p.lightsAt = 0
  })
  const series = new SeriesRecorder({ market, funds, crowd: crowdBook, log, state, user, keep: input.series !== false })
  const userAdl = new UserAdl({ user, adl, log, market, rules, state, series })
  const waterfall = new Waterfall({ market, rules, ledger, crowd: crowdBook, log, funds, rehedges, adl, stats, drivers, state, user, userAdl })
  const margin = new UserMargin({ user, waterfall, market, rules, ledger, funds, log, drivers, state, series })
  const ctx: RunContext = { scenario, grid, market, rules, ledger, log, stats, state, startMarks, crowd: crowdBook, drivers, funds, rehedges, adl, user, series, userAdl, waterfall, margin }
  openStartingPositions(ctx)

  const perps = new CrowdPerps({ ...ctx, pools: new CrowdPools({ crowd: crowdBook, market }) })
  const lending = new CrowdLending(ctx)
  const crowdOpenInterest = crowdBook.openInterest((a) => market.mark(a))
  return { ctx, crowd, perps, lending, recorder: series, startEquity: user.measure().equity, crowdOpenInterest }
}

export function runCascadeDetailed(input: CascadeInput, hooks: CascadeHooks = {}, debug: DebugOptions = {}): DetailedRun {
  const began = Date.now()
  const { ctx, crowd, perps, lending, recorder, startEquity, crowdOpenInterest } = createRun(input)
  const { market, grid, log, stats, rules, scenario, state, user, userAdl, margin } = ctx
  const n = market.assets.length
  const seed = input.seed ?? scenario.crowd.seed
  const steps = grid.steps
  const progressEvery = Math.max(1, Math.floor(steps / 100))
  const windowSteps = Math.max(1, Math.round(SAMPLE_SECONDS / grid.stepSeconds))
  const crossed: number[] = []
  const groups: SlotGroups = Array.from({ length: 2 * n }, () => [])
  let userEventsSeen = 0
  const quiet = debug.noShortcuts ? null : new QuietSteps({ market, crowd: ctx.crowd })
  const keepSeries = input.series !== false
  // What the summary takes from the input, read before the loop (see `finishRun`).
  const run = {
    venue: input.venue.id,
    pricing: input.pricing ?? 'book',
    collateralPricing: input.collateralPricing ?? 'market',
    crowdOpenInterestStart: crowdOpenInterest,
    ...scenarioBasis(input.scenario, input.venue.id, input.basis),
  }
  const portfolioName = input.portfolio.name

  for (let k = 0; k <= steps; k++) {
    const t = k * grid.stepSeconds
    state.t = t
    state.step = k
    log.setTime(t)
    market.advanceTo(t)
    ctx.drivers.emitScheduled(t, log)
    ctx.funds.offload()
    if (ctx.crowd.deferred.length) {
      const retry = ctx.crowd.deferred
      ctx.crowd.deferred = []
      processSlots(ctx, perps, lending, retry, groups)
    }
    lending.sellLeftovers()
    let round = 0
    if (quiet && quiet.firstRoundIdle(lending)) {
      // Nothing of the crowd reaches a trigger at these prices (quiet-steps.ts): the first round
      // would only run the user's check and the funds' maintenance check that end every round;
      // the rounds go on only if those traded.
      state.activity = 0
      margin.check()
      ctx.waterfall.deleverageHeld()
      round = state.activity === 0 ? MAX_ROUNDS : 1
    }
    for (; round < MAX_ROUNDS; round++) {
      state.activity = 0
      for (const index of crowd.indexes) {
        const price = index.driver === 'mark' ? market.mark(index.asset) : market.collateralPrice(index.asset)
        const from = index.cursor
        const to = index.advance(price)
        if (to > from) {
          ctx.crowd.triggersVersion++
          if (index.driver === 'mark') perps.liquidate(index.asset, index.side, index.legs, from, to)
          else lending.processCrossed(index.legs, from, to)
        }
        if (index.driver === 'collateral' && index.side > 0) lending.unwindLoopers(index, price)
      }
      for (const w of ctx.crowd.watched) {
        if (w.heap.size === 0) continue
        const price = w.driver === 'mark' ? market.mark(w.asset) : market.collateralPrice(w.asset)
        ctx.crowd.popCrossed(w, price, crossed)
        if (crossed.length) {
          processSlots(ctx, perps, lending, crossed, groups)
          crossed.length = 0
        }
      }
      // While the market makers' certificate holds at the prices now, the full check would
      // liquidate no one (quiet-steps.ts): it runs only when the certificate does not.
      if (!quiet?.marketMakersCertified()) {
        const eventsBefore = log.count
        lending.checkMarketMakers()
        // No market maker liquidated (each one is an event): their coverage is certified for the
        // quiet test and the rounds after until the next full check.
        if (quiet) {
          if (log.count === eventsBefore) quiet.certifyMarketMakers()
          else quiet.forgetMarketMakers()
        }
      }
      margin.check()
      // A fund below the maintenance of what it holds (Hyperliquid's vault) gives positions up to
      // ADL every round, so a cascade that keeps the rounds busy does not leave it holding on.
      ctx.waterfall.deleverageHeld()
      if (state.activity === 0) break
    }
    ctx.drivers.observe(log)
    for (const { fund, change } of ctx.funds.observe(t)) {
      state.fundTriggerEvent = log.emit(
        'insurance',
        'insurance-fund',
        {
          amounts: { fundBalance: usd(fund.balance) },
          note: change === 'started' ? `ADL trigger (${rules.trigger.kind}) fired on fund ${fund.id}: deficits now go to auto-deleveraging` : `ADL trigger (${rules.trigger.kind}) cleared on fund ${fund.id}`,
        },
        [log.flush(INSURANCE_KEY) ?? 0],
      )
    }
    for (let a = 0; a < n; a++) {
      const mk = market.mark(a)
      if (mk < stats.minMark[a]) {
        stats.minMark[a] = mk
        stats.minMarkStep[a] = k
      }
    }
    const last = k === steps
    const windowEnd = (k + 1) % windowSteps === 0 || last
    if (windowEnd) {
      log.flushAll()
      ctx.rehedges.open()
    }
    const userEvents = user.callEvents.length + user.liquidationEvents.length + user.adlEvents.length
    const userChanged = userEvents !== userEventsSeen
    userEventsSeen = userEvents
    if (keepSeries && (recorder.due(k, grid.stepSeconds, last) || userChanged)) {
      // The lights refresh changes no figure of the account: one look serves both.
      const figures = user.measure()
      userAdl.updateLights(figures)
      recorder.sample(log.t, figures)
    }
    debug.onStep?.(k, ledgerTotals(ctx), ctx)
    if (k % progressEvery === 0 || last) {
      hooks.onProgress?.({ step: k, steps, t: log.t })
    }
  }
  return finishRun(ctx, { run, portfolioName, seed, startEquity, steps, began, recorder, quietSteps: quiet?.idleSteps ?? 0 })
}

/**
 * After the last step: the summary and the result. Out of `runCascadeDetailed` so that the code
 * optimised for its loop while it ran (on-stack replacement) does not end in reads it has no
 * feedback for: one such read stopped that code on every run, and the next run compiled it again.
 */
function finishRun(
  ctx: RunContext,
  f: { run: Parameters<typeof buildSummary>[1]; portfolioName: string; seed: number; startEquity: number; steps: number; began: number; recorder: SeriesRecorder; quietSteps: number },
): DetailedRun {
  ctx.log.flushAll()
  const finalEquity = ctx.user.measure().equity
  const summary = buildSummary(ctx, f.run, f.startEquity, finalEquity, f.steps, Date.now() - f.began)
  const result: RunResult = { portfolioName: f.portfolioName, scenarioId: ctx.scenario.id, seed: f.seed, summary, series: f.recorder.series, events: ctx.log.events }
  return { result, calibration: calibrationValues(ctx), ctx, quietSteps: f.quietSteps }
}

/** Per asset x 2 + (0 long, 1 short): one `processSlots` call's perpetual slots, emptied after each batch. */
type SlotGroups = number[][]

/**
 * Pending or deferred slots: perpetuals in batches by (asset, side) in key order, collateral legs
 * one by one. The slots are grouped before any trades (open ones only), so `slots` may be reused
 * by the caller afterwards.
 */
function processSlots(ctx: RunContext, perps: CrowdPerps, lending: CrowdLending, slots: ArrayLike<number>, groups: SlotGroups): void {
  const cb = ctx.crowd
  let other: number[] | null = null
  let lo = groups.length
  let hi = -1
  for (let k = 0; k < slots.length; k++) {
    const s = slots[k]
    if (!cb.isOpen(s)) continue
    if (cb.kind[s] === 0) {
      const key = cb.asset[s] * 2 + (cb.side[s] > 0 ? 0 : 1)
      groups[key].push(s)
      if (key < lo) lo = key
      if (key > hi) hi = key
    } else (other ??= []).push(s)
  }
  for (let key = lo; key <= hi; key++) {
    const g = groups[key]
    if (g.length === 0) continue
    perps.liquidate(key >> 1, key % 2 === 0 ? 1 : -1, g)
    g.length = 0
  }
  if (other) lending.processCrossed(other)
}

/**
 * Every position was opened against the counterparty at its entry (ledger.ts); every loan is a
 * receivable of the lenders.
 */
function openStartingPositions(ctx: RunContext): void {
  const cb = ctx.crowd
  const cp = ctx.ledger.counterparty
  for (let i = 0; i < cb.size; i++) {
    if (cb.kind[i] === 0) cp.takePerp(cb.asset[i], -cb.side[i] * cb.qty[i], cb.entry[i])
    else ctx.ledger.lenders.cash += cb.debt[i]
  }
  for (const p of ctx.user.positions) cp.takePerp(p.asset, -p.sign * p.qty, p.entryNotional / p.qty)
}

export function runCascade(input: CascadeInput, hooks: CascadeHooks = {}): RunResult {
  return runCascadeDetailed(input, hooks).result
}
