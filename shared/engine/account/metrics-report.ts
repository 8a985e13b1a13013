// `cascade metrics`: every account and position figure of docs/FORMATS.md §5.2 for a portfolio on a venue,
// exact (decimal.js), as strings, `null` where a price or ratio does not exist. With
// `{ explain: true }` an `explain` map names the formula and parameters behind each figure.
import type { MetricsReport, MetricsResult, PositionMetrics } from '../../model/metrics'
import type { Portfolio } from '../../model/portfolio'
import type { VenueProfile } from '../../model/venue'
import { validatePortfolio } from '../../schemas/portfolio'
import { accountSums, inQuote, type AccountSums, type QuoteView } from './account-metrics'
import { rankAdl } from './adl-ranking'
import { buildBook, type Book, type PerpState } from './account-book'
import { approxNumber, cachedText, certainSign, compare, text, textOrNull, ZERO, type Dec } from '../../decimal'
import { defiFigures } from './defi-metrics'
import { createExplainer, type Explainer } from './explain'
import { bankruptcyPriceRaw, noLiquidationPrice, solveLiquidationPrice, type LiquidationSolution } from './liquidation-price'
import { bracketPath, explainAccount, explainPosition, S_BP, S_DEFI_NET, S_LIQ, S_UNI } from './metrics-explain'
import { parsedDecimal } from './parsed-inputs'
import { unifiedPriceForRatio } from './unified'
import { add, sub } from './exact-ops'

export interface MetricsOptions {
  /** Marks that override the portfolio's `prices` (the CLI's `--prices BTC=100000`). */
  prices?: Record<string, string>
  /** Add an `explain` map: the formula and parameters behind every figure. */
  explain?: boolean
  /**
   * The caller has already run `validatePortfolio` on this exact document (the UI does on every
   * edit): skip the second schema pass. The venue checks (contracts, leverage, prices, DeFi assets)
   * always run.
   */
  validated?: boolean
  /**
   * The account's state only: every account figure, each position's notional, uPnL and
   * maintenance, DeFi health factors; no liquidation or bankruptcy prices (null) and no ADL
   * ranking (lights 0, `adlQueue.size` 0). Those are most of the cost, and a scan over many price
   * points (the what-if editor's bottom, shared/engine/bottom) needs none of them.
   */
  lite?: boolean
}


/**
 * The figures of `cascade metrics` (docs/FORMATS.md §5.2). Cheap enough to call on every edit: well under a
 * millisecond for a hand-sized book; bench/metrics.ts measures a 500-position book.
 */
export function computeMetrics(portfolio: Portfolio, venue: VenueProfile, opts: MetricsOptions = {}): MetricsResult {
  let doc = portfolio
  if (opts.validated !== true) {
    const valid = validated(portfolio)
    if (!valid.ok) return valid
    doc = valid.value
  }
  const built = buildBook(doc, venue, opts.prices)
  if (!built.ok) return built
  return { ok: true, value: report(built.value, createExplainer(opts.explain === true && opts.lite !== true, built.value.venue.unconfirmed), opts.lite === true) }
}

/** How many validated documents are remembered (a few books open at once). */
const REMEMBERED = 4
/** Most recent first: the document's JSON structure as a token stream, and zod's output for it. */
const remembered: { tokens: unknown[]; value: Portfolio }[] = []

/**
 * `validatePortfolio`, remembered for the last few documents by their JSON text: a book
 * recomputed at new prices (a price tick, the CLI's `--prices`) is not validated again, an edited
 * one is (its text differs). Only plain JSON documents are remembered (strings, finite numbers,
 * booleans, null, arrays, plain data objects, no `undefined`), so one text is one document to
 * the schema; what is kept is zod's output, a copy sharing nothing with the caller's document, and
 * nothing downstream writes to it. Refusals are not remembered. The text itself is never built: a
 * remembered document is kept as the sequence of its JSON tokens (`jsonTokens`) and a call walks
 * its document against that sequence (`sameJson`), which is the same test without the string.
 */
