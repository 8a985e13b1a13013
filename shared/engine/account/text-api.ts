// String-in, string-out entry points to the engine's building blocks (a bracket table, one
// liquidation price, one health factor), so the venues' worked examples can be checked one formula
// at a time, as the tests do: decimals cross every public boundary as strings (docs/CONVENTIONS.md
// §1-2). The app and the CLI use `computeMetrics`; the Decimal versions live in the modules named
// in each comment.
import type { Side } from '../../model/portfolio'
import type { AdlMethod, CollateralTier, ContractSpec, LendingParams, MaintenanceRule } from '../../model/venue'
import { adlScore } from './adl'
import { bracketFor, deriveBrackets, maintenanceMargin } from './brackets'
import { adjustedValue, tierTable } from './collateral'
import { dec, text, textOrNull, ZERO } from '../../decimal'
import { healthFactor, triggerPrice, type LendingPositionDec } from './defi'
import { bankruptcyPriceRaw, inverseBankruptcyPrice, solveLiquidationPrice } from './liquidation-price'
import { signOf } from './position-metrics'

export interface BracketRowText {
  level: number
  notionalFloor: string
  notionalCap: string | null
  maxLeverage: string
  mmr: string
  cum: string
}

/** brackets.ts: the contract's rows with `cum` derived by the recursion. */
export function bracketTable(contract: ContractSpec, rule: MaintenanceRule = 'table'): BracketRowText[] {
  return deriveBrackets(contract, rule).map((r) => ({
    level: r.level,
    notionalFloor: text(r.floor),
    notionalCap: r.cap === null ? null : text(r.cap),
    maxLeverage: text(r.maxLeverage),
    mmr: text(r.mmr),
    cum: text(r.cum),
  }))
}

/** brackets.ts: `MM = notional x mmr - cum` of the bracket holding `notional`. */
export function maintenanceMarginText(contract: ContractSpec, notional: string, rule: MaintenanceRule = 'table'): { level: number; mmr: string; cum: string; maintenanceMargin: string } {
  const n = dec(notional)
  const row = bracketFor(deriveBrackets(contract, rule), n)
  return { level: row.level, mmr: text(row.mmr), cum: text(row.cum), maintenanceMargin: text(maintenanceMargin(row, n)) }
}

export interface LiquidationQuery {
  contract: ContractSpec
  rule?: MaintenanceRule
  side: Side
  qty: string
  entryPrice: string
  /** `WB - TMM1 + UPNL1` (cross) or the isolated margin, in quote units. */
  balance: string
}

/** liquidation-price.ts: Binance's one-way LP, walked across brackets; null when <= 0. */
export function liquidationPriceText(q: LiquidationQuery): { price: string | null; level: number | null; tried: number[] } {
  const r = solveLiquidationPrice({ side: q.side, qty: dec(q.qty), entryPrice: dec(q.entryPrice), rows: deriveBrackets(q.contract, q.rule ?? 'table'), balance: dec(q.balance) })
  return { price: textOrNull(r.price), level: r.bracket?.level ?? null, tried: r.tried }
}

/** liquidation-price.ts: `BP = EP - (WB + UPNL1) / (side x Q)`; null when <= 0. */
export function bankruptcyPriceText(side: Side, qty: string, entryPrice: string, balance: string): string | null {
  const bp = bankruptcyPriceRaw(side, dec(qty), dec(entryPrice), dec(balance))
  return bp.gt(ZERO) ? text(bp) : null
}

/** liquidation-price.ts: an inverse contract's isolated bankruptcy price; null when none. */
export function inverseBankruptcyPriceText(side: Side, entryPrice: string, leverage: string): string | null {
  return textOrNull(inverseBankruptcyPrice(side, dec(entryPrice), dec(leverage)))
}

type AmountsText = { supplies: { asset: string; amount: string }[]; borrows: { asset: string; amount: string }[] }
const lendingDec = (p: AmountsText): LendingPositionDec => ({
  supplies: p.supplies.map((s) => ({ asset: s.asset, amount: dec(s.amount) })),
  borrows: p.borrows.map((b) => ({ asset: b.asset, amount: dec(b.amount) })),
})

/** defi.ts: Aave health factor; null without debt. */
export function healthFactorText(position: AmountsText, params: LendingParams, prices: Record<string, string>): string | null {
  return textOrNull(healthFactor(lendingDec(position), params, (a) => dec(prices[a])).healthFactor)
}

/** defi.ts: price of `asset` at which HF = 1, others held; null when none. */
export function triggerPriceText(position: AmountsText, params: LendingParams, prices: Record<string, string>, asset: string): string | null {
  return textOrNull(triggerPrice(lendingDec(position), params, (a) => dec(prices[a]), asset))
}

/** collateral.ts: adjusted USD value of `units` at `price` under marginal tiers. */
export function adjustedValueText(tiers: CollateralTier[], units: string, price: string): string {
  return text(adjustedValue(tierTable(tiers), dec(units), dec(price)))
}

export interface AdlScoreQuery {
  side: Side
  qty: string
  entryPrice: string
  mark: string
  walletBalance: string
  marginBalance: string
  maintenanceMargin: string
}

/** adl.ts: one position's ADL score under a venue's method; null when not in the queue. */
export function adlScoreText(method: AdlMethod, q: AdlScoreQuery): string | null {
  const sign = signOf(q.side)
  const qty = dec(q.qty)
  const notional = qty.mul(dec(q.mark))
  const entryNotional = qty.mul(dec(q.entryPrice))
  const margin = { walletBalance: dec(q.walletBalance), marginBalance: dec(q.marginBalance), maintenanceMargin: dec(q.maintenanceMargin) }
  return textOrNull(adlScore(method, margin, { sign, notional, entryNotional, unrealizedPnl: sign > 0 ? notional.sub(entryNotional) : entryNotional.sub(notional) }))
}
