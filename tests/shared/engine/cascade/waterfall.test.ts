// The liquidation waterfall (docs/MODEL.md §5, docs/VENUE-RULES.md §1.4) on a two-trader crowd whose numbers can
// be checked by hand: a long of 16,000 BTC-units at 100 with 10x (margin 160,000, liquidation
// price 90.452..., bankruptcy price 90) and a short of 4,000 at 100, 10x. The market is moved to
// 90.3 (the long is liquidatable, above bankruptcy) or 85 (past bankruptcy), then the long goes
// through the waterfall as each venue runs it: the fee and what is left of the margin to the fund or
// the venue or the trader (Binance, Bybit); a shortfall drawn from the fund; the fund taking over
// what the book cannot fill, within its limit (Binance: net position at most its size; Hyperliquid:
// the vault's maintenance), holding it and selling it over time; the rest to ADL at the bankruptcy
// price or at mark (OKX); the vault's own positions deleveraged; the deleveraged trader re-hedging;
// Hyperliquid's partial slices.
import { describe, expect, it } from 'vitest'
import { createRun, type PreparedRun } from '../../../../shared/engine/cascade/run-cascade'
import type { Portfolio } from '../../../../shared/model/portfolio'
import type { ExchangeProfile, VenueProfile } from '../../../../shared/model/venue'
import { validateScenario } from '../../../../shared/schemas/scenario'
import { emptyBook, profile } from './support'

function unitScenario(longShare = '0.8') {
  const r = validateScenario({
    format: 'cascade.scenario/1',
    id: 'unit',
    name: 'Two traders',
    start: '2025-10-10T20:00:00Z',
    end: '2025-10-10T20:10:00Z',
    step: '1s',
    prices: { BTC: '100', USDT: '1' },
    // -15% by 20:05, linearly: the reference is 100 x (1 - 0.15 t / 300).
    shocks: [{ asset: 'BTC', path: [['2025-10-10T20:05:00Z', '-0.15']] }],
    depth: { BTC: { '0.01': '100000000', '0.02': '200000000', '0.05': '500000000' } },
    collateralPricing: 'book',
    crowd: {
      accounts: 2,
      longShare,
      seed: 1,
      leverage: { median: '10', sigma: '0', min: '10', max: '10' },
      entry: { spread: '0', drift: '0' },
      maintenanceMarginRate: '0.005',
      contracts: { BTCUSDT: { base: 'BTC', openInterest: '2000000' } },
    },
  })
  if (!r.ok) throw new Error(JSON.stringify(r.issues))
  return r.value
}

/** Moves the run to the time whose reference price is `price` (no stepping, no crossing). */
function moveTo(run: PreparedRun, price: number): void {
  const t = ((1 - price / 100) / 0.15) * 300
  run.ctx.state.t = t
  run.ctx.log.setTime(t)
  run.ctx.market.advanceTo(t)
}

const withFee = (venue: VenueProfile, feeRate: string): VenueProfile => ({ ...(venue as ExchangeProfile), liquidation: { ...(venue as ExchangeProfile).liquidation, feeRate } })

/** The venue with one fund of `balance` for every contract (its limits and offload rule kept). */
const withFund = (venue: VenueProfile, balance: string): VenueProfile => {
  const v = venue as ExchangeProfile
  const { funds: _funds, defaultFundId: _id, ...rest } = v.insurance ?? {}
  return { ...v, insuranceFund: balance, insurance: rest }
}

const userShort = (venue: string, symbol = 'BTCUSDT', quote = 'USDT'): Portfolio => ({
  ...emptyBook(venue),
  wallet: [{ asset: quote, amount: '400000' }],
  positions: [{ id: 'short', symbol, side: 'short', qty: '20000', entryPrice: '100', leverage: '10' }],
})

function setup(venue: VenueProfile, fund: string, portfolio: Portfolio = emptyBook()) {
  const run = createRun({ portfolio, venue: withFund(venue, fund), scenario: unitScenario() })
  const cb = run.ctx.crowd
  const long = [0, 1].find((i) => cb.side[i] > 0) as number
  const short = [0, 1].find((i) => cb.side[i] < 0) as number
  return { run, cb, long, short }
}

