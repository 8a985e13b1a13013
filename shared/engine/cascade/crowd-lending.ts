// The crowd's hidden leverage (docs/CRASH-MECHANICS.md §2-4, docs/MODEL.md §4-5): USDe loopers, whales with
// altcoin-backed loans feeding loops, and market makers on unified accounts.
// - A loop whose health factor falls below 1 is liquidated under Aave v3.3 rules (close factor,
//   bonus, protocol fee, dust rule: the float mirror `aaveStepF`); the liquidator sells what it
//   seized into the venue's book, the spiral of docs/CRASH-MECHANICS.md §3. A partly liquidated loop is watched
//   again at its new trigger.
// - Loopers unwind on their own before that, when the health factor nears 1 (`UNWIND_HF`): they
//   sell their collateral into the book and repay (docs/CRASH-MECHANICS.md §2: "margin calls force unwinding").
// - A whale's loan trigger is a margin call on the whole account: its loop is unwound to repay,
//   then the pledged altcoin is liquidated for what is still owed (docs/CRASH-MECHANICS.md §3).
// - A market maker's unified account is checked whole every round (`unifiedCoverage`); at the
//   liquidation ratio the venue sells its collateral in the profile's order, each sale through
//   its book, until the liability is repaid (docs/MODEL.md §5.4); what is still owed after everything
//   is sold is covered by the fund, else unrecovered (Binance: "the Insurance Fund will balance the
//   account back to 0").
// Loopers are many: their events are aggregated per asset; whales and market makers have one
// event per account.
import { COHORT, LEG_KIND, LEG_STATUS, type LiquidationIndex } from '../crowd'
import type { Scenario } from '../../model/scenario'
import type { Market } from '../market'
import type { RunState, RunStats } from './context'
import type { CrowdBook } from './crowd-book'
import type { EventLog } from './event-log'
import type { InsuranceFunds } from './insurance-funds'
import type { Ledger } from './ledger'
import type { MarketEvents } from './market-events'
import { crowdAccountId, plain, price as fmtPrice, qty as fmtQty, ratio as fmtRatio, usd } from './format'
import { aaveStepF } from './mirrors'
import { DEFAULT_LENDING_TERMS, type RunRules } from './rules'

export interface CrowdLendingDeps {
  readonly scenario: Scenario
  readonly market: Market
  readonly rules: RunRules
  readonly ledger: Ledger
  readonly crowd: CrowdBook
  readonly log: EventLog
  readonly funds: InsuranceFunds
  readonly stats: RunStats
  readonly drivers: MarketEvents
  readonly state: RunState
}

// Module-local copies: hot loops read these, not the crowd module's exports.
const STATUS_LIQUIDATED = LEG_STATUS.liquidated
const STATUS_CLOSED = LEG_STATUS.closed
const KIND_LOAN = LEG_KIND.loan
const KIND_LOOP = LEG_KIND.loop
const COHORT_LOOPER = COHORT.looper

/** Health factor at which a looper unwinds on its own (docs/CASCADE-NOTES.md "Crowd lending"). */
export const UNWIND_HF = 1.03

export class CrowdLending {
  /** Per loop index: the cursor of the unwind line (trigger x UNWIND_HF). */
  private readonly unwindCursor = new Map<LiquidationIndex, number>()
  private readonly loopBorrow: string
  private readonly prices: Float64Array

  constructor(private readonly ctx: CrowdLendingDeps) {
    this.loopBorrow = ctx.scenario.crowd.loopers?.borrow ?? 'USDT'
    this.prices = new Float64Array(ctx.market.assets.length)
  }

  /** Liquidates the crossed collateral legs `slots[from..to)` of one index (loops, whale loans; unified legs are checked whole). */
  processCrossed(slots: ArrayLike<number>, from = 0, to = slots.length): void {
    const cb = this.ctx.crowd
    for (let k = from; k < to; k++) {
      const slot = slots[k]
      if (!cb.isOpen(slot)) continue
      const kind = cb.kind[slot]
      if (kind === KIND_LOOP) this.liquidateLoop(slot)
      else if (kind === KIND_LOAN) this.liquidateWhale(slot)
    }
  }

