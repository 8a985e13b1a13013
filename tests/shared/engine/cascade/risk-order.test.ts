// RiskOrder (user/risk-order.ts) against the scan it replaces: the open position of largest
// maintenance margin, the first of equals, over random groups (shared bracket tables, quantities
// drawn to collide and to sit within rounding of each other and of the brackets' caps), marks and
// closes, whole or partial, in any order.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { maintenanceMarginF, type FloatBracket } from '../../../../shared/engine/cascade/mirrors'
import { RiskOrder } from '../../../../shared/engine/cascade/user/risk-order'

interface Pos {
  index: number
  asset: number
  rows: FloatBracket[]
  qty: number
  open: boolean
}

/** Binance-like rows with cum making MM continuous at each cap. */
function table(caps: number[], rates: number[]): FloatBracket[] {
  const rows: FloatBracket[] = []
  let cum = 0
  for (let i = 0; i < rates.length; i++) {
    if (i > 0) cum += caps[i - 1] * (rates[i] - rates[i - 1])
    rows.push({ cap: i < caps.length ? caps[i] : Infinity, mmr: rates[i], cum, maxLeverage: 10 })
  }
  return rows
}

/** The first table with its second cum a billionth too large: MM falls by that much at the cap, as a decimal cum converted to float may make it. */
const nudged = table([50_000, 250_000, 1_000_000], [0.004, 0.005, 0.01, 0.025]).map((r, i) => (i === 1 ? { ...r, cum: r.cum + 1e-9 } : r))
const TABLES = [table([50_000, 250_000, 1_000_000], [0.004, 0.005, 0.01, 0.025]), table([10_000, 100_000], [0.01, 0.02, 0.05]), table([20_000], [0, 0.01]), nudged]

function scan(positions: Pos[], mark: (a: number) => number): Pos | undefined {
  let best: Pos | undefined
  let bestMm = 0
  for (const p of positions) {
    if (!p.open) continue
    const m = maintenanceMarginF(p.rows, p.qty * mark(p.asset))
    if (best === undefined || m > bestMm || (m === bestMm && p.index < best.index)) {
      best = p
      bestMm = m
    }
  }
  return best
}

const book = fc.record({
  positions: fc.array(
    fc.record({
      asset: fc.integer({ min: 0, max: 2 }),
      table: fc.integer({ min: 0, max: TABLES.length - 1 }),
      // A few base sizes, some nudged by an ulp-scale amount, so ties and near-ties are common.
      qty: fc.tuple(fc.constantFrom(1, 2.5, 10, 40, 0.4), fc.constantFrom(0, 0, 2.3e-16, -2.3e-16, 1e-15, 1e-10, 3e-9)).map(([q, d]) => q * (1 + d)),
    }),
    { minLength: 1, maxLength: 60 },
  ),
  marks: fc.tuple(fc.constantFrom(100, 2500, 25_000, 100_000), fc.constantFrom(1, 10_000, 20_000), fc.constantFrom(0.5, 2_000, 50_000)),
  moves: fc.array(fc.record({ pick: fc.nat(), share: fc.constantFrom(1, 1, 0.5, 0.01, 1e-12), drift: fc.double({ min: 0.5, max: 1.5, noNaN: true }) }), { maxLength: 80 }),
})

describe('RiskOrder', () => {
  it('measures quantities within rounding of the largest: a smaller one at a cap can carry the larger MM', () => {
    const list: Pos[] = [
      { index: 0, asset: 0, rows: nudged, qty: 2 * (1 + 1e-15), open: true },
      { index: 1, asset: 0, rows: nudged, qty: 2, open: true },
    ]
    const markOf = () => 25_000
    // 2 x 25,000 is the cap: the smaller position stays in the lower bracket, the larger crosses it.
    expect(maintenanceMarginF(nudged, 2 * 25_000)).toBeGreaterThan(maintenanceMarginF(nudged, 2 * (1 + 1e-15) * 25_000))
    expect(new RiskOrder(list).riskiest(markOf)).toBe(list[1])
    expect(scan(list, markOf)).toBe(list[1])
  })

  it('picks what the full scan picks, through closes and moving marks', () => {
    fc.assert(
      fc.property(book, ({ positions, marks, moves }) => {
        const list: Pos[] = positions.map((p, index) => ({ index, asset: p.asset, rows: TABLES[p.table], qty: p.qty, open: true }))
        const order = new RiskOrder(list)
        const m = [...marks]
        const markOf = (a: number) => m[a]
        for (const mv of moves) {
          const expected = scan(list, markOf)
          expect(order.riskiest(markOf)).toBe(expected)
          if (!expected) return
          // Close some of the expected position, or of another open one.
          const open = list.filter((p) => p.open)
          const p = mv.pick % 3 === 0 ? expected : open[mv.pick % open.length]
          const q = p.qty * mv.share
          p.qty -= q
          if (!(p.qty > 1e-12 * (p.qty + q))) {
            p.qty = 0
            p.open = false
          }
          order.closed(p)
          m[mv.pick % 3] *= mv.drift
        }
        expect(order.riskiest(markOf)).toBe(scan(list, markOf))
      }),
      { numRuns: 400, seed: 5000 },
    )
  })
})
