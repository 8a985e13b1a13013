// The shipped presets (resources/scenarios): each validates, names its file, and builds a market and
// a crowd without a NaN. A venue preset names a venue of the catalogue, states its published outputs
// (calibration) and its inputs, each with a source and a public URL for the figures; a date's market
// names no venue and gives the shares a venue without a preset runs at.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { generateCrowd } from '../../../shared/engine/crowd'
import { Market, timeGridOf } from '../../../shared/engine/market'
import { describeIssue } from '../../../shared/model/issues'
import { parseScenarioText } from '../../../shared/schemas/scenario'

const dir = resolve(import.meta.dirname, '../../../resources/scenarios')
const presets = readdirSync(dir).filter((f) => f.endsWith('.json')).sort()
const readme = readFileSync(resolve(dir, 'README.md'), 'utf8')

describe('scenario presets', () => {
  it("ships three dates' markets and one crash per venue", () => {
    expect(presets).toEqual([
      '2020-03-12-bitmex.json',
      '2020-03-12.json',
      '2021-05-19-binance.json',
      '2021-05-19.json',
      '2025-10-10-binance.json',
      '2025-10-10-bybit.json',
      '2025-10-10-hyperliquid.json',
      '2025-10-10.json',
    ])
  })

  describe.each(presets)('%s', (file) => {
    const parsed = parseScenarioText(readFileSync(resolve(dir, file), 'utf8'))
    const scenario = parsed.ok ? parsed.value : null

    it('validates', () => {
      expect(parsed.ok ? [] : parsed.issues.map(describeIssue)).toEqual([])
    })

    it('is named after its file and documented in the README', () => {
      expect(scenario!.id).toBe(file.replace(/\.json$/, ''))
      expect(readme).toContain(`## ${scenario!.id}`)
    })

    it(scenario?.venue ? 'is a venue preset: a known venue, sourced outputs and inputs' : "is a date's market: no venue, shares with a default, no targets", () => {
      const s = scenario!
      if (s.venue) {
        expect(existsSync(resolve(dir, '../venues', `${s.venue}.json`))).toBe(true)
        expect(s.id).toBe(`${s.start.slice(0, 10)}-${s.venue}`)
        expect(s.calibration.some((t) => t.metric === 'liquidatedNotionalUsd')).toBe(true)
        expect(s.venueShares).toBeUndefined()
        for (const t of s.calibration) expect(t.source.length).toBeGreaterThan(20)
        expect(s.calibration.filter((t) => t.url).length).toBeGreaterThan(0)
        expect(s.inputs.some((i) => i.field.startsWith('crowd.contracts') && i.url)).toBe(true)
      } else {
        expect(s.id).toBe(s.start.slice(0, 10))
        expect(s.venueShares?.default).toBeDefined()
        expect(s.calibration).toEqual([])
      }
    })

    it('builds a market that walks the whole window with positive prices', () => {
      const market = Market.fromScenario(scenario!)
      const grid = timeGridOf(scenario!)
      for (let k = 0; k <= grid.steps; k += 60) {
        market.advanceTo(k * grid.stepSeconds)
        for (let a = 0; a < market.assets.length; a++) {
          expect(market.mark(a)).toBeGreaterThan(0)
          expect(market.collateralPrice(a)).toBeGreaterThan(0)
        }
      }
    })

    it('generates its crowd with finite numbers and every trader alive at start', () => {
      const crowd = generateCrowd(scenario!, { accounts: 20_000 })
      const { legs } = crowd
      for (let i = 0; i < crowd.legCount; i++) {
        expect(Number.isFinite(legs.qty[i]) && legs.qty[i] > 0).toBe(true)
        expect(Number.isFinite(legs.liqPrice[i])).toBe(true)
      }
      expect(crowd.contracts.every((c) => c.accounts >= 2)).toBe(true)
    })
  })
})
