// Results of the studies built on many runs (docs/DECISIONS.md, docs/FORMATS.md §7): Monte Carlo,
// grid and solve (reverse stress), and the parts a sharded sweep writes. Statistics are float64
// estimates printed as JSON numbers; a run's own final equity stays its decimal string.
import type { EventKind } from './run'

/** Axis name -> value, as `cascade run --set AXIS=VALUE` takes them (`{"shock:BTC": "-0.15"}`). */
export type WhatIfSet = Record<string, string>

/** The event that ended survival: which position (or collateral asset) failed first, when, how. */
export interface Binding {
  position: string | null
  asset: string | null
  t: string
  eventId: number
  kind: EventKind
  note: string | null
}

/** What a study keeps of one run. */
export interface RunOutcome {
  survived: boolean
  /** The run's own decimal string (summary.finalEquity). */
  finalEquity: string
  firstLiquidation: string | null
  /** The user's positions (perpetual, DeFi, loop ids) ADL closed, sorted. */
  adl: string[]
  /** The user's positions a liquidation closed, sorted. */
  liquidated: string[]
  binding: Binding | null
}

/** `k` of `n` runs, the share `p` and its 95% Wilson score interval [lo, hi]. */
export interface Proportion {
  k: number
  n: number
  p: number
  lo: number
  hi: number
}

export interface Histogram {
  /** Bin edges, one more than counts; the last bin includes its upper edge. */
  edges: number[]
  counts: number[]
}

/** A distribution of final equity (USD): nearest-rank quantiles, expected shortfall of the worst tail. */
export interface EquityDistribution {
  mean: number
  min: number
  p5: number
  p50: number
  p95: number
  max: number
  /** Mean of the worst 5% (resp. 1%) of outcomes, at least one outcome. */
  es95: number
  es99: number
  histogram: Histogram
}

/** The Monte Carlo model's parameters; each is an assumption or sourced in docs/DECISIONS.md §2. */
export interface MonteCarloModel {
  /** The asset every other move is tied to (BTC when the scenario shocks it). */
  reference: string | null
  /** The reference asset's move at the bottom in the scenario: the median of its draws. */
  referenceMove: number
  /** Sigma of the lognormal factor (mean 1) on the reference asset's move at the bottom. */
  referenceSigma: number
  /** Each asset's beta to the reference: its move at the bottom over the reference's, in the scenario. */
  betas: Record<string, number>
  /** Standard deviation of each asset's own move at the bottom, added to beta x reference. */
  noiseSigma: number
  /** The scenario's pegged assets, each of which may depeg. */
  pegged: string[]
  /** Chance, per draw and pegged asset, of a depeg on the venue's book. */
  depegProbability: number
  /** A drawn depeg's depth at its worst, uniform in [min, max]. */
  depegDepth: { min: number; max: number }
  /** Deepest share of depth pulled in the scenario, the median of the draws. */
  withdrawalBase: number
  /** Sigma of the log of the depth left at the deepest pull. */
  withdrawalSigma: number
  /** Moves are clamped to [min, max] at the bottom (a price stays positive). */
  moveBounds: { min: number; max: number }
}

/** One draw: its crowd seed and what-if set (so `cascade run --seed SEED --set ...` replays it), and its outcome. */
export interface DrawOutcome extends RunOutcome {
  draw: number
  seed: number
  set: WhatIfSet
}

/** What every run of a study shares, as the report records it. */
export interface StudyInputs {
  portfolio: string
  /** sha256 of the book, scenario and profiles as run (docs/FORMATS.md §7.4): parts of different inputs never merge. */
  fingerprint: string
  scenario: string
  /** The scenario's start, for times given as seconds after it. */
  start: string
  venue: string
  pricing: 'book' | 'historical'
  /** Perpetual traders of the crowd. */
  crowd: number
  /** The what-if set every run starts from. */
  set: WhatIfSet
  /** Every position id of the book (perpetuals, DeFi, loops), in the book's order. */
  positions: string[]
}

/** Wall time and work, the only part of a report that is not a function of its inputs. */
export interface StudyTiming {
  wallMs: number
  /** Sum of the runs' times on their workers. */
  runMs: number
  workers: number
  runs: number
  crowdsGenerated: number
  crowdsReused: number
  /** Parts merged (1 for a run that was not sharded). */
  parts: number
}

export interface MonteCarloRequest extends StudyInputs {
  kind: 'montecarlo'
  seed: number
  draws: number
  model: MonteCarloModel
}

