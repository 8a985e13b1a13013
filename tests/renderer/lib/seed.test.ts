// The seed of a run as typed on the run bar.
import { describe, expect, it } from 'vitest'
import { parseSeed } from '../../../renderer/src/lib/seed'

describe('seed', () => {
  it('reads a seed: empty for the scenario default, else a 32-bit whole number', () => {
    expect(parseSeed('')).toEqual({ ok: true, value: undefined })
    expect(parseSeed(' 42 ')).toEqual({ ok: true, value: 42 })
    expect(parseSeed('4294967295')).toEqual({ ok: true, value: 4294967295 })
    expect(parseSeed('4294967296').ok).toBe(false)
    expect(parseSeed('-1').ok).toBe(false)
    expect(parseSeed('4.2').ok).toBe(false)
  })
})
