// The order in which a cross account's positions are liquidated (margin.ts: largest maintenance
// margin first, ties by position order) without a pass over every position per liquidation. That
// pass made a book liquidated position by position O(n^2): 5,000 positions, 12.5M looks.
//
// Why a sorted list suffices: positions on one asset with one bracket table share the mark, and
// their MM = notional x mmr - cum is strictly increasing in the notional when every mmr is positive
// (the brackets' cum makes it continuous). So within such a group the largest quantity has the
// largest MM; the float rounding of MM (about 1e-16 of it) can only reorder quantities within
// 1e-9 of each other, and those are all measured. A group with a zero or negative rate is
// measured whole. The answer is therefore the full scan's, position for position.
import { maintenanceMarginF, type FloatBracket } from '../mirrors'

/** What the order reads of a user position (account.ts `UserPosition`; no import of it, no cycle). */
export interface RankedPosition {
  readonly index: number
  readonly asset: number
  readonly rows: FloatBracket[]
  readonly qty: number
  readonly open: boolean
}

/** Quantities within this relative distance of the group's largest are measured, not assumed. */
const NEAR = 1e-9

class Group<P extends RankedPosition> {
  readonly members: P[] = []
  /** Members before it are closed (valid while `sorted`). */
  head = 0
  sorted = false
  readonly monotone: boolean

  constructor(
    readonly asset: number,
    rows: FloatBracket[],
  ) {
    this.monotone = rows.every((r) => r.mmr > 0)
  }

  sort(): void {
    this.members.sort((a, b) => b.qty - a.qty || a.index - b.index)
    this.head = 0
    this.sorted = true
  }
}

export class RiskOrder<P extends RankedPosition> {
  private readonly groups: Group<P>[] = []
  private readonly groupOf = new Map<P, Group<P>>()

  constructor(positions: readonly P[]) {
    const byRows = new Map<FloatBracket[], Map<number, Group<P>>>()
    for (const p of positions) {
      let byAsset = byRows.get(p.rows)
      if (!byAsset) byRows.set(p.rows, (byAsset = new Map()))
      let g = byAsset.get(p.asset)
      if (!g) {
        g = new Group<P>(p.asset, p.rows)
        byAsset.set(p.asset, g)
        this.groups.push(g)
      }
      g.members.push(p)
      this.groupOf.set(p, g)
    }
  }

  /** After `closePosition` took some of `p`: a partial close may reorder its group. */
  closed(p: P): void {
    if (p.open) (this.groupOf.get(p) as Group<P>).sorted = false
  }

  /** The open position of largest MM at the marks `markOf(asset)`, the first of equals (by position order). */
  riskiest(markOf: (asset: number) => number): P | undefined {
    let best: P | undefined
    let bestMm = 0
    const consider = (p: P, m: number) => {
      if (best === undefined || m > bestMm || (m === bestMm && p.index < best.index)) {
        best = p
        bestMm = m
      }
    }
    for (const g of this.groups) {
      const mark = markOf(g.asset)
      if (!g.monotone) {
        for (const p of g.members) if (p.open) consider(p, maintenanceMarginF(p.rows, p.qty * mark))
        continue
      }
      if (!g.sorted) g.sort()
      const m = g.members
      while (g.head < m.length && !m[g.head].open) g.head++
      if (g.head === m.length) continue
      const floor = m[g.head].qty * (1 - NEAR)
      for (let j = g.head; j < m.length && m[j].qty >= floor; j++) if (m[j].open) consider(m[j], maintenanceMarginF(m[j].rows, m[j].qty * mark))
    }
    return best
  }
}
