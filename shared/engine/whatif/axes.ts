// The what-if axes every tool shares (`cascade run --set`, Monte Carlo, solve, grid; docs/DECISIONS.md
// §1): their names, the grammar `AXIS=VALUE` and `AXIS=FROM:TO:N`, and the range of each value.
// A value is a decimal string, kept exactly as canonical text, so the value a tool reports is the
// value `cascade run --set` takes to reproduce it.
import type { FieldIssue } from '../../model/issues'
import { dec, text, type Dec } from '../../decimal'

/** In the order a set is applied and printed: `scale` before `shock:ASSET`, which wins for its asset. */
export const AXIS_KINDS = ['scale', 'shock', 'depeg', 'withdrawal', 'fund', 'collateral'] as const
export type AxisKind = (typeof AXIS_KINDS)[number]

/** Axes that name an asset (`shock:BTC`); the others stand alone (`fund`). */
const WITH_ASSET: ReadonlySet<AxisKind> = new Set(['shock', 'depeg', 'collateral'])

export interface Axis {
  kind: AxisKind
  /** The asset of `shock`, `depeg` and `collateral`. */
  asset?: string
  /** Canonical name: `shock:BTC`, `fund`. */
  name: string
}

/** Axis name -> canonical decimal value; keys in canonical order (`canonicalSet`). */
export type AxisSet = Record<string, string>

const ASSET = /^[A-Za-z0-9]{1,20}$/
const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d{1,3})?$/

/** What each axis means and the values it takes: the CLI's help and the errors quote it. */
export const AXIS_HELP: Record<AxisKind, string> = {
  shock: 'shock:ASSET=MOVE, the move at the bottom relative to the start (-0.15 = 15% lower), above -1',
  depeg: 'depeg:ASSET=FRACTION, the depeg of a pegged asset at its worst (0.3 = 30% below its peg), from 0 to below 1',
  withdrawal: 'withdrawal=SHARE, the deepest share of book depth the makers pull, from 0 to 0.999',
  fund: 'fund=USD, the insurance fund at the start, 0 or more',
  collateral: 'collateral:ASSET=AMOUNT, extra units of ASSET added to the wallet, 0 or more',
  scale: 'scale=FACTOR, every price shock of the scenario scaled in log-price by FACTOR (a move m becomes (1+m)^FACTOR - 1), 0 or more; the makers\' withdrawal and the depegs stay as the scenario has them (set withdrawal and depeg too)',
}

interface Bounds {
  min: string
  minOpen?: boolean
  max: string
  maxOpen?: boolean
}

/** Ranges the engine accepts (a price stays positive, some depth stays) and sizes past any book. */
const BOUNDS: Record<AxisKind, Bounds> = {
  shock: { min: '-1', minOpen: true, max: '10' },
  depeg: { min: '0', max: '1', maxOpen: true },
  withdrawal: { min: '0', max: '0.999' },
  fund: { min: '0', max: '1e13' },
  collateral: { min: '0', max: '1e15' },
  scale: { min: '0', max: '100' },
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; issues: FieldIssue[] }

const issue = (path: string, message: string): { ok: false; issues: FieldIssue[] } => ({ ok: false, issues: [{ path, message }] })

/** The path of an axis in a request or on the command line: `set.shock:BTC`. */
export const setPath = (name: string): string => `set.${name.length > 40 ? `${name.slice(0, 40)}...` : name}`

export function parseAxis(name: string, path = setPath(name)): Parsed<Axis> {
  const [kind, asset, ...rest] = name.split(':')
  const known = AXIS_KINDS.join(', ')
  if (!(AXIS_KINDS as readonly string[]).includes(kind)) return issue(path, `unknown axis "${name.slice(0, 40)}"; axes are ${known} (shock:ASSET, depeg:ASSET, collateral:ASSET)`)
  const k = kind as AxisKind
  if (WITH_ASSET.has(k)) {
    if (asset === undefined || rest.length) return issue(path, `axis ${k} names an asset: ${AXIS_HELP[k]}`)
    if (!ASSET.test(asset)) return issue(path, `"${asset.slice(0, 40)}" is not an asset ticker (letters and digits, at most 20)`)
    return { ok: true, value: { kind: k, asset, name: `${k}:${asset}` } }
  }
  if (asset !== undefined) return issue(path, `axis ${k} takes no asset: ${AXIS_HELP[k]}`)
  return { ok: true, value: { kind: k, name: k } }
}

/** A decimal number as written by a person (`-0.15`, `2e8`); null when it is not one. */
export function readNumber(raw: string): Dec | null {
  const s = raw.trim()
  if (!NUMBER.test(s)) return null
  return dec(s)
}

/** The value checked against its axis's range, as canonical text (`2e8` -> `200000000`). */
export function checkValue(axis: Axis, raw: string, path = setPath(axis.name)): Parsed<string> {
  const v = readNumber(raw)
  if (v === null) return issue(path, `must be a number, got "${raw.slice(0, 40)}" (${AXIS_HELP[axis.kind]})`)
  const b = BOUNDS[axis.kind]
  const min = dec(b.min)
  const max = dec(b.max)
  const low = b.minOpen ? v.lte(min) : v.lt(min)
  const high = b.maxOpen ? v.gte(max) : v.gt(max)
  if (low || high) {
    const range = `${b.minOpen ? 'above' : 'from'} ${text(min)} ${b.maxOpen ? 'to below' : 'to'} ${text(max)}`
    return issue(path, `must be ${range}, got ${raw.slice(0, 40)} (${AXIS_HELP[axis.kind]})`)
  }
  return { ok: true, value: text(v) }
}

