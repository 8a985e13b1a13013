// The crowd's perpetual liquidations in one round (docs/MODEL.md §5.1-5.2): the legs whose trigger the
// mark crossed, on one asset and side, checked (a trigger can be stale after a partial fill or an
// ADL that added margin), split by the profile's rules (Hyperliquid: 20% slices above 100k with a
// 30 s cooldown, the backstop under 2/3 of maintenance, ADL at once under water), then through the
// waterfall: one walk of the book for the batch when the fund can cover every deficit, each
// position alone otherwise (waterfall.ts). One `liquidation` aggregate per asset and side and
// window records them (event-log.ts), citing the asset's drivers (shock, depth, depeg).
import { LEG_STATUS } from '../crowd'
import type { Market } from '../market'
import { INSURANCE_KEY, liquidationKey, type RunState, type RunStats } from './context'
import { contractOf, type CrowdBook } from './crowd-book'
import type { CrowdPools } from './crowd-pools'
import type { EventLog } from './event-log'
import type { InsuranceFunds } from './insurance-funds'
import type { Ledger } from './ledger'
import type { MarketEvents } from './market-events'
import type { RunRules } from './rules'
import type { OrderResult, Waterfall } from './waterfall'

export interface CrowdPerpsDeps {
  readonly market: Market
  readonly rules: RunRules
  readonly ledger: Ledger
  readonly crowd: CrowdBook
  readonly log: EventLog
  readonly funds: InsuranceFunds
  readonly stats: RunStats
  readonly drivers: MarketEvents
  readonly state: RunState
  readonly waterfall: Waterfall
  readonly pools: CrowdPools
}

// Module-local copies: hot loops read these, not the crowd module's exports.
const STATUS_LIQUIDATED = LEG_STATUS.liquidated

interface Tally {
  accounts: number
  qty: number
  usd: number
  slipUsd: number
  atTrigger: number
  fees: number
  toFund: number
  shortfall: number
  fundQty: number
  adlQty: number
  unrecovered: number
  bankrupt: number
}

type LiquidationHead = Parameters<EventLog['add']>[1]

/** The fund's aggregate of the flows from crowd liquidations. */
const FUND_HEAD: LiquidationHead = { kind: 'insurance', account: 'insurance-fund', note: 'insurance fund flows from crowd liquidations' }
/** A member with no figures: what a log that only counts is given. */
const COUNTED = { accounts: 0 } as const

const newTally = (): Tally => ({ accounts: 0, qty: 0, usd: 0, slipUsd: 0, atTrigger: 0, fees: 0, toFund: 0, shortfall: 0, fundQty: 0, adlQty: 0, unrecovered: 0, bankrupt: 0 })

export class CrowdPerps {
  /**
   * A batch's orders that go through the book together: slots and sizes, `batch` of them. Columns
   * kept from batch to batch (emptying a JS array gives its storage back, so each batch grew a new
   * one).
   */
  private normal = new Int32Array(64)
  private sliceQty = new Float64Array(64)
  private batch = 0
  private readonly special: { slot: number; qty: number; skipBook: boolean; adlNow: boolean }[] = []

  /** Per asset x 2 + (0 long, 1 short): the liquidation aggregate's key and head, the same all run. */
  private readonly keys: string[] = []
  private readonly heads: LiquidationHead[] = []
  /** What the fund's aggregate cites of each liquidation aggregate, where the log only counts (event-log.ts). */
  private readonly fundCites: { accounts: number; causeKeys: string[] }[] = []

  constructor(private readonly ctx: CrowdPerpsDeps) {
    ctx.market.assets.forEach((name, asset) => {
      for (const side of [1, -1] as const) {
        const key = liquidationKey(asset, side)
        this.keys.push(key)
        this.heads.push({ kind: 'liquidation', account: 'crowd', ...contractOf(ctx.crowd, asset), asset: name, side: side > 0 ? 'long' : 'short', note: `crowd ${side > 0 ? 'longs' : 'shorts'} liquidated` })
        this.fundCites.push({ accounts: 0, causeKeys: [key] })
      }
    })
  }