  /** Loopers whose health factor reached UNWIND_HF on this index's price: they unwind. */
  unwindLoopers(index: LiquidationIndex, price: number): void {
    const cb = this.ctx.crowd
    const from = this.unwindCursor.get(index) ?? 0
    let k = from
    const n = index.legs.length
    while (k < n && price <= index.triggers[k] * UNWIND_HF) {
      const slot = index.legs[k++]
      if (cb.isOpen(slot) && cb.kind[slot] === KIND_LOOP && cb.cohort[slot] === COHORT_LOOPER) this.unwind(slot, 'looper')
    }
    if (k !== from) cb.triggersVersion++
    this.unwindCursor.set(index, k)
  }

  /** The unwind line of the next leg on this index: `unwindLoopers` moves once the price is at or below it (NaN: none left); quiet-steps.ts. */
  unwindLine(index: LiquidationIndex): number {
    const k = this.unwindCursor.get(index) ?? 0
    return k < index.legs.length ? index.triggers[k] * UNWIND_HF : Number.NaN
  }

  private collateralPrice(slot: number): number {
    return this.ctx.market.collateralPrice(this.ctx.crowd.asset[slot])
  }

  /** Sells `units` of market asset a for `owner` into the book; returns the USD received. */
  private sell(a: number, units: number): { usd: number; halted: boolean; slippage: number } {
    if (!(units > 0)) return { usd: 0, halted: false, slippage: 0 }
    const fill = this.ctx.market.sellQty(a, units)
    if (fill.halted) return { usd: 0, halted: true, slippage: 0 }
    this.ctx.state.activity++
    this.ctx.ledger.book.takeAsset(a, units, fill.usd)
    return { usd: fill.usd, halted: false, slippage: fill.slippage }
  }

  /** A looper (or a whale's loop) sells all its collateral and repays; the rest is its cash. */
  private unwind(slot: number, who: 'looper' | 'whale'): { proceeds: number; debt: number; left: number; halted: boolean } {
    const ctx = this.ctx
    const cb = ctx.crowd
    const a = cb.asset[slot]
    const units = cb.qty[slot]
    const debt = cb.debt[slot]
    const sale = this.sell(a, units)
    if (sale.halted) return { proceeds: 0, debt, left: debt, halted: true }
    cb.qty[slot] = 0
    const acc = cb.account[slot]
    cb.cash[acc] += sale.usd
    const repay = Math.min(debt, sale.usd)
    cb.cash[acc] -= repay
    cb.debt[slot] -= repay
    let badDebt = 0
    if (cb.debt[slot] > 0 && who === 'looper') {
      // Nothing left to sell: the pool's lenders bear the rest.
      badDebt = cb.debt[slot]
      ctx.ledger.lenders.cash -= badDebt
      cb.debt[slot] = 0
    }
    cb.setStatus(slot, STATUS_CLOSED)
    if (who === 'looper') {
      ctx.log.add(
        `unwind:${a}`,
        { kind: 'loop-unwind', account: 'crowd', asset: ctx.market.assets[a], side: 'long', note: 'crowd loopers unwinding as their health factor nears 1' },
        { accounts: 1, qty: units, price: sale.usd / units, slippage: sale.slippage, sums: { debtRepaid: repay, badDebt }, causes: ctx.drivers.drivers(a) },
      )
    }
    return { proceeds: sale.usd, debt, left: cb.debt[slot], halted: false }
  }

