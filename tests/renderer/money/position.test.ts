// The money of one position: notional at entry, the mark it was valued at, the distance to liquidation.
import { describe, expect, it } from 'vitest'
import { signedPercent } from '../../../renderer/src/lib/format'
import { distanceFrom, entryNotional, isNearLiquidation, markOf } from '../../../renderer/src/money/position'

describe('position money', () => {
  it('notional at entry is exact: qty x entry, or the notional given', () => {
    const base = { id: 'a', symbol: 'BTCUSDT', side: 'long' as const, entryPrice: '122000', leverage: '3' }
    expect(entryNotional({ ...base, qty: '40.98' })).toBe('4999560')
    expect(entryNotional({ ...base, qty: '0.1', entryPrice: '0.2' })).toBe('0.02')
    expect(entryNotional({ ...base, notional: '500000' })).toBe('500000')
    expect(entryNotional({ ...base, qty: '-3' })).toBeNull()
    expect(entryNotional({ ...base, qty: '1', entryPrice: '' })).toBeNull()
  })

  it('measures the distance from the mark to the liquidation price', () => {
    const mark = markOf({ notional: '4999560', qty: '40.98' })
    expect(mark).toBe('122000')
    expect(signedPercent(distanceFrom(mark, '76282.83814228177332130480007493185'))).toBe('-37.47%')
    expect(distanceFrom(mark, null)).toBeNull()
    expect(markOf({ notional: '1', qty: '0' })).toBeNull()
  })

  it('keeps exact digits, with no exponent, for tiny and huge marks', () => {
    expect(markOf({ notional: '0.000000123', qty: '1' })).toBe('0.000000123')
    expect(distanceFrom('0.00000002', '0.00000001')).toBe('-0.5')
  })

  it('calls a liquidation within 10% of the mark near', () => {
    expect(isNearLiquidation('-0.0999')).toBe(true)
    expect(isNearLiquidation('0.05')).toBe(true)
    expect(isNearLiquidation('-0.1')).toBe(false)
    expect(isNearLiquidation('-0.3747')).toBe(false)
    expect(isNearLiquidation(null)).toBe(false)
  })
})