function validated(portfolio: Portfolio): ReturnType<typeof validatePortfolio> {
  for (let k = 0; k < remembered.length; k++) {
    const hit = remembered[k]
    if (sameJson(portfolio, hit.tokens, 0, 0) === hit.tokens.length) {
      if (k > 0) remembered.unshift(...remembered.splice(k, 1))
      return { ok: true, value: hit.value }
    }
  }
  const valid = validatePortfolio(portfolio)
  if (valid.ok && plainJson(portfolio, 0)) {
    const tokens: unknown[] = []
    jsonTokens(portfolio, tokens)
    remembered.unshift({ tokens, value: valid.value })
    if (remembered.length > REMEMBERED) remembered.pop()
  }
  return valid
}

/** Markers of the token stream: an object's or an array's start, and either's end. */
const OBJECT = Symbol('{')
const ARRAY = Symbol('[')
const END = Symbol('}')

/**
 * A plain JSON value (`plainJson`) as the sequence JSON.stringify walks: objects as OBJECT, then
 * each key and its value in key order, END; arrays as ARRAY, the items, END; strings, numbers,
 * booleans and null as themselves. Two plain values have the same JSON text exactly when their
 * sequences are equal (numbers print one text per value, and -0 prints as 0, which === agrees with).
 */
function jsonTokens(v: unknown, out: unknown[]): void {
  if (typeof v !== 'object' || v === null) {
    out.push(v)
    return
  }
  if (Array.isArray(v)) {
    out.push(ARRAY)
    for (let i = 0; i < v.length; i++) jsonTokens(v[i], out)
  } else {
    out.push(OBJECT)
    const o = v as Record<string, unknown>
    for (const key in o) {
      out.push(key)
      jsonTokens(o[key], out)
    }
  }
  out.push(END)
}

/**
 * Walks `v` against `tokens` from `at`: the position after `v`'s tokens when `v` is plain JSON
 * (`plainJson`) and matches them, else -1. So `sameJson(doc, tokens, 0, 0) === tokens.length` is
 * `plainJson(doc) && JSON.stringify(doc) === the remembered text`.
 */
function sameJson(v: unknown, tokens: readonly unknown[], at: number, depth: number): number {
  if (at >= tokens.length) return -1
  switch (typeof v) {
    case 'string':
    case 'boolean':
      return tokens[at] === v ? at + 1 : -1
    case 'number':
      return Number.isFinite(v) && tokens[at] === v ? at + 1 : -1
    case 'object': {
      if (v === null) return tokens[at] === null ? at + 1 : -1
      if (depth > 32) return -1
      let i = at + 1
      if (Array.isArray(v)) {
        if (tokens[at] !== ARRAY || Object.getPrototypeOf(v) !== Array.prototype) return -1
        for (let k = 0; k < v.length; k++) {
          if (!(k in v)) return -1
          i = sameJson(v[k], tokens, i, depth + 1)
          if (i < 0) return -1
        }
      } else {
        if (tokens[at] !== OBJECT || Object.getPrototypeOf(v) !== Object.prototype) return -1
        const o = v as Record<string, unknown>
        for (const key in o) {
          if (tokens[i] !== key) return -1
          i = sameJson(o[key], tokens, i + 1, depth + 1)
          if (i < 0) return -1
        }
      }
      return tokens[i] === END ? i + 1 : -1
    }
    default:
      return -1
  }
}

/** True when `v` is exactly what its JSON text says (see `validated`). */
function plainJson(v: unknown, depth: number): boolean {
  switch (typeof v) {
    case 'string':
    case 'boolean':
      return true
    case 'number':
      return Number.isFinite(v)
    case 'object': {
      if (v === null) return true
      if (depth > 32) return false
      if (Array.isArray(v)) {
        if (Object.getPrototypeOf(v) !== Array.prototype) return false
        for (let i = 0; i < v.length; i++) if (!(i in v) || !plainJson(v[i], depth + 1)) return false
        return true
      }
      if (Object.getPrototypeOf(v) !== Object.prototype) return false
      const o = v as Record<string, unknown>
      for (const key in o) if (!plainJson(o[key], depth + 1)) return false
      return true
    }
    default:
      return false
  }
}

