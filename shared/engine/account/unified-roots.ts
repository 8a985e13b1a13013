// Where a unified account's surplus f(p) (unified-surplus.ts) reaches zero: a breakpoint walk that
// carries f and its slope exactly piece by piece, and Newton's method from the far side for the
// concave case. Closed form on each linear piece, so the root is exact to 34 digits.
import { compare, TWO, ZERO, type Dec } from '../../decimal'
import type { Sign } from './position-metrics'
import type { Surplus } from './unified-surplus'

/** A binary min-heap of the next breakpoint of each term, nearest first. */
class BreakpointHeap {
  private items: { key: number; p: Dec; term: number; next: () => Dec | null }[] = []
  constructor(private direction: Sign) {}
  private less(i: number, j: number): boolean {
    const a = this.items[i]
    const b = this.items[j]
    // Number keys order correctly (rounding to float is monotone); equal keys fall back to Decimal.
    return a.key !== b.key ? a.key < b.key : a.p.cmp(b.p) * this.direction < 0
  }
  private swap(i: number, j: number): void {
    const t = this.items[i]
    this.items[i] = this.items[j]
    this.items[j] = t
  }
  push(p: Dec, term: number, next: () => Dec | null): void {
    this.items.push({ key: p.toNumber() * this.direction, p, term, next })
    for (let i = this.items.length - 1; i > 0; ) {
      const parent = (i - 1) >> 1
      if (!this.less(i, parent)) break
      this.swap(i, parent)
      i = parent
    }
  }
  peek(): { p: Dec; term: number; next: () => Dec | null } | undefined {
    return this.items[0]
  }
  pop(): { p: Dec; term: number; next: () => Dec | null } | undefined {
    const top = this.items[0]
    const last = this.items.pop()
    if (this.items.length && last) {
      this.items[0] = last
      for (let i = 0; ; ) {
        const l = 2 * i + 1
        const r = l + 1
        let m = i
        if (l < this.items.length && this.less(l, m)) m = l
        if (r < this.items.length && this.less(r, m)) m = r
        if (m === i) break
        this.swap(i, m)
        i = m
      }
    }
    return top
  }
}

/**
 * First p along `direction` from p0 where f reaches zero, or null (p must stay > 0, and within
 * `limit` of p0 when given). Slopes are taken at the midpoint of each piece, never at a
 * breakpoint: a breakpoint computed as cap x quotePrice / Q can round to a hair past the cap, and
 * the slope there would belong to the wrong bracket.
 */
export function sweep(fn: Surplus, f0: Dec, direction: Sign, limit: Dec | null): Dec | null {
  const { p0, terms, loanSlope } = fn
  const inRange = (p: Dec) => (direction > 0 ? p.gt(p0) : p.lt(p0) && p.gt(ZERO)) && (limit === null || p.sub(p0).abs().lte(limit))
  const heap = new BreakpointHeap(direction)
  const feed = (term: number, next: () => Dec | null) => {
    const p = next()
    if (p !== null && inRange(p)) heap.push(p, term, next)
  }
  terms.forEach((t, i) => feed(i, t.cursor(direction)))
  const beyond = (p: Dec) => (direction > 0 ? p.mul(TWO) : p.div(TWO))
  const midpoint = (from: Dec) => from.add(heap.peek()?.p ?? beyond(from)).div(TWO)
  const firstMid = midpoint(p0)
  const termSlopes = terms.map((t) => t.slope(firstMid, direction))
  let slope = termSlopes.reduce((s, x) => s.add(x), loanSlope)
  let at = p0
  let fAt = f0
  const crosses = (v: Dec) => (f0.gt(ZERO) ? v.lte(ZERO) : v.gte(ZERO))
  for (let top = heap.peek(); top; top = heap.peek()) {
    const p = top.p
    const fE = fAt.add(slope.mul(p.sub(at)))
    if (!slope.isZero() && crosses(fE)) return at.sub(fAt.div(slope))
    // Every term with a breakpoint here takes its slope on the next piece.
    const changed: number[] = []
    while (heap.peek()?.p.eq(p)) {
      const e = heap.pop() as { term: number; next: () => Dec | null }
      changed.push(e.term)
      feed(e.term, e.next)
    }
    const mid = midpoint(p)
    for (const t of changed) {
      const updated = terms[t].slope(mid, direction)
      slope = slope.add(updated.sub(termSlopes[t]))
      termSlopes[t] = updated
    }
    at = p
    fAt = fE
  }
  if (slope.isZero()) return null
  const root = at.sub(fAt.div(slope))
  const ahead = direction > 0 ? root.gt(at) : root.lt(at)
  return ahead && root.gt(ZERO) && (limit === null || root.sub(p0).abs().lte(limit)) ? root : null
}

/** f's slope on the side `direction` of p: the sum of every term's one-sided slope. */
function slopeBeside(fn: Surplus, p: Dec, direction: Sign): Dec {
  return fn.terms.reduce((acc, t) => acc.add(t.slope(p, direction)), fn.loanSlope)
}

/**
 * The concave case (f(p0) > 0): Newton's method started on the far side of the root. The tangent
 * of a concave function lies above it, so from a point where f <= 0 each tangent step lands between
 * the root and that point, never past the root; on a piecewise-linear f it lands exactly once it
 * reaches the root's piece. The far point: p = 0 below (f(0) <= 0 was checked), and above the
 * tangent root at p0, or past the last breakpoint where f is a single line.
 */
export function newtonFromFarSide(fn: Surplus, f0: Dec, direction: Sign, limit: Dec | null): Dec | null | 'fallback' {
  const { p0 } = fn
  let x: Dec
  if (direction < 0) x = ZERO
  else {
    const s0 = slopeBeside(fn, p0, 1)
    if (s0.lt(ZERO)) x = p0.sub(f0.div(s0))
    else {
      const last = fn.terms.reduce<Dec | null>((m, t) => (t.lastBreakpoint !== null && (m === null || compare(t.lastBreakpoint, m) > 0) ? t.lastBreakpoint : m), null)
      const finalSlope = fn.finalSlope()
      const from = last !== null && last.gt(p0) ? last : p0
      const fFrom = fn.f(from)
      if (fFrom.gt(ZERO)) return from.sub(fFrom.div(finalSlope)) // the root is on the last line
      x = from
    }
  }
  let fx = fn.f(x)
  for (let k = 0; k < 200; k++) {
    if (fx.isZero()) break
    // The slope on the piece between the root and x (towards p0).
    const s = slopeBeside(fn, x, (direction > 0 ? -1 : 1) as Sign)
    if (s.isZero()) return 'fallback'
    const y = x.sub(fx.div(s))
    if (y.eq(x)) break
    const fy = fn.f(y)
    // Rounding can leave f(y) a hair above zero at the exact root: 34 digits of terms as large as
    // |slope x price|. Stop there.
    if (fy.gt(ZERO) && fy.lte(f0.abs().add(s.mul(y).abs()).mul('1e-28'))) {
      x = y
      fx = fy
      break
    }
    if (fy.gt(ZERO)) return 'fallback'
    x = y
    fx = fy
  }
  if (limit !== null && x.sub(p0).abs().gt(limit)) return null
  return x.gt(ZERO) ? x : null
}
