// Turns a `cascade.portfolio/1` document and a venue profile into exact engine state. It refuses
// first what the venue's limits refuse (`checkBook`: unknown contracts, leverage above the
// bracket's maximum, unknown lending protocols and assets, loops above the protocol's LTV), then
// what cannot be priced (missing or zero prices). Every refusal names the path of the field to fix.
import type { FieldIssue } from '../../model/issues'
import type { Portfolio, Side } from '../../model/portfolio'
import { USD, type ContractSpec, type LendingParams, type VenueProfile } from '../../model/venue'
import { checkDecimal } from '../../schemas/decimal-field'
import { ASSET_PATTERN } from '../../schemas/portfolio'
import { checkBookInputs } from './book-check'
import type { PositionInputs } from './position-inputs'
import type { BracketRow } from './brackets'
import { flatTable, tierTable, type TierTable } from './collateral'
import { dec, ONE, type Dec } from '../../decimal'
import type { LendingPositionDec } from './defi'
import { loopAmounts } from './loop-builder'
import { figuresAtMark, parsedDecimal } from './parsed-inputs'
import { signOf, type PositionFiguresDec, type Sign } from './position-metrics'
import { priceBook, type PriceBook } from './prices'
import { loopProtocol, venueView, type VenueView } from './venue-view'

export { loopProtocol, venueView, type VenueView } from './venue-view'

export interface PerpState {
  index: number
  id: string
  symbol: string
  side: Side
  sign: Sign
  contract: ContractSpec
  rows: readonly BracketRow[]
  qty: Dec
  entryPrice: Dec
  /** `Q x EP` exactly: the given notional, or the product. */
  entryNotional: Dec
  /** `1 / Q`, computed with a short divisor (`EP / notional` or `1 / qty`). */
  inverseQty: Dec
  /** `qty` as printed, as a float (ADL weight), and `approxNumber(entryNotional)`: position-inputs.ts. */
  qtyText: string
  qtyWeight: number
  entryNotionalFloat: number
  leverage: Dec
  /** Isolated mode: the given isolated margin or `Q x EP / leverage` (quote units). */
  isolatedMargin: Dec | null
  /** USD per quote unit. */
  quotePrice: Dec
  /** USD price of the base asset. */
  basePrice: Dec
  /** Mark in quote units: base USD price / quote USD price. */
  mark: Dec
  at: PositionFiguresDec
}

export interface AssetLine {
  path: string
  asset: string
  amount: Dec
  price: Dec
  via: string
}

export interface LendingState {
  /** Output id: the DeFi position's or the loop's. */
  id: string
  path: string
  protocol: string
  params: LendingParams
  position: LendingPositionDec
  loop?: { capital: Dec; ltv: Dec; loops: number; asset: string; borrow: string }
}

export interface Book {
  marginMode: Portfolio['marginMode']
  venue: VenueView
  prices: PriceBook
  perps: PerpState[]
  wallet: AssetLine[]
  loans: AssetLine[]
  lending: LendingState[]
  /** Collateral table per asset (portfolio mode only). */
  tables: Map<string, TierTable>
}

export type BookResult = { ok: true; value: Book } | { ok: false; issues: FieldIssue[] }

/**
 * Price a loop was built at: the asset's peg value (USDe and USDT at 1) when it has a peg,
 * today's price otherwise. The loop's amounts are fixed when it is built; metrics then value them
 * at today's prices, so a depeg moves the health factor (docs/VENUE-RULES.md §4.3: equity at 0.65 =
 * 368,928 x 0.65 - 268,928).
 */
function parPrice(asset: string, view: VenueView, prices: PriceBook, depth = 0): Dec | null {
  const peg = view.pegs[asset]
  if (peg && depth < 16) {
    const target = peg.to === USD ? ONE : parPrice(peg.to, view, prices, depth + 1)
    return target === null ? null : target.mul(dec(peg.ratio))
  }
  return prices.get(asset)?.value ?? null
}