describe('two traders, checked by hand', () => {
  it('the crowd is what the numbers say', () => {
    const { cb, long, short } = setup(profile('binance'), '1000000')
    expect(cb.qty[long]).toBeCloseTo(16000, 6)
    expect(cb.margin[long]).toBeCloseTo(160000, 4)
    expect(cb.perpBankruptcy(long)).toBeCloseTo(90, 9)
    // The crowd takes its maintenance from the venue's brackets: 1.6M USD of BTCUSDT on binance is
    // in bracket 3 (0.8M-3M, mmr 0.0065), cum = 300,000 x (0.005 - 0.004) + 800,000 x (0.0065 - 0.005)
    // = 1,500; its liquidation notional (about 1.45M) is in the same bracket.
    expect(cb.trigger[long]).toBeCloseTo((160000 + 1500 - 1600000) / (16000 * 0.0065 - 16000), 9)
    expect(cb.maintenance[long] * cb.qty[long] * cb.trigger[long]).toBeCloseTo(16000 * cb.trigger[long] * 0.0065 - 1500, 6)
    expect(cb.qty[short]).toBeCloseTo(4000, 6)
  })
})

const fundOf = (run: PreparedRun) => run.ctx.funds.forAsset(0)

describe('the waterfall', () => {
  it('Binance: the fee goes to the fund, what is left of the margin stays the trader\'s', () => {
    const { run, cb, long } = setup(withFee(profile('binance'), '0.001'), '1000000')
    moveTo(run, 90.3)
    run.perps.liquidate(0, 1, [long])
    const fill = run.ctx.ledger.book.perpCost[0] / run.ctx.ledger.book.perp[0]
    expect(fill).toBeGreaterThan(90.25)
    expect(fill).toBeLessThan(90.3)
    const fee = 0.001 * 16000 * fill
    expect(fundOf(run).balance - 1000000).toBeCloseTo(fee, 6)
    expect(run.ctx.ledger.venue.cash).toBe(0)
    expect(cb.status[long]).toBe(1)
    expect(cb.qty[long]).toBe(0)
    expect(cb.cash[cb.account[long]]).toBeCloseTo(16000 * (fill - 90) - fee, 6)
  })

  it('Binance\'s 1.25% fee above what is left of the margin: the fee takes it all, and all of it reaches the fund', () => {
    const { run, cb, long } = setup(profile('binance'), '1000000')
    moveTo(run, 90.3)
    run.perps.liquidate(0, 1, [long])
    const fill = run.ctx.ledger.book.perpCost[0] / run.ctx.ledger.book.perp[0]
    expect(0.0125 * 16000 * fill).toBeGreaterThan(16000 * (fill - 90))
    expect(fundOf(run).balance - 1000000).toBeCloseTo(16000 * (fill - 90), 6)
    expect(run.ctx.ledger.venue.cash).toBe(0)
    expect(cb.cash[cb.account[long]]).toBe(0)
  })

  it('Bybit: the remaining margin goes to the fund, the fee to the venue', () => {
    const { run, cb, long } = setup(withFee(profile('bybit'), '0.001'), '1000000')
    moveTo(run, 90.3)
    run.perps.liquidate(0, 1, [long])
    const fill = run.ctx.ledger.book.perpCost[0] / run.ctx.ledger.book.perp[0]
    const fee = 0.001 * 16000 * fill
    expect(run.ctx.ledger.venue.cash).toBeCloseTo(fee, 6)
    expect(fundOf(run).balance - 1000000).toBeCloseTo(16000 * (fill - 90) - fee, 6)
    expect(cb.cash[cb.account[long]]).toBeCloseTo(0, 6)
  })

  it('a fill below bankruptcy: the shortfall is drawn from the fund', () => {
    const { run, cb, long } = setup(profile('binance'), '1000000')
    moveTo(run, 85)
    run.perps.liquidate(0, 1, [long])
    const shortfall = 1000000 - fundOf(run).balance
    // 16,000 x (90 - 85) plus the slippage of selling 16,000 units into 100M within 1%.
    expect(shortfall).toBeGreaterThan(80000)
    expect(shortfall).toBeLessThan(80000 + 16000 * 85 * 0.0005)
    expect(cb.margin[long]).toBe(0)
    expect(run.ctx.stats.absorbedFund).toBeCloseTo(shortfall, 4)
    run.ctx.log.flushAll()
    const liq = run.ctx.log.events.find((e) => e.kind === 'liquidation')
    expect(Number(liq?.amounts?.shortfall)).toBeCloseTo(shortfall, 2)
  })

  it('the book cannot fill at bankruptcy: the fund takes over at bankruptcy within its equity at mark, holds it, the rest goes to ADL', () => {
    // Bybit has no takeover limit: 40,000 of equity absorbs a loss of 5 per unit at mark 85 on 8,000 units.
    const { run, cb, long, short } = setup(profile('bybit'), '40000', userShort('bybit'))
    moveTo(run, 85)
    const mark = run.ctx.market.mark(0)
    run.perps.liquidate(0, 1, [long])
    const fund = fundOf(run)
    const taken = 40000 / (90 - mark)
    expect(fund.account.perp[0]).toBeCloseTo(taken, 6)
    expect(fund.account.perpCost[0] / fund.account.perp[0]).toBeCloseTo(90, 9)
    expect(fund.balance).toBeCloseTo(0, 4)
    // The rest went to the crowd short (4,000) and the user's short.
    expect(cb.qty[long]).toBe(0)
    expect(cb.qty[short]).toBe(0)
    expect(run.ctx.user.positions[0].qty).toBeCloseTo(20000 - (16000 - taken - 4000), 6)
  })

  it('Binance: the fund takes over no more than a net position the size of its equity', () => {
    const { run, long } = setup(profile('binance'), '40000', userShort('binance'))
    moveTo(run, 85)
    const mark = run.ctx.market.mark(0)
    run.perps.liquidate(0, 1, [long])
    // q x mark <= 40,000 - q x (90 - mark)  =>  q = 40,000 / 90.
    expect(fundOf(run).account.perp[0]).toBeCloseTo(40000 / 90, 3)
    expect(fundOf(run).account.perp[0] * mark).toBeCloseTo(fundOf(run).balance, 1)
  })

  it('the fund sells what it holds into the book over time: 10% of the depth within 1% every 10 s', () => {
    const { run } = setup(profile('bybit'), '40000', userShort('bybit'))
    moveTo(run, 85)
    run.perps.liquidate(0, 1, [0, 1].filter((i) => run.ctx.crowd.side[i] > 0))
    const fund = fundOf(run)
    const held = fund.account.perp[0]
    expect(run.ctx.funds.offload()).toBe(0) // not before its interval
    const t0 = run.ctx.state.t
    run.ctx.state.t = t0 + 10
    run.ctx.market.advanceTo(t0 + 10)
    const depth = run.ctx.market.depthAt(0, 0.01, 'bid')
    const mark = run.ctx.market.mark(0)
    const bookBefore = run.ctx.ledger.book.perp[0]
    expect(run.ctx.funds.offload()).toBe(1)
    const sold = Math.min(held, (0.1 * depth) / mark)
    expect(held - fund.account.perp[0]).toBeCloseTo(sold, 6)
    expect(run.ctx.ledger.book.perp[0] - bookBefore).toBeCloseTo(sold, 6)
    expect(run.ctx.funds.offloaded[0]).toBeCloseTo(sold, 6)
  })

  it("a passive exit (Hyperliquid's liquidator) sells only as the mid moves its way: 10% of the depth the move crossed, at the move's midpoint, moving no price", () => {
    const bybit = profile('bybit') as ExchangeProfile
    const passive: VenueProfile = { ...bybit, insurance: { ...bybit.insurance, offload: { depthShare: '0.1', intervalSeconds: 10, exit: 'passive' } } }
    const { run } = setup(passive, '1000000')
    const fund = fundOf(run)
    const m = run.ctx.market
    moveTo(run, 95)
    // The fund holds a short while the path falls 0.05 a second: the move is its way.
    fund.account.takePerp(0, -100000, m.mark(0))
    run.ctx.funds.holding(fund, 0)
    const from = m.bookMid(0)
    const t0 = run.ctx.state.t
    run.ctx.state.t = t0 + 10
    m.advanceTo(t0 + 10)
    const mid = m.bookMid(0)
    expect(mid).toBeLessThan(from)
    const cashBefore = fund.account.cash
    expect(run.ctx.funds.offload()).toBe(1)
    const bought = (0.1 * m.depthAt(0, (from - mid) / mid, 'bid')) / mid
    expect(bought).toBeGreaterThan(0)
    expect(bought).toBeLessThan(100000)
    expect(fund.account.perp[0]).toBeCloseTo(-100000 + bought, 6)
    expect(m.bookMid(0)).toBe(mid)
    // Bought back at the midpoint of the move.
    expect(cashBefore - fund.account.cash).toBeCloseTo((bought * (from + mid)) / 2, 6)
    // A long held in the same fall is not sold: its quotes only follow the price down.
    fund.account.takePerp(0, 200000, mid)
    run.ctx.state.t = t0 + 20
    m.advanceTo(t0 + 20)
    expect(run.ctx.funds.offload()).toBe(0)
    expect(fund.account.perp[0]).toBeCloseTo(100000 + bought, 6)
  })

  it('the fund exhausted: ADL closes the opposite profitable positions at the bankruptcy price, highest rank first', () => {
    const { run, cb, long, short } = setup(profile('binance'), '0', userShort('binance'))
    moveTo(run, 85)
    run.perps.liquidate(0, 1, [long])
    // 16,000 to deleverage: the crowd short (4,000) and the user's short (12,000 of 20,000).
    expect(cb.qty[long]).toBe(0)
    expect(cb.status[short]).toBe(2)
    // The short's profit at the bankruptcy price: 4,000 x (100 - 90) on top of its 40,000 margin.
    expect(cb.cash[cb.account[short]]).toBeCloseTo(40000 + 40000, 4)
    const user = run.ctx.user.positions[0]
    expect(user.qty).toBeCloseTo(8000, 6)
    const adl = run.ctx.log.events.find((e) => e.kind === 'adl' && e.account === 'user')
    expect(adl?.price).toBe('90')
    expect(adl?.qty).toBe('12000')
    expect(adl?.amounts?.profitLost).toBe('60000')
    // The bankrupt long it answered, and the insurance event that sent it to ADL, are its causes.
    const kinds = adl?.causes.map((c) => run.ctx.log.events[c - 1].kind)
    expect(kinds).toContain('bankrupt')
    expect(kinds).toContain('insurance')
    expect(run.ctx.ledger.clearing.perp[0]).toBeCloseTo(0, 9)
    expect(run.ctx.user.profitLostToAdl).toBeCloseTo(60000, 6)
  })

  it('the deleveraged trader re-hedges at the end of the window: the same short, at its leverage, into the book', () => {
    const { run, cb, long, short } = setup(profile('binance'), '0', userShort('binance'))
    moveTo(run, 85)
    run.perps.liquidate(0, 1, [long])
    const account = cb.account[short]
    const cash = cb.cash[account]
    const bookBefore = run.ctx.ledger.book.perp[0]
    run.ctx.rehedges.open()
    const slot = cb.runSlotsOf(0, -1)[0]
    expect(slot).toBeGreaterThanOrEqual(cb.legCount)
    expect(cb.account[slot]).toBe(account)
    expect(cb.side[slot]).toBe(-1)
    // 4,000 at 10x needs 4,000 x 85 / 10 = 34,000 of its 80,000: the whole quantity re-opens.
    expect(cb.qty[slot]).toBeCloseTo(4000, 6)
    expect(cb.margin[slot]).toBeCloseTo((4000 * cb.entry[slot]) / 10, 6)
    expect(cb.cash[account]).toBeCloseTo(cash - cb.margin[slot], 6)
    expect(cb.entry[slot]).toBeLessThan(85)
    expect(run.ctx.ledger.book.perp[0] - bookBefore).toBeCloseTo(4000, 6)
    // One: the crowd short. The user's short is the user's (never re-opened); the counterparty was not reached.
    expect(run.ctx.stats.rehedges).toBe(1)
  })

  it("ADL closing part of a crowd position releases the closed part's margin and profit to free cash; the rest keeps its margin per contract and its trigger", () => {
    const { run, cb, short } = setup(profile('binance'), '0')
    moveTo(run, 85)
    const q0 = cb.qty[short]
    const m0 = cb.margin[short]
    const trigger = cb.trigger[short]
    const account = cb.account[short]
    const cash = cb.cash[account]
    const entry = cb.entry[short]
    cb.deleveragePart(short, q0 / 4, 85, run.ctx.ledger.clearing)
    expect(cb.qty[short]).toBeCloseTo((q0 * 3) / 4, 9)
    expect(cb.margin[short] / cb.qty[short]).toBeCloseTo(m0 / q0, 9)
    expect(cb.trigger[short]).toBeCloseTo(trigger, 9)
    // A short's profit on the quarter closed at 85, and that quarter's margin.
    expect(cb.cash[account] - cash).toBeCloseTo(m0 / 4 + (q0 / 4) * (entry - 85), 6)
  })

  it("a re-hedge takes the bracket of one real account's notional: a body account of weight w holds w times its cum", () => {
    // 4,000 at about 85 is 340k: Binance's BTCUSDT bracket 2 (mmr 0.5%, cum 300) for one account,
    // bracket 1 (0.4%, cum 0) for each of 10 accounts of 34k.
    for (const [weight, rate] of [
      [1, (notional: number) => 0.005 - 300 / notional],
      [10, () => 0.004],
    ] as const) {
      const { run, cb, long, short } = setup(profile('binance'), '0', userShort('binance'))
      moveTo(run, 85)
      run.perps.liquidate(0, 1, [long])
      cb.crowd.accountWeight[cb.account[short]] = weight
      run.ctx.rehedges.open()
      const slot = cb.runSlotsOf(0, -1)[0]
      const notional = cb.qty[slot] * cb.entry[slot]
      expect(notional).toBeGreaterThan(300000)
      expect(cb.maintenance[slot], `weight ${weight}`).toBeCloseTo(rate(notional), 12)
    }
  })

  it('ranks by the method: the higher score is deleveraged first', () => {
    // Binance LeveragePnL = max(0, uPnL) / WB x MM / (WB + uPnL). With a 400k wallet the user's
    // short scores below the crowd's isolated 10x short, with a 200k wallet above it.
    for (const [wallet, userFirst] of [['400000', false], ['200000', true]] as const) {
      const book = userShort('binance')
      const { run, cb, long, short } = setup(profile('binance'), '0', { ...book, wallet: [{ asset: 'USDT', amount: wallet }] })
      moveTo(run, 85)
      const crowdScore = run.ctx.adl.crowdScore(short, run.ctx.market.mark(0))
      const userScore = run.ctx.userAdl.score(run.ctx.user.positions[0])
      expect(userScore > crowdScore, wallet).toBe(userFirst)
      run.perps.liquidate(0, 1, [long])
      expect(run.ctx.user.positions[0].qty, wallet).toBeCloseTo(userFirst ? 4000 : 8000, 6)
      expect(cb.qty[short], wallet).toBeCloseTo(userFirst ? 4000 : 0, 6)
    }
  })

  it('the user keeps the score it was ranked with until the queue is ranked again, as the crowd does', () => {
    // Hyperliquid's sort index for a cross short is entry / mark x notional / account value: closing
    // part of the short lowers it. Within one ranking the position keeps its place (so a burst of ADL
    // closes as much of it whether the bankrupt quantity comes in one piece or in many); a new
    // ranking scores it afresh.
    const { run } = setup(profile('hyperliquid'), '0', { ...userShort('hyperliquid', 'BTC', 'USDC'), wallet: [{ asset: 'USDC', amount: '200000' }] })
    moveTo(run, 85)
    const position = run.ctx.user.positions[0]
    const ranked = run.ctx.adl.ranking(0, -1)
    const before = run.ctx.userAdl.members(0, -1, ranked.builtAt)[0].score
    expect(before).toBeCloseTo(run.ctx.userAdl.score(position), 12)
    run.ctx.user.closePosition(position, 10000, 85, run.ctx.ledger.clearing)
    const now = run.ctx.userAdl.score(position)
    expect(now).toBeLessThan(before * 0.9)
    expect(run.ctx.userAdl.members(0, -1, ranked.builtAt)[0].score).toBe(before)
    // 40 s on (past the 30 s), the queue is ranked again and so is the user.
    moveTo(run, 83)
    const again = run.ctx.adl.ranking(0, -1)
    expect(again.builtAt).toBeGreaterThan(ranked.builtAt)
    expect(run.ctx.userAdl.members(0, -1, again.builtAt)[0].score).toBeCloseTo(run.ctx.userAdl.score(position), 12)
  })

  it('OKX closes ADL at mark while its fund can pay the deficit at mark', () => {
    const { run, long } = setup(profile('okx'), '1000000', userShort('okx'))
    moveTo(run, 85)
    fundOf(run).adlActive = true // the fund-threshold trigger has fired
    const mark = run.ctx.market.mark(0)
    run.perps.liquidate(0, 1, [long])
    const adl = run.ctx.log.events.find((e) => e.kind === 'adl' && e.account === 'user')
    expect(Number(adl?.price)).toBeCloseTo(mark, 8)
    expect(adl?.amounts?.profitLost).toBe('0')
    // The fund paid the long's deficit at mark: 16,000 x (90 - 85).
    expect(1000000 - fundOf(run).balance).toBeCloseTo(16000 * (90 - mark), 4)
  })

  it('OKX closes at bankruptcy when its fund is nearly empty', () => {
    const { run, long } = setup(profile('okx'), '10000', userShort('okx'))
    moveTo(run, 85)
    fundOf(run).adlActive = true
    run.perps.liquidate(0, 1, [long])
    const adl = run.ctx.log.events.find((e) => e.kind === 'adl' && e.account === 'user')
    expect(Number(adl?.price)).toBeCloseTo(90, 9)
    expect(fundOf(run).balance).toBe(10000)
  })

  it('Hyperliquid liquidates 20% slices above 100k, then the whole position during the 30 s cooldown', () => {
    const { run, cb, long } = setup(profile('hyperliquid'), '1000000')
    moveTo(run, 90.4)
    run.perps.liquidate(0, 1, [long])
    expect(cb.qty[long]).toBeCloseTo(16000 * 0.8, 6)
    expect(cb.status[long]).toBe(0)
    const trigger = cb.trigger[long]
    expect(trigger).toBeLessThan(90.4)
    // Seconds later the price crosses the new trigger: inside the cooldown, the whole position goes.
    moveTo(run, trigger - 0.01)
    expect(run.ctx.state.t - ((1 - 90.4 / 100) / 0.15) * 300).toBeLessThan(30)
    const crossed: number[] = []
    const watch = cb.watched.find((w) => w.asset === 0 && w.side === 1 && w.driver === 'mark')
    if (!watch) throw new Error('the sliced long is not watched')
    cb.popCrossed(watch, run.ctx.market.mark(0), crossed)
    expect(crossed).toEqual([long])
    run.perps.liquidate(0, 1, crossed)
    expect(cb.qty[long]).toBe(0)
    expect(cb.status[long]).toBe(1)
  })

  it('Hyperliquid market liquidations leave the trader the rest of the margin', () => {
    const { run, cb, long } = setup(withFee(profile('hyperliquid'), '0'), '1000000')
    moveTo(run, 90.4)
    run.perps.liquidate(0, 1, [long])
    expect(fundOf(run).balance).toBe(1000000)
    expect(cb.margin[long]).toBeGreaterThan(0)
  })

  it('Hyperliquid: the vault takes over what its equity covers with maintenance, and gives it up to ADL at mark when it no longer does', () => {
    // At 90.2 the long's equity 16,000 x (90.2 - 90) is under 2/3 of its maintenance (0.5%): the
    // backstop vault takes it over at its bankruptcy price 90, no book. hyperliquid BTC: 40x, mmr
    // 1/80. The vault's 2,000 must cover the maintenance of q x 90.2 / 80 after its gain of q x 0.2
    // at mark: q <= 2,000 / (90.2 / 80 - 0.2); the rest goes to ADL.
    const { run, cb, long } = setup(withFee(profile('hyperliquid'), '0'), '2000', userShort('hyperliquid', 'BTC', 'USDC'))
    moveTo(run, 90.2)
    const mark = run.ctx.market.mark(0)
    run.perps.liquidate(0, 1, [long])
    const fund = fundOf(run)
    const q = 2000 / (mark / 80 - (mark - 90))
    expect(fund.account.perp[0]).toBeCloseTo(q, 3)
    expect(cb.qty[long]).toBe(0)
    expect(run.ctx.user.positions[0].qty).toBeCloseTo(20000 - (16000 - 4000 - fund.account.perp[0]), 3)
    // The price falls on: the vault is below the maintenance of what it holds, and gives positions
    // up to the opposite queue at mark until it is within again, losing nothing at mark.
    moveTo(run, 89.5)
    const mark2 = run.ctx.market.mark(0)
    const equity = fund.balance
    const userBefore = run.ctx.user.positions[0].qty
    expect(run.ctx.funds.heldMaintenance(fund)).toBeGreaterThan(equity)
    expect(run.ctx.waterfall.deleverageHeld()).toBeGreaterThan(0)
    expect(fund.account.perp[0]).toBeCloseTo((equity * 80) / mark2, 3)
    expect(fund.balance).toBeCloseTo(equity, 6)
    const adl = run.ctx.log.events.filter((e) => e.kind === 'adl' && e.account === 'user').at(-1)
    expect(Number(adl?.price)).toBeCloseTo(mark2, 8)
    expect(run.ctx.user.positions[0].qty).toBeCloseTo(userBefore - (q - fund.account.perp[0]), 3)
    expect(run.ctx.log.events.some((e) => e.kind === 'insurance' && /below the maintenance/.test(e.note ?? ''))).toBe(true)
  })
})
