// The engine's limits on a book, checked before anything is priced: every contract known to the
// venue, leverage within the bracket the position's entry notional falls in, a unified-margin venue
// for portfolio mode and a collateral ratio for every asset it holds, every lending protocol and
// asset known, every loop within its asset's maximum LTV. None of this depends on a price, so the
// same findings come back whoever asks: `cascade validate` and `import`, `portfolio:save` (which
// keeps such a book as a draft), `computeMetrics` (through `buildBook`) and a run's `prepareBook`.
// Every finding names the field to fix (docs/FORMATS.md §2.6).
import type { FieldIssue } from '../../model/issues'
import type { Portfolio } from '../../model/portfolio'
import type { LendingParams, VenueProfile } from '../../model/venue'
import { dec } from '../../decimal'
import { loopProtocol, venueView, type VenueView } from './venue-view'
import { chooseEMode, reserveTerms } from './defi'
import { positionInputsList, type PositionInputs } from './position-inputs'

/** How many known names a message lists before "and N more". */
const SHOWN_NAMES = 8

/** `A, B, C` sorted, at most `SHOWN_NAMES` of them, then how many more there are. */
export function someOf(names: readonly string[], none = '(none)'): string {
  if (names.length === 0) return none
  const sorted = names.slice().sort()
  const head = sorted.slice(0, SHOWN_NAMES).join(', ')
  return sorted.length > SHOWN_NAMES ? `${head} and ${sorted.length - SHOWN_NAMES} more` : head
}

/** Every limit of `venue` (with its lending protocols attached) that `doc` breaks; empty when none. */
export function checkBook(doc: Portfolio, venue: VenueProfile): FieldIssue[] {
  return checkBookView(doc, venueView(venue))
}

export function checkBookView(doc: Portfolio, view: VenueView): FieldIssue[] {
  return checkBookInputs(doc, view).issues
}

/**
 * The findings, and each position's inputs (null for an unknown contract) as the check derived
 * them, so `buildBook` builds from what it has just checked instead of deriving every position again.
 */
export function checkBookInputs(doc: Portfolio, view: VenueView): { issues: FieldIssue[]; inputs: (PositionInputs | null)[] } {
  const issues: FieldIssue[] = []
  const inputs = positionInputsList(doc.positions, view)

  if (doc.marginMode === 'portfolio' && !view.unified) {
    issues.push({ path: 'marginMode', message: `venue ${view.id} has no unified (portfolio) margin rules; use "cross" or "isolated"` })
  }

  // Paths are built only for findings: a book recomputed at every tick has none.
  doc.positions.forEach((p, i) => {
    const own = inputs[i]
    if (!own) {
      issues.push({ path: `positions[${i}].symbol`, message: `unknown contract "${p.symbol}" for venue ${view.id}; known: ${someOf(Object.keys(view.contracts), '(none: this profile has no contracts)')}` })
      return
    }
    // Size above the largest bracket, or leverage above the bracket's maximum at the entry notional.
    if (own.limit) issues.push({ path: `positions[${i}].${own.limit.field}`, message: own.limit.message })
  })

  // A venue whose cross and isolated accounts take only some assets as margin (Hyperliquid: USDC).
  const margin = view.marginAssets
  if (doc.marginMode !== 'portfolio' && margin) {
    doc.wallet.forEach((w, i) => {
      if (!margin.includes(w.asset)) issues.push({ path: `wallet[${i}].asset`, message: `"${w.asset}" is not margin on venue ${view.id}: its ${doc.marginMode} accounts take ${someOf(margin)}` })
    })
  }

  if (doc.marginMode === 'portfolio' && view.unified) {
    const unified = view.unified
    const seen = new Set<string>()
    const need = (asset: string, path: string) => {
      if (seen.has(asset)) return
      seen.add(asset)
      if (!view.collateral[asset] && unified.defaultCollateralRatio === undefined) {
        issues.push({ path, message: `"${asset}" has no collateral ratio on venue ${view.id} (no collateral tiers and no unified.defaultCollateralRatio)` })
      }
    }
    doc.wallet.forEach((w, i) => need(w.asset, `wallet[${i}].asset`))
    doc.loans.forEach((w, i) => need(w.asset, `loans[${i}].asset`))
    doc.positions.forEach((p, i) => {
      const contract = view.contracts[p.symbol]
      if (contract) need(contract.quote, `positions[${i}].symbol`)
    })
  }

  const checkAsset = (protocol: string, params: LendingParams, asset: string, path: string): boolean => {
    if (params.reserves[asset]) return true
    issues.push({ path, message: `unknown asset "${asset}" for protocol ${protocol}; known: ${someOf(Object.keys(params.reserves))}` })
    return false
  }
  doc.defi.forEach((d, i) => {
    const at = `defi[${i}]`
    const params = view.defi[d.protocol]
    if (!params) {
      issues.push({ path: `${at}.protocol`, message: `unknown protocol "${d.protocol}" for venue ${view.id}; known: ${someOf(Object.keys(view.defi))}` })
      return
    }
    for (const key of ['supplies', 'borrows'] as const) d[key].forEach((x, j) => checkAsset(d.protocol, params, x.asset, `${at}.${key}[${j}].asset`))
  })

  const defiIds = new Map(doc.defi.map((d, i) => [d.id, i]))
  doc.loops.forEach((l, i) => {
    const at = `loops[${i}]`
    const also = defiIds.get(l.id)
    if (also !== undefined) issues.push({ path: `${at}.id`, message: `duplicate id "${l.id}" (also defi[${also}]): loops and DeFi positions share one list of results` })
    const protocol = loopProtocol(view)
    if (protocol === null) {
      issues.push({ path: at, message: `venue ${view.id} has no lending protocol to build a loop on` })
      return
    }
    const params = view.defi[protocol]
    const assetOk = checkAsset(protocol, params, l.asset, `${at}.asset`)
    const borrowOk = checkAsset(protocol, params, l.borrow, `${at}.borrow`)
    if (!assetOk || !borrowOk) return
    const eMode = chooseEMode(params, { supplies: [{ asset: l.asset }], borrows: [{ asset: l.borrow }] })
    const maxLtv = reserveTerms(params, l.asset, eMode).ltv
    if (dec(l.ltv).gt(maxLtv)) {
      const mode = eMode ? ` (e-mode ${eMode.id} "${eMode.label}")` : ''
      issues.push({ path: `${at}.ltv`, message: `${l.ltv} is above the maximum LTV ${maxLtv.toString()} for ${l.asset} borrowing ${l.borrow} on ${protocol}${mode}` })
    }
  })

  return { issues, inputs }
}
