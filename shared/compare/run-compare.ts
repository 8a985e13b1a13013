// Two or more finished runs side by side (any books, any scenarios): every figure of the summary
// against the first run (the baseline) with its exact difference and whether it is better or worse
// for the user, the user's events one run has and the other lacks, and each position's ADL and
// liquidation. Times are compared as time since the scenario's start, so runs of different
// windows line up. Pure and exact (the one configured Decimal); the app's Compare screen draws it
// and the CLI could print it. Event identity: docs/FORMATS.md §6.1.
import { D } from '../decimal'
import type { Side } from '../model/portfolio'
import { USER_ACCOUNT, type CascadeEvent, type EventKind, type RunSummary } from '../model/run'

export interface CompareRun {
  id: string
  /** The scenario window's start: every time is compared as time elapsed since it. */
  start: string
  summary: RunSummary
  /** The run's events, or any part of them that holds all of the user's (the liquidation path does). */
  events: readonly CascadeEvent[]
  /** The book's positions, so a position nothing happened to still has its row. */
  positions: ReadonlyArray<{ id: string; symbol: string; side: Side }>
}

/** How a figure is shown: money (USD), a count, a fraction, a time since the start (ms), survived or not. */
export type MetricFormat = 'money' | 'count' | 'share' | 'elapsed' | 'verdict'
export type MetricSection = 'outcome' | 'loss' | 'crowd' | 'fund'
/** Which way is good for the user's book; `null`: neither (the crowd's figures, inputs). */
export type Better = 'higher' | 'lower' | null
export type Judgement = 'better' | 'worse' | 'same'

export interface MetricRow {
  key: string
  section: MetricSection
  format: MetricFormat
  better: Better
  /** Per run: a decimal string (money, count, share, elapsed ms), `survived`/`liquidated`, or null (never happened). */
  values: Array<string | null>
  /** Per run: value minus the baseline's, exact; null for the baseline and where either side is null. */
  deltas: Array<string | null>
  /** Per run: whether its value is not the baseline's (the baseline itself: false). */
  differs: boolean[]
  /** Per run against the baseline, when the figure has a good direction (`better` set); null otherwise and for the baseline. */
  judgements: Array<Judgement | null>
}

/**
 * One thing that happened to the user's book: the user's events of one kind, position and asset
 * in one time step (an ADL fills against several bankrupt accounts at once: one deleveraging).
 */
export interface Occurrence {
  /** `kind|position|asset`: what makes two runs' occurrences the same event. */
  key: string
  kind: EventKind
  position: string | null
  asset: string | null
  t: string
  elapsedMs: number
  eventIds: number[]
  /** Summed over the step's events; null when none carries a quantity. */
  qty: string | null
  /** The first event's fill price. */
  price: string | null
}

export interface MatchedOccurrence {
  key: string
  base: Occurrence
  other: Occurrence
  /** other's time since start minus the baseline's: negative means it came sooner. */
  dtMs: number
}

export interface EventDiff {
  /** Index of the run compared with the baseline (index 0). */
  other: number
  matched: MatchedOccurrence[]
  onlyBase: Occurrence[]
  onlyOther: Occurrence[]
}

export interface PositionOutcome {
  liquidations: number
  liquidatedQty: string
  firstLiquidationMs: number | null
  adl: number
  adlQty: string
  firstAdlMs: number | null
  /** Profit the position lost to ADL (the summary's `userAdl`), USD. */
  profitLost: string
}

export interface PositionRow {
  id: string
  symbol: string
  side: Side
  /** Per run; null when that run's book has no such position. */
  cells: Array<PositionOutcome | null>
  /** Whether any run's outcome differs from the baseline's. */
  differs: boolean
}

export interface RunComparison {
  metrics: MetricRow[]
  /** One per run after the baseline, against it. */
  events: EventDiff[]
  positions: PositionRow[]
}

interface MetricSpec {
  key: string
  section: MetricSection
  format: MetricFormat
  better: Better
  read: (run: CompareRun) => string | null
}

const elapsed = (run: CompareRun, iso: string | null): string | null => (iso === null ? null : String(Date.parse(iso) - Date.parse(run.start)))

