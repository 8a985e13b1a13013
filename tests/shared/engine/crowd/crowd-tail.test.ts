// The largest accounts do not depend on the crowd's size (docs/SIMULATION-NOTES.md §3.2, "Tail"): for
// one seed, the tail legs of every contract side are the same positions (notional, leverage,
// entry, liquidation price) at 20,000 and 200,000 traders; the body carries the rest of each
// side's open interest exactly, none of it above the tail's smallest account when the body is
// fine enough; the tail's draws are the top order statistics of the Pareto law.
import { describe, expect, it } from 'vitest'
import { generateCrowd, Random } from '../../../../shared/engine/crowd'
import { longCount } from '../../../../shared/engine/crowd/perp-traders'
import { topOrderStatistics, truncatedParetoMean } from '../../../../shared/engine/crowd/tail'
import { preset, profile } from '../cascade/support'

describe('the tail of the crowd', () => {
  const scenario = preset('2025-10-10-hyperliquid')
  const venue = profile('hyperliquid')
  const at = (accounts: number, seed: number) => generateCrowd({ ...scenario, crowd: { ...scenario.crowd, accounts } }, { seed, venue })

  it('is the scenario\u2019s: 1% of a 100,000-account population per contract side', () => {
    expect(scenario.crowd.tail).toEqual({ population: 100000, top: '0.01' })
  })

  for (const seed of [3, 11]) {
    it(`seed ${seed}: the same tail accounts at 20,000 and 200,000 traders, the body to the exact open interest`, () => {
      const coarse = at(20_000, seed)
      const fine = at(200_000, seed)
      for (let k = 0; k < fine.contracts.length; k++) {
        const a = coarse.contracts[k]
        const b = fine.contracts[k]
        expect(a.tailLongs).toBeGreaterThan(0)
        expect([a.tailLongs, a.tailShorts]).toEqual([b.tailLongs, b.tailShorts])
        const longsA = Math.round(a.accounts * a.longShare)
        const longsB = Math.round(b.accounts * b.longShare)
        const tailRows = (c: typeof a, longs: number) => [
          ...Array.from({ length: c.tailLongs }, (_, j) => c.firstLeg + j),
          ...Array.from({ length: c.tailShorts }, (_, j) => c.firstLeg + longs + j),
        ]
        const rowsA = tailRows(a, longsA)
        const rowsB = tailRows(b, longsB)
        for (let j = 0; j < rowsA.length; j++) {
          for (const col of ['qty', 'entry', 'margin', 'liqPrice', 'maintenance', 'side'] as const) {
            expect(coarse.legs[col][rowsA[j]], `${a.symbol} tail ${j} ${col}`).toBe(fine.legs[col][rowsB[j]])
          }
        }
        // Each side's open interest exact; in the fine crowd no body account above the smallest tail account.
        const start = Number(scenario.prices[scenario.crowd.contracts[b.symbol].base])
        for (const [crowd, c, longs] of [[coarse, a, longsA], [fine, b, longsB]] as const) {
          let long = 0
          let short = 0
          for (let i = c.firstLeg; i < c.firstLeg + c.accounts; i++) {
            const x = crowd.legs.qty[i] * start
            if (crowd.legs.side[i] > 0) long += x
            else short += x
          }
          expect(long / (c.openInterest * c.longShare)).toBeCloseTo(1, 9)
          expect(short / (c.openInterest * (1 - c.longShare))).toBeCloseTo(1, 9)
          if (crowd === fine) {
            const edge = crowd.legs.qty[c.firstLeg + c.tailLongs - 1] * start
            for (let i = c.firstLeg + c.tailLongs; i < c.firstLeg + longs; i++) expect(crowd.legs.qty[i] * start).toBeLessThanOrEqual(edge * (1 + 1e-12))
          }
        }
      }
    })
  }

  it('weighs each body account by the venue accounts it stands for: the body counts as the population\'s whatever the crowd\'s size', () => {
    // Per contract side: tail accounts weigh 1; the body's weights sum to the reference side's
    // accounts outside its tail (so the venue's absolute-USD rules see real accounts' sizes); at the
    // population's own size every weight is exactly 1 (the presets' calibration crowd is unchanged).
    const tail = scenario.crowd.tail as { population: number; top: string }
    const reference = at(tail.population, 3)
    for (let a = 0; a < reference.accountCount; a++) expect(reference.accountWeight[a]).toBe(1)
    for (const accounts of [5_000, 200_000]) {
      const crowd = at(accounts, 3)
      for (let k = 0; k < crowd.contracts.length; k++) {
        const c = crowd.contracts[k]
        const ref = reference.contracts[k]
        const refLongs = longCount(ref.accounts, ref.longShare)
        const longs = longCount(c.accounts, c.longShare)
        for (const [from, to, tailCount, refSide] of [
          [c.firstLeg, c.firstLeg + longs, c.tailLongs, refLongs],
          [c.firstLeg + longs, c.firstLeg + c.accounts, c.tailShorts, ref.accounts - refLongs],
        ] as const) {
          let body = 0
          for (let i = from; i < to; i++) {
            const w = crowd.accountWeight[crowd.legs.account[i]]
            if (i - from < tailCount) expect(w).toBe(1)
            else body += w
          }
          expect(body, `${c.symbol} at ${accounts}`).toBeCloseTo(refSide - Math.floor(refSide * Number(tail.top)), 6)
        }
      }
    }
  })

  it("sizes the body's real accounts by one law whatever the crowd's size: none above the tail's smallest, the same median at 10,000 and 100,000 traders", () => {
    // A body account stands for `weight` real accounts; capped at one real account's size, a
    // coarse crowd's body fell to an equal split above the tail's edge (every body account of a
    // side one size), which moved the vault's takeovers and the ADL with the crowd's size.
    const start = (symbol: string) => Number(scenario.prices[scenario.crowd.contracts[symbol].base])
    const medians = (accounts: number) => {
      const crowd = at(accounts, 3)
      return crowd.contracts.map((c) => {
        const longs = longCount(c.accounts, c.longShare)
        return ([[c.firstLeg, longs, c.tailLongs], [c.firstLeg + longs, c.accounts - longs, c.tailShorts]] as const).map(([from, count, tailCount]) => {
          const edge = crowd.legs.qty[from + tailCount - 1] * start(c.symbol)
          const perReal: number[] = []
          for (let i = from + tailCount; i < from + count; i++) {
            const x = (crowd.legs.qty[i] * start(c.symbol)) / crowd.accountWeight[crowd.legs.account[i]]
            expect(x, `${c.symbol} at ${accounts}`).toBeLessThanOrEqual(edge * (1 + 1e-9))
            perReal.push(x)
          }
          perReal.sort((x, y) => x - y)
          return { n: perReal.length, median: perReal[perReal.length >> 1] }
        })
      })
    }
    const coarse = medians(10_000)
    const fine = medians(100_000)
    let compared = 0
    coarse.forEach((sides, k) =>
      sides.forEach((side, j) => {
        if (side.n < 50) return
        compared++
        expect(side.median / fine[k][j].median, `contract ${k} side ${j}`).toBeGreaterThan(0.8)
        expect(side.median / fine[k][j].median, `contract ${k} side ${j}`).toBeLessThan(1.25)
      }),
    )
    expect(compared).toBeGreaterThan(4)
  })

  it('draws the top order statistics of the truncated Pareto law', () => {
    // The largest of n draws: P(max <= x) = F(x)^n. Over many repetitions its median is near the
    // quantile at 0.5^(1/n), and the k draws come out descending.
    const alpha = 1.5
    const maxRatio = 1e5
    const n = 10_000
    const floor = Math.pow(maxRatio, -alpha)
    const quantile = (u: number) => Math.pow(1 - u * (1 - floor), -1 / alpha)
    const rng = new Random(1, 'test')
    const maxima: number[] = []
    for (let r = 0; r < 2001; r++) {
      const top = topOrderStatistics(rng, n, 5, alpha, maxRatio)
      for (let j = 1; j < 5; j++) expect(top[j]).toBeLessThanOrEqual(top[j - 1])
      maxima.push(top[0])
    }
    maxima.sort((x, y) => x - y)
    expect(maxima[1000] / quantile(Math.pow(0.5, 1 / n))).toBeCloseTo(1, 1)
    // The mean of the law (used to put it in USD): 3 x (1 - H^-0.5) / (1 - H^-1.5) for alpha 1.5.
    expect(truncatedParetoMean(1.5, 1e5)).toBeCloseTo((3 * (1 - Math.pow(1e5, -0.5))) / (1 - Math.pow(1e5, -1.5)), 12)
  })
})
