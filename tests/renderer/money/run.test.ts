// The money of a finished run: equity change, loss shares, fund drawn, a merged node's total.
import { describe, expect, it } from 'vitest'
import type { CascadeEvent } from '../../../shared/model/run'
import { amountTotal, equityChange, fundDrawn, fundDrawnLabel, isPositive, isZero, lossShares, lossWaterfall, signClass } from '../../../renderer/src/money/run'

describe('run money', () => {
  it('changes equity exactly, relative to the start', () => {
    expect(equityChange('1000000', '625000.5')).toEqual({ abs: '-374999.5', rel: '-0.3749995' })
    expect(equityChange('-200', '-100')).toEqual({ abs: '100', rel: '0.5' })
    expect(equityChange('0', '10')).toEqual({ abs: '10', rel: null })
    expect(equityChange('0.1', '0.3').abs).toBe('0.2')
  })

  it('colours a signed amount and tells a positive one', () => {
    expect(signClass('-0.01')).toBe('short')
    expect(signClass('3')).toBe('long')
    expect(signClass('0')).toBe('')
    expect(isPositive('0.0001')).toBe(true)
    expect(isPositive('0')).toBe(false)
    expect(isZero('0.000')).toBe(true)
  })

  it('shares the loss among the parts that lost money', () => {
    const r = lossShares({ price: '300', slippage: '100', fees: '0', profitLostToAdl: '-50', total: '350' })
    expect(r.total).toBe('350')
    expect(r.parts.map((p) => [p.key, p.share])).toEqual([
      ['price', 0.75],
      ['slippage', 0.25],
      ['fees', 0],
      ['profitLostToAdl', 0],
    ])
    expect(lossShares({ price: '0', slippage: '0', fees: '0', profitLostToAdl: '0', total: '0' }).parts.every((p) => p.share === 0)).toBe(true)
  })

  it('draws the fund as a fraction of its start', () => {
    expect(fundDrawn({ start: '1000', min: '250', end: '400' })).toBe('0.75')
    expect(fundDrawn({ start: '0', min: '0', end: '0' })).toBeNull()
  })

  it('labels the draw without a "-0%": whole percent, two places under one, nothing when untouched', () => {
    expect(fundDrawnLabel({ start: '1000', min: '250', end: '400' })).toBe('-75%')
    expect(fundDrawnLabel({ start: '100000000', min: '99630000', end: '100000000' })).toBe('-0.37%')
    expect(fundDrawnLabel({ start: '2670000000', min: '2669990000', end: '2670000000' })).toBe('-<0.01%')
    expect(fundDrawnLabel({ start: '100000000', min: '100000000', end: '120000000' })).toBeNull()
    expect(fundDrawnLabel({ start: '0', min: '0', end: '0' })).toBeNull()
  })

  it('totals an amount over a merged node exactly', () => {
    const ev = (amounts: Record<string, string>): CascadeEvent => ({ amounts }) as unknown as CascadeEvent
    const events = [ev({ notional: '0.1' }), ev({ notional: '0.2' }), ev({ fee: '5' })]
    expect(amountTotal(events, 'notional')).toBe('0.3')
    expect(amountTotal(events, 'shortfall')).toBe('0')
    expect(amountTotal([ev({ notional: 'x' })], 'notional')).toBeNull()
  })
})

describe('loss waterfall', () => {
  it('steps from the start equity through each part to the final equity, exactly', () => {
    const steps = lossWaterfall('2250000', '0', { price: '2214154.04', slippage: '871.53', fees: '34974.43', profitLostToAdl: '0', total: '2250000' })
    expect(steps.map((s) => [s.key, s.from, s.to])).toEqual([
      ['start', '0', '2250000'],
      ['price', '2250000', '35845.96'],
      ['slippage', '35845.96', '34974.43'],
      ['fees', '34974.43', '0'],
      ['profitLostToAdl', '0', '0'],
      ['final', '0', '0'],
    ])
    expect(steps[1].value).toBe('-2214154.04')
  })

  it('steps up for a part that gained, and lands on the final equity', () => {
    const steps = lossWaterfall('1000', '1100.1', { price: '-100.3', slippage: '0.1', fees: '0.1', profitLostToAdl: '0', total: '-100.1' })
    expect(steps[1]).toEqual({ key: 'price', from: '1000', to: '1100.3', value: '100.3' })
    expect(steps[4].to).toBe('1100.1')
    expect(steps[5]).toEqual({ key: 'final', from: '0', to: '1100.1', value: '1100.1' })
  })
})