function report(book: Book, ex: Explainer, lite = false): MetricsReport {
  const sums = accountSums(book)
  if (ex.enabled) explainAccount(book, sums, ex)
  const positions = book.perps.map((p) => positionFigures(book, p, sums, ex, lite))
  const adlQueue = lite ? { source: 'your positions only' as const, method: book.venue.adl?.method ?? null, size: 0, seed: null } : rankAdl(book, positions, sums, ex)
  const { figures: defi, netValues } = defiFigures(book, ex)
  let defiNet = ZERO
  for (const v of netValues) defiNet = defiNet.add(v)
  const equity = defiNet.isZero() ? sums.marginBalance : sums.marginBalance.add(defiNet)
  if (ex.enabled) explainEquity(defi.length, ex)
  const out: MetricsReport = {
    account: {
      marginMode: book.marginMode,
      walletBalance: text(sums.walletBalance),
      unrealizedPnl: text(sums.unrealizedPnl),
      marginBalance: text(sums.marginBalance),
      maintenanceMargin: text(sums.maintenanceMargin),
      marginRatio: sums.marginBalance.gt(ZERO) ? text(sums.maintenanceMargin.div(sums.marginBalance)) : null,
      uniMMR: sums.unified ? textOrNull(sums.unified.figures.uniMMR) : null,
      effectiveLeverage: sums.marginBalance.gt(ZERO) ? text(sums.grossNotional.div(sums.marginBalance)) : null,
      defiNetValue: text(defiNet),
      equity: text(equity),
    },
    positions,
    defi,
    adlQueue,
  }
  if (ex.enabled) out.explain = ex.result()
  return out
}

function explainEquity(defiCount: number, ex: Explainer): void {
  ex.add('account.defiNetValue', () => ({
    formula: 'sum of defi[].netValue (supplies less borrows at the book\'s prices); 0 without DeFi positions or loops',
    source: S_DEFI_NET,
    params: { positions: defiCount },
  }))
  ex.add('account.equity', () => ({
    formula: 'equity = margin balance + DeFi net value: what the book is worth, and where a replay starts',
    source: S_DEFI_NET,
    params: { positions: defiCount },
  }))
}

/**
 * The ADL lights of a built book's positions, as `computeMetrics` reports them (against the
 * profile's default crowd): what a replay shows at its start, so "now" is one figure on the Book
 * tab and in the replay (docs/CASCADE-NOTES.md "ADL").
 */
export function adlLightsNow(book: Book): number[] {
  const sums = accountSums(book)
  const positions = book.perps.map((p) => ({ qty: p.qtyText, adl: { score: null, lights: 0 } }) as unknown as PositionMetrics)
  rankAdl(book, positions, sums, createExplainer(false, []))
  return positions.map((p) => p.adl.lights)
}

function positionFigures(book: Book, p: PerpState, sums: AccountSums, ex: Explainer, lite = false): PositionMetrics {
  const { liquidationPrice, bankruptcyPrice } = lite ? { liquidationPrice: null, bankruptcyPrice: null } : sums.unified ? unifiedPrices(book, p, sums, ex) : marginPrices(p, sums, ex)
  if (ex.enabled) explainPosition(p, ex, `positions[${p.index}]`)
  // qty and mmr are the same Decimals from call to call (parsed-inputs.ts, cached bracket rows),
  // and so are the figures at an unchanged mark (`figuresAtMark`): each is printed once.
  const printed = (p.at.printed ??= { notional: text(p.at.notional), unrealizedPnl: text(p.at.unrealizedPnl), maintenanceMargin: text(p.at.maintenanceMargin) })
  return {
    id: p.id,
    symbol: p.symbol,
    side: p.side,
    qty: p.qtyText,
    notional: printed.notional,
    unrealizedPnl: printed.unrealizedPnl,
    mmr: p.at.bracket.mmrText ?? cachedText(p.at.bracket.mmr),
    maintenanceMargin: printed.maintenanceMargin,
    liquidationPrice: textOrNull(liquidationPrice),
    bankruptcyPrice: textOrNull(bankruptcyPrice),
    adl: { score: null, lights: 0 },
  }
}

