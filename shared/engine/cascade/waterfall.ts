// The liquidation waterfall (docs/MODEL.md §5, docs/VENUE-RULES.md §1.4 "Simulation rule", docs/CRASH-MECHANICS.md §6):
//   1. the order book: an IOC order limited at the bankruptcy price (Binance: "All liquidation
//      orders are Immediate or Cancel orders"; a fill better than bankruptcy leaves a surplus);
//   2. the asset's insurance fund takes over what the book cannot fill at or better than bankruptcy,
//      at the bankruptcy price, as far as its equity at mark and the profile's takeover limit allow
//      (insurance-funds.ts `takeable`), and holds it, selling it into the book over time (`offload`);
//   3. ADL: the rest is matched against the opposite queue at the bankruptcy price (or at mark where
//      the profile says `closeAt: mark` and the fund can pay the deficit at mark; OKX: "unless the
//      fund is nearly depleted");
//   4. if even the queue runs dry, the rest is sold into the book and the deficit is `unrecovered`.
// The liquidation fee goes where the profile says (`feeTo`: Binance's fund collects it, others keep
// it as the venue's), and what is left of a fully liquidated isolated margin after the fee goes to
// the fund or stays with the trader (`remainderTo`; docs/MODEL.md §5.2). Where the profile has a
// backstop (Hyperliquid), positions under 2/3 of maintenance skip the book: the vault takes them
// over (step 2 directly); a position already under water at mark is deleveraged at once
// (`negative-equity`); the vault's own positions are deleveraged when its equity no longer covers
// their maintenance margin (`deleverageHeld`).
// A crowd trader or the counterparty whose position ADL closed re-opens it at the end of the window
// (rehedge.ts: "deleveraged traders re-hedge and sell", docs/CRASH-MECHANICS.md §8).
//
// The crowd's liquidations on one asset and side in one round go in one batch: when the fund can
// cover every deficit of the batch at the batch's average fill (priced first with `peek`), the
// batch is one walk of the book (the fast path); otherwise each position goes through the steps
// above in crossing order (docs/CASCADE-NOTES.md "Waterfall").
import { LEG_STATUS } from '../crowd'
import type { AdlMatch, AdlQueues, SpecialMember } from './adl-queue'
import { adlKey, INSURANCE_KEY, liquidationKey, type RunState, type RunStats } from './context'
import { contractOf, type CrowdBook } from './crowd-book'
import type { EventLog } from './event-log'
import { crowdAccountId, price as fmtPrice, qty as fmtQty, usd } from './format'
import type { InsuranceFund } from './insurance'
import type { InsuranceFunds } from './insurance-funds'
import type { Ledger, NamedAccount } from './ledger'
import type { Rehedges } from './rehedge'
import type { Market, OrderSide } from '../market'
import type { MarketEvents } from './market-events'
import type { RunRules } from './rules'
import type { UserAccount, UserPosition } from './user/account'
import type { UserAdl } from './user/adl'

/** What the waterfall reads and moves: every account an order can touch, the user's included. */
export interface WaterfallDeps {
  readonly market: Market
  readonly rules: RunRules
  readonly ledger: Ledger
  readonly crowd: CrowdBook
  readonly log: EventLog
  readonly funds: InsuranceFunds
  readonly rehedges: Rehedges
  readonly adl: AdlQueues
  readonly stats: RunStats
  readonly drivers: MarketEvents
  readonly state: RunState
  readonly user: UserAccount
  /** The user's positions as ADL queue members (their matches are the user's `adl` events). */
  readonly userAdl: Pick<UserAdl, 'members' | 'record'>
}

// Module-local copies: hot loops read these, not the crowd module's exports.
const STATUS_DELEVERAGED = LEG_STATUS.deleveraged

export type Owner = { kind: 'crowd'; slot: number } | { kind: 'user'; pos: UserPosition } | { kind: 'fund'; fund: InsuranceFund; asset: number; side: 1 | -1 }