  /** One Aave liquidation call on a loop leg; the liquidator sells what it seized. */
  private liquidateLoop(slot: number): void {
    const ctx = this.ctx
    const cb = ctx.crowd
    const a = cb.asset[slot]
    const price = this.collateralPrice(slot)
    const terms = ctx.rules.lending.terms(ctx.market.assets[a], this.loopBorrow) ?? DEFAULT_LENDING_TERMS
    const r = aaveStepF(cb.qty[slot], price, cb.debt[slot], 1, cb.maintenance[slot], terms.bonus, terms.protocolFee, ctx.rules.lending)
    if (r.outcome === 'not-liquidatable') {
      this.rewatch(slot, 1)
      return
    }
    if (r.outcome === 'must-not-leave-dust') {
      // Aave reverts; the next call comes when HF <= 0.95 lifts the close factor to 100%.
      this.rewatch(slot, ctx.rules.lending.fullCloseHealthFactor)
      return
    }
    const seizedValue = this.seize(slot, r.repaid, r.seized, r.protocolFee)
    const sale = this.liquidatorSells(a)
    let badDebt = 0
    if (r.badDebt > 0) {
      badDebt = Math.min(r.badDebt, cb.debt[slot])
      cb.debt[slot] -= badDebt
      ctx.ledger.lenders.cash -= badDebt
    }
    // Debt gone: the collateral left is the holder's own again (closed); nothing left: liquidated.
    if (cb.qty[slot] <= 0 || cb.debt[slot] <= 0) cb.setStatus(slot, cb.qty[slot] > 0 ? STATUS_CLOSED : STATUS_LIQUIDATED)
    else this.rewatch(slot, 1)
    cb.liquidated[cb.account[slot]] = 1
    const who = cb.cohort[slot] === COHORT_LOOPER ? 'looper' : 'whale'
    const key = `defi:${a}:${who}`
    ctx.log.add(
      key,
      { kind: 'defi-liquidation', account: 'crowd', asset: ctx.market.assets[a], side: 'long', note: `crowd ${who === 'looper' ? 'loopers' : "whales' loops"} liquidated (Aave rules)` },
      {
        accounts: 1,
        qty: r.seized,
        price: sale.avg > 0 ? sale.avg : price,
        slippage: sale.slippage,
        sums: { debtRepaid: r.repaid, collateralValue: seizedValue, protocolFee: r.protocolFee * price, badDebt },
        causes: ctx.drivers.drivers(a),
      },
    )
  }

  /** Watches a lending leg again at the price where its HF reaches `hf`. */
  private rewatch(slot: number, hf: number): void {
    const cb = this.ctx.crowd
    if (!(cb.qty[slot] > 0) || !(cb.debt[slot] > 0)) return
    cb.trigger[slot] = (cb.debt[slot] * hf) / (cb.qty[slot] * cb.maintenance[slot])
    cb.watch(slot, 'collateral')
  }

  /** The liquidator repays `repaid` and takes `seized` units (the protocol its fee share). */
  private seize(slot: number, repaid: number, seized: number, protocolFee: number): number {
    const ctx = this.ctx
    const cb = ctx.crowd
    const a = cb.asset[slot]
    const liq = ctx.ledger.liquidators
    liq.cash -= repaid
    cb.debt[slot] -= repaid
    cb.qty[slot] -= seized
    if (cb.qty[slot] < seized * 1e-12) cb.qty[slot] = Math.max(0, cb.qty[slot])
    liq.assets[a] += seized - protocolFee
    ctx.ledger.protocol.assets[a] += protocolFee
    return seized * this.ctx.market.collateralPrice(a)
  }

  /** Liquidators sell everything they hold of an asset into the book (unless halted). */
  liquidatorSells(a: number): { avg: number; slippage: number } {
    const liq = this.ctx.ledger.liquidators
    const units = liq.assets[a]
    if (!(units > 0)) return { avg: 0, slippage: 0 }
    const fill = this.ctx.market.sellQty(a, units)
    if (fill.halted) return { avg: 0, slippage: 0 }
    this.ctx.state.activity++
    liq.takeAsset(a, -units, -fill.usd)
    this.ctx.ledger.book.takeAsset(a, units, fill.usd)
    return { avg: fill.usd / units, slippage: fill.slippage }
  }

  /** What liquidators could not sell (a halted book) is sold at the next chance. */
  sellLeftovers(): void {
    const liq = this.ctx.ledger.liquidators
    for (let a = 0; a < liq.assets.length; a++) if (liq.assets[a] > 0) this.liquidatorSells(a)
  }

