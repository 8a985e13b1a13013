// The radix argsort agrees with a plain stable comparator sort.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { argsort, argsortFrom } from '../../../../shared/engine/crowd/argsort'

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

  it('argsortFrom gives argsort\'s order from any start it finishes, and gives up past its budget', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -20, max: 20 }), { minLength: 1, maxLength: 300 }), fc.integer(), (ints, salt) => {
        const keys = ints.map((x) => x / 4)
        const n = keys.length
        // A start near the answer (the sorted order with a few neighbours swapped) and a shuffled one.
        const near = Int32Array.from(argsort(keys))
        for (let k = 1; k < n; k += 7) [near[k - 1], near[k]] = [near[k], near[k - 1]]
        expect(Array.from(argsortFrom(keys, near, n * n) ?? [])).toEqual(reference(keys))
        const shuffled = Int32Array.from({ length: n }, (_, i) => i)
        for (let i = n - 1; i > 0; i--) {
          const j = Math.abs((salt * 31 + i * 7919) % (i + 1))
          ;[shuffled[i], shuffled[j]] = [shuffled[j], shuffled[i]]
        }
        expect(Array.from(argsortFrom(keys, shuffled.slice(), n * n) ?? [])).toEqual(reference(keys))
      }),
      { numRuns: 200, seed: 5 },
    )
    // Reversed distinct keys need n(n-1)/2 moves: one fewer is refused.
    const keys = Array.from({ length: 50 }, (_, i) => i)
    const reversed = () => Int32Array.from(keys, (_, i) => 49 - i)
    expect(argsortFrom(keys, reversed(), (50 * 49) / 2 - 1)).toBeNull()
    expect(Array.from(argsortFrom(keys, reversed(), (50 * 49) / 2) ?? [])).toEqual(keys)
  })
})
