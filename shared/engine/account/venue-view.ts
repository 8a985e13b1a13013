// What the engine needs of a venue profile, whichever its kind (exchange or lending).
import type { AdlRules, CollateralTier, ContractSpec, LendingParams, MaintenanceRule, Peg, UnconfirmedFigure, UnifiedRules, VenueProfile } from '../../model/venue'

/** What the engine needs of a profile, whichever its kind. */
export interface VenueView {
  id: string
  contracts: Record<string, ContractSpec>
  maintenanceRule: MaintenanceRule
  collateral: Record<string, CollateralTier[]>
  /** What a cross or isolated wallet takes as margin (null: every asset). */
  marginAssets: string[] | null
  unified?: UnifiedRules
  adl?: AdlRules
  defi: Record<string, LendingParams>
  /** Profile path of each lending protocol's parameters (`defi.aave-v3` or `lending`). */
  defiPath: Record<string, string>
  pegs: Record<string, Peg>
  unconfirmed: UnconfirmedFigure[]
}

export function venueView(v: VenueProfile): VenueView {
  if (v.kind === 'lending') {
    return { id: v.id, contracts: {}, maintenanceRule: 'table', collateral: {}, marginAssets: null, defi: { [v.id]: v.lending }, defiPath: { [v.id]: 'lending' }, pegs: v.pegs, unconfirmed: v.unconfirmed }
  }
  const defiPath = Object.fromEntries(Object.keys(v.defi).map((id) => [id, `defi.${id}`]))
  return {
    id: v.id,
    contracts: v.contracts,
    maintenanceRule: v.maintenanceRule,
    collateral: v.collateral,
    marginAssets: v.marginAssets ?? null,
    unified: v.unified,
    adl: v.adl,
    defi: v.defi,
    defiPath,
    pegs: v.pegs,
    unconfirmed: v.unconfirmed,
  }
}

/** A loop borrows from the venue's only lending protocol, or the first by id when there are several. */
export function loopProtocol(view: VenueView): string | null {
  const ids = Object.keys(view.defi).sort()
  return ids.length ? ids[0] : null
}