export interface PositionOdds {
  adl: Proportion
  liquidated: Proportion
}

export interface MonteCarloReport {
  format: 'cascade.montecarlo/1'
  draws: number
  seed: number
  inputs: StudyInputs
  model: MonteCarloModel
  survived: Proportion
  liquidated: Proportion
  /** Draws in which ADL closed at least one of the user's positions. */
  adl: Proportion
  positions: Record<string, PositionOdds>
  finalEquity: EquityDistribution
  /** When the first liquidation came, over the draws that had one: ISO times and seconds after the start. */
  firstLiquidation: { count: number; earliest: string | null; p5: string | null; p50: string | null; p95: string | null; histogram: Histogram }
  outcomes: DrawOutcome[]
  timing?: StudyTiming
}

/** One axis of a grid, its values as `--set` takes them. */
export interface GridAxis {
  axis: string
  values: string[]
}

export interface GridRequest extends StudyInputs {
  kind: 'grid'
  seed: number
  x: GridAxis
  y: GridAxis
  /** Monte Carlo per cell: draws per cell, or null for one run (the seed) per cell. */
  draws: number | null
  model: MonteCarloModel | null
}

/** A cell of one run: the same figures `cascade run` gives with the cell's `--set`. */
export interface GridRunCell {
  survived: boolean
  finalEquity: string
  adl: boolean
  adlPositions: string[]
  liquidated: string[]
  firstLiquidation: string | null
}

/** A cell under Monte Carlo: probabilities and the final-equity distribution. */
export interface GridOddsCell {
  survived: Proportion
  adl: Proportion
  finalEquity: EquityDistribution
}

export interface GridReport {
  format: 'cascade.grid/1'
  seed: number
  inputs: StudyInputs
  draws: number | null
  model: MonteCarloModel | null
  x: GridAxis
  y: GridAxis
  /** `cells[i][j]`: x.values[i], y.values[j]. */
  cells: GridRunCell[][] | GridOddsCell[][]
  timing?: StudyTiming
}

/** `above`: the book survives from the answer up (collateral, fund, shock); `below`: up to it (scale, withdrawal, depeg). */
export type SafeSide = 'above' | 'below'

export interface SolveRun {
  value: string
  survived: boolean
  /** One run: its final equity; Monte Carlo: the mean. */
  finalEquity: string
  /** Monte Carlo: the share of draws that survived. */
  odds: Proportion | null
  binding: Binding | null
  phase: 'bound' | 'coarse' | 'bisect'
}

export interface SolveReport {
  format: 'cascade.solve/1'
  seed: number
  inputs: StudyInputs
  axis: string
  safe: SafeSide
  /** Monte Carlo: survive with at least probability `p` over `draws` draws of `model`; null for one run. */
  target: { p: number; draws: number; model: MonteCarloModel } | null
  /** The least (safe above) or largest (safe below) value that survives; null when none does. */
  answer: string | null
  /** The precision: the value one step beyond the answer fails. */
  step: string
  /** That value (answer - step when safe above), which a run showed to fail; null when the answer is an end of the range. */
  failsAt: string | null
  /** [fails, survives] around the answer (either order on the axis); null without a transition. */
  bracket: [string, string] | null
  /** Survival changed once over the probes; false: more than once, see `runs` and `stableAnswer`. */
  monotone: boolean
  /** When not monotone: the value from which every probe on the safe side survived. */
  stableAnswer: string | null
  /** The failing run at `failsAt` (else, the answer being an end, the failing run nearest it): its first failure (Monte Carlo: the commonest among the failing draws). */
  binding: (Binding & { draw: number | null; share: number | null }) | null
  /** The value of the run `binding` comes from (null with no binding; absent in reports kept before 2026-12-05, where it is `failsAt`). */
  bindingAt?: string | null
  range: [string, string]
  runs: SolveRun[]
  note: string
  timing?: StudyTiming
}

export type StudyKind = 'montecarlo' | 'grid' | 'solve'
export type StudyReport = MonteCarloReport | GridReport | SolveReport

/** A shard's share of a sweep (`--shard i/N`); `cascade merge` turns all N into the report. */
export interface SweepPart {
  format: 'cascade.sweep-part/1'
  request: MonteCarloRequest | GridRequest
  shard: { index: number; count: number }
  /** Tasks of the whole sweep (draws, or cells x draws). */
  tasks: number
  rows: Array<{ task: number; outcome: RunOutcome }>
  timing?: StudyTiming
}
