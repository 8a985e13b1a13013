// The per-position figures of a venue's futures calculator, exactly (decimal.js): initial margin,
// and for an exit price the PnL and ROE; plus the leverage cap of the bracket the entry notional
// falls in, so the editor can show the limit in the leverage cell before the book breaks it.
// Binance's calculator (https://www.binance.com/en/support/faq/how-to-use-the-binance-futures-calculator-360036498511):
// "Initial Margin = Quantity * Entry Price * IMR", "IMR = 1 / leverage", long PnL
// "(Exit Price - Entry Price) * Quantity", short "(Entry Price - Exit Price) * Quantity",
// "ROI% = PnL / Initial Margin". Bybit's (https://www.bybit.com/en/help-center/article/Calculator-for-Perpetual-and-Futures-Standard-Account):
// "ROI = P&L / Initial Margin", fees excluded. Linear (quote-margined) contracts, as every shipped
// profile lists. Needs no price: a book the engine refuses (leverage above its bracket) still gets
// its figures, which is when the cap matters most. docs/MODEL.md §2.3.
import type { Portfolio, Position } from '../../model/portfolio'
import type { VenueProfile } from '../../model/venue'
import type { FieldIssue } from '../../model/issues'
import type { ExitFigures, PositionCalc, PositionCalcReport } from '../../model/position-calc'
import { compare, dec, text, type Dec } from '../../decimal'
import { checkDecimal } from '../../schemas/decimal-field'
import { bracketFor, deriveBrackets, largestCap } from './brackets'
import { venueView } from './venue-view'

export type PositionCalcResult = { ok: true; value: PositionCalcReport } | { ok: false; issues: FieldIssue[] }

/** Size and entry of a position as the book gives them: qty, or notional at the entry price. */
function entryOf(p: Position): { qty: Dec; entry: Dec; notional: Dec } {
  const entry = dec(p.entryPrice)
  if (p.qty !== undefined) {
    const qty = dec(p.qty)
    return { qty, entry, notional: qty.mul(entry) }
  }
  const notional = dec(p.notional as string)
  return { qty: notional.div(entry), entry, notional }
}

/** The calculator's PnL and ROE of closing `p` at `exit`. */
export function exitFigures(p: Position, exit: Dec): ExitFigures {
  const { qty, entry, notional } = entryOf(p)
  const side = p.side === 'long' ? 1 : -1
  // (exit - entry) x qty: for a position given by notional, qty = notional / entry, so compute
  // notional x (exit - entry) / entry to divide once, at the end.
  const move = exit.sub(entry).mul(side)
  const pnl = p.qty !== undefined ? move.mul(qty) : move.mul(notional).div(entry)
  const margin = notional.div(dec(p.leverage))
  return { price: text(exit), pnl: text(pnl), roe: text(pnl.div(margin)) }
}

/**
 * Figures for every position of a schema-valid `doc` on `venue`; `exits` maps position ids to exit
 * prices (decimal strings). An exit that is not a positive decimal, or names no position, is an
 * issue at `exits.<id>`.
 */
export function positionCalculator(doc: Portfolio, venue: VenueProfile, exits: Record<string, string> = {}): PositionCalcResult {
  const ids = new Set(doc.positions.map((p) => p.id))
  const issues: FieldIssue[] = []
  const exitPrices = new Map<string, Dec>()
  for (const [id, price] of Object.entries(exits)) {
    if (!ids.has(id)) {
      issues.push({ path: `exits.${id}`, message: `no position with id "${id}"` })
      continue
    }
    const c = checkDecimal(price, 'positive')
    if (!c.ok) issues.push({ path: `exits.${id}`, message: c.message })
    else exitPrices.set(id, dec(c.value))
  }
  if (issues.length) return { ok: false, issues }

  const view = venueView(venue)
  const positions = doc.positions.map((p): PositionCalc => {
    const { notional } = entryOf(p)
    const contract = view.contracts[p.symbol]
    let maxLeverage: string | null = null
    let bracket: PositionCalc['bracket'] = null
    if (contract) {
      const rows = deriveBrackets(contract, view.maintenanceRule)
      const top = largestCap(rows)
      if (top === null || compare(notional, top) <= 0) {
        const b = bracketFor(rows, notional)
        maxLeverage = text(b.maxLeverage)
        bracket = { level: b.level, floor: text(b.floor), cap: b.cap === null ? null : text(b.cap) }
      }
    }
    const exit = exitPrices.get(p.id)
    return {
      id: p.id,
      symbol: p.symbol,
      quote: contract?.quote ?? null,
      initialMargin: text(notional.div(dec(p.leverage))),
      maxLeverage,
      bracket,
      exit: exit === undefined ? null : exitFigures(p, exit),
    }
  })
  return { ok: true, value: { positions } }
}
