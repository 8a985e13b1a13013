// One crash per venue (docs/FORMATS.md §4.5): a date picks the book's venue's preset, or its market
// sized to the venue (not calibrated there, and the summary says so); another venue's preset is
// refused with the reason, by prepareRun (the CLI's and the IPC handler's door) and by the engine.
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { computeMetrics } from '../../../../shared/engine'
import { runCascade, validateCascadeInput } from '../../../../shared/engine/cascade'
import type { Portfolio } from '../../../../shared/model/portfolio'
import { unCalibratedName, unCalibratedParts } from '../../../../shared/model/scenario'
import { createScenarioCatalog } from '../../../../electron/main/services/scenario-catalog'
import { prepareRun } from '../../../../electron/main/services/run-preparation'
import { marketForVenue, resolveScenario } from '../../../../electron/main/services/scenario-resolution'
import { createVenueCatalog } from '../../../../electron/main/services/venue-catalog'
import { emptyBook, exampleBook, profile } from '../../../shared/engine/cascade/support'

const resources = join(__dirname, '../../../../resources')
const catalog = createScenarioCatalog(join(resources, 'scenarios'))
const venues = createVenueCatalog(join(resources, 'venues'))
const doc = (id: string) => {
  const r = catalog.get(id)
  if (!r.ok) throw new Error(id)
  return r.value.doc
}
const book = (venue: string): Portfolio => ({ ...emptyBook(venue), wallet: [{ asset: 'USDT', amount: '1000' }] })

