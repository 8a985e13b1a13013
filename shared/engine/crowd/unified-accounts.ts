// Whole-account checks for the crowd's multi-asset accounts. A leg's stored trigger holds the
// account's other assets at start prices, which is exact for one-asset accounts but not when
// several collateral assets fall together (the 10/10 market maker: altcoins, WBETH, BNSOL, USDe
// at once). Unified accounts are few (a cohort of tens to thousands), so the run loop re-checks
// them as a whole every step; these helpers make that a tight loop over their legs.
import { COHORT, LEG_KIND, type CrowdLegs } from './crowd-legs'

/** Accounts whose legs are unified collateral (market makers), in account order. */
export function unifiedAccounts(legs: CrowdLegs, accountOffsets: Int32Array): Int32Array {
  const out: number[] = []
  for (let a = 0; a + 1 < accountOffsets.length; a++) {
    const first = accountOffsets[a]
    if (first < accountOffsets[a + 1] && legs.kind[first] === LEG_KIND.unified && legs.cohort[first] === COHORT.marketMaker) out.push(a)
  }
  return Int32Array.from(out)
}

/**
 * Haircut collateral / liability of a unified account at the given prices (per asset index):
 * sum(qty x price x haircut) / sum(debt). Liquidated when it falls to the legs' `maintenance`
 * (the cohort's liquidation ratio; a simplification of uniMMR, docs/VENUE-RULES.md §3.1). Open legs only;
 * Infinity when nothing is owed.
 */
export function unifiedCoverage(legs: CrowdLegs, accountOffsets: Int32Array, account: number, prices: ArrayLike<number>): number {
  let collateral = 0
  let liability = 0
  for (let i = accountOffsets[account]; i < accountOffsets[account + 1]; i++) {
    if (legs.status[i] !== 0) continue
    collateral += legs.qty[i] * prices[legs.asset[i]] * legs.haircut[i]
    liability += legs.debt[i]
  }
  return liability > 0 ? collateral / liability : Infinity
}
