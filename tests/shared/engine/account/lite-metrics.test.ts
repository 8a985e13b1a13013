// `computeMetrics(..., { lite: true })`: the account's state without liquidation prices or ADL
// ranking, for scans over many price points (shared/engine/bottom). Everything it does report
// equals the full report's, at every price of the scan, for every example book.
import { describe, expect, it } from 'vitest'
import { computeMetrics } from '../../../../shared/engine'
import type { VenueProfile } from '../../../../shared/model/venue'
import { exampleBook, profile } from '../cascade/support'

/** The book's venue as the catalogue gives it: an exchange with the lending protocol attached. */
const venueOf = (name: string): VenueProfile => {
  const v = profile(exampleBook(name).venue)
  const aave = profile('aave-v3')
  return v.kind === 'exchange' && aave.kind === 'lending' ? { ...v, defi: { 'aave-v3': aave.lending } } : v
}

describe('lite metrics', () => {
  for (const name of ['hedge-book', 'market-maker', 'usde-loop']) {
    it(`${name}: the same account, positions and DeFi figures, no liquidation prices or lights`, () => {
      const book = exampleBook(name)
      for (const k of [1, 0.9, 0.7, 0.5, 0.3]) {
        const prices = Object.fromEntries(Object.entries(book.prices ?? {}).map(([a, p]) => [a, /^USD/.test(a) ? p : String(Number(p) * k)]))
        const full = computeMetrics(book, venueOf(name), { prices })
        const lite = computeMetrics(book, venueOf(name), { prices, lite: true, explain: true })
        if (!full.ok || !lite.ok) throw new Error('refused')
        expect(lite.value.account).toEqual(full.value.account)
        expect(lite.value.defi).toEqual(full.value.defi)
        expect(lite.value.explain).toBeUndefined()
        expect(lite.value.positions).toEqual(full.value.positions.map((p) => ({ ...p, liquidationPrice: null, bankruptcyPrice: null, adl: { score: null, lights: 0 } })))
      }
    })
  }
})