  /**
   * A whale's margin call (docs/CRASH-MECHANICS.md §3): the loop is unwound (its USDe sold into the book), the
   * proceeds repay the loan, and what is still owed is liquidated from the pledged altcoin.
   */
  private liquidateWhale(loanSlot: number): void {
    const ctx = this.ctx
    const cb = ctx.crowd
    const acc = cb.account[loanSlot]
    const first = acc < cb.generatedAccounts ? cb.crowd.accountOffsets[acc] : loanSlot
    const end = acc < cb.generatedAccounts ? cb.crowd.accountOffsets[acc + 1] : loanSlot + 1
    const a = cb.asset[loanSlot]
    const price = this.collateralPrice(loanSlot)
    const hf = (cb.qty[loanSlot] * price * cb.maintenance[loanSlot]) / cb.debt[loanSlot]
    if (!(hf < 1)) {
      this.rewatch(loanSlot, 1)
      return
    }
    const causes = [...ctx.drivers.drivers(a)]
    let unwound = 0
    for (let i = first; i < end; i++) {
      if (i === loanSlot || cb.kind[i] !== KIND_LOOP || !cb.isOpen(i)) continue
      const u = this.unwind(i, 'whale')
      if (u.halted) continue
      unwound += u.proceeds
      // What the loop still owes after its collateral is gone is owed by the whale: it stays as
      // debt on the loan to repay from the altcoin.
      cb.debt[loanSlot] += cb.debt[i]
      cb.debt[i] = 0
      const unwindId = ctx.log.emit(
        'loop-unwind',
        crowdAccountId(acc),
        { asset: ctx.market.assets[cb.asset[i]], qty: fmtQty(u.proceeds > 0 ? u.proceeds : 0), amounts: { proceeds: usd(u.proceeds), loopDebt: usd(u.debt) }, note: "whale's loop unwound to meet a margin call on its altcoin loan" },
        [...ctx.drivers.drivers(a), ...ctx.drivers.drivers(cb.asset[i])],
      )
      causes.unshift(unwindId)
    }
    // The whale's free cash (the loop's surplus) repays the loan first.
    const pay = Math.min(Math.max(0, cb.cash[acc]), cb.debt[loanSlot])
    cb.cash[acc] -= pay
    cb.debt[loanSlot] -= pay
    let seizedUnits = 0
    let repaid = pay
    let sale = { avg: 0, slippage: 0 }
    let badDebt = 0
    if (cb.debt[loanSlot] > 0) {
      // The rest from the altcoin: every call the liquidator can make (whole account margin call).
      const terms = ctx.rules.lending.terms(ctx.market.assets[a], this.loopBorrow) ?? DEFAULT_LENDING_TERMS
      const coll = cb.qty[loanSlot]
      const debt = cb.debt[loanSlot]
      const seized = Math.min(coll, (debt / price) * terms.bonus)
      const repay = seized === coll ? (coll * price) / terms.bonus : debt
      const fee = (seized - seized / terms.bonus) * terms.protocolFee
      this.seize(loanSlot, repay, seized, fee)
      seizedUnits = seized
      repaid += repay
      sale = this.liquidatorSells(a)
      if (cb.debt[loanSlot] > 0 && !(cb.qty[loanSlot] > 0)) {
        badDebt = cb.debt[loanSlot]
        ctx.ledger.lenders.cash -= badDebt
        cb.debt[loanSlot] = 0
      }
    }
    cb.setStatus(loanSlot, STATUS_LIQUIDATED)
    cb.liquidated[acc] = 1
    ctx.log.emit(
      'defi-liquidation',
      crowdAccountId(acc),
      {
        asset: ctx.market.assets[a],
        side: 'long',
        qty: fmtQty(seizedUnits),
        price: fmtPrice(sale.avg > 0 ? sale.avg : price),
        slippage: plain(sale.slippage, 6),
        amounts: { healthFactor: fmtRatio(hf), loopProceeds: usd(unwound), debtRepaid: usd(repaid), badDebt: usd(badDebt) },
        note: "whale's altcoin-backed loan liquidated: the double leverage unwinds",
      },
      causes,
    )
  }

