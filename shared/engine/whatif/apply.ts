// Applies a what-if set to a book and a scenario (docs/DECISIONS.md §1). The scenario's paths keep
// their timing and shape; an axis sets how deep they go:
//   scale             every shock path scaled in log-price by the factor: a move m becomes
//                     (1 + m)^FACTOR - 1, so a price stays positive (about FACTOR x m near 0);
//   shock:ASSET       that asset's shock path scaled so its extreme point (the bottom of a fall)
//                     is the value; an asset with no path of its own takes the scenario's main move
//                     (its deepest shock path) normalised to the value;
//   depeg:ASSET       the same for a pegged asset's depeg path (a new one on the venue's book only);
//   withdrawal        every maker-withdrawal schedule scaled by one factor so the deepest pull on
//                     any book is the value (0.98 on 2025-10-10 is the preset itself);
//   fund              the venue's insurance funds at the start, in total (each keeps its share);
//   collateral:ASSET  that many units added to the wallet.
// Applied in that order, so `shock:BTC` wins over `scale` for BTC. The scenario is re-validated
// afterwards: nothing the engine would refuse leaves here.
import type { FieldIssue } from '../../model/issues'
import type { Portfolio } from '../../model/portfolio'
import type { PathPoint, Scenario } from '../../model/scenario'
import { validateScenario } from '../../schemas/scenario'
import { dec, text, type Dec } from '../../decimal'
import { parseAxis, setPath, validateSet, type AxisSet } from './axes'

/** Digits kept on scaled path values: far below any price tick, short enough to read. */
const DIGITS = 12

export type Applied =
  | {
      ok: true
      portfolio: Portfolio
      scenario: Scenario
      set: AxisSet
      /** Wallet rows the set added, by index, with the axis that added them (to name it in a refusal). */
      addedWallet: Record<number, string>
    }
  | { ok: false; issues: FieldIssue[] }

/** The point of a path farthest from zero (the bottom of a fall), or null for a flat path. */
export function extremeOf(path: readonly PathPoint[]): Dec | null {
  let best: Dec | null = null
  for (const [, v] of path) {
    const x = dec(v)
    if (!x.isZero() && (best === null || x.abs().gt(best.abs()))) best = x
  }
  return best
}

const scaled = (path: readonly PathPoint[], by: (v: Dec) => Dec): PathPoint[] => path.map(([t, v]) => [t, text(by(dec(v)).toSignificantDigits(DIGITS))])

/**
 * The scenario's main move as a shape worth 1 at its extreme: its deepest shock path normalised,
 * or, with no shock at all, a straight fall to the middle of the window held to the end.
 */
export function mainShape(scenario: Scenario): PathPoint[] {
  let main: { path: PathPoint[]; extreme: Dec } | null = null
  for (const s of scenario.shocks) {
    const e = extremeOf(s.path)
    if (e && (!main || e.abs().gt(main.extreme.abs()))) main = { path: s.path, extreme: e }
  }
  if (main) {
    const m = main
    return scaled(m.path, (v) => v.div(m.extreme))
  }
  const start = Date.parse(scenario.start)
  const end = Date.parse(scenario.end)
  const mid = new Date(start + Math.round((end - start) / 2000) * 1000).toISOString().replace('.000Z', 'Z')
  return [
    [mid, '1'],
    [scenario.end, '1'],
  ]
}

/** `path` scaled so its extreme is `target`; a flat or missing path takes `shape` x target. */
function pathTo(path: readonly PathPoint[] | undefined, target: Dec, shape: () => PathPoint[]): PathPoint[] {
  const e = path ? extremeOf(path) : null
  if (path && e) return scaled(path, (v) => v.mul(target).div(e))
  return scaled(shape(), (v) => v.mul(target))
}

function applyWithdrawal(scenario: Scenario, share: Dec): Pick<Scenario, 'makerWithdrawal' | 'makerWithdrawalByAsset'> {
  const schedules = [scenario.makerWithdrawal, ...Object.values(scenario.makerWithdrawalByAsset)]
  let deepest = dec('0')
  for (const path of schedules) for (const [, m] of path) if (dec('1').minus(dec(m)).gt(deepest)) deepest = dec('1').minus(dec(m))
  if (deepest.isZero()) {
    // Nothing pulled anywhere: the global schedule pulls along the scenario's main move.
    if (share.isZero()) return { makerWithdrawal: scenario.makerWithdrawal, makerWithdrawalByAsset: scenario.makerWithdrawalByAsset }
    const shape = mainShape(scenario).map(([t, v]): PathPoint => [t, text(dec('1').minus(atLeastZero(dec(v)).mul(share)).toSignificantDigits(DIGITS))])
    return { makerWithdrawal: shape, makerWithdrawalByAsset: scenario.makerWithdrawalByAsset }
  }
  const k = share.div(deepest)
  const rescale = (path: PathPoint[]) => scaled(path, (m) => dec('1').minus(dec('1').minus(m).mul(k)))
  return {
    makerWithdrawal: rescale(scenario.makerWithdrawal),
    makerWithdrawalByAsset: Object.fromEntries(Object.entries(scenario.makerWithdrawalByAsset).map(([a, p]) => [a, rescale(p)])),
  }
}

/** max(0, v): a depeg or a pull follows the main move's fall, never its bounce above the start. */
function atLeastZero(v: Dec): Dec {
  return v.isNegative() ? dec('0') : v
}

