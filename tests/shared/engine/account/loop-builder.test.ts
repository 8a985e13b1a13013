// The recursive loop of docs/VENUE-RULES.md §4.3, worked example [C]: C = 100,000, LTV = 80%, n = 5.
import { describe, expect, it } from 'vitest'
import { buildLoopPath, computeMetrics, healthFactorText, loopClosedForm, swapAtPrices, triggerPriceText } from '../../../../shared/engine'
import type { LendingParams } from '../../../../shared/model/venue'
import { book, D, exchange } from './support'

const withLt = (lt: string): LendingParams => ({
  closeFactor: '0.5',
  fullCloseHealthFactor: '0.95',
  fullCloseBelowValue: '2000',
  minLeftoverValue: '1000',
  reserves: {
    USDe: { ltv: '0.8', liquidationThreshold: lt, liquidationBonus: '1.03', protocolFee: '0.1' },
    USDT: { ltv: '0.75', liquidationThreshold: '0.78', liquidationBonus: '1.045', protocolFee: '0.1' },
  },
  eModes: [],
})
const round6 = (s: string | null) => new D(s as string).toDecimalPlaces(6).toFixed(6)

describe('loop closed form', () => {
  const loop = loopClosedForm('100000', '0.8', 5)

  it('T = 100,000 x (1 - 0.8^6) / 0.2 = 368,928; D = 268,928; L = 3.68928x; realised LTV 0.728944', () => {
    expect(loop).toEqual({ supplied: '368928', borrowed: '268928', leverage: '3.68928', realisedLtv: new D('268928').div('368928').toFixed() })
    expect(round6(loop.realisedLtv)).toBe('0.728944')
  })

  const position = { supplies: [{ asset: 'USDe', amount: loop.supplied }], borrows: [{ asset: 'USDT', amount: loop.borrowed }] }
  const par = { USDe: '1', USDT: '1' }

  it.each([
    ['0.85', '0.857582'],
    ['0.90', '0.809938'],
    ['0.93', '0.783811'],
    ['0.95', '0.767310'],
  ])('depeg trigger p* = D / (T x LT): LT %s -> %s', (lt, expected) => {
    expect(round6(triggerPriceText(position, withLt(lt), par, 'USDe'))).toBe(expected)
  })

  it('HF at p = 1: LT 0.85 -> 1.166070; LT 0.90 -> 1.234662', () => {
    expect(round6(healthFactorText(position, withLt('0.85'), par))).toBe('1.166070')
    expect(round6(healthFactorText(position, withLt('0.9'), par))).toBe('1.234662')
  })

  it('at the Binance print p = 0.65 the loop is insolvent: 368,928 x 0.65 - 268,928 = -29,124.8', () => {
    expect(new D(loop.supplied).mul('0.65').sub(loop.borrowed).toFixed()).toBe('-29124.8')
  })
})

describe('loop path through a swap function', () => {
  const spec = { capital: '100000', asset: 'USDe', borrow: 'USDT', ltv: '0.8', loops: 5, prices: { asset: '1', borrow: '1' } }

  it('at par it is the closed form', () => {
    const path = buildLoopPath(spec, swapAtPrices({ USDe: '1', USDT: '1' }, () => 'USDe'))
    expect(path.supplied).toBe('368928')
    expect(path.borrowed).toBe('268928')
    expect(path.steps.map((s) => s.borrowed)).toEqual(['80000', '64000', '51200', '40960', '32768'])
  })

  it('with slippage a real loop comes out worse than the closed form', () => {
    const slippage = (_sell: string, amount: string) => new D(amount).mul('0.995').toFixed()
    const path = buildLoopPath(spec, slippage)
    expect(new D(path.supplied).lt('368928')).toBe(true)
    expect(new D(path.realisedLtv).gt(new D('268928').div('368928'))).toBe(true)
  })
})

describe('loops in a portfolio are expanded for metrics', () => {
  it('under the loop id, with the e-mode the position fits (USDe collateral, USDT debt)', () => {
    const doc = book({ loops: [{ id: 'usde', capital: '100000', asset: 'USDe', borrow: 'USDT', ltv: '0.8', loops: 5 }] })
    const r = computeMetrics(doc, exchange())
    if (!r.ok) throw new Error(JSON.stringify(r.issues))
    const lt = exchange().defi['aave-v3'].eModes[0].liquidationThreshold
    expect(r.value.defi).toEqual([
      // Net value at par: 368,928 USDe supplied less 268,928 USDT borrowed, the capital.
      { id: 'usde', netValue: '100000', healthFactor: new D('368928').mul(lt).div('268928').toFixed(), triggerPrices: { USDe: new D('268928').div(new D('368928').mul(lt)).toFixed() } },
    ])
  })

  it('a loop keeps its built amounts when USDe depegs: HF falls with the price', () => {
    const doc = book({ prices: { USDe: '0.65' }, loops: [{ id: 'usde', capital: '100000', asset: 'USDe', borrow: 'USDT', ltv: '0.8', loops: 5 }] })
    const r = computeMetrics(doc, exchange())
    const lt = exchange().defi['aave-v3'].eModes[0].liquidationThreshold
    expect(r.ok && r.value.defi[0].healthFactor).toBe(new D('368928').mul('0.65').mul(lt).div('268928').toFixed())
  })
})
