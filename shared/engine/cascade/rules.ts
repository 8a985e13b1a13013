// The venue rules a run applies, read once from the profiles into numbers (every venue parameter is
// data, docs/CONVENTIONS.md §6): liquidation fee, partial slices and backstop, ADL method, price and
// trigger, unified-account thresholds, the lending protocol's liquidation terms, and the order in
// which a unified account's collateral is sold. The crowd trades on the user's venue, so the same
// rules liquidate everyone (docs/CASCADE-NOTES.md "One venue").
import type { AdlCloseAt, AdlMethod, ExchangeProfile, FeeRecipient, LendingParams, RemainderRecipient, VenueProfile } from '../../model/venue'

export type TriggerRule =
  | { kind: 'insurance-shortfall' }
  | { kind: 'pnl-drawdown'; windowSeconds: number; startBelow: number; stopAbove: number }
  | { kind: 'fund-threshold'; windowSeconds: number; dropShare: number; minDrop: number }
  | { kind: 'negative-equity' }

export interface LendingTerms {
  liquidationThreshold: number
  bonus: number
  protocolFee: number
}

export interface LendingRules {
  closeFactor: number
  fullCloseHealthFactor: number
  fullCloseBelowValue: number
  minLeftoverValue: number
  /** Terms of a collateral asset borrowed against `borrow` (e-mode when one applies). */
  terms(asset: string, borrow: string): LendingTerms | null
}

export type TakeoverRule = { kind: 'net-notional'; share: number } | { kind: 'maintenance' }

export interface OffloadRules {
  depthShare: number
  intervalSeconds: number
  /** Quotes and sells as the price moves its way (true), or hits the book (false). */
  passive: boolean
}

/**
 * How a fund sells what it took over when the profile does not say: 10% of the depth within 1% of
 * mid every 10 s. A modelling default, not venue data (docs/CASCADE-NOTES.md "Insurance funds").
 */
export const DEFAULT_OFFLOAD: OffloadRules = { depthShare: 0.1, intervalSeconds: 10, passive: false }

export interface RunRules {
  venueId: string
  feeRate: number
  /** Where liquidation fees go, and what is left of a fully liquidated isolated margin after the fee. */
  feeTo: FeeRecipient
  remainderTo: RemainderRecipient
  /** How much a fund may hold of what it takes over (null: what its equity can lose at mark). */
  takeoverLimit: TakeoverRule | null
  offload: OffloadRules
  adlMethod: AdlMethod
  closeAt: AdlCloseAt
  trigger: TriggerRule
  partial: { aboveNotional: number; fraction: number; cooldownSeconds: number } | null
  backstop: { equityBelowMaintenance: number } | null
  unified: { liquidationRatio: number; callRatio: number; loanMmr: number } | null
  /** Profile order of collateral assets: "most liquid first" (docs/MODEL.md §5.4). */
  collateralOrder: string[]
  lending: LendingRules
}

/**
 * Aave's usual 5% bonus and 10% protocol share for collateral the lending profile does not list
 * (the crowd's SOL, DOGE and altcoin pledges): a modelling default, not venue data
 * (docs/CASCADE-NOTES.md "Crowd lending").
 */
export const DEFAULT_LENDING_TERMS: LendingTerms = { liquidationThreshold: 0.75, bonus: 1.05, protocolFee: 0.1 }

/** Aave v3.3 rules when no lending profile is given (docs/VENUE-RULES.md §4.1 constants). */
const AAVE_DEFAULTS = { closeFactor: 0.5, fullCloseHealthFactor: 0.95, fullCloseBelowValue: 2000, minLeftoverValue: 1000 }

function lendingRules(params: LendingParams | null): LendingRules {
  if (!params) return { ...AAVE_DEFAULTS, terms: () => null }
  const cache = new Map<string, LendingTerms | null>()
  return {
    closeFactor: Number(params.closeFactor),
    fullCloseHealthFactor: Number(params.fullCloseHealthFactor),
    fullCloseBelowValue: Number(params.fullCloseBelowValue),
    minLeftoverValue: Number(params.minLeftoverValue),
    terms(asset, borrow) {
      const key = `${asset}|${borrow}`
      if (cache.has(key)) return cache.get(key) as LendingTerms | null
      const r = params.reserves[asset]
      let out: LendingTerms | null = null
      if (r) {
        // The e-mode a looper would pick (defi.ts chooseEMode): its collateral list holds the asset
        // and its borrowable list the debt.
        const e = params.eModes.find((m) => m.collateral.includes(asset) && m.borrowable.includes(borrow))
        out = {
          liquidationThreshold: Number(e ? e.liquidationThreshold : r.liquidationThreshold),
          bonus: Number(e ? e.liquidationBonus : r.liquidationBonus),
          protocolFee: Number(r.protocolFee),
        }
      }
      cache.set(key, out)
      return out
    },
  }
}