/** The figures compared, in the order the screen lists them. */
export const METRICS: readonly MetricSpec[] = [
  { key: 'survived', section: 'outcome', format: 'verdict', better: null, read: (r) => (r.summary.survived ? 'survived' : 'liquidated') },
  { key: 'startEquity', section: 'outcome', format: 'money', better: null, read: (r) => r.summary.startEquity },
  { key: 'finalEquity', section: 'outcome', format: 'money', better: 'higher', read: (r) => r.summary.finalEquity },
  { key: 'equityChange', section: 'outcome', format: 'money', better: 'higher', read: (r) => new D(r.summary.finalEquity).minus(r.summary.startEquity).toFixed() },
  {
    key: 'equityChangeShare',
    section: 'outcome',
    format: 'share',
    better: 'higher',
    read: (r) => (new D(r.summary.startEquity).isZero() ? null : new D(r.summary.finalEquity).minus(r.summary.startEquity).div(new D(r.summary.startEquity).abs()).toFixed()),
  },
  { key: 'firstMarginCall', section: 'outcome', format: 'elapsed', better: 'higher', read: (r) => elapsed(r, r.summary.firstMarginCall) },
  { key: 'firstLiquidation', section: 'outcome', format: 'elapsed', better: 'higher', read: (r) => elapsed(r, r.summary.firstLiquidation) },
  { key: 'firstAdl', section: 'outcome', format: 'elapsed', better: 'higher', read: (r) => elapsed(r, r.summary.firstAdlAt) },
  { key: 'userAdlCount', section: 'outcome', format: 'count', better: 'lower', read: (r) => String(r.summary.userAdl.length) },
  { key: 'loss.price', section: 'loss', format: 'money', better: 'lower', read: (r) => r.summary.loss.price },
  { key: 'loss.slippage', section: 'loss', format: 'money', better: 'lower', read: (r) => r.summary.loss.slippage },
  { key: 'loss.fees', section: 'loss', format: 'money', better: 'lower', read: (r) => r.summary.loss.fees },
  { key: 'loss.profitLostToAdl', section: 'loss', format: 'money', better: 'lower', read: (r) => r.summary.loss.profitLostToAdl },
  { key: 'loss.total', section: 'loss', format: 'money', better: 'lower', read: (r) => r.summary.loss.total },
  { key: 'crowd.liquidatedAccounts', section: 'crowd', format: 'count', better: null, read: (r) => String(r.summary.crowd.liquidatedAccounts) },
  { key: 'crowd.liquidatedNotional', section: 'crowd', format: 'money', better: null, read: (r) => r.summary.crowd.liquidatedNotional },
  { key: 'crowd.liquidatedLongShare', section: 'crowd', format: 'share', better: null, read: (r) => r.summary.crowd.liquidatedLongShare },
  { key: 'crowd.adlCount', section: 'crowd', format: 'count', better: null, read: (r) => String(r.summary.crowd.adlCount) },
  // What ADL closed, beside what it covered (below): a night of many ADL events can cover little loss.
  { key: 'crowd.adlNotional', section: 'crowd', format: 'money', better: null, read: (r) => r.summary.crowd.adlNotional ?? null },
  { key: 'crowd.absorbedBy.insuranceFund', section: 'crowd', format: 'money', better: null, read: (r) => r.summary.crowd.absorbedBy.insuranceFund },
  { key: 'crowd.absorbedBy.adl', section: 'crowd', format: 'money', better: null, read: (r) => r.summary.crowd.absorbedBy.adl },
  { key: 'crowd.absorbedBy.unrecovered', section: 'crowd', format: 'money', better: null, read: (r) => r.summary.crowd.absorbedBy.unrecovered },
  { key: 'fund.start', section: 'fund', format: 'money', better: null, read: (r) => r.summary.insuranceFund.start },
  { key: 'fund.min', section: 'fund', format: 'money', better: null, read: (r) => r.summary.insuranceFund.min },
  { key: 'fund.end', section: 'fund', format: 'money', better: null, read: (r) => r.summary.insuranceFund.end },
]

const isNumber = (v: string | null): v is string => v !== null && /^-?[0-9]+(\.[0-9]+)?(e[-+]?[0-9]+)?$/i.test(v)

/**
 * Better or worse than the baseline. A time that never came (null) is later than any time: a run
 * without a liquidation beats one with. Other figures without a value are not judged.
 */
function judge(spec: MetricSpec, base: string | null, value: string | null): Judgement | null {
  if (!spec.better) return null
  if (spec.format === 'elapsed' && (base === null || value === null)) {
    if (base === value) return 'same'
    return value === null ? 'better' : 'worse'
  }
  if (!isNumber(base) || !isNumber(value)) return null
  const c = new D(value).cmp(base)
  if (c === 0) return 'same'
  return (c > 0) === (spec.better === 'higher') ? 'better' : 'worse'
}

function metricRow(spec: MetricSpec, runs: readonly CompareRun[]): MetricRow {
  const values = runs.map(spec.read)
  const base = values[0]
  const same = (v: string | null): boolean => (isNumber(v) && isNumber(base) ? new D(v).eq(base) : v === base)
  return {
    key: spec.key,
    section: spec.section,
    format: spec.format,
    better: spec.better,
    values,
    deltas: values.map((v, i) => (i > 0 && isNumber(v) && isNumber(base) ? new D(v).minus(base).toFixed() : null)),
    differs: values.map((v, i) => i > 0 && !same(v)),
    judgements: values.map((v, i) => (i === 0 ? null : judge(spec, base, v))),
  }
}

const eventKey = (e: Pick<CascadeEvent, 'kind' | 'position' | 'asset'>): string => `${e.kind}|${e.position ?? ''}|${e.asset ?? ''}`

