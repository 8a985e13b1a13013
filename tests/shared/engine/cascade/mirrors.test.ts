// Every float64 mirror of the hot loop agrees with the exact decimal engine it mirrors within 1e-9
// relative on random inputs (mirrors.ts names each one), and the user's account, valued by the
// mirrors at a run's start, agrees with `computeMetrics` on the same book at the same prices.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { adlScore } from '../../../../shared/engine/account/adl'
import { queuePercentiles } from '../../../../shared/engine/account/adl'
import { liquidateAaveStep } from '../../../../shared/engine/account/aave-liquidation'
import { bracketFor, deriveBrackets, maintenanceMargin } from '../../../../shared/engine/account/brackets'
import { adjustedValue, tierTable } from '../../../../shared/engine/account/collateral'
import { dec } from '../../../../shared/decimal'
import { healthFactor, reserveTerms, chooseEMode } from '../../../../shared/engine/account/defi'
import { bankruptcyPriceRaw } from '../../../../shared/engine/account/liquidation-price'
import { computeMetrics } from '../../../../shared/engine/account/metrics-report'
import { createRun } from '../../../../shared/engine/cascade/run-cascade'
import { adjustedValueF, adlScoreF, aaveStepF, bankruptcyPriceF, floatBrackets, floatTiers, healthFactorF, maintenanceMarginF, percentileBucket } from '../../../../shared/engine/cascade/mirrors'
import { scenarioStartPrices, venueWithLending } from '../../../../shared/engine/cascade/validate'
import type { ExchangeProfile, LendingProfile } from '../../../../shared/model/venue'
import { miniScenario, profile, randomBook } from './support'

const close = (float: number, exact: number, what: string) => {
  const tol = 1e-9 * Math.max(1, Math.abs(exact))
  expect(Math.abs(float - exact), `${what}: float ${float} vs exact ${exact}`).toBeLessThanOrEqual(tol)
}
/** A decimal string with up to `places` decimals, and its float. */
const amount = (min: number, max: number, places = 2) => fc.integer({ min: Math.round(min * 10 ** places), max: Math.round(max * 10 ** places) }).map((n) => (n / 10 ** places).toFixed(places))
const exchanges = ['binance', 'bybit', 'okx', 'hyperliquid'].map((id) => profile(id) as ExchangeProfile)

