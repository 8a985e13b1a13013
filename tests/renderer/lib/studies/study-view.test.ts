// What the study screens derive from a report: percentages and Wilson intervals as printed, the
// set a grid cell or solve value ran with (the single run that reproduces it), the worst draws,
// axis values as a trader reads them, and the book's names for positions.
import { describe, expect, it } from 'vitest'
import type { DrawOutcome } from '../../../../shared/model/study'
import { tEn, tJa, tZh } from '../../translate'
import { axisChoices, axisKind } from '../../../../renderer/src/lib/studies/axis-choices'
import { axisName, axisValueExact, axisValueLabel, gridCellSet, interval, pct, positionLabel, setText, solveValueSet, worstDraws } from '../../../../renderer/src/lib/studies/study-view'

describe('study view', () => {
  it('prints a share and its interval', () => {
    expect(pct(0.125)).toBe('12.5%')
    expect(pct(1, 0)).toBe('100%')
    expect(pct(Number.NaN)).toBe('—')
    expect(interval({ k: 1, n: 8, p: 0.125, lo: 0.022, hi: 0.471 })).toBe('2.2–47.1%')
  })

  it('a grid cell runs with the study set and its two axes on top', () => {
    const r = { inputs: { set: { fund: '200000000', scale: '9' } }, x: { axis: 'scale', values: ['0.5', '1'] }, y: { axis: 'withdrawal', values: ['0', '0.98'] } }
    expect(gridCellSet(r as never, 1, 0)).toEqual({ fund: '200000000', scale: '1', withdrawal: '0' })
    expect(solveValueSet({ inputs: { set: { fund: '1' } }, axis: 'collateral:USDT' } as never, '2960000')).toEqual({ fund: '1', 'collateral:USDT': '2960000' })
    expect(setText({ fund: '1', 'shock:BTC': '-0.2' })).toBe('fund=1 shock:BTC=-0.2')
  })

  it('the worst draws: lowest final equity first, ties by draw', () => {
    const o = (draw: number, finalEquity: string) => ({ draw, finalEquity }) as DrawOutcome
    expect(worstDraws([o(0, '5'), o(1, '0'), o(2, '10'), o(3, '0')], 3).map((d) => d.draw)).toEqual([1, 3, 0])
  })

  it('axis values as a trader reads them', () => {
    expect(axisValueLabel('shock:BTC', '-0.15')).toBe('-15%')
    expect(axisValueLabel('withdrawal', '0.49')).toBe('49%')
    expect(axisValueLabel('scale', '1.5')).toBe('×1.5')
    expect(axisValueLabel('fund', '200000000')).toBe('200M')
    expect(axisValueLabel('collateral:USDT', '2963200')).toBe('2.96M')
    expect(axisValueLabel('collateral:BTC', '1.25')).toBe('1.25')
    expect(axisValueLabel('odd', 'x')).toBe('x')
    expect(axisValueExact('collateral:USDT', '2963200')).toBe('2,963,200 USDT')
    expect(axisValueExact('fund', '200000000')).toBe('200,000,000 USD')
  })

  it("names an axis as a trader reads it, in the app's language: collateral is what is added", () => {
    expect(axisName('collateral:USDC', tEn)).toBe('extra USDC collateral')
    expect(axisName('shock:BTC', tEn)).toBe('BTC move at the bottom')
    expect(axisName('fund', tEn)).toBe('insurance fund')
    expect(axisName('collateral:USDC', tJa)).toBe('追加の USDC 担保')
    expect(axisName('depeg:USDe', tZh)).toBe('USDe 谷底脱锚')
    // An axis the app does not know is shown as written.
    expect(axisName('spread:BTC', tEn)).toBe('spread:BTC')
    expect(axisValueExact('shock:BTC', '-0.15')).toBe('-0.15')
  })

  it('names positions, DeFi positions and loops of the book', () => {
    const book = { positions: [{ id: 'btc', symbol: 'BTCUSDT', side: 'long' }], defi: [{ id: 'aave1', protocol: 'aave-v3' }], loops: [{ id: 'l1', asset: 'wstETH', borrow: 'WETH' }] }
    expect(positionLabel(book as never, 'btc')).toBe('btc BTCUSDT ▲')
    expect(positionLabel(book as never, 'aave1')).toBe('aave1 aave-v3')
    expect(positionLabel(book as never, 'l1')).toBe('l1 wstETH/WETH')
    expect(positionLabel(book as never, 'gone')).toBe('gone')
  })

  it('suggests the axes a scenario and a book offer', () => {
    const choices = axisChoices({ prices: { ETH: '1', BTC: '2' }, pegs: { USDe: { to: 'USDT', ratio: '1' } } } as never, { wallet: [{ asset: 'BTC', amount: '1' }] } as never)
    expect(choices).toEqual(['scale', 'withdrawal', 'fund', 'shock:BTC', 'shock:ETH', 'depeg:USDe', 'collateral:BTC', 'collateral:USDC', 'collateral:USDT'])
    expect(axisChoices(null, null)).toEqual(['scale', 'withdrawal', 'fund', 'collateral:USDC', 'collateral:USDT'])
    expect(axisKind('shock:BTC')).toBe('shock')
    expect(axisKind('nope')).toBeNull()
  })
})
