// The what-if editor's state and the scenario document built from it (docs/WHATIF.md): a base
// document (a preset, a saved what-if, or a calm copy of one) plus one control per decision, each
// mapping to named fields of `cascade.scenario/1` (docs/FORMATS.md §4):
//   shocks[ASSET]   the move at the bottom and when it comes  -> shocks[].path (reshaped)
//   depegs[ASSET]   the depeg at the bottom, when, its scope  -> depegs[] (and pegs[ASSET] if new)
//   withdrawal      share of depth pulled, when, how long     -> makerWithdrawal, makerWithdrawalByAsset
//   insuranceFund   USD, or null for the base's own           -> insuranceFund
//   collateralPricing, collateralIndex, circuitBreaker        -> the fields of the same name
// `stateFromScenario` then `scenarioFromState` gives the document back unchanged (the presets'
// round trip, tested). Any change to the market makes it a what-if of no venue: the base's
// calibration targets, sourced inputs and `venue` go, since they describe the calibrated event and
// not the what-if (docs/WHATIF.md §2).
import { D } from '../../../../shared/decimal'
import type { FieldIssue } from '../../../../shared/model/issues'
import type { CircuitBreaker, CollateralIndexRule, CollateralPricing, Depeg, DepegScope, PathPoint, Peg, Scenario, Shock } from '../../../../shared/model/scenario'
import { isoTimeMs } from '../../../../shared/model/scenario'
import { validateScenario } from '../../../../shared/schemas/scenario'
import { extremeOf, reshapeMove, reshapeSchedule, sameShape, tentSchedule, withdrawalShapeOf, type Window, type WithdrawalShape } from './paths'

/** A shock: the relative move at its extreme ("-0.15") and when, ms after the start. */
export interface MoveEdit {
  move: string
  atMs: number
}

/** A depeg: the fraction below the peg at its extreme ("0.3"), when, and whether the oracle follows. */
export interface DepegEdit {
  depth: string
  atMs: number
  scope: DepegScope
  /** For an asset the base does not peg (a class or venue peg of the book): the peg to add with it. */
  peg?: Peg
}

export interface WhatIfState {
  /** The document the controls reshape. */
  base: Scenario
  id: string
  name: string
  description: string
  /** One entry per asset of `base.prices`. */
  shocks: Record<string, MoveEdit>
  /** One entry per asset of `base.pegs`, and any pegged asset of the book added with its peg. */
  depegs: Record<string, DepegEdit>
  withdrawal: WithdrawalShape
  /** USD; null keeps the base's own value. */
  insuranceFund: string | null
  collateralPricing: CollateralPricing
  /** Per-asset collateral rules (a venue's conversion-rate index) that replace `collateralPricing` for those assets. */
  collateralIndex: Record<string, CollateralIndexRule>
  circuitBreaker: CircuitBreaker | null
}

export const windowOf = (s: Pick<Scenario, 'start' | 'end'>): Window => ({ startMs: isoTimeMs(s.start) as number, endMs: isoTimeMs(s.end) as number })

/** Where a new shock or withdrawal lands by default: the base's deepest shock, else mid-window, in whole seconds. */
export function defaultBottomMs(s: Scenario): number {
  const w = windowOf(s)
  let best: { size: InstanceType<typeof D>; atMs: number } | null = null
  for (const shock of s.shocks) {
    const e = extremeOf(shock.path, w.startMs)
    if (e && (!best || new D(e.value).abs().gt(best.size))) best = { size: new D(e.value).abs(), atMs: e.atMs }
  }
  return best ? best.atMs : Math.round((w.endMs - w.startMs) / 2 / 1000) * 1000
}

/** A new withdrawal lasts a third of the window unless the base says otherwise. */
const defaultDurationMs = (s: Scenario) => {
  const w = windowOf(s)
  return Math.max(1000, Math.round((w.endMs - w.startMs) / 3 / 1000) * 1000)
}

export function stateFromScenario(doc: Scenario): WhatIfState {
  const w = windowOf(doc)
  const fallback = defaultBottomMs(doc)
  const shocks: Record<string, MoveEdit> = {}
  for (const asset of Object.keys(doc.prices)) {
    const path = doc.shocks.find((s) => s.asset === asset)?.path ?? []
    const e = extremeOf(path, w.startMs)
    shocks[asset] = e ? { move: e.value, atMs: e.atMs } : { move: '0', atMs: fallback }
  }
  const depegs: Record<string, DepegEdit> = {}
  for (const asset of Object.keys(doc.pegs)) {
    const d = doc.depegs.find((x) => x.asset === asset)
    const e = d ? extremeOf(d.path, w.startMs) : null
    depegs[asset] = e && d ? { depth: e.value, atMs: e.atMs, scope: d.scope } : { depth: '0', atMs: fallback, scope: d?.scope ?? 'venue' }
  }
  const shape = withdrawalShapeOf(doc.makerWithdrawal, w.startMs)
  return {
    base: doc,
    id: doc.id,
    name: doc.name,
    description: doc.description ?? '',
    shocks,
    depegs,
    withdrawal: shape ?? { depth: '0', atMs: fallback, durationMs: defaultDurationMs(doc) },
    insuranceFund: null,
    collateralPricing: doc.collateralPricing,
    collateralIndex: { ...doc.collateralIndex },
    circuitBreaker: doc.circuitBreaker ? { ...doc.circuitBreaker } : null,
  }
}

/**
 * The base's market with nothing happening: no shock, depeg, maker withdrawal or outage, and so no
 * calibration, sourced inputs or venue; its window, prices, pegs, depth, crowd and classes kept
 * ("start from nothing" in a real market). New controls on it draw fresh paths (a straight fall,
 * a tent of withdrawal).
 */