describe('scenario resolution', () => {
  it('lists each preset with its kind, venue and date', () => {
    const list = catalog.list()
    expect(list.find((s) => s.id === '2025-10-10-bybit')).toMatchObject({ kind: 'calibrated', venue: 'bybit', date: '2025-10-10' })
    expect(list.find((s) => s.id === '2025-10-10')).toMatchObject({ kind: 'date', date: '2025-10-10' })
    expect(list.find((s) => s.id === '2025-10-10')?.venue).toBeUndefined()
  })

  it('a date picks the book venue preset for that date', () => {
    const r = resolveScenario(doc('2025-10-10'), profile('hyperliquid'), catalog)
    expect(r.ok && r.doc.id).toBe('2025-10-10-hyperliquid')
    expect(r.ok && r.basis).toMatchObject({ requested: '2025-10-10', calibrated: true })
    const b = resolveScenario(doc('2020-03-12'), profile('bitmex'), catalog)
    expect(b.ok && b.doc.id).toBe('2020-03-12-bitmex')
  })

  it("a date with no preset for the venue runs the date's market sized to the venue, not calibrated", () => {
    const r = resolveScenario(doc('2025-10-10'), profile('okx'), catalog)
    if (!r.ok) throw new Error(JSON.stringify(r.issues))
    expect(r.basis.calibrated).toBe(false)
    expect(r.basis.note).toContain('not calibrated on okx')
    expect(r.basis.note).toContain('8.42%')
    // The date's venue presets, named with their venues (the date's market itself is not one of them).
    expect(r.basis.note).toContain('(presets: 2025-10-10-binance (binance), 2025-10-10-bybit (bybit), 2025-10-10-hyperliquid (hyperliquid))')
    expect(r.basis.note).not.toContain('undefined')
    const market = doc('2025-10-10')
    expect(Number(r.doc.crowd.contracts.BTCUSDT.openInterest)).toBeCloseTo(Number(market.crowd.contracts.BTCUSDT.openInterest) * 0.0842, 0)
    expect(Number(r.doc.depth.BTC['0.01'])).toBeCloseTo(Number(market.depth.BTC['0.01']) * 0.0842, 0)
    expect(r.doc.depth.USDe).toEqual(market.depth.USDe) // the venue-local peg books stay as they are
    // No scenario fund: the run takes the venue profile's funds (a scenario fund would be a what-if scaling them).
    expect(r.doc.insuranceFund).toBeUndefined()
    expect(r.doc.calibration).toEqual([])
    expect(r.doc.venueShares).toBeUndefined()
    // Named in the form the renderer shows in the app's language (shared/model/scenario.ts).
    expect(r.doc.name).toBe(unCalibratedName(market.name, 'OKX'))
    expect(unCalibratedParts(r.doc.name)).toEqual({ name: market.name, venue: 'OKX' })
  })

  it("renames the crowd's contracts to the venue's symbols so its brackets apply", () => {
    const m = marketForVenue(doc('2021-05-19'), profile('hyperliquid'), '0.05')
    expect(Object.keys(m.crowd.contracts).sort()).toEqual(['BTC', 'ETH'])
    const v = resolveScenario(doc('2021-05-19'), profile('hyperliquid'), catalog)
    expect(v.ok && v.basis.note).toContain('the default share')
  })

  it("refuses another venue's preset with the reason and this venue's choices", () => {
    const r = resolveScenario(doc('2025-10-10-bybit'), profile('binance'), catalog)
    expect(r.ok).toBe(false)
    const message = r.ok ? '' : r.issues[0].message
    expect(r.ok ? '' : r.issues[0].path).toBe('scenario')
    expect(message).toContain('calibrated for bybit')
    expect(message).toContain('this book trades on binance')
    expect(message).toContain('2025-10-10-binance')
  })

  it('gives the same verdict through prepareRun and the engine', () => {
    const p = prepareRun(book('binance'), doc('2025-10-10-hyperliquid'), {}, venues, catalog)
    expect(p.ok).toBe(false)
    if (!p.ok) {
      expect(p.stage).toBe('scenario')
      expect(p.issues[0].message).toContain('calibrated for hyperliquid')
    }
    const engine = validateCascadeInput({ portfolio: book('binance'), venue: profile('binance'), scenario: doc('2025-10-10-hyperliquid') })
    expect(engine.map((i) => i.path)).toEqual(['scenario'])
    expect(engine[0].message).toContain('calibrated for hyperliquid')
  })

  it('prepareRun applies --crowd to the resolved preset and carries the basis to the job', () => {
    const p = prepareRun(book('binance'), doc('2025-10-10'), { crowd: 1234, collateralPricing: 'conversion' }, venues, catalog)
    if (!p.ok) throw new Error(JSON.stringify(p.issues))
    expect(p.value.scenario.id).toBe('2025-10-10-binance')
    expect(p.value.scenario.crowd.accounts).toBe(1234)
    expect(p.value.basis).toMatchObject({ calibrated: true, requested: '2025-10-10' })
    expect(p.value.collateralPricing).toBe('conversion')
  })

  it('a what-if naming no venue runs as it is, not calibrated', () => {
    const whatIf = { ...doc('2025-10-10-binance'), id: 'mine', venue: undefined }
    const r = resolveScenario(whatIf, profile('bybit'), catalog)
    expect(r.ok && r.doc).toBe(whatIf)
    expect(r.ok && r.basis.calibrated).toBe(false)
  })
})

describe('every example book under every crash date, through the doors', () => {
  it.each(['hedge-book', 'market-maker', 'usde-loop'])('%s: resolves each date for its venue and starts at its Book-tab equity', (name) => {
    const b = exampleBook(name)
    const venue = profile(b.venue)
    const shown = computeMetrics(b, venue)
    if (!shown.ok) throw new Error(name)
    for (const date of ['2025-10-10', '2021-05-19', '2020-03-12']) {
      const p = prepareRun(b, doc(date), { crowd: 2000 }, venues, catalog)
      if (!p.ok) throw new Error(`${name} under ${date}: ${JSON.stringify(p.issues)}`)
      const own = catalog.presets().find((x) => x.venue === b.venue && x.start.startsWith(date))
      expect(p.value.scenario.id, `${name} under ${date}`).toBe(own ? own.id : date)
      const s = runCascade({ ...p.value }).summary
      expect(s.calibrated, `${name} under ${date}`).toBe(own !== undefined)
      if (!own) expect(s.calibrationNote).toContain(`not calibrated on ${b.venue}`)
      // A lending-only book's equity is its DeFi positions' net value, which the metrics report as health, not equity.
      if (venue.kind === 'exchange') expect(s.startEquity, `${name} under ${date}`).toBe(shown.value.account.marginBalance)
    }
  }, 120_000)
})
