// Thousands separators are dropped exactly; anything ambiguous is left for the validator.
import { describe, expect, it } from 'vitest'
import { asciiFigure, ungroupDecimal } from '../../../shared/schemas/grouped-decimal'
import { checkDecimal } from '../../../shared/schemas/decimal-field'

describe('ungroupDecimal', () => {
  it.each([
    ['1,000', '1000'],
    ['9,000,000', '9000000'],
    ['-1,234,567.125', '-1234567.125'],
    ['12,345.000000000000000001', '12345.000000000000000001'],
    ['1000', '1000'],
    [' 1,000 ', '1000'],
    ['１，０００．５', '1000.5'],
    ['−2,500', '-2500'],
  ])('%s -> %s', (typed, plain) => {
    expect(ungroupDecimal(typed)).toBe(plain)
  })

  it.each(['1,00', '1.000,5', ',100', '1,,000', '10,00,000', '1,000,', 'abc', '1e3'])('leaves %s for the validator', (typed) => {
    expect(ungroupDecimal(typed)).toBe(asciiFigure(typed))
  })

  it('keeps every digit of a value a float would round', () => {
    const typed = '123,456,789,012,345,678.123456789012345'
    const plain = ungroupDecimal(typed)
    expect(plain).toBe('123456789012345678.123456789012345')
    expect(Number(plain).toString()).not.toBe(plain)
  })

  it('an ungrouped figure passes the format validator; a mis-grouped one is refused with the text', () => {
    expect(checkDecimal(ungroupDecimal('9,000,000'), 'positive')).toEqual({ ok: true, value: '9000000' })
    expect(checkDecimal(ungroupDecimal('9,000,00'), 'positive').ok).toBe(false)
  })
})