interface PositionPrices {
  liquidationPrice: Dec | null
  bankruptcyPrice: Dec | null
}

/** Portfolio mode: the base asset's price moves everything on it (positions, balances, assets pegged to it). */
function unifiedPrices(book: Book, p: PerpState, sums: AccountSums, ex: Explainer): PositionPrices {
  const unified = sums.unified as NonNullable<AccountSums['unified']>
  const q = p.quotePrice
  const base = p.contract.base
  let hit = sums.byBase.get(base)
  if (!hit) {
    const ratio = parsedDecimal(book.venue.unified?.liquidationRatio as string)
    const lp = unifiedPriceForRatio(unified.account, base, { haircut: true, ratio })
    const bp = unifiedPriceForRatio(unified.account, base, { haircut: false, ratio: ZERO })
    // Every position on the base shares the two prices; in quote units they differ only by quote.
    hit = { lp: lp.price, bp: bp.price, direction: lp.direction, inQuote: new Map() }
    sums.byBase.set(base, hit)
  }
  let prices = hit.inQuote.get(q)
  if (!prices) {
    prices = { liquidationPrice: hit.lp === null ? null : hit.lp.div(q), bankruptcyPrice: hit.bp === null ? null : hit.bp.div(q) }
    hit.inQuote.set(q, prices)
  }
  if (ex.enabled) {
    const found = hit
    const path = `positions[${p.index}]`
    ex.add(`${path}.liquidationPrice`, () => ({
      formula: 'price of the base asset at which uniMMR = liquidationRatio: sum(adjusted equity) = ratio x sum(MM), assets the profile pegs to it moving with it, everything else held; solved exactly per linear piece',
      source: S_UNI,
      params: { base, liquidationRatio: book.venue.unified?.liquidationRatio ?? null, baseUsdPrice: found.lp === null ? null : text(found.lp), direction: found.direction, quotePrice: text(q) },
      profilePaths: ['unified.liquidationRatio', ...[...unified.account.assets.keys()].map((a) => `collateral.${a}`)],
    }))
    ex.add(`${path}.bankruptcyPrice`, () => ({
      formula: 'price of the base asset at which account equity (no haircuts) = 0, assets the profile pegs to it moving with it, everything else held',
      source: S_BP,
      params: { base, baseUsdPrice: found.bp === null ? null : text(found.bp) },
    }))
  }
  return prices
}

/**
 * Cross: WB and the other positions' MM and PnL (Binance TMM1, UPNL1); isolated: its own margin.
 * In quote units: WB - TMM1 + UPNL1 = (WB - MM + UPNL) + MM_i - uPnL_i, so each position costs
 * two operations here rather than a pass over the others.
 */
function marginPrices(p: PerpState, sums: AccountSums, ex: Explainer): PositionPrices {
  const isolated = p.isolatedMargin !== null
  const view = isolated ? null : inQuote(sums, p.quotePrice)
  let lp: LiquidationSolution
  if (view && beyondReach(view, p)) lp = noLiquidationPrice(p.rows)
  else {
    const balance = view ? sub(add(view.liquidationBase, p.at.maintenanceMargin), p.at.unrealizedPnl) : (p.isolatedMargin as Dec)
    lp = solveLiquidationPrice({ side: p.side, qty: p.qty, entryPrice: p.entryPrice, entryNotional: p.entryNotional, inverseQty: p.inverseQty, rows: p.rows, balance })
  }
  let bankruptcyPrice: Dec | null = null
  if (!(view && bankruptBelowZero(view, p))) {
    const bpBalance = view ? sub(view.marginBalance, p.at.unrealizedPnl) : (p.isolatedMargin as Dec)
    const bpRaw = bankruptcyPriceRaw(p.side, p.qty, p.entryPrice, bpBalance, p.entryNotional, p.inverseQty)
    if (compare(bpRaw, ZERO) > 0) bankruptcyPrice = bpRaw
  }
  if (ex.enabled) explainMarginPrices(p, view, lp, ex)
  return { liquidationPrice: lp.price, bankruptcyPrice }
}