  /** Liquidates the crossed perpetual slots `slots[from..to)` of (asset, side) (a range, not a view: a run makes thousands). */
  liquidate(asset: number, side: 1 | -1, slots: ArrayLike<number>, from = 0, to = slots.length): void {
    const ctx = this.ctx
    const cb = ctx.crowd
    const m = ctx.market
    const rules = ctx.rules
    if (m.isHalted(asset)) {
      for (let k = from; k < to; k++) if (cb.isOpen(slots[k])) cb.deferred.push(slots[k])
      return
    }
    const mark = m.mark(asset)
    const special = this.special
    let n = 0
    // (Truncating an array is a call into the runtime: skipped when it is empty already.)
    if (special.length) special.length = 0
    for (let k = from; k < to; k++) {
      const slot = slots[k]
      if (!cb.isOpen(slot) || !(cb.qty[slot] > 0)) continue
      const q = cb.qty[slot]
      let e = cb.perpEquity(slot, mark)
      const mm = q * mark * cb.maintenance[slot]
      if (e > mm * (1 + 1e-9)) {
        // Not liquidatable at this mark (margin grew since the trigger was set): watch its new trigger.
        cb.trigger[slot] = cb.perpLiquidationPrice(slot)
        cb.watch(slot, 'mark')
        continue
      }
      const pooled = ctx.pools.poolOf(slot) >= 0
      if (pooled) {
        // Cross margin: the account is checked, not the position (crowd-pools.ts).
        if (!ctx.pools.settle(slot)) continue
        e = cb.perpEquity(slot, mark)
      }
      if (rules.backstop && e < rules.backstop.equityBelowMaintenance * mm) special.push({ slot, qty: q, skipBook: true, adlNow: false })
      else if (rules.trigger.kind === 'negative-equity' && e < 0) special.push({ slot, qty: q, skipBook: false, adlNow: true })
      else {
        const p = rules.partial
        const cooling = cb.cooldownUntil[slot] > ctx.state.t
        // The threshold is per account of the venue: a synthetic account standing for w of them
        // is sliced when each of them would be (crowd accounts' weight, perp-traders.ts).
        const slice = p && !cooling && q * mark > p.aboveNotional * cb.crowd.weightOf(cb.account[slot]) ? q * p.fraction : q
        // A pooled position's order goes alone, limited at its account's bankruptcy price (crowd-pools.ts).
        if (pooled) special.push({ slot, qty: slice, skipBook: false, adlNow: false })
        else {
          if (n === this.normal.length) this.grow()
          this.normal[n] = slot
          this.sliceQty[n++] = slice
        }
      }
    }
    const tally = newTally()
    this.batch = n
    if (n > 0 && !this.fastPath(asset, side, tally)) {
      for (let k = 0; k < n; k++) this.one(this.normal[k], this.sliceQty[k], false, false, tally)
    }
    // At most what is still open: an earlier order of the round may have closed some of it.
    for (const sp of special) this.one(sp.slot, Math.min(sp.qty, cb.qty[sp.slot]), sp.skipBook, sp.adlNow, tally)
    this.record(asset, side, tally)
  }

  private grow(): void {
    const normal = new Int32Array(2 * this.normal.length)
    normal.set(this.normal)
    const sliceQty = new Float64Array(normal.length)
    sliceQty.set(this.sliceQty)
    this.normal = normal
    this.sliceQty = sliceQty
  }