/** The user's events folded into occurrences (one per kind, position and asset per time step), in time order. */
export function occurrences(run: Pick<CompareRun, 'start' | 'events'>): Occurrence[] {
  const start = Date.parse(run.start)
  const mine = run.events.filter((e) => e.account === USER_ACCOUNT).sort((a, b) => Date.parse(a.t) - Date.parse(b.t) || a.id - b.id)
  const out: Occurrence[] = []
  const open = new Map<string, Occurrence>()
  for (const e of mine) {
    const key = eventKey(e)
    const at = open.get(key)
    if (at && at.t === e.t) {
      at.eventIds.push(e.id)
      if (e.qty !== undefined) at.qty = new D(at.qty ?? '0').plus(e.qty).toFixed()
      continue
    }
    const o: Occurrence = {
      key,
      kind: e.kind,
      position: e.position ?? null,
      asset: e.asset ?? null,
      t: e.t,
      elapsedMs: Date.parse(e.t) - start,
      eventIds: [e.id],
      qty: e.qty ?? null,
      price: e.price ?? null,
    }
    open.set(key, o)
    out.push(o)
  }
  return out
}

/**
 * The occurrences of two runs matched in order: the k-th occurrence of a key in one run is the
 * k-th of the same key in the other; what is left over, one run has and the other lacks.
 */
export function diffOccurrences(base: readonly Occurrence[], other: readonly Occurrence[], otherIndex = 1): EventDiff {
  const queues = new Map<string, Occurrence[]>()
  for (const o of other) {
    const q = queues.get(o.key)
    if (q) q.push(o)
    else queues.set(o.key, [o])
  }
  const matched: MatchedOccurrence[] = []
  const onlyBase: Occurrence[] = []
  for (const b of base) {
    const o = queues.get(b.key)?.shift()
    if (o) matched.push({ key: b.key, base: b, other: o, dtMs: o.elapsedMs - b.elapsedMs })
    else onlyBase.push(b)
  }
  const used = new Set(matched.map((m) => m.other))
  return { other: otherIndex, matched, onlyBase, onlyOther: other.filter((o) => !used.has(o)) }
}

function positionOutcome(run: CompareRun, occ: readonly Occurrence[], id: string): PositionOutcome {
  const start = Date.parse(run.start)
  let out: PositionOutcome = { liquidations: 0, liquidatedQty: '0', firstLiquidationMs: null, adl: 0, adlQty: '0', firstAdlMs: null, profitLost: '0' }
  for (const o of occ) {
    if (o.position !== id) continue
    if (o.kind === 'liquidation') {
      out = { ...out, liquidations: out.liquidations + 1, liquidatedQty: new D(out.liquidatedQty).plus(o.qty ?? '0').toFixed(), firstLiquidationMs: out.firstLiquidationMs ?? o.elapsedMs }
    } else if (o.kind === 'adl') {
      out = { ...out, adl: out.adl + 1, adlQty: new D(out.adlQty).plus(o.qty ?? '0').toFixed(), firstAdlMs: out.firstAdlMs ?? o.elapsedMs }
    }
  }
  const lost = run.summary.userAdl.filter((a) => a.position === id).reduce((sum, a) => sum.plus(a.profitLost), new D(0))
  // The summary's ADL list is the reference for ADL times when the events given lack them.
  const firstAdl = run.summary.userAdl.find((a) => a.position === id)
  return { ...out, profitLost: lost.toFixed(), firstAdlMs: out.firstAdlMs ?? (firstAdl ? Date.parse(firstAdl.t) - start : null) }
}

const sameOutcome = (a: PositionOutcome | null, b: PositionOutcome | null): boolean =>
  a === b ||
  (a !== null &&
    b !== null &&
    a.liquidations === b.liquidations &&
    new D(a.liquidatedQty).eq(b.liquidatedQty) &&
    a.firstLiquidationMs === b.firstLiquidationMs &&
    a.adl === b.adl &&
    new D(a.adlQty).eq(b.adlQty) &&
    a.firstAdlMs === b.firstAdlMs &&
    new D(a.profitLost).eq(b.profitLost))

/** Every position of any run's book (by id, contract and side), in the order the books list them. */
function positionRows(runs: readonly CompareRun[]): PositionRow[] {
  const rows = new Map<string, PositionRow>()
  runs.forEach((run, i) => {
    const occ = occurrences(run)
    for (const p of run.positions) {
      const key = `${p.id}|${p.symbol}|${p.side}`
      let row = rows.get(key)
      if (!row) rows.set(key, (row = { id: p.id, symbol: p.symbol, side: p.side, cells: runs.map(() => null), differs: false }))
      row.cells[i] = positionOutcome(run, occ, p.id)
    }
  })
  return [...rows.values()].map((row) => ({ ...row, differs: row.cells.some((c, i) => i > 0 && !sameOutcome(c, row.cells[0])) }))
}

/** Compares runs with the first one. Throws on fewer than two runs: there is nothing to compare. */
export function compareRuns(runs: readonly CompareRun[]): RunComparison {
  if (runs.length < 2) throw new Error(`compare needs two or more runs, got ${runs.length}`)
  const base = occurrences(runs[0])
  return {
    metrics: METRICS.map((spec) => metricRow(spec, runs)),
    events: runs.slice(1).map((run, i) => diffOccurrences(base, occurrences(run), i + 1)),
    positions: positionRows(runs),
  }
}