export function calmScenario(doc: Scenario): Scenario {
  const { venue: _venue, ...rest } = doc
  return { ...rest, shocks: [], depegs: [], makerWithdrawal: [], makerWithdrawalByAsset: {}, outages: [], calibration: [], inputs: [] }
}

export function calmState(doc: Scenario): WhatIfState {
  // Controls land where the base's own moves did, not mid-window.
  const s = stateFromScenario(calmScenario(doc))
  const at = defaultBottomMs(doc)
  for (const e of Object.values(s.shocks)) e.atMs = at
  for (const e of Object.values(s.depegs)) e.atMs = at
  s.withdrawal = { ...s.withdrawal, atMs: at }
  return s
}

function buildShocks(state: WhatIfState, w: Window): Shock[] {
  const out: Shock[] = []
  const order = [...state.base.shocks.map((s) => s.asset), ...Object.keys(state.shocks).filter((a) => !state.base.shocks.some((s) => s.asset === a)).sort()]
  for (const asset of order) {
    const edit = state.shocks[asset]
    const base = state.base.shocks.find((s) => s.asset === asset)
    if (!edit) {
      if (base) out.push(base)
      continue
    }
    const path = reshapeMove(base?.path ?? [], edit.move, edit.atMs, w)
    if (path.length === 0) continue
    out.push(base && path === base.path ? base : { asset, path })
  }
  return out
}

function buildDepegs(state: WhatIfState, w: Window): { depegs: Depeg[]; pegs: Record<string, Peg> } {
  const depegs: Depeg[] = []
  const pegs = { ...state.base.pegs }
  const order = [...state.base.depegs.map((d) => d.asset), ...Object.keys(state.depegs).filter((a) => !state.base.depegs.some((d) => d.asset === a)).sort()]
  for (const asset of order) {
    const edit = state.depegs[asset]
    const base = state.base.depegs.find((d) => d.asset === asset)
    if (!edit) {
      if (base) depegs.push(base)
      continue
    }
    const path = reshapeMove(base?.path ?? [], edit.depth, edit.atMs, w)
    if (path.length === 0) continue
    if (!(asset in pegs) && edit.peg) pegs[asset] = edit.peg
    depegs.push(base && path === base.path && base.scope === edit.scope ? base : { asset, scope: edit.scope, path })
  }
  return { depegs, pegs }
}

function buildWithdrawal(state: WhatIfState, w: Window): Pick<Scenario, 'makerWithdrawal' | 'makerWithdrawalByAsset'> {
  const base = state.base
  const from = withdrawalShapeOf(base.makerWithdrawal, w.startMs)
  const to = state.withdrawal
  if (from && sameShape(from, to)) return { makerWithdrawal: base.makerWithdrawal, makerWithdrawalByAsset: base.makerWithdrawalByAsset }
  if (new D(to.depth).lte(0)) return { makerWithdrawal: [], makerWithdrawalByAsset: {} }
  if (!from) return { makerWithdrawal: tentSchedule(to, w), makerWithdrawalByAsset: base.makerWithdrawalByAsset }
  const byAsset: Record<string, PathPoint[]> = {}
  for (const [asset, path] of Object.entries(base.makerWithdrawalByAsset)) {
    const reshaped = reshapeSchedule(path, from, to, w, false)
    if (reshaped.length) byAsset[asset] = reshaped
  }
  return { makerWithdrawal: reshapeSchedule(base.makerWithdrawal, from, to, w, true), makerWithdrawalByAsset: byAsset }
}

/** The fields the controls write, in the order `scenarioFromState` builds them (compared as JSON). */
function marketOf(s: Scenario) {
  const { shocks, depegs, pegs, makerWithdrawal, makerWithdrawalByAsset, insuranceFund, collateralPricing, collateralIndex, circuitBreaker } = s
  return { shocks, depegs, pegs, makerWithdrawal, makerWithdrawalByAsset, insuranceFund, collateralPricing, collateralIndex, circuitBreaker }
}

export type BuiltScenario = { ok: true; doc: Scenario } | { ok: false; issues: FieldIssue[] }

/** The document of the editor's state, checked by the scenario format's own validator. */
export function scenarioFromState(state: WhatIfState): BuiltScenario {
  const base = state.base
  const w = windowOf(base)
  const shocks = buildShocks(state, w)
  const { depegs, pegs } = buildDepegs(state, w)
  const withdrawal = buildWithdrawal(state, w)
  const insuranceFund = state.insuranceFund ?? base.insuranceFund
  const market = { shocks, depegs, pegs, ...withdrawal, insuranceFund, collateralPricing: state.collateralPricing, collateralIndex: state.collateralIndex, circuitBreaker: state.circuitBreaker }
  const same = JSON.stringify(market) === JSON.stringify(marketOf(base))
  const { description: _omit, venue, ...rest } = base
  const doc: Scenario = {
    ...rest,
    ...market,
    id: state.id,
    name: state.name,
    ...(state.description.trim() ? { description: state.description } : {}),
    ...(same && venue !== undefined ? { venue } : {}),
    calibration: same ? base.calibration : [],
    inputs: same ? base.inputs : [],
  }
  const r = validateScenario(doc)
  return r.ok ? { ok: true, doc: r.value } : { ok: false, issues: r.issues }
}

/** Whether the state's market differs from its base (the editor says "edited"). */
export function marketChanged(state: WhatIfState): boolean {
  const built = scenarioFromState({ ...state, id: state.base.id, name: state.base.name, description: state.base.description ?? '' })
  return !built.ok || JSON.stringify(built.doc) !== JSON.stringify(state.base)
}