export interface PerpOrder {
  owner: Owner
  asset: number
  /** Side of the position being liquidated. */
  side: 1 | -1
  qty: number
  /** Bankruptcy price of the position (its margin balance is zero there). */
  bp: number
  /** Skip the book (a backstop takeover). */
  skipBook: boolean
  /** Deleverage at once (a position under water at mark on a `negative-equity` venue). */
  adlNow: boolean
}

export interface OrderResult {
  halted: boolean
  /** Quantity closed, all steps. */
  closed: number
  markBefore: number
  bookQty: number
  bookUsd: number
  fundQty: number
  /** Drawn from the fund for this order (its takeover's loss, or the deficit at mark). */
  shortfall: number
  adlQty: number
  adlPrice: number
  unrecoveredQty: number
  unrecovered: number
  /** ADL matches that closed user positions (their event ids). */
  userAdlEvents: number[]
  /** An individual `bankrupt` event emitted for this order (0 = none). */
  bankruptEvent: number
}

const emptyResult = (markBefore: number): OrderResult => ({
  halted: false,
  closed: 0,
  markBefore,
  bookQty: 0,
  bookUsd: 0,
  fundQty: 0,
  shortfall: 0,
  adlQty: 0,
  adlPrice: 0,
  unrecoveredQty: 0,
  unrecovered: 0,
  userAdlEvents: [],
  bankruptEvent: 0,
})

export class Waterfall {
  constructor(private readonly ctx: WaterfallDeps) {}

  private orderSide(side: number): OrderSide {
    return side > 0 ? 'sell' : 'buy'
  }

  /** Closes q of the owner's position at p against `counter`. */
  private closeOwner(owner: Owner, q: number, p: number, counter: NamedAccount): void {
    if (owner.kind === 'crowd') this.ctx.crowd.closePerpAgainst(owner.slot, q, p, counter)
    else if (owner.kind === 'user') this.ctx.user.closePosition(owner.pos, q, p, counter)
    else {
      owner.fund.account.takePerp(owner.asset, -owner.side * q, p)
      counter.takePerp(owner.asset, owner.side * q, p)
    }
  }

  /** The owner's order into the book: the book account takes the contracts. */
  private toBook(owner: Owner, asset: number, side: number, q: number): { usd: number; avg: number; halted: boolean } {
    const fill = side > 0 ? this.ctx.market.sellQty(asset, q) : this.ctx.market.buyQty(asset, q)
    if (fill.halted) return { usd: 0, avg: fill.avgPrice, halted: true }
    this.closeOwner(owner, q, fill.avgPrice, this.ctx.ledger.book)
    this.ctx.state.activity++
    return { usd: fill.usd, avg: fill.avgPrice, halted: false }
  }