  /** Market makers' unified accounts, each checked whole (docs/SIMULATION-NOTES.md §3.3). */
  checkMarketMakers(): void {
    const ctx = this.ctx
    const cb = ctx.crowd
    const accounts = cb.crowd.unifiedAccounts
    if (accounts.length === 0) return
    const offsets = cb.crowd.accountOffsets
    const px = this.prices
    for (let a = 0; a < px.length; a++) px[a] = ctx.market.collateralPrice(a)
    const status = cb.status
    for (let k = 0; k < accounts.length; k++) {
      const acc = accounts[k]
      let collateral = 0
      let liability = 0
      const first = offsets[acc]
      const end = offsets[acc + 1]
      for (let i = first; i < end; i++) {
        if (status[i] !== 0) continue
        collateral += cb.qty[i] * px[cb.asset[i]] * cb.haircut[i]
        liability += cb.debt[i]
      }
      if (!(liability > 0)) continue
      const coverage = collateral / liability
      if (coverage > cb.maintenance[first]) continue
      this.liquidateMarketMaker(acc, coverage)
    }
  }

  private liquidateMarketMaker(acc: number, coverage: number): void {
    const ctx = this.ctx
    const cb = ctx.crowd
    const first = cb.crowd.accountOffsets[acc]
    const end = cb.crowd.accountOffsets[acc + 1]
    const legs: number[] = []
    for (let i = first; i < end; i++) if (cb.isOpen(i)) legs.push(i)
    const name = (i: number) => ctx.market.assets[cb.asset[i]]
    const rank = (i: number) => {
      const k = ctx.rules.collateralOrder.indexOf(name(i))
      return k < 0 ? ctx.rules.collateralOrder.length : k
    }
    legs.sort((x, y) => rank(x) - rank(y) || (name(x) < name(y) ? -1 : name(x) > name(y) ? 1 : 0))
    const owed = () => legs.reduce((s, i) => s + cb.debt[i], 0)
    const liability = owed()
    let sold = 0
    let fees = 0
    const causes: number[] = []
    for (const i of legs) {
      const need = owed()
      if (need <= 0) break
      const a = cb.asset[i]
      const price = this.collateralPrice(i)
      const units = Math.min(cb.qty[i], (need * 1.02) / price)
      const sale = this.sell(a, units)
      if (sale.halted) continue
      causes.push(...ctx.drivers.drivers(a).filter((x) => x > 0).slice(0, 2))
      cb.qty[i] -= units
      sold += sale.usd
      const fee = ctx.rules.feeRate * sale.usd
      fees += fee
      // An account-level liquidation: its fee to the venue or to the default fund (the profile's `feeTo`).
      ;(ctx.rules.feeTo === 'insurance-fund' ? ctx.funds.default.account : ctx.ledger.venue).cash += fee
      let cash = sale.usd - fee
      // Proceeds repay the account's liability, leg by leg.
      for (const j of legs) {
        const pay = Math.min(cash, cb.debt[j])
        cb.debt[j] -= pay
        cash -= pay
        if (cash <= 0) break
      }
      cb.cash[acc] += cash
      if (!(cb.qty[i] > 0)) cb.setStatus(i, STATUS_LIQUIDATED)
    }
    const left = owed()
    let fromFund = 0
    if (left > 0 && legs.every((i) => !(cb.qty[i] > 0))) {
      // Bankrupt: the fund balances the account back to zero, else the venue's loss.
      const fund = ctx.funds.default
      fromFund = fund.mayCover ? Math.min(left, Math.max(0, fund.balance)) : 0
      fund.account.cash -= fromFund
      ctx.ledger.unrecovered.cash -= left - fromFund
      ctx.stats.absorbedFund += fromFund
      ctx.stats.absorbedUnrecovered += left - fromFund
      for (const j of legs) cb.debt[j] = 0
    }
    if (owed() <= 0) for (const j of legs) if (cb.isOpen(j)) cb.setStatus(j, STATUS_CLOSED)
    cb.liquidated[acc] = 1
    ctx.log.emit(
      'liquidation',
      crowdAccountId(acc),
      {
        amounts: { coverage: fmtRatio(coverage), liability: usd(liability), collateralSold: usd(sold), fee: usd(fees), fromInsuranceFund: usd(fromFund), unrecovered: usd(left - fromFund) },
        note: "market maker's unified account liquidated whole: collateral sold through its books",
      },
      causes,
    )
  }
}
