// How the what-if editor reshapes a scenario's time paths (docs/WHATIF.md §2): a path keeps its
// shape, and the editor moves only its extreme point. A shock or depeg path is scaled so its
// extreme equals the new value (every point by the same factor, exact decimals) and stretched in
// time so the extreme comes at the new moment: points before it in proportion, points after it
// shifted by the same amount (the recovery keeps its pace; what falls past the end is dropped, the
// last value being held). A maker-withdrawal schedule scales its pulled share (1 - multiplier) to
// the new depth and is moved and stretched about its deepest point. An unchanged control returns
// the path it was given, so a preset round-trips to itself.
import { D } from '../../../../shared/decimal'
import { isoTimeMs, type PathPoint } from '../../../../shared/model/scenario'

/** Decimal places of a scaled point (not the extreme, which is exactly what the user typed). */
const PLACES = 8

/** Plain decimal text of a Decimal, "0" for zero (no "-0", no exponent). */
export function plain(d: InstanceType<typeof D>): string {
  return d.isZero() ? '0' : d.toFixed()
}

/** `"2025-10-10T21:20:00Z"`: whole seconds without ".000", else milliseconds. */
export function isoOf(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', 'Z')
}

/** The first point of largest magnitude (its value and its time from the start, ms); null for an empty or flat path. */
export function extremeOf(path: PathPoint[], startMs: number): { index: number; value: string; atMs: number } | null {
  let best = -1
  let size = new D(0)
  path.forEach(([, v], i) => {
    const a = new D(v).abs()
    if (a.gt(size)) {
      size = a
      best = i
    }
  })
  if (best < 0) return null
  return { index: best, value: plain(new D(path[best][1])), atMs: (isoTimeMs(path[best][0]) as number) - startMs }
}

/** Keeps the points inside (start, end] whose times increase (a squeezed point that lands on its neighbour goes). */
function increasing(points: Array<[number, string]>, startMs: number, endMs: number, afterStart: boolean): PathPoint[] {
  const out: PathPoint[] = []
  let last = -Infinity
  for (const [t, v] of points) {
    if (t > endMs || t < startMs || (afterStart && t === startMs) || t <= last) continue
    out.push([isoOf(t), v])
    last = t
  }
  return out
}

export interface Window {
  startMs: number
  endMs: number
}

/**
 * A shock or depeg path whose extreme is `value` at `atMs` after the start. An empty (or flat)
 * path becomes a straight line from 0 at the start to the value, held after; a zero value removes
 * the path (`[]`).
 */
export function reshapeMove(path: PathPoint[], value: string, atMs: number, w: Window): PathPoint[] {
  const target = new D(value)
  const ext = extremeOf(path, w.startMs)
  if (ext && ext.value === plain(target) && ext.atMs === atMs) return path
  if (target.isZero()) return []
  if (!ext) return [[isoOf(w.startMs + atMs), plain(target)]]
  const factor = target.div(new D(ext.value))
  const oldAt = ext.atMs
  const points = path.map(([iso, v], i): [number, string] => {
    const t = (isoTimeMs(iso) as number) - w.startMs
    const moved = i === ext.index ? atMs : i < ext.index ? Math.round((t * atMs) / oldAt) : t + (atMs - oldAt)
    const scaled = i === ext.index ? plain(target) : factor.eq(1) ? v : plain(new D(v).mul(factor).toDecimalPlaces(PLACES))
    return [w.startMs + moved, scaled]
  })
  return increasing(points, w.startMs, w.endMs, true)
}

export interface WithdrawalShape {
  /** Share of the book's depth pulled at the deepest point, "0" to below "1". */
  depth: string
  /** When the pull is deepest, ms after the start. */
  atMs: number
  /** From the first point of the schedule to its last, ms. */
  durationMs: number
}

/** The shape of a maker-withdrawal schedule; null when it pulls nothing. */
export function withdrawalShapeOf(path: PathPoint[], startMs: number): WithdrawalShape | null {
  const pulls: PathPoint[] = path.map(([t, m]) => [t, plain(new D(1).sub(new D(m)))])
  const ext = extremeOf(pulls, startMs)
  if (!ext || new D(ext.value).lte(0)) return null
  const first = isoTimeMs(path[0][0]) as number
  const last = isoTimeMs(path[path.length - 1][0]) as number
  return { depth: ext.value, atMs: ext.atMs, durationMs: last - first }
}

/** The lowest multiplier a scaled per-asset schedule may reach: a book never vanishes (multipliers are positive). */
export const MIN_MULTIPLIER = '0.01'

/**
 * One schedule moved from the `from` shape to the `to` shape: times stretched about the deepest
 * moment and shifted with it, pulled shares scaled by to.depth / from.depth.
 */
export function reshapeSchedule(path: PathPoint[], from: WithdrawalShape, to: WithdrawalShape, w: Window, exactTrough: boolean): PathPoint[] {
  const k = new D(to.depth).div(new D(from.depth))
  const stretch = from.durationMs > 0 ? to.durationMs / from.durationMs : 1
  const points = path.map(([iso, m]): [number, string] => {
    const t = (isoTimeMs(iso) as number) - w.startMs
    const moved = to.atMs + Math.round((t - from.atMs) * stretch)
    const pull = new D(1).sub(new D(m))
    let value = k.eq(1) ? m : plain(new D(1).sub(pull.mul(k)).toDecimalPlaces(PLACES))
    if (exactTrough && t === from.atMs && pull.eq(new D(from.depth))) value = plain(new D(1).sub(new D(to.depth)))
    if (new D(value).lt(MIN_MULTIPLIER)) value = MIN_MULTIPLIER
    return [w.startMs + moved, value]
  })
  return increasing(points, w.startMs, w.endMs, false)
}

/** A fresh schedule: full depth, down to 1 - depth at `atMs`, back to full depth, over `durationMs` centred on it. */
export function tentSchedule(to: WithdrawalShape, w: Window): PathPoint[] {
  const half = Math.round(to.durationMs / 2)
  const points: Array<[number, string]> = [
    [w.startMs + Math.max(0, to.atMs - half), '1'],
    [w.startMs + to.atMs, plain(new D(1).sub(new D(to.depth)))],
    [w.startMs + to.atMs + half, '1'],
  ]
  return increasing(points, w.startMs, w.endMs, false)
}

export const sameShape = (a: WithdrawalShape, b: WithdrawalShape): boolean => plain(new D(a.depth)) === plain(new D(b.depth)) && a.atMs === b.atMs && a.durationMs === b.durationMs