  /**
   * One position through the four steps. The caller settles the owner's surplus and fee (crowd
   * positions: `settleCrowd`; the user: user/margin.ts).
   */
  liquidateOrder(o: PerpOrder): OrderResult {
    const ctx = this.ctx
    const m = ctx.market
    const a = o.asset
    const s = o.side
    const res = emptyResult(m.mark(a))
    if (m.isHalted(a)) {
      res.halted = true
      return res
    }
    let rem = o.qty
    const eps = o.qty * 1e-12
    // 1. The book, IOC limited at the bankruptcy price.
    if (!o.skipBook && !o.adlNow) {
      const cap = m.qtyToPrice(a, this.orderSide(s), o.bp)
      const q1 = Math.min(rem, cap)
      if (q1 > eps) {
        const f = this.toBook(o.owner, a, s, q1)
        if (f.halted) {
          res.halted = true
          return res
        }
        res.bookQty = q1
        res.bookUsd = f.usd
        rem -= q1
      }
      if (rem <= eps) rem = 0
    }
    // 2. The asset's insurance fund (or backstop vault) takes over at bankruptcy and holds it.
    const fund = ctx.funds.forAsset(a)
    if (rem > 0 && !o.adlNow && fund.mayCover) {
      const qF = ctx.funds.takeable(a, s, rem, o.bp)
      if (qF > eps) {
        const mark = m.mark(a)
        this.closeOwner(o.owner, qF, o.bp, fund.account)
        ctx.funds.holding(fund, a)
        ctx.state.activity++
        res.fundQty = qF
        // What the fund gave the bankrupt position: its loss at mark (the rest is its trading).
        res.shortfall += Math.max(0, s * qF * (o.bp - mark))
        rem -= qF
        if (rem <= eps) {
          rem = 0
          this.fundCovering = true
        }
      }
      if (rem > 0) this.fundCannotCover(a, s)
    }
    // 3. ADL against the opposite queue.
    if (rem > 0) {
      const mark = m.mark(a)
      let price = o.bp
      if (ctx.rules.closeAt === 'mark' && s * (o.bp - mark) >= 0) {
        const deficit = s * rem * (o.bp - mark)
        if (fund.balance >= deficit && !fund.nearlyEmpty()) {
          price = mark
          // The fund pays the owner the deficit at mark: then closing at mark leaves it at zero.
          this.payOwner(o.owner, deficit, fund.account)
          res.shortfall += deficit
        }
      }
      const matched = this.deleverage(o, rem, price, res)
      res.adlQty = matched
      res.adlPrice = price
      rem -= matched
      if (rem <= eps) rem = 0
    }
    // 4. Nobody left: sell into the book, the deficit is unrecovered (settled by the caller).
    if (rem > 0) {
      const f = this.toBook(o.owner, a, s, rem)
      if (!f.halted) {
        res.unrecoveredQty = rem
        res.bookQty += rem
        res.bookUsd += f.usd
        rem = 0
      }
    }
    res.closed = o.qty - rem
    return res
  }

  private payOwner(owner: Owner, amount: number, from: NamedAccount): void {
    from.cash -= amount
    if (owner.kind === 'crowd') this.ctx.crowd.margin[owner.slot] += amount
    else if (owner.kind === 'user') this.ctx.user.receiveCash(amount)
    else owner.fund.account.cash += amount
  }

  /**
   * A fund under the `maintenance` limit whose equity no longer covers what it holds gives up
   * positions, largest maintenance first, to the opposite queue at mark (Hyperliquid: the
   * liquidator vault is an account like any other; docs/CASCADE-NOTES.md "Insurance funds").
   * Returns the quantity deleveraged.
   */
  deleverageHeld(): number {
    const ctx = this.ctx
    let total = 0
    for (const fund of ctx.funds.all) {
      const over = ctx.funds.overLimit(fund)
      if (!over.length) {
        fund.belowMaintenance = false
        continue
      }
      if (!fund.belowMaintenance) {
        fund.belowMaintenance = true
        ctx.state.fundTriggerEvent = ctx.log.emit(
          'insurance',
          'insurance-fund',
          {
            amounts: { fundBalance: usd(fund.balance), maintenance: usd(ctx.funds.heldMaintenance(fund)) },
            note: `insurance fund ${fund.id} below the maintenance margin of what it holds: its positions are deleveraged`,
          },
          [ctx.log.flush(INSURANCE_KEY) ?? 0],
        )
      }
      for (const { asset, qty } of over) {
        const side = (fund.account.perp[asset] > 0 ? 1 : -1) as 1 | -1
        const mark = ctx.market.mark(asset)
        const o: PerpOrder = { owner: { kind: 'fund', fund, asset, side }, asset, side, qty, bp: mark, skipBook: true, adlNow: true }
        const res = emptyResult(mark)
        total += this.deleverage(o, qty, mark, res)
      }
    }
    return total
  }

