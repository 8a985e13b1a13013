// Read-only figures: thousands separators on exact decimal strings, notional at entry.
import { describe, expect, it } from 'vitest'
import { countLabel, entryNotional, formatFixed, groupThousands } from '../../../renderer/src/lib/format'
import { shortcutFor } from '../../../renderer/src/lib/shortcuts'

describe('formatting', () => {
  it('groups thousands without touching the digits', () => {
    expect(groupThousands('2000000')).toBe('2,000,000')
    expect(groupThousands('-1234567.123456')).toBe('-1,234,567.123456')
    expect(groupThousands('999')).toBe('999')
    expect(groupThousands('0.00001234')).toBe('0.00001234')
    expect(groupThousands('abc')).toBe('abc')
  })

  it('rounds half to even at the requested places', () => {
    expect(formatFixed('4999560', 2)).toBe('4,999,560.00')
    expect(formatFixed('0.125', 2)).toBe('0.12')
    expect(formatFixed('0.135', 2)).toBe('0.14')
    expect(formatFixed('123456789012345678.995', 2)).toBe('123,456,789,012,345,679.00')
  })

  it('notional at entry is exact: qty x entry, or the notional given', () => {
    const base = { id: 'a', symbol: 'BTCUSDT', side: 'long' as const, entryPrice: '122000', leverage: '3' }
    expect(entryNotional({ ...base, qty: '40.98' })).toBe('4999560')
    expect(entryNotional({ ...base, qty: '0.1', entryPrice: '0.2' })).toBe('0.02')
    expect(entryNotional({ ...base, notional: '500000' })).toBe('500000')
    expect(entryNotional({ ...base, qty: '-3' })).toBeNull()
    expect(entryNotional({ ...base, qty: '1', entryPrice: '' })).toBeNull()
  })

  it('labels counts', () => {
    expect(countLabel(1, 'position', 'positions')).toBe('1 position')
    expect(countLabel(1204, 'position', 'positions')).toBe('1,204 positions')
  })
})

describe('shortcuts', () => {
  const key = (k: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; shiftKey: boolean; altKey: boolean }> = {}) => ({
    key: k,
    ctrlKey: false,
    metaKey: false,
    shiftKey: false,
    altKey: false,
    ...mods,
  })
  it('maps Ctrl/Cmd chords', () => {
    expect(shortcutFor(key('n', { ctrlKey: true }))).toBe('new')
    expect(shortcutFor(key('z', { metaKey: true }))).toBe('undo')
    expect(shortcutFor(key('Z', { ctrlKey: true, shiftKey: true }))).toBe('redo')
    expect(shortcutFor(key('y', { ctrlKey: true }))).toBe('redo')
    expect(shortcutFor(key('n'))).toBeNull()
    expect(shortcutFor(key('z', { ctrlKey: true, altKey: true }))).toBeNull()
  })
})
