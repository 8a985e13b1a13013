// Money is conserved (docs/MODEL.md §5): every transfer in a run is two-sided and explicit. This file
// holds the accounts that are not the crowd's or the user's, and the sums the conservation test
// checks at every step.
//
// Accounting (docs/CASCADE-NOTES.md "Ledger"): cash is USD (the perpetuals' quote stablecoins are
// taken at 1); a perpetual is held as a signed quantity whose cost is paid in cash when it is
// traded, so equity = cash + sum(qty x mark) + sum(assets x price) and a trade moves cash and
// quantity between two accounts at the trade price. Then, for every account of the run together:
// sum(cash) is constant, sum(units) of each asset is constant, and each contract's net position is
// zero. The crowd's and the user's own rows are summed by their modules (crowd-book.ts,
// user/account.ts); the market's book and the unmodelled counterparty are accounts here like any
// other.

/** An account of the run other than a crowd trader or the user. */
export class NamedAccount {
  cash = 0
  /** Units per market asset. */
  readonly assets: Float64Array
  /** Units of assets the market does not price directly (pegged to a priced one or to USD). */
  readonly extra = new Map<string, number>()
  /** Signed perpetual quantity per base asset. */
  readonly perp: Float64Array
  /** Signed cost of that quantity (sum of qty x price traded): its average entry is cost / qty. */
  readonly perpCost: Float64Array

  constructor(
    readonly id: string,
    assetCount: number,
  ) {
    this.assets = new Float64Array(assetCount)
    this.perp = new Float64Array(assetCount)
    this.perpCost = new Float64Array(assetCount)
  }

  /** Takes `dq` contracts of asset a (negative: gives them) at price p, paying dq x p in cash. */
  takePerp(a: number, dq: number, p: number): void {
    this.perp[a] += dq
    this.perpCost[a] += dq * p
    this.cash -= dq * p
  }

  /** Takes `dq` units of market asset a (negative: gives them) for `usd` in total. */
  takeAsset(a: number, dq: number, usd: number): void {
    this.assets[a] += dq
    this.cash -= usd
  }
}

export interface LedgerTotals {
  cash: number
  /** Per market asset. */
  assets: Float64Array
  extra: Map<string, number>
  /** Net perpetual quantity per base asset (must be 0). */
  perp: Float64Array
  /** Gross perpetual quantity per base asset: the scale of its rounding error. */
  perpGross: Float64Array
  /** Largest absolute cash amount seen in any account: the scale of the rounding error. */
  scale: number
}

export class Ledger {
  /** The venue's book: the liquidity every order walks; it buys what liquidations sell. */
  readonly book: NamedAccount
  /**
   * The unmodelled holder of the crowd's net position (docs/SIMULATION-NOTES.md §3.2): basis
   * traders, Ethena's hedges, market makers. Every position was opened against it at its entry.
   */
  readonly counterparty: NamedAccount
  /** The venue's insurance funds (insurance-funds.ts), in the profile's order: `addFund`. */
  readonly funds: NamedAccount[] = []
  /** Liquidation fees (the venue's revenue). */
  readonly venue: NamedAccount
  /** Lenders: the lending pool and the venue's margin lending (receivables are cash here). */
  readonly lenders: NamedAccount
  /** DeFi liquidators: repay debt, seize collateral, sell it into the book. */
  readonly liquidators: NamedAccount
  /** Lending protocol treasury: the protocol's share of liquidation bonuses. */
  readonly protocol: NamedAccount
  /** Losses nobody absorbed: venue or pool bad debt (the negative of what is owed). */
  readonly unrecovered: NamedAccount
  /**
   * The clearing leg of an ADL match: the bankrupt position closes against it and the deleveraged
   * ones close against it at the same price, so it is flat after every match.
   */
  readonly clearing: NamedAccount
  readonly all: NamedAccount[]

  constructor(readonly assetCount: number) {
    const make = (id: string) => new NamedAccount(id, assetCount)
    this.book = make('market')
    this.counterparty = make('counterparty')
    this.venue = make('venue')
    this.lenders = make('lenders')
    this.liquidators = make('liquidators')
    this.protocol = make('protocol')
    this.unrecovered = make('unrecovered')
    this.clearing = make('adl-clearing')
    this.all = [this.book, this.counterparty, this.venue, this.lenders, this.liquidators, this.protocol, this.unrecovered, this.clearing]
  }

  /** A fund's account (`insurance-fund:<id>`), counted in the totals like every other. */
  addFund(id: string): NamedAccount {
    const a = new NamedAccount(`insurance-fund:${id}`, this.assetCount)
    this.funds.push(a)
    this.all.push(a)
    return a
  }

  /** Cash from one named account to another. */
  pay(from: NamedAccount, to: NamedAccount, amount: number): void {
    from.cash -= amount
    to.cash += amount
  }

  /** Sum of the named accounts (the crowd and the user add theirs). */
  totals(): LedgerTotals {
    const t: LedgerTotals = { cash: 0, assets: new Float64Array(this.assetCount), extra: new Map(), perp: new Float64Array(this.assetCount), perpGross: new Float64Array(this.assetCount), scale: 0 }
    for (const a of this.all) addNamed(t, a)
    return t
  }
}

export function addNamed(t: LedgerTotals, a: NamedAccount): void {
  t.cash += a.cash
  t.scale = Math.max(t.scale, Math.abs(a.cash))
  for (let i = 0; i < a.assets.length; i++) {
    t.assets[i] += a.assets[i]
    t.perp[i] += a.perp[i]
    t.perpGross[i] += Math.abs(a.perp[i])
  }
  for (const [k, v] of a.extra) t.extra.set(k, (t.extra.get(k) ?? 0) + v)
}