function lendingParamsOf(venue: VenueProfile, lending: VenueProfile | undefined): LendingParams | null {
  if (lending?.kind === 'lending') return lending.lending
  if (venue.kind === 'lending') return venue.lending
  const ids = Object.keys(venue.defi).sort()
  return ids.length ? venue.defi[ids[0]] : null
}

/**
 * A lending-only book (venue `aave-v3`) has no exchange rules for the crowd's perpetuals; the run
 * then uses the classic waterfall with no fee and BitMEX ranking (the reference design most venues
 * copy, docs/VENUE-RULES.md §2.2).
 */
const NEUTRAL_EXCHANGE = {
  feeRate: 0,
  feeTo: 'venue' as const,
  remainderTo: 'insurance-fund' as const,
  takeoverLimit: null,
  offload: DEFAULT_OFFLOAD,
  adlMethod: 'bitmex' as const,
  closeAt: 'bankruptcy' as const,
}

export function runRulesOf(venue: VenueProfile, lending?: VenueProfile): RunRules {
  const lend = lendingRules(lendingParamsOf(venue, lending))
  if (venue.kind === 'lending') {
    return { venueId: venue.id, ...NEUTRAL_EXCHANGE, trigger: { kind: 'insurance-shortfall' }, partial: null, backstop: null, unified: null, collateralOrder: [], lending: lend }
  }
  const v: ExchangeProfile = venue
  const t = v.adl.trigger
  const trigger: TriggerRule =
    t.kind === 'pnl-drawdown'
      ? { kind: t.kind, windowSeconds: t.windowSeconds, startBelow: Number(t.startBelow), stopAbove: Number(t.stopAbove) }
      : t.kind === 'fund-threshold'
        ? { kind: t.kind, windowSeconds: t.windowSeconds, dropShare: Number(t.dropShare), minDrop: Number(t.minDrop) }
        : { kind: t.kind }
  const p = v.liquidation.partial
  const b = v.liquidation.backstop
  const u = v.unified
  const liquidationRatio = u ? Number(u.liquidationRatio) : 0
  const limit = v.insurance?.takeoverLimit
  const off = v.insurance?.offload
  return {
    venueId: v.id,
    feeRate: Number(v.liquidation.feeRate),
    feeTo: v.liquidation.feeTo ?? 'venue',
    remainderTo: v.liquidation.remainderTo ?? 'insurance-fund',
    takeoverLimit: limit ? (limit.kind === 'net-notional' ? { kind: 'net-notional', share: Number(limit.share) } : { kind: 'maintenance' }) : null,
    offload: off ? { depthShare: Number(off.depthShare), intervalSeconds: off.intervalSeconds, passive: off.exit === 'passive' } : DEFAULT_OFFLOAD,
    adlMethod: v.adl.method,
    closeAt: v.adl.closeAt,
    trigger,
    partial: p ? { aboveNotional: Number(p.aboveNotional), fraction: Number(p.fraction), cooldownSeconds: p.cooldownSeconds } : null,
    backstop: b ? { equityBelowMaintenance: Number(b.equityBelowMaintenance.numerator) / Number(b.equityBelowMaintenance.denominator) } : null,
    unified: u
      ? {
          liquidationRatio,
          // Binance PM: 1.20 is the reduce-only line ("no new orders"): the margin call. Without
          // it, the reminder line; without either, 15% above liquidation (docs/CASCADE-NOTES.md).
          callRatio: Number(u.reduceOnlyRatio ?? u.reminderRatio ?? String(liquidationRatio * 1.15)),
          loanMmr: Number(u.loanMmr ?? '0'),
        }
      : null,
    collateralOrder: Object.keys(v.collateral),
    lending: lend,
  }
}