/**
 * Whether the bankruptcy price is certainly <= 0 (printed null), from floats: its numerator
 * `Q x EP - side x (WB + UPNL1)`, with `WB + UPNL1 = margin balance - uPnL`, has the price's sign
 * (it is multiplied by 1/Q > 0). A cross long in a well-funded account is always so, and its three
 * exact operations are saved; an uncertain sign goes to the exact computation.
 */
function bankruptBelowZero(view: QuoteView, p: PerpState): boolean {
  const upnl = (p.at.approx ??= { maintenanceMargin: approxNumber(p.at.maintenanceMargin), unrealizedPnl: approxNumber(p.at.unrealizedPnl) }).unrealizedPnl
  const balance = view.marginBalanceFloat
  const entry = p.entryNotionalFloat
  const numerator = entry - p.sign * (balance - upnl)
  return certainSign(numerator, Math.abs(entry) + Math.abs(balance) + Math.abs(upnl)) < 0
}

/**
 * Whether solveLiquidationPrice would find no price (its first test: the surplus at price 0,
 * `WB - TMM1 + UPNL1 - side x Q x EP`, is >= 0 for a long, <= 0 for a short), when that is
 * certain from floats. A well-margined cross account's longs mostly are; their balance is then
 * never needed, and three exact operations per position are saved.
 */
function beyondReach(view: QuoteView, p: PerpState): boolean {
  const base = view.liquidationBaseFloat
  // The position's floats are the same from call to call while its mark is (figuresAtMark).
  const approx = (p.at.approx ??= { maintenanceMargin: approxNumber(p.at.maintenanceMargin), unrealizedPnl: approxNumber(p.at.unrealizedPnl) })
  const mm = approx.maintenanceMargin
  const upnl = approx.unrealizedPnl
  const entry = p.entryNotionalFloat
  const atZero = base + mm - upnl - p.sign * entry
  const sign = certainSign(atZero, Math.abs(base) + Math.abs(mm) + Math.abs(upnl) + Math.abs(entry))
  return p.sign > 0 ? sign > 0 : sign < 0
}

function explainMarginPrices(p: PerpState, view: QuoteView | null, lp: LiquidationSolution, ex: Explainer): void {
  const path = `positions[${p.index}]`
  // Account-level, bracket and input Decimals recur across positions: cachedText prints each once.
  const wb = view ? cachedText(view.walletBalance) : text(p.isolatedMargin as Dec)
  const upnl1 = view ? text(view.unrealizedPnl.sub(p.at.unrealizedPnl)) : '0'
  const q = cachedText(p.qty)
  const ep = cachedText(p.entryPrice)
  ex.add(`${path}.liquidationPrice`, () => ({
    formula: 'LP = (WB - TMM1 + UPNL1 + cum - side x Q x EP) / (Q x mmr - side x Q) in the bracket where Q x LP falls (found by the sign of margin balance - MM at each cap); null when <= 0',
    source: S_LIQ,
    params: {
      mode: view ? 'cross' : 'isolated (TMM1 = UPNL1 = 0)',
      WB: wb,
      TMM1: view ? text(view.positionMm.sub(p.at.maintenanceMargin)) : '0',
      UPNL1: upnl1,
      side: p.sign,
      Q: q,
      EP: ep,
      bracket: lp.bracket?.level ?? null,
      mmr: lp.bracket ? cachedText(lp.bracket.mmr) : null,
      cum: lp.bracket ? cachedText(lp.bracket.cum) : null,
      bracketsChecked: lp.tried.join(', '),
    },
    profilePaths: lp.bracket ? [bracketPath(p, lp.bracket.level)] : [],
  }))
  ex.add(`${path}.bankruptcyPrice`, () => ({
    formula: 'BP = EP - (WB + UPNL1) / (side x Q): the LP formula with mmr = cum = TMM1 = 0 (margin balance = 0); null when <= 0',
    source: S_BP,
    params: { WB: wb, UPNL1: upnl1, side: p.sign, Q: q, EP: ep },
  }))
}