  /** The batch as one walk, when the fund covers every deficit at the batch's average fill. */
  private fastPath(asset: number, side: 1 | -1, tally: Tally): boolean {
    const ctx = this.ctx
    const cb = ctx.crowd
    const normal = this.normal
    const sliceQty = this.sliceQty
    const n = this.batch
    const keepRemainder = ctx.rules.remainderTo === 'trader'
    const feeToFund = ctx.rules.feeTo === 'insurance-fund'
    const fund = ctx.funds.forAsset(asset)
    let total = 0
    for (let k = 0; k < n; k++) total += sliceQty[k]
    let deficits = 0
    // Read before the walk, which moves the mark of what the fund may hold.
    const balance = fund.balance
    // The batch's walk stands only if the fund covers every deficit at its average price.
    const covered = (p: number): boolean => {
      let inflow = 0
      for (let k = 0; k < n; k++) {
        const slot = normal[k]
        const q = sliceQty[k]
        const after = cb.margin[slot] + cb.side[slot] * q * (p - cb.entry[slot])
        if (after < 0) deficits += -after
        else if (q === cb.qty[slot]) {
          const fee = Math.min(after, ctx.rules.feeRate * q * p)
          inflow += (feeToFund ? fee : 0) + (keepRemainder ? 0 : after - fee)
        }
      }
      return !(deficits > 0) || (fund.mayCover && deficits <= balance + inflow)
    }
    const fill = ctx.market.tradeIf(asset, side > 0 ? 'sell' : 'buy', total, covered)
    if (fill === null || fill.halted) return false
    ctx.state.activity++
    const price = fill.avgPrice
    tally.qty += total
    tally.usd += fill.usd
    tally.slipUsd += side * (total * fill.midBefore - fill.usd)
    // One pass over the batch with the columns in locals (this loop sees every crowd liquidation):
    // it does what closePerpAgainst + settleCrowd do per position, and books the batch's contracts
    // to the book once (side x total at the batch price).
    const fundBefore = fund.balance
    const feeRate = ctx.rules.feeRate
    const mayCover = fund.mayCover
    const margin = cb.margin
    const qty = cb.qty
    const entry = cb.entry
    const trigger = cb.trigger
    const account = cb.account
    const flagged = cb.liquidated
    const cash = cb.cash
    let fundCash = fund.account.cash
    // What the fund may pay out: its equity (cash plus inventory at mark), as it grows with inflows.
    let fundRoom = fundBefore
    let atTrigger = 0
    let fees = 0
    let toFund = 0
    let fromFund = 0
    let unrecovered = 0
    let bankrupt = 0
    ctx.stats.crowdLiquidationOrders += n
    for (let k = 0; k < n; k++) {
      const slot = normal[k]
      const q = sliceQty[k]
      atTrigger += q * trigger[slot]
      const acc = account[slot]
      if (flagged[acc] === 0) {
        flagged[acc] = 1
        tally.accounts++
      }
      const m = margin[slot] + side * q * (price - entry[slot])
      margin[slot] = m
      qty[slot] -= q
      if (qty[slot] > 0) {
        this.afterSlice(slot, q * price, tally)
        continue
      }
      if (m >= 0) {
        const fee = Math.min(feeRate * q * price, m)
        const rest = keepRemainder ? 0 : m - fee
        fees += fee
        const inFund = rest + (feeToFund ? fee : 0)
        toFund += inFund
        fundCash += inFund
        fundRoom += inFund
        cash[acc] += m - fee - rest
      } else {
        const need = -m
        const covered = mayCover ? Math.min(need, Math.max(0, fundRoom)) : 0
        fundCash -= covered
        fundRoom -= covered
        fromFund += covered
        unrecovered += need - covered
        bankrupt++
      }
      margin[slot] = 0
      cb.setStatus(slot, STATUS_LIQUIDATED)
    }
    ctx.ledger.book.takePerp(asset, side * total, price)
    if (side > 0) cb.longQty[asset] -= total
    else cb.shortQty[asset] -= total
    fund.account.cash = fundCash
    if (!feeToFund) ctx.ledger.venue.cash += fees
    ctx.ledger.unrecovered.cash -= unrecovered
    const stats = ctx.stats
    stats.liquidatedNotional += atTrigger
    if (side > 0) stats.liquidatedLongNotional += atTrigger
    stats.absorbedFund += fromFund
    stats.absorbedUnrecovered += unrecovered
    tally.atTrigger += atTrigger
    tally.fees += fees
    tally.toFund += toFund
    tally.shortfall += fromFund
    tally.bankrupt += bankrupt
    if (deficits > 0 && fund.balance < fundBefore) ctx.waterfall.fundCovering = true
    return true
  }

