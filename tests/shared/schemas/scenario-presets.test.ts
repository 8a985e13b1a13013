// The shipped presets (resources/scenarios): each validates, names its file, states its
// calibration targets with sources, and builds a market and a crowd without a NaN.
import { readdirSync, readFileSync } from 'node:fs'
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
  it('ships the three historical presets', () => {
    expect(presets).toEqual(['2020-03-12.json', '2021-05-19.json', '2025-10-10.json'])
  })

  describe.each(presets)('%s', (file) => {
    const parsed = parseScenarioText(readFileSync(resolve(dir, file), 'utf8'))
    const scenario = parsed.ok ? parsed.value : null

    it('validates', () => {
      expect(parsed.ok ? [] : parsed.issues.map(describeIssue)).toEqual([])
    })

    it('is named after its file, documented in the README, and states sourced targets', () => {
      expect(scenario!.id).toBe(file.replace(/\.json$/, ''))
      expect(readme).toContain(`## ${scenario!.id}`)
      expect(scenario!.calibration.some((t) => t.metric === 'liquidatedNotionalUsd')).toBe(true)
      for (const target of scenario!.calibration) expect(target.source).toMatch(/docs\/(CRASH-MECHANICS|VENUE-RULES)\.md §\d/)
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