describe('float64 mirrors agree with the decimal engine within 1e-9', () => {
  it('maintenanceMarginF ~ maintenanceMargin(bracketFor(rows, n), n) (brackets.ts)', () => {
    const tables = exchanges.flatMap((v) => Object.values(v.contracts).map((c) => deriveBrackets(c, v.maintenanceRule)))
    fc.assert(
      fc.property(fc.constantFrom(...tables), amount(0, 2_500_000_000), (rows, n) => {
        close(maintenanceMarginF(floatBrackets(rows), Number(n)), maintenanceMargin(bracketFor(rows, dec(n)), dec(n)).toNumber(), `MM of ${n}`)
      }),
      { numRuns: 400 },
    )
  })

  it('adjustedValueF ~ adjustedValue (collateral.ts), tiers by value and by quantity', () => {
    const tables = exchanges.flatMap((v) => Object.values(v.collateral ?? {}).map((t) => tierTable(t)))
    fc.assert(
      fc.property(fc.constantFrom(...tables), amount(-1_000_000, 50_000_000, 4), amount(0.0001, 200_000, 4), (table, units, price) => {
        close(adjustedValueF(floatTiers(table), Number(units), Number(price)), adjustedValue(table, dec(units), dec(price)).toNumber(), `adjusted ${units} x ${price}`)
      }),
      { numRuns: 400 },
    )
  })

  it('adlScoreF ~ adlScore (adl.ts) for every method', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('binance', 'bitmex', 'hyperliquid' as const),
        fc.constantFrom(1, -1),
        amount(0.01, 10_000, 4),
        amount(0.01, 200_000, 2),
        amount(0.01, 200_000, 2),
        amount(-1_000_000, 5_000_000, 2),
        amount(0, 1_000_000, 2),
        (method, sign, q, entry, mark, wallet, mm) => {
          const upnl = dec(q).mul(dec(mark).sub(dec(entry))).mul(sign)
          const marginBalance = dec(wallet).add(upnl)
          const exact = adlScore(
            method as 'binance',
            { walletBalance: dec(wallet), marginBalance, maintenanceMargin: dec(mm) },
            { sign: sign as 1 | -1, notional: dec(q).mul(dec(mark)), entryNotional: dec(q).mul(dec(entry)), unrealizedPnl: upnl },
          )
          const float = adlScoreF(method as 'binance', sign, Number(q), Number(entry), Number(mark), upnl.toNumber(), Number(wallet), marginBalance.toNumber(), Number(mm))
          if (exact === null) expect(Number.isNaN(float)).toBe(true)
          else close(float, exact.toNumber(), `${method} score`)
        },
      ),
      { numRuns: 500 },
    )
  })

  it('percentileBucket ~ queuePercentiles (adl.ts), ties and all', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ score: fc.option(fc.integer({ min: -5, max: 20 }), { nil: null }), weight: fc.integer({ min: 1, max: 100 }) }), { minLength: 1, maxLength: 40 }), (entries) => {
        const exact = queuePercentiles(entries)
        entries.forEach((e, i) => {
          if (e.score === null) return expect(exact[i]).toBeNull()
          const total = entries.reduce((s, x) => s + (x.score === null ? 0 : x.weight), 0)
          const above = entries.reduce((s, x) => s + (x.score !== null && x.score >= (e.score as number) ? x.weight : 0), 0)
          expect(percentileBucket(above, total) * 20).toBe(exact[i])
        })
      }),
      { numRuns: 300 },
    )
  })

  it('healthFactorF ~ healthFactor (defi.ts), with the e-mode the position would pick', () => {
    const params = (profile('aave-v3') as LendingProfile).lending
    const assets = Object.keys(params.reserves)
    fc.assert(
      fc.property(
        fc.array(fc.record({ asset: fc.constantFrom(...assets), amount: amount(0, 1_000_000) }), { minLength: 1, maxLength: 3 }),
        fc.array(fc.record({ asset: fc.constantFrom(...assets), amount: amount(0, 1_000_000) }), { minLength: 0, maxLength: 2 }),
        fc.dictionary(fc.constantFrom(...assets), amount(0.01, 5000, 4)),
        (supplies, borrows, given) => {
          const price = (a: string) => dec(given[a] ?? '1')
          const pos = { supplies: supplies.map((s) => ({ asset: s.asset, amount: dec(s.amount) })), borrows: borrows.map((b) => ({ asset: b.asset, amount: dec(b.amount) })) }
          const exact = healthFactor(pos, params, price).healthFactor
          const eMode = chooseEMode(params, pos)
          const float = healthFactorF(
            supplies.map((s) => Number(s.amount) * Number(given[s.asset] ?? '1')),
            supplies.map((s) => reserveTerms(params, s.asset, eMode).liquidationThreshold.toNumber()),
            borrows.map((b) => Number(b.amount) * Number(given[b.asset] ?? '1')),
          )
          if (exact === null) expect(float).toBe(Infinity)
          else close(float, exact.toNumber(), 'HF')
        },
      ),
      { numRuns: 300 },
    )
  })

  it('bankruptcyPriceF ~ bankruptcyPriceRaw (liquidation-price.ts)', () => {
    fc.assert(
      fc.property(fc.constantFrom('long', 'short' as const), amount(0.001, 10_000, 3), amount(0.01, 200_000), amount(-500_000, 5_000_000), (side, q, ep, balance) => {
        const exact = bankruptcyPriceRaw(side as 'long', dec(q), dec(ep), dec(balance))
        close(bankruptcyPriceF(side === 'long' ? 1 : -1, Number(q), Number(q) * Number(ep), Number(balance)), exact.toNumber(), 'BP')
      }),
      { numRuns: 300 },
    )
  })

  it('aaveStepF ~ liquidateAaveStep (aave-liquidation.ts) for one collateral against one debt', () => {
    const params = (profile('aave-v3') as LendingProfile).lending
    fc.assert(
      fc.property(amount(1, 2_000_000), amount(0.5, 1.2, 4), amount(1, 2_000_000), (coll, price, debt) => {
        const pos = { supplies: [{ asset: 'USDe', amount: dec(coll) }], borrows: [{ asset: 'USDT', amount: dec(debt) }] }
        const exact = liquidateAaveStep(pos, params, (a) => dec(a === 'USDe' ? price : '1'), { collateralAsset: 'USDe', debtAsset: 'USDT' })
        const terms = reserveTerms(params, 'USDe', chooseEMode(params, pos))
        const float = aaveStepF(Number(coll), Number(price), Number(debt), 1, terms.liquidationThreshold.toNumber(), terms.liquidationBonus.toNumber(), Number(params.reserves.USDe.protocolFee), {
          closeFactor: Number(params.closeFactor),
          fullCloseHealthFactor: Number(params.fullCloseHealthFactor),
          fullCloseBelowValue: Number(params.fullCloseBelowValue),
          minLeftoverValue: Number(params.minLeftoverValue),
        })
        expect(float.outcome).toBe(exact.outcome)
        if (exact.outcome === 'liquidated' && float.outcome === 'liquidated') {
          close(float.repaid, exact.debtRepaid.toNumber(), 'repaid')
          close(float.seized, exact.collateralSeized.toNumber(), 'seized')
          close(float.protocolFee, exact.protocolFee.toNumber(), 'fee')
          close(float.closeFactor, exact.closeFactor.toNumber(), 'close factor')
          close(float.badDebt, exact.deficit.reduce((s, d) => s + d.amount.toNumber(), 0), 'bad debt')
        }
      }),
      { numRuns: 400 },
    )
  })
})

describe("the user's account at a run's start agrees with computeMetrics", () => {
  it('margin ratio, uniMMR, maintenance margin, equity and ADL scores on random books', () => {
    const scenario = miniScenario({ accounts: 50 })
    const venue = profile('binance')
    const lending = profile('aave-v3')
    fc.assert(
      fc.property(randomBook, (book) => {
        const metrics = computeMetrics(book, venueWithLending(venue, lending), { prices: scenarioStartPrices(scenario) })
        if (!metrics.ok) throw new Error(JSON.stringify(metrics.issues))
        const m = metrics.value
        const run = createRun({ portfolio: book, venue, lending, scenario })
        const f = run.ctx.user.measure()
        close(f.exchangeEquity, Number(m.account.marginBalance), 'margin balance')
        close(f.maintenanceMargin, Number(m.account.maintenanceMargin), 'MM')
        if (book.marginMode === 'portfolio') {
          if (m.account.uniMMR === null) expect(f.uniMMR).toBe(Infinity)
          else close(f.uniMMR, Number(m.account.uniMMR), 'uniMMR')
        } else if (book.marginMode === 'cross' && m.account.marginRatio !== null && book.positions.length) close(f.marginRatio, Number(m.account.marginRatio), 'margin ratio')
        run.ctx.user.positions.forEach((p, i) => {
          const exact = m.positions[i].adl.score
          const float = run.ctx.userAdl.score(p)
          if (exact === null) expect(Number.isNaN(float)).toBe(true)
          else close(float, Number(exact), `ADL score of ${p.id}`)
        })
      }),
      { numRuns: 60, seed: 3 },
    )
  })
})
