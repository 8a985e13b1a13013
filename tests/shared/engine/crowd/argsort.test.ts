// The radix argsort agrees with a plain stable comparator sort.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { argsort } from '../../../../shared/engine/crowd/argsort'

function reference(keys: number[]): number[] {
  return keys.map((_, i) => i).sort((a, b) => keys[a] - keys[b] || a - b)
}

describe('argsort', () => {
  it('matches a stable comparator sort on any finite keys', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ noNaN: true, noDefaultInfinity: false, min: -1e12, max: 1e12 }), { maxLength: 400 }), (keys) => {
        expect(Array.from(argsort(keys))).toEqual(reference(keys))
      }),
      { numRuns: 300, seed: 7 },
    )
  })

  it('orders keys that share a float32 image by their exact value, ties by index', () => {
    const base = 104_853.123456789
    const keys = Array.from({ length: 200 }, (_, i) => base + ((i * 7919) % 13) * 1e-9)
    expect(Array.from(argsort(keys))).toEqual(reference(keys))
  })

  it('handles negatives, zeros and infinities', () => {
    const keys = [3, -0, 0, -Infinity, Infinity, -2.5, 1e-300, -1e-300, ...Array.from({ length: 100 }, (_, i) => (i % 2 ? i : -i))]
    expect(Array.from(argsort(keys))).toEqual(reference(keys))
  })
})