/** The set with its axes in canonical order: by kind as AXIS_KINDS lists them, then by asset. */
export function canonicalSet(set: AxisSet): AxisSet {
  const order = (name: string) => AXIS_KINDS.indexOf(name.split(':')[0] as AxisKind)
  const names = Object.keys(set).sort((a, b) => order(a) - order(b) || (a < b ? -1 : a > b ? 1 : 0))
  return Object.fromEntries(names.map((n) => [n, set[n]]))
}

/** A set as a request carries it (`{"shock:BTC": "-0.15"}`): every axis and value checked. */
export function validateSet(raw: Record<string, unknown>): Parsed<AxisSet> {
  const issues: FieldIssue[] = []
  const out: AxisSet = {}
  for (const [name, value] of Object.entries(raw)) {
    const axis = parseAxis(name)
    if (!axis.ok) {
      issues.push(...axis.issues)
      continue
    }
    if (axis.value.name in out) {
      issues.push({ path: setPath(name), message: `axis ${axis.value.name} is given twice` })
      continue
    }
    const v = typeof value === 'string' ? checkValue(axis.value, value) : typeof value === 'number' && Number.isFinite(value) ? checkValue(axis.value, String(value)) : issue(setPath(name), 'must be a number as a string, e.g. "-0.15"')
    if (!v.ok) issues.push(...v.issues)
    else out[axis.value.name] = v.value
  }
  return issues.length ? { ok: false, issues } : { ok: true, value: canonicalSet(out) }
}

/** `AXIS=VALUE` assignments as the command line gives them (`--set shock:BTC=-0.15`, repeated). */
export function parseAssignments(entries: readonly string[]): Parsed<AxisSet> {
  const raw: Record<string, unknown> = {}
  const issues: FieldIssue[] = []
  for (const entry of entries) {
    const at = entry.indexOf('=')
    if (at <= 0) {
      issues.push({ path: 'set', message: `"${entry.slice(0, 60)}" is not AXIS=VALUE (e.g. shock:BTC=-0.15, fund=200000000)` })
      continue
    }
    const name = entry.slice(0, at).trim()
    if (Object.prototype.hasOwnProperty.call(raw, name)) {
      issues.push({ path: setPath(name), message: `axis ${name} is given twice` })
      continue
    }
    Object.defineProperty(raw, name, { value: entry.slice(at + 1), enumerable: true, configurable: true, writable: true })
  }
  const checked = validateSet(raw)
  if (!checked.ok) issues.push(...checked.issues)
  return issues.length ? { ok: false, issues } : checked
}

/** One swept axis: `AXIS=FROM:TO:N`, N values evenly spaced from FROM to TO inclusive. */
export interface AxisRange {
  axis: Axis
  /** Canonical values, each one a `--set` value. */
  values: string[]
}

/** Most values along one axis (a 256 x 256 grid is 65,536 runs). */
export const MAX_AXIS_POINTS = 256

/** `FROM + (TO - FROM) x k / (N - 1)`, to 12 significant digits so each value prints short. */
export function spacedValues(from: Dec, to: Dec, n: number): Dec[] {
  if (n === 1) return [from]
  return Array.from({ length: n }, (_, k) => (k === 0 ? from : k === n - 1 ? to : from.plus(to.minus(from).mul(k).div(n - 1)).toSignificantDigits(12)))
}

export function parseRange(entry: string, path: string): Parsed<AxisRange> {
  const at = entry.indexOf('=')
  if (at <= 0) return issue(path, `"${entry.slice(0, 60)}" is not AXIS=FROM:TO:N (e.g. shock:BTC=-0.3:0:16)`)
  const axis = parseAxis(entry.slice(0, at).trim(), path)
  if (!axis.ok) return axis
  const parts = entry.slice(at + 1).split(':')
  if (parts.length !== 3) return issue(path, `"${entry.slice(at + 1, at + 61)}" is not FROM:TO:N (e.g. -0.3:0:16)`)
  const [fromRaw, toRaw, nRaw] = parts
  const from = checkValue(axis.value, fromRaw, path)
  if (!from.ok) return from
  const to = checkValue(axis.value, toRaw, path)
  if (!to.ok) return to
  if (!/^\d{1,4}$/.test(nRaw.trim()) || Number(nRaw) < 1 || Number(nRaw) > MAX_AXIS_POINTS) return issue(path, `N must be a whole number of values from 1 to ${MAX_AXIS_POINTS}, got "${nRaw.slice(0, 20)}"`)
  const n = Number(nRaw)
  if (n > 1 && from.value === to.value) return issue(path, `FROM and TO are both ${from.value}: give two different ends or N = 1`)
  return { ok: true, value: { axis: axis.value, values: spacedValues(dec(from.value), dec(to.value), n).map(text) } }
}