  /**
   * The fund could not cover a deficit: an `insurance` event when this starts (the fund covered
   * everything since the last such event), cited by every ADL it leads to.
   */
  private fundCannotCover(asset: number, side: number): void {
    const ctx = this.ctx
    const fund = ctx.funds.forAsset(asset)
    fund.exhaustedCount++
    if (!this.fundCovering) return
    this.fundCovering = false
    ctx.state.fundTriggerEvent = ctx.log.emit(
      'insurance',
      'insurance-fund',
      {
        asset: ctx.market.assets[asset],
        amounts: { fundBalance: usd(fund.balance) },
        note: `insurance fund ${fund.id} cannot take over a bankrupt ${side > 0 ? 'long' : 'short'}: auto-deleveraging`,
      },
      [ctx.log.flush(liquidationKey(asset, side)) ?? 0, ...ctx.drivers.drivers(asset)],
    )
  }

  /** False from a failure to cover until the fund covers a deficit in full again. */
  fundCovering = true

  /** Step 3: matches `rem` against the opposite queue at `price`; returns the quantity matched. */
  private deleverage(o: PerpOrder, rem: number, price: number, res: OrderResult): number {
    const ctx = this.ctx
    const a = o.asset
    const opposite = -o.side
    const mark = ctx.market.mark(a)
    // The user's positions ranked when the crowd's queue was (its ranking is built here if stale).
    const specials: SpecialMember[] = ctx.userAdl.members(a, opposite, ctx.adl.ranking(a, opposite).builtAt)
    const cp = ctx.adl.counterpartyScore(a, opposite, mark)
    if (cp) specials.push(cp)
    const clearing = ctx.ledger.clearing
    const matches: AdlMatch[] = []
    const matched = ctx.adl.allocate(a, opposite, rem, specials, (mt) => {
      matches.push(mt)
      this.closeOwner(o.owner, mt.qty, price, clearing)
      if (mt.slot >= 0) {
        ctx.rehedges.deleveraged(mt.slot, mt.qty)
        ctx.crowd.deleveragePart(mt.slot, mt.qty, price, clearing)
        if (!(ctx.crowd.qty[mt.slot] > 0)) {
          ctx.crowd.releaseMargin(mt.slot)
          ctx.crowd.setStatus(mt.slot, STATUS_DELEVERAGED)
        }
      } else if (mt.special?.kind === 'counterparty') {
        ctx.ledger.counterparty.takePerp(a, -opposite * mt.qty, price)
        clearing.takePerp(a, opposite * mt.qty, price)
        ctx.rehedges.counterpartyDeleveraged(a, opposite, mt.qty)
      } else if (mt.special) {
        ctx.user.closePosition(ctx.user.positions[mt.special.position], mt.qty, price, clearing)
      }
    })
    if (matched <= 0) return 0
    ctx.state.activity++
    // Events: the crowd's matches in the ADL aggregate; a user match is its own event, with the
    // bankrupt position it answered.
    let crowdQty = 0
    let crowdLost = 0
    let crowdCount = 0
    let cpQty = 0
    for (const mt of matches) {
      if (mt.slot >= 0) {
        crowdQty += mt.qty
        crowdCount++
        crowdLost += opposite * mt.qty * (mark - price)
        ctx.stats.crowdAdlAccounts.add(ctx.crowd.account[mt.slot])
      } else if (mt.special?.kind === 'counterparty') {
        cpQty += mt.qty
        crowdLost += opposite * mt.qty * (mark - price)
      }
    }
    ctx.stats.crowdAdlCount += crowdCount
    ctx.stats.crowdAdlNotional += crowdQty * price
    ctx.stats.crowdAdlNotionalByAsset[a] += crowdQty * price
    ctx.stats.counterpartyAdlNotional += cpQty * price
    ctx.stats.counterpartyAdlNotionalByAsset[a] += cpQty * price
    if (o.owner.kind === 'crowd') ctx.stats.absorbedAdl += Math.max(0, o.side * matched * (o.bp - mark))
    const userMatches = matches.filter((mt) => mt.special?.kind === 'user')
    const ownerCauses = [ctx.state.fundTriggerEvent, ...ctx.drivers.drivers(a)]
    if (userMatches.length > 0 && o.owner.kind === 'crowd') {
      const slot = o.owner.slot
      res.bankruptEvent = ctx.log.emit(
        'bankrupt',
        crowdAccountId(ctx.crowd.account[slot]),
        {
          ...contractOf(ctx.crowd, a),
          asset: ctx.market.assets[a],
          side: o.side > 0 ? 'long' : 'short',
          qty: fmtQty(rem),
          price: fmtPrice(o.bp),
          amounts: { bankruptcyPrice: fmtPrice(o.bp), mark: fmtPrice(mark), deficitAtMark: usd(Math.max(0, o.side * rem * (o.bp - mark))) },
          note: 'bankrupt position the insurance fund cannot take: deleveraged against the opposite queue',
        },
        [ctx.log.flush(liquidationKey(a, o.side)) ?? 0, ...ownerCauses],
      )
    }
    for (const mt of userMatches) {
      const id = ctx.userAdl.record(mt, price, mark, [res.bankruptEvent, ...ownerCauses])
      res.userAdlEvents.push(id)
    }
    if (crowdQty + cpQty > 0) {
      ctx.log.add(
        adlKey(a, opposite),
        { kind: 'adl', account: 'crowd', ...contractOf(ctx.crowd, a), asset: ctx.market.assets[a], side: opposite > 0 ? 'long' : 'short', note: 'crowd positions deleveraged' },
        {
          accounts: crowdCount,
          qty: crowdQty + cpQty,
          price,
          slippage: Math.abs(price / mark - 1),
          sums: { profitLost: crowdLost, counterpartyQty: cpQty },
          causes: [res.bankruptEvent, ...ownerCauses],
          causeKeys: [liquidationKey(a, o.side)],
        },
      )
    }
    return matched
  }