  /** One position through the waterfall steps (waterfall.ts). */
  private one(slot: number, q: number, skipBook: boolean, adlNow: boolean, tally: Tally): void {
    const ctx = this.ctx
    const cb = ctx.crowd
    const a = cb.asset[slot]
    const s = cb.side[slot] as 1 | -1
    if (!cb.isOpen(slot) || !(cb.qty[slot] > 0)) return
    const trigger = cb.trigger[slot]
    const pooled = ctx.pools.poolOf(slot) >= 0
    const bp = pooled ? ctx.pools.bankruptcy(slot) : cb.perpBankruptcy(slot)
    const res: OrderResult = ctx.waterfall.liquidateOrder({ owner: { kind: 'crowd', slot }, asset: a, side: s, qty: q, bp, skipBook, adlNow })
    if (res.halted) {
      cb.deferred.push(slot)
      return
    }
    if (pooled) ctx.pools.absorb(slot)
    ctx.stats.crowdLiquidationOrders++
    this.count(slot, res.closed, trigger, tally)
    tally.qty += res.bookQty
    tally.usd += res.bookUsd
    tally.slipUsd += s * (res.bookQty * res.markBefore - res.bookUsd)
    tally.shortfall += res.shortfall
    tally.fundQty += res.fundQty
    tally.adlQty += res.adlQty
    ctx.stats.absorbedFund += res.shortfall
    if (res.fundQty > 0 || res.adlQty > 0 || res.unrecoveredQty > 0) tally.bankrupt++
    const notional = res.bookUsd + res.fundQty * bp + res.adlQty * res.adlPrice
    if (cb.qty[slot] > 0) this.afterSlice(slot, notional, tally)
    else this.afterFull(slot, notional, ctx.rules.remainderTo === 'trader' && !skipBook, tally)
  }

  private count(slot: number, q: number, trigger: number, tally: Tally): void {
    const ctx = this.ctx
    const cb = ctx.crowd
    const atTrigger = q * trigger
    tally.atTrigger += atTrigger
    ctx.stats.liquidatedNotional += atTrigger
    if (cb.side[slot] > 0) ctx.stats.liquidatedLongNotional += atTrigger
    const acc = cb.account[slot]
    if (!cb.liquidated[acc]) {
      cb.liquidated[acc] = 1
      tally.accounts++
    }
  }

  private afterFull(slot: number, notional: number, keepRemainder: boolean, tally: Tally): void {
    const ctx = this.ctx
    const r = ctx.waterfall.settleCrowd(slot, notional, keepRemainder)
    tally.fees += r.fee
    tally.toFund += r.toFund
    tally.shortfall += r.fromFund
    if (r.deficit > 0) tally.bankrupt++
    ctx.crowd.setStatus(slot, STATUS_LIQUIDATED)
  }

  /** A partial slice: the fee from the margin, the rest stays open with a new trigger and a cooldown. */
  private afterSlice(slot: number, notional: number, tally: Tally): void {
    const ctx = this.ctx
    const cb = ctx.crowd
    const fee = Math.min(ctx.rules.feeRate * notional, Math.max(0, cb.margin[slot]))
    cb.margin[slot] -= fee
    cb.touchSlot(slot)
    ctx.waterfall.feeAccount(cb.asset[slot]).cash += fee
    tally.fees += fee
    if (ctx.rules.feeTo === 'insurance-fund') tally.toFund += fee
    cb.trigger[slot] = cb.perpLiquidationPrice(slot)
    cb.watch(slot, 'mark')
    if (ctx.rules.partial) cb.cooldownUntil[slot] = ctx.state.t + ctx.rules.partial.cooldownSeconds
  }

  private record(asset: number, side: 1 | -1, t: Tally): void {
    if (t.atTrigger === 0 && t.qty === 0) return
    const ctx = this.ctx
    const log = ctx.log
    const k = asset * 2 + (side > 0 ? 0 : 1)
    const key = this.keys[k]
    const toFund = t.toFund > 0 || t.shortfall > 0
    if (!log.detailed) {
      // Counted, not built (a study's run): only which aggregates are pending, and what cites what, matters.
      log.add(key, this.heads[k], COUNTED)
      if (toFund) log.add(INSURANCE_KEY, FUND_HEAD, this.fundCites[k])
      return
    }
    const price = t.qty > 0 ? t.usd / t.qty : 0
    log.add(key, this.heads[k], {
      accounts: t.accounts,
      qty: t.qty,
      price,
      slippage: t.usd > 0 ? t.slipUsd / t.usd : 0,
      sums: { liquidatedAtTrigger: t.atTrigger, fees: t.fees, toInsuranceFund: t.toFund, shortfall: t.shortfall, insuranceTakeoverQty: t.fundQty, adlQty: t.adlQty, bankrupt: t.bankrupt },
      causes: ctx.drivers.drivers(asset),
    })
    if (toFund) {
      log.add(INSURANCE_KEY, FUND_HEAD, {
        accounts: 0,
        sums: { inflow: t.toFund, outflow: t.shortfall },
        values: { fundBalance: ctx.funds.forAsset(asset).balance },
        causeKeys: [key],
      })
    }
  }
}
