// Margin calls of the user's exchange account and what gets liquidated when, per margin mode
// (docs/CASCADE-NOTES.md "The user's account"):
// - cross: margin call at a margin ratio of 80%, liquidation at 100%. Positions are closed one at a
//   time, largest maintenance margin first, until the ratio is under 100% again (Binance: "If the
//   user is margin compliant after ... the liquidation will stop");
// - isolated: the same per position on its isolated margin;
// - portfolio: margin call at the reduce-only uniMMR (1.20), liquidation at the liquidation uniMMR
//   (1.05), of the whole account (docs/MODEL.md §5.4): every position, then the collateral sold for
//   the loans (user-collateral-sale.ts).
// A margin call ends when the ratio is back under 90% of its line; the next crossing is a new event.
import { plain, ratio as fmtRatio, usd } from './format'
import type { RunRules } from './rules'
import type { UserAccount } from './user-account'
import { exposure, exposureCauses, latest } from './user-causes'
import { repayBySellingCollateral } from './user-collateral-sale'
import type { UserHoldings, UserPosition } from './user-holdings'
import { afterLiquidation, liquidatePosition } from './user-liquidation'

export const MARGIN_CALL_RATIO = 0.8
/** A margin call ends when the ratio is back under this share of its threshold (hysteresis). */
const CALL_RESET = 0.9

/** The margin call line on the normalised margin ratio (1 = liquidation): portfolio liquidationRatio / callRatio. */
export function marginCallRatio(mode: UserHoldings['mode'], rules: RunRules): number {
  const u = rules.unified
  return mode === 'portfolio' && u ? u.liquidationRatio / u.callRatio : MARGIN_CALL_RATIO
}

/** Margin call (on the way up) and liquidation of the exchange account; true when it traded. */
export function checkExchange(u: UserAccount): boolean {
  const f = u.measure()
  if (!u.calling && f.marginRatio >= u.callRatio) {
    u.calling = true
    u.ctx.beforeUserEvent()
    const id = u.ctx.log.emit(
      'margin-call',
      'user',
      {
        amounts: {
          marginRatio: fmtRatio(f.marginRatio),
          ...(Number.isFinite(f.uniMMR) ? { uniMMR: fmtRatio(f.uniMMR) } : {}),
          equity: usd(f.exchangeEquity),
          maintenanceMargin: usd(f.maintenanceMargin),
        },
        note: u.mode === 'portfolio' ? `uniMMR ${plain(f.uniMMR, 4)} at or below the reduce-only line` : `margin ratio ${plain(f.marginRatio * 100, 4)}% at or above ${plain(u.callRatio * 100, 3)}%`,
      },
      exposureCauses(u, exposure(u), latest(u.callEvents)),
    )
    u.callEvents.push(id)
  } else if (u.calling && f.marginRatio < u.callRatio * CALL_RESET) u.calling = false
  if (u.mode === 'isolated') return liquidateIsolated(u)
  if (f.marginRatio < 1) return false
  return u.mode === 'portfolio' ? liquidateWhole(u) : liquidateCross(u)
}

/** The order of closing: largest maintenance margin first, ties by position order. */
function byRisk(u: UserAccount): UserPosition[] {
  return u.positions.filter((p) => p.open).sort((a, b) => u.mm(b) - u.mm(a) || a.index - b.index)
}

function liquidateCross(u: UserAccount): boolean {
  let acted = false
  for (let guard = 0; guard < u.positions.length; guard++) {
    const f = u.measure()
    if (f.marginRatio < 1) break
    const p = byRisk(u)[0]
    if (!p) break
    const r = liquidatePosition(u, p, false)
    if (r.halted) break
    acted = true
  }
  afterLiquidation(u)
  return acted
}

function liquidateIsolated(u: UserAccount): boolean {
  let acted = false
  for (const p of byRisk(u)) {
    const mark = u.markOf(p)
    const eq = (p.isolatedMargin as number) + u.upnl(p, mark)
    if (eq > u.mm(p, mark)) continue
    const r = liquidatePosition(u, p, true)
    acted = acted || !r.halted
  }
  if (acted) afterLiquidation(u)
  return acted
}

function liquidateWhole(u: UserAccount): boolean {
  let acted = false
  for (const p of byRisk(u)) {
    const r = liquidatePosition(u, p, false)
    acted = acted || !r.halted
  }
  acted = repayBySellingCollateral(u) || acted
  afterLiquidation(u)
  return acted
}
