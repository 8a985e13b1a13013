// The `explain` entries of account and position figures: formula, source in docs/VENUE-RULES.md, and the
// parameters (bracket, rate, tier) that produced each figure.
import type { AccountSums } from './account-metrics'
import type { Book, PerpState } from './account-book'
import { cachedText, text } from '../../decimal'
import type { Explainer } from './explain'

export const S_LIQ = 'docs/VENUE-RULES.md §1.1 (Binance liquidation price FAQ)'
export const S_MM = 'docs/VENUE-RULES.md §1.2 (Binance maintenance margin FAQ)'
export const S_BP = 'docs/VENUE-RULES.md §1.3 (bankruptcy price)'
export const S_UNI = 'docs/VENUE-RULES.md §3.1 (Binance uniMMR FAQ)'
export const S_ADL = 'docs/VENUE-RULES.md §2 (ADL ranking)'
export const S_AAVE = 'docs/VENUE-RULES.md §4.1 (Aave v3 health factor)'
export const S_LOOP = 'docs/VENUE-RULES.md §4.3 (recursive loop)'
export const S_DEFI_NET = 'docs/MODEL.md §2.1 (equity: margin balance and DeFi net value)'

export function bracketPath(p: PerpState, level: number): string {
  return `contracts.${p.symbol}.brackets[${level - 1}]`
}

export function explainPosition(p: PerpState, ex: Explainer, path: string): void {
  const b = p.at.bracket
  // Bracket rows, parsed inputs and the contract's mark recur across positions: printed once each.
  const bracket = {
    bracket: b.level,
    notionalFloor: cachedText(b.floor),
    notionalCap: b.cap === null ? null : cachedText(b.cap),
    maxLeverage: cachedText(b.maxLeverage),
    mmr: cachedText(b.mmr),
    cum: cachedText(b.cum),
  }
  const profilePaths = [bracketPath(p, b.level)]
  const q = cachedText(p.qty)
  const ep = cachedText(p.entryPrice)
  const mark = cachedText(p.mark)
  ex.add(`${path}.qty`, () => ({ formula: 'qty as given, or notional / entryPrice', source: 'docs/FORMATS.md §2.2 (portfolio positions)', params: { qty: q, entryPrice: ep } }))
  ex.add(`${path}.notional`, () => ({ formula: 'notional = Q x mark; mark = price(base) / price(quote)', source: S_MM, params: { Q: q, mark, base: p.contract.base, quote: p.contract.quote } }))
  ex.add(`${path}.unrealizedPnl`, () => ({ formula: 'uPnL = side x Q x (mark - EP)', source: S_LIQ, params: { side: p.sign, Q: q, mark, EP: ep } }))
  ex.add(`${path}.mmr`, () => ({ formula: 'mmr of the bracket holding the notional (caps inclusive)', source: S_MM, params: bracket, profilePaths }))
  ex.add(`${path}.maintenanceMargin`, () => ({
    formula: 'MM = notional x mmr - cum; cum(n) = cum(n-1) + floor(n) x (mmr(n) - mmr(n-1))',
    source: S_MM,
    params: { notional: text(p.at.notional), ...bracket },
    profilePaths,
  }))
}

export function explainAccount(book: Book, sums: AccountSums, ex: Explainer): void {
  const lines = Object.fromEntries([
    ...book.wallet.map((w) => [`${w.path} ${w.asset}`, `${text(w.amount)} x ${text(w.price)} (${w.via})`]),
    ...book.loans.map((l) => [`${l.path} ${l.asset}`, `-${text(l.amount)} x ${text(l.price)} (${l.via})`]),
  ])
  ex.add('account.walletBalance', () => ({
    formula: 'sum(wallet amount x price) - sum(loan amount x price); prices from `prices`, else the profile peg (USDT, USDC -> USD 1)',
    source: 'docs/MODEL.md §1-2',
    params: lines,
  }))
  ex.add('account.unrealizedPnl', () => ({ formula: 'sum(side x Q x (mark - EP) x price(quote))', source: S_LIQ, params: { positions: book.perps.length } }))
  ex.add('account.marginBalance', () => ({ formula: 'walletBalance + unrealizedPnl', source: S_LIQ, params: { walletBalance: text(sums.walletBalance), unrealizedPnl: text(sums.unrealizedPnl) } }))
  ex.add('account.maintenanceMargin', () => ({
    formula: sums.unified ? 'sum(position MM x price(quote)) + sum(loan x loanMmr x price)' : 'sum(position MM x price(quote))',
    source: sums.unified ? S_UNI : S_MM,
    params: { positions: text(sums.positionMm), loanMmr: sums.unified ? (book.venue.unified?.loanMmr ?? '0 (not in the profile)') : null },
    profilePaths: sums.unified ? ['unified.loanMmr'] : [],
  }))
  ex.add('account.marginRatio', () => ({ formula: 'maintenanceMargin / marginBalance (liquidation at 100%); null when marginBalance <= 0', source: S_LIQ, params: { maintenanceMargin: text(sums.maintenanceMargin), marginBalance: text(sums.marginBalance) } }))
  ex.add('account.effectiveLeverage', () => ({ formula: 'sum(|notional| x price(quote)) / marginBalance; null when marginBalance <= 0', source: 'docs/MODEL.md §2', params: { grossNotional: text(sums.grossNotional), marginBalance: text(sums.marginBalance) } }))
  const u = sums.unified
  if (!u) ex.add('account.uniMMR', () => ({ formula: 'null: uniMMR exists only in portfolio (unified) margin mode', source: S_UNI, params: { marginMode: book.marginMode } }))
  if (u) {
    const perAsset = Object.fromEntries(
      [...u.figures.perAsset].map(([asset, a]) => [asset, `units ${text(a.units)}, value ${text(a.value)}, adjusted ${text(a.adjusted)}${book.venue.collateral[asset] ? '' : ' (default ratio)'}`]),
    )
    ex.add('account.uniMMR', () => ({
      formula: 'uniMMR = sum(adjusted equity) / sum(MM); adjusted = min(x x collateralRate, x) per marginal tier, positive balances only',
      source: S_UNI,
      params: { ...perAsset, adjustedEquity: text(u.figures.adjustedEquity), maintenanceMargin: text(u.figures.maintenanceMargin), liquidationRatio: book.venue.unified?.liquidationRatio ?? null, reduceOnlyRatio: book.venue.unified?.reduceOnlyRatio ?? null, reminderRatio: book.venue.unified?.reminderRatio ?? null },
      profilePaths: ['unified', ...[...u.figures.perAsset.keys()].map((a) => `collateral.${a}`)],
    }))
  }
}