  /** Where a liquidation fee on `asset` goes (the profile's `feeTo`). */
  feeAccount(asset: number): NamedAccount {
    return this.ctx.rules.feeTo === 'insurance-fund' ? this.ctx.funds.forAsset(asset).account : this.ctx.ledger.venue
  }

  /**
   * Settles a crowd position after its order: a fully closed isolated position pays the fee (to
   * `feeTo`) from what is left of its margin, and the rest goes to the fund or stays with the
   * trader (`remainderTo`; a backstop takeover leaves the trader nothing: `keepRemainder` false);
   * a negative equity is drawn from the fund, else unrecovered.
   */
  settleCrowd(slot: number, notional: number, keepRemainder: boolean): { fee: number; toFund: number; deficit: number; fromFund: number } {
    const ctx = this.ctx
    const cb = ctx.crowd
    const a = cb.asset[slot]
    const e = cb.margin[slot]
    const fundOf = ctx.funds.forAsset(a)
    let fee = 0
    let toFund = 0
    let deficit = 0
    let fromFund = 0
    if (e >= 0) {
      fee = Math.min(ctx.rules.feeRate * notional, e)
      cb.margin[slot] -= fee
      this.feeAccount(a).cash += fee
      if (ctx.rules.feeTo === 'insurance-fund') toFund += fee
      if (!keepRemainder) {
        toFund += e - fee
        cb.margin[slot] -= e - fee
        fundOf.account.cash += e - fee
      }
    } else {
      deficit = -e
      const fund = fundOf.account
      fromFund = fundOf.mayCover ? Math.min(deficit, Math.max(0, fundOf.balance)) : 0
      fund.cash -= fromFund
      ctx.ledger.unrecovered.cash -= deficit - fromFund
      cb.margin[slot] += deficit
      ctx.stats.absorbedFund += fromFund
      ctx.stats.absorbedUnrecovered += deficit - fromFund
    }
    cb.touchSlot(slot)
    if (!(cb.qty[slot] > 0)) cb.releaseMargin(slot)
    return { fee, toFund, deficit, fromFund }
  }
}
