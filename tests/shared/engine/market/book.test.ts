// The book walk against the worked examples of docs/VENUE-RULES.md §5.1.
import { describe, expect, it } from 'vitest'
import { Book } from '../../../../shared/engine/market/book'

const linear = (depth2pct: number) => new Book({ kind: 'bands', distances: [0.02], depths: [depth2pct], farBookDensity: 0.25 }, 60)

describe('linear book (docs/VENUE-RULES.md §5.1)', () => {
  it('D_2% = $1.2M, Q = $600k: the mid moves 1.0%, the average fill is 0.5% away', () => {
    const book = linear(1_200_000)
    const walk = book.sell(600_000, 100, 1)
    expect(walk.deltaAfter).toBeCloseTo(-0.01, 12)
    expect(walk.qty).toBeCloseTo(6000, 9)
    const avgPrice = walk.usd / walk.qty
    expect(1 - avgPrice / 100).toBeCloseTo(0.005, 12)
  })

  it('walks into the next band with its own density', () => {
    const book = new Book({ kind: 'bands', distances: [0.01, 0.02, 0.05], depths: [1_000_000, 1_500_000, 3_000_000], farBookDensity: 0.25 }, 60)
    // 1M takes the first 1%; 0.25M more is half of the second band (0.5M over 1%) -> 1.5%.
    expect(book.sell(1_250_000, 1, 1).deltaAfter).toBeCloseTo(-0.015, 12)
    // 1.75M more: 0.25M to the 2% band edge, then 1.5M of the 1.5M over 3% -> 5%.
    expect(book.sell(1_750_000, 1, 1).deltaAfter).toBeCloseTo(-0.05, 12)
  })

  it('depth pulled to $27k (-97.75%): a $600k sale runs into the far book, not off the end', () => {
    const book = linear(1_200_000)
    const m = 27_000 / 1_200_000
    const walk = book.sell(600_000, 100, m)
    // Linear extrapolation would say 44.4% (docs/VENUE-RULES.md §5.1); the sparse far book is thinner still.
    expect(Number.isFinite(walk.deltaAfter)).toBe(true)
    expect(walk.deltaAfter).toBeLessThan(-0.444)
    expect(walk.deltaAfter).toBeGreaterThan(-1)
    const avgPrice = walk.usd / walk.qty
    expect(avgPrice).toBeGreaterThan(100 * (1 + walk.deltaAfter))
    expect(avgPrice).toBeLessThan(100)
  })

  it('an absurd sale ends at the price floor with a finite, positive fill', () => {
    const book = linear(1_000)
    const walk = book.sell(1e18, 1, 1)
    expect(1 + walk.deltaAfter).toBeGreaterThan(0)
    expect(walk.usd).toBeGreaterThan(0)
    expect(Number.isFinite(walk.usd)).toBe(true)
  })
})

describe('square-root impact (docs/VENUE-RULES.md §5.1)', () => {
  it('Y = 1, sigma = 3%, V = $20B, Q = $1B moves the price 0.6708%', () => {
    const book = new Book({ kind: 'sqrt', sigma: 0.03, dailyVolume: 20e9, y: 1 }, 60)
    const walk = book.sell(1e9, 1, 1)
    expect(-walk.deltaAfter).toBeCloseTo(0.03 * Math.sqrt(1 / 20), 12)
    expect(-walk.deltaAfter * 100).toBeCloseTo(0.6708, 4)
    // Its density grows linearly, so the average fill sits at 2/3 of the final move.
    expect(1 - walk.usd / walk.qty).toBeCloseTo((2 / 3) * -walk.deltaAfter, 12)
  })

  it('is symmetric: buying the same amount moves the price up by the same law', () => {
    const book = new Book({ kind: 'sqrt', sigma: 0.03, dailyVolume: 20e9, y: 1 }, 60)
    expect(book.buy(1e9, 1, 1).deltaAfter).toBeCloseTo(0.006708, 6)
  })
})

describe('resilience', () => {
  it('halves the log-displacement every half-life', () => {
    const book = linear(1_200_000)
    book.sell(600_000, 1, 1)
    const start = Math.log1p(book.displacement)
    book.decay(60)
    expect(Math.log1p(book.displacement)).toBeCloseTo(start / 2, 12)
    book.decay(120)
    expect(Math.log1p(book.displacement)).toBeCloseTo(start / 8, 12)
  })

  it('an infinite half-life keeps impact permanent', () => {
    const book = new Book({ kind: 'bands', distances: [0.02], depths: [1e6], farBookDensity: 0.25 }, Infinity)
    book.sell(500_000, 1, 1)
    book.decay(1e6)
    expect(book.displacement).toBeCloseTo(-0.01, 12)
  })
})

describe('depth within x of the mid', () => {
  it('reports the bands at rest, scaled by withdrawal', () => {
    const book = new Book({ kind: 'bands', distances: [0.01, 0.02, 0.05], depths: [1.2e6, 2e6, 4e6], farBookDensity: 0.25 }, 60)
    expect(book.depthWithin(0.01, 'bid', 1)).toBeCloseTo(1.2e6, 3)
    expect(book.depthWithin(0.02, 'ask', 1)).toBeCloseTo(2e6, 3)
    expect(book.depthWithin(0.01, 'bid', 0.0225)).toBeCloseTo(27_000, 6)
  })

  it('shows what a sale consumed: less resting bid depth below the new mid until it heals', () => {
    const book = new Book({ kind: 'bands', distances: [0.01, 0.05], depths: [1e6, 2e6], farBookDensity: 0.25 }, 60)
    book.sell(1e6, 1, 1)
    // The first band is gone; the next 1% below the new mid is the thinner second band.
    expect(book.depthWithin(0.0099, 'bid', 1)).toBeLessThan(1e6 / 2)
    // Above the new mid, the way back to the reference retraces what the sale consumed.
    expect(book.depthWithin(0.0102, 'ask', 1)).toBeGreaterThan(1e6)
  })
})
