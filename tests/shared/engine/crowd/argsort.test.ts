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

  it('matches it on long lists, on both sides of the switch between digit widths', () => {
    // Below 4,096 keys four 8-bit passes, from there three of 11/11/10 bits; scratch columns are
    // reused between calls, so lengths go up and down.
    fc.assert(
      fc.property(fc.integer({ min: 64, max: 9000 }), fc.integer({ min: 1, max: 1e6 }), fc.boolean(), (n, salt, coarse) => {
        const keys = Array.from({ length: n }, (_, i) => {
          const x = Math.sin(i * 12.9898 + salt) * 43758.5453
          return coarse ? Math.round(x / 1000) : x - Math.floor(x) - 0.5 + (i % 7) * 1e3
        })
        expect(Array.from(argsort(keys))).toEqual(reference(keys))
      }),
      { numRuns: 40, seed: 11 },
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