/**
 * Inputs with the last state `buildBook` made from them and the isolated-margin field it read (''
 * for none, null outside isolated mode), reused while nothing it was built from has changed. A slot
 * on the inputs (kept by position-inputs.ts while the position's fields are the same strings)
 * rather than a WeakMap: setting a WeakMap entry per moved position per call cost more than the
 * reuse saved.
 */
interface InputsWithState extends PositionInputs {
  lastState?: { state: PerpState; isolatedField: string | null }
}

export function buildBook(doc: Portfolio, venue: VenueProfile, extraPrices: Record<string, string> = {}): BookResult {
  const view = venueView(venue)
  // The venue's limits first (book-check.ts); the building below skips what they refused.
  const checked = checkBookInputs(doc, view)
  const issues: FieldIssue[] = checked.issues
  const refused = new Set(issues.map((i) => i.path))

  const given: Record<string, string> = { ...doc.prices }
  for (const [asset, value] of Object.entries(extraPrices)) {
    if (!ASSET_PATTERN.test(asset)) {
      issues.push({ path: `prices.${asset}`, message: 'must be an asset ticker such as BTC or USDe' })
      continue
    }
    const r = checkDecimal(value, 'positive')
    if (r.ok) given[asset] = r.value
    else issues.push({ path: `prices.${asset}`, message: r.message.replace('a positive decimal', 'a positive price') })
  }
  const prices = priceBook(given, view.pegs)
  const missing = new Set<string>()
  const priceFor = (asset: string, usedAt: string): { value: Dec; via: string } | null => {
    const p = prices.get(asset)
    if (p) return p
    const root = prices.missingRoot(asset)
    if (!missing.has(root)) {
      missing.add(root)
      const pegNote = root === asset ? '' : ` (${asset} is pegged to ${root})`
      issues.push({ path: `prices.${root}`, message: `missing: needed for ${usedAt}${pegNote}; add it to prices` })
    }
    return null
  }

  const perps: PerpState[] = []
  const marks = new Map<string, { base: { value: Dec }; quote: { value: Dec }; mark: Dec } | null>()
  doc.positions.forEach((p, i) => {
    const inputs = checked.inputs[i]
    if (!inputs) return
    const { contract, rows, entry, leverage } = inputs
    const { entryPrice, qty, inverseQty, entryNotional } = entry
    // One mark per contract: price(base) / price(quote).
    let priced = marks.get(p.symbol)
    if (priced === undefined) {
      const at = `positions[${i}]`
      const base = priceFor(contract.base, `${at} (${p.symbol})`)
      const quote = priceFor(contract.quote, `${at} (${p.symbol} settles in ${contract.quote})`)
      priced = base && quote ? { base, quote, mark: quote.value.eq(ONE) ? base.value : base.value.div(quote.value) } : null
      marks.set(p.symbol, priced)
    }
    if (!priced) return
    const { base, quote, mark } = priced
    // The same position at the same prices as the last call that built it from these inputs: the
    // same state (a tick moves one contract's mark; the others' positions come back unchanged).
    // Reused only for the same index, id, side and isolated-margin field at the same price Decimals
    // (parsed once per price text, parsed-inputs.ts), so nothing of an edited position, or of a
    // moved price, is served from here; nothing downstream writes to a PerpState.
    const isolatedField = doc.marginMode === 'isolated' ? (p.isolatedMargin ?? '') : null
    const slot: InputsWithState = inputs
    const last = slot.lastState
    if (last !== undefined && last.isolatedField === isolatedField) {
      const state = last.state
      if (state.index === i && state.id === p.id && state.side === p.side && state.mark === mark && state.basePrice === base.value && state.quotePrice === quote.value) {
        perps.push(state)
        return
      }
    }
    const isolatedMargin = doc.marginMode !== 'isolated' ? null : p.isolatedMargin !== undefined ? parsedDecimal(p.isolatedMargin) : entryNotional.div(leverage)
    const state: PerpState = {
      index: i,
      id: p.id,
      symbol: p.symbol,
      side: p.side,
      sign: signOf(p.side),
      contract,
      rows,
      qty,
      entryPrice,
      entryNotional,
      inverseQty,
      qtyText: inputs.qtyText,
      qtyWeight: inputs.qtyWeight,
      entryNotionalFloat: inputs.entryNotionalFloat,
      leverage,
      isolatedMargin,
      quotePrice: quote.value,
      basePrice: base.value,
      mark,
      at: figuresAtMark(entry, p.side, rows, mark),
    }
    slot.lastState = { state, isolatedField }
    perps.push(state)
  })

  const lines = (key: 'wallet' | 'loans'): AssetLine[] =>
    doc[key].flatMap((w, i) => {
      const p = priceFor(w.asset, `${key}[${i}] (${w.asset})`)
      return p ? [{ path: `${key}[${i}]`, asset: w.asset, amount: parsedDecimal(w.amount), price: p.value, via: p.via }] : []
    })
  const wallet = lines('wallet')
  const loans = lines('loans')

  const tables = new Map<string, TierTable>()
  if (doc.marginMode === 'portfolio' && view.unified) {
    const unified = view.unified
    // An asset with neither tiers nor a default ratio was refused by checkBookInputs.
    const need = (asset: string) => {
      if (tables.has(asset)) return
      const tiers = view.collateral[asset]
      if (tiers) tables.set(asset, tierTable(tiers))
      else if (unified.defaultCollateralRatio !== undefined) tables.set(asset, flatTable(dec(unified.defaultCollateralRatio)))
    }
    doc.wallet.forEach((w) => need(w.asset))
    doc.loans.forEach((w) => need(w.asset))
    perps.forEach((p) => need(p.contract.quote))
  }

  const lending: LendingState[] = []
  doc.defi.forEach((d, i) => {
    const at = `defi[${i}]`
    const params = view.defi[d.protocol]
    if (!params) return
    let ok = true
    const side = (key: 'supplies' | 'borrows') =>
      d[key].map((x, j) => {
        ok = params.reserves[x.asset] !== undefined && ok
        ok = priceFor(x.asset, `${at}.${key}[${j}] (${x.asset})`) !== null && ok
        return { asset: x.asset, amount: dec(x.amount) }
      })
    const position = { supplies: side('supplies'), borrows: side('borrows') }
    if (ok) lending.push({ id: d.id, path: view.defiPath[d.protocol], protocol: d.protocol, params, position })
  })

  doc.loops.forEach((l, i) => {
    const at = `loops[${i}]`
    const protocol = loopProtocol(view)
    if (protocol === null || refused.has(`${at}.asset`) || refused.has(`${at}.borrow`) || refused.has(`${at}.ltv`)) return
    const params = view.defi[protocol]
    const pa = priceFor(l.asset, `${at} (${l.asset})`)
    const pb = priceFor(l.borrow, `${at} (${l.borrow})`)
    if (!pa || !pb) return
    const capital = dec(l.capital)
    const ltv = dec(l.ltv)
    const amounts = loopAmounts(capital, ltv, l.loops, parPrice(l.asset, view, prices) as Dec, parPrice(l.borrow, view, prices) as Dec)
    lending.push({
      id: l.id,
      path: view.defiPath[protocol],
      protocol,
      params,
      position: { supplies: [{ asset: l.asset, amount: amounts.supplied }], borrows: [{ asset: l.borrow, amount: amounts.borrowed }] },
      loop: { capital, ltv, loops: l.loops, asset: l.asset, borrow: l.borrow },
    })
  })

  if (issues.length) return { ok: false, issues }
  return { ok: true, value: { marginMode: doc.marginMode, venue: view, prices, perps, wallet, loans, lending, tables } }
}
