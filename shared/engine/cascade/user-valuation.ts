// One look at the user's account at the market's current prices, in float64 mirrors of
// metrics-report.ts (tested against `computeMetrics` at the start): equity (exchange + DeFi),
// wallet balance, uPnL, maintenance margin, uniMMR and the margin ratio.
// The margin ratio is normalised so that 1 is the liquidation line in every mode (docs/CASCADE-NOTES.md
// "The user's account"): cross MM / margin balance; isolated the worst position's MM / (margin +
// uPnL); portfolio liquidationRatio / uniMMR, uniMMR = adjusted equity / MM (docs/VENUE-RULES.md §3.1).
import { adjustedValueF, maintenanceMarginF } from './mirrors'
import type { UserHoldings } from './user-holdings'

/** The figures of one look at the account. */
export interface UserFigures {
  /** Exchange account: wallet at collateral prices (no haircut) - loans + uPnL. */
  exchangeEquity: number
  /** DeFi positions at the oracle: supplies - borrows. */
  defiEquity: number
  equity: number
  walletBalance: number
  unrealizedPnl: number
  maintenanceMargin: number
  /** 1 = the liquidation line (cross: MM / margin balance; portfolio: liquidationRatio / uniMMR; isolated: worst position). */
  marginRatio: number
  uniMMR: number
  grossNotional: number
  effectiveLeverage: number
}

export function measureAccount(h: UserHoldings): UserFigures {
  let upnl = 0
  let mm = 0
  let gross = 0
  let worstIsolated = 0
  for (const p of h.positions) {
    if (!p.open) continue
    const mark = h.markOf(p)
    const u = h.upnl(p, mark)
    const m = maintenanceMarginF(p.rows, p.qty * mark)
    upnl += u
    mm += m
    gross += p.qty * mark
    if (p.isolatedMargin !== null) {
      const eq = p.isolatedMargin + u
      worstIsolated = Math.max(worstIsolated, eq > 0 ? m / eq : Infinity)
    }
  }
  const wb = h.walletBalance()
  const marginBalance = wb + upnl
  let defi = 0
  for (const l of h.lending) {
    for (const s of l.supplies) defi += s.units * h.oraclePrice(s.asset)
    for (const b of l.borrows) defi -= b.units * h.oraclePrice(b.asset)
  }
  let uniMMR = Infinity
  let ratio: number
  const unified = h.ctx.rules.unified
  if (h.mode === 'portfolio' && unified) {
    const u = unifiedFigures(h)
    uniMMR = u.uniMMR
    mm = u.mm
    ratio = u.adjusted > 0 ? (unified.liquidationRatio * u.mm) / u.adjusted : u.mm > 0 ? Infinity : 0
  } else if (h.mode === 'isolated') ratio = worstIsolated
  else ratio = mm === 0 ? 0 : marginBalance > 0 ? mm / marginBalance : Infinity
  return {
    exchangeEquity: marginBalance,
    defiEquity: defi,
    equity: marginBalance + defi,
    walletBalance: wb,
    unrealizedPnl: upnl,
    maintenanceMargin: mm,
    marginRatio: ratio,
    uniMMR,
    grossNotional: gross,
    effectiveLeverage: marginBalance > 0 ? gross / marginBalance : gross > 0 ? Infinity : 0,
  }
}

/**
 * Mirrors metrics-report.ts `unifiedAccount` + unified.ts `uniMmr`: each asset's units are wallet
 * - loans (+ uPnL for the quote asset), adjusted by its tiers; MM = positions' MM + loanMmr x
 * loans. A negative gross balance (realised losses) is a loan too: Binance PM borrows it.
 */
export function unifiedFigures(h: UserHoldings): { adjusted: number; mm: number; uniMMR: number } {
  const u = h.ctx.rules.unified
  let adjusted = 0
  let loanValue = 0
  let mm = 0
  for (const [asset, gross] of h.wallet) {
    const loan = h.loans.get(asset) ?? 0
    // Futures uPnL is part of its quote asset's equity (Binance PM).
    let units = gross - loan
    for (const p of h.positions) if (p.open && p.quote === asset) units += h.upnl(p)
    adjusted += adjustedValue(h, asset, units)
    loanValue += (loan + Math.max(0, -gross)) * h.price(asset)
  }
  for (const [asset, loan] of h.loans) {
    if (h.wallet.has(asset)) continue
    adjusted += adjustedValue(h, asset, -loan)
    loanValue += loan * h.price(asset)
  }
  for (const p of h.positions) if (p.open) mm += maintenanceMarginF(p.rows, p.qty * h.markOf(p))
  mm += loanValue * (u?.loanMmr ?? 0)
  return { adjusted, mm, uniMMR: mm === 0 ? Infinity : adjusted / mm }
}

/** Adjusted value of `units` of an asset (buildBook gives every asset of a portfolio-margin book a table, or refuses it). */
function adjustedValue(h: UserHoldings, asset: string, units: number): number {
  const table = h.tables.get(asset)
  const price = h.price(asset)
  return table ? adjustedValueF(table, units, price) : units <= 0 ? units * price : 0
}