const list = (names: Iterable<string>) => [...names].sort().join(', ') || 'none'

/**
 * The checked scenario a set's scenario axes gave, per input scenario and those axes in order: a
 * grid's column, or a solve's runs, ask for the same one again and again, and the check (the
 * scenario's whole schema) is a few percent of a short run. Scenarios are never changed in place.
 */
const checkedScenarios = new WeakMap<Scenario, Map<string, ReturnType<typeof validateScenario>>>()
const CHECKED_KEPT = 256

function checkedScenario(input: Scenario, axes: string, out: Scenario): ReturnType<typeof validateScenario> {
  let kept = checkedScenarios.get(input)
  if (kept === undefined) checkedScenarios.set(input, (kept = new Map()))
  let checked = kept.get(axes)
  if (checked === undefined) {
    checked = validateScenario(out)
    if (kept.size >= CHECKED_KEPT) kept.clear()
    kept.set(axes, checked)
  }
  return checked
}

export function applySet(portfolio: Portfolio, scenario: Scenario, raw: AxisSet): Applied {
  const valid = validateSet(raw)
  if (!valid.ok) return valid
  const set = valid.value
  const issues: FieldIssue[] = []
  let out: Scenario = scenario
  let book: Portfolio = portfolio
  const addedWallet: Record<number, string> = {}
  const edit = (change: Partial<Scenario>) => (out = { ...out, ...change })
  /** The axes that edit the scenario, in order, as name, value, ... (the key of `checkedScenario`). */
  const scenarioAxes: string[] = []
  for (const [name, value] of Object.entries(set)) {
    const parsed = parseAxis(name)
    if (!parsed.ok) {
      issues.push(...parsed.issues)
      continue
    }
    const { kind, asset } = parsed.value
    const v = dec(value)
    const path = setPath(name)
    if (kind !== 'collateral') scenarioAxes.push(name, value)
    if (kind === 'fund') edit({ insuranceFund: value })
    else if (kind === 'withdrawal') edit(applyWithdrawal(out, v))
    // In log-price, so a price stays positive at any factor: (1 + m)^FACTOR - 1, about FACTOR x m near 0.
    else if (kind === 'scale') edit({ shocks: out.shocks.map((s) => ({ ...s, path: scaled(s.path, (x) => dec('1').plus(x).pow(v).minus(1)) })) })
    else if (kind === 'shock') {
      const a = asset as string
      if (Object.hasOwn(out.pegs, a)) issues.push({ path, message: `${a} is pegged in scenario ${out.id}: move it with depeg:${a}` })
      else if (!Object.hasOwn(out.prices, a)) issues.push({ path, message: `${a} is not priced by scenario ${out.id} (it prices ${list(Object.keys(out.prices))}); an asset the book holds by class moves like its model asset: shock that one` })
      else {
        const at = out.shocks.findIndex((s) => s.asset === a)
        const shape = () => mainShape(scenario)
        const next = { asset: a, path: pathTo(at >= 0 ? out.shocks[at].path : undefined, v, shape) }
        edit({ shocks: at >= 0 ? out.shocks.map((s, i) => (i === at ? next : s)) : [...out.shocks, next] })
      }
    } else if (kind === 'depeg') {
      const a = asset as string
      if (!Object.hasOwn(out.pegs, a)) issues.push({ path, message: `${a} is not pegged in scenario ${out.id} (pegged: ${list(Object.keys(out.pegs))})` })
      else {
        const at = out.depegs.findIndex((d) => d.asset === a)
        const shape = () => mainShape(scenario).map(([t, x]): PathPoint => [t, text(atLeastZero(dec(x)))])
        const next = { asset: a, scope: at >= 0 ? out.depegs[at].scope : ('venue' as const), path: pathTo(at >= 0 ? out.depegs[at].path : undefined, v, shape) }
        edit({ depegs: at >= 0 ? out.depegs.map((d, i) => (i === at ? next : d)) : [...out.depegs, next] })
      }
    } else {
      const a = asset as string
      const at = book.wallet.findIndex((w) => w.asset === a)
      const wallet = book.wallet.slice()
      if (at >= 0) wallet[at] = { ...wallet[at], amount: text(dec(wallet[at].amount).plus(v)) }
      else {
        addedWallet[wallet.length] = name
        wallet.push({ asset: a, amount: value })
      }
      book = { ...book, wallet }
    }
  }
  if (issues.length) return { ok: false, issues }
  if (out !== scenario) {
    const checked = checkedScenario(scenario, JSON.stringify(scenarioAxes), out)
    if (!checked.ok) return { ok: false, issues: checked.issues.map((i) => ({ path: 'set', message: `the scenario this set gives is refused: scenario.${i.path}: ${i.message}` })) }
    out = checked.value
  }
  return { ok: true, portfolio: book, scenario: out, set, addedWallet }
}

/** A refusal of the book's new wallet row named by the axis that added it (`set.collateral:FOO`). */
export function nameAddedRows(issues: FieldIssue[], addedWallet: Record<number, string>): FieldIssue[] {
  return issues.map((i) => {
    const m = /^wallet\[(\d+)\]/.exec(i.path)
    const axis = m ? addedWallet[Number(m[1])] : undefined
    return axis ? { path: setPath(axis), message: i.message } : i
  })
}
