// How the metrics panel and the run screen judge the engine's figures: risk bands and gauges,
// explanations, the ADL queue sentence and light levels.
import { describe, expect, it } from 'vitest'
import { adlLightsLabel, adlQueueText, explainLines, gaugeFill, gaugeSegments, healthBand, lightLevel, marginRatioBand } from '../../../renderer/src/lib/figures'
import { trimDecimal } from '../../../renderer/src/lib/format'
import { tEn } from '../translate'

describe('figures', () => {
  // uniMMR's bands come from the venue's levels: uni-mmr-bands.test.ts.
  it('bands the margin ratio and health factor', () => {
    expect(marginRatioBand('0.0238')).toBe('safe')
    expect(marginRatioBand('0.5')).toBe('caution')
    expect(marginRatioBand('0.85')).toBe('danger')
    expect(marginRatioBand('1')).toBe('liquidation')
    expect(marginRatioBand(null)).toBe('none')
    expect(healthBand('1.262')).toBe('caution')
    expect(healthBand('0.99')).toBe('liquidation')
    expect(healthBand('2')).toBe('safe')
  })

  it('places the margin ratio and health factor on a gauge whose segments match the bands', () => {
    expect(gaugeFill('marginRatio', '0.25')).toBe(0.25)
    expect(gaugeFill('marginRatio', '3')).toBe(1)
    expect(gaugeFill('health', '1')).toBe(1)
    expect(gaugeFill('health', '2')).toBe(0.5)
    expect(gaugeSegments('marginRatio')).toEqual([0.5, 0.3, 0.2])
  })

  it('turns an explanation into tooltip lines with readable numbers', () => {
    const lines = explainLines({
      formula: 'MM = notional x mmr - cum',
      source: 'docs/VENUE-RULES.md §1.2',
      params: { notional: '4999560', mmr: '0.01', cum: '12000', ratio: '0.02381347368421052631578947368421053', skipped: null, mode: 'cross' },
      unconfirmed: [{ path: 'contracts.DOGEUSDT.brackets', note: 'not found verbatim' }],
    })
    expect(lines?.params).toEqual([
      ['notional', '4,999,560'],
      ['mmr', '0.01'],
      ['cum', '12,000'],
      ['ratio', '0.0238134737'],
      ['mode', 'cross'],
    ])
    expect(lines?.unconfirmed).toEqual(['contracts.DOGEUSDT.brackets: not found verbatim'])
    expect(explainLines(undefined)).toBeNull()
    expect(trimDecimal('1.5')).toBe('1.5')
  })

  it('says what the ADL lights were ranked against', () => {
    expect(adlQueueText({ source: 'profile default crowd', method: 'binance', size: 1000, seed: 20251010 }, tEn)).toBe(
      'ADL lights ranked against the profile default crowd (1,000 synthetic positions per contract, seed 20251010), binance ranking.',
    )
    expect(adlQueueText({ source: 'your positions only', method: null, size: 0, seed: null }, tEn)).toContain('your positions only')
  })

  it('says which quintile of the queue the lights mean: 1 is the bottom 20%, 5 the top 20%', () => {
    expect([0, 1, 2, 3, 4, 5].map((n) => adlLightsLabel(n, tEn))).toEqual([
      'ADL: no lights (not in profit, or nothing to rank)',
      "ADL 1 of 5 lights: in the bottom 20% of its side's queue (deleveraged last)",
      "ADL 2 of 5 lights: in the 20-40% band from the bottom of its side's queue",
      "ADL 3 of 5 lights: in the 40-60% band from the bottom of its side's queue",
      "ADL 4 of 5 lights: in the 60-80% band from the bottom of its side's queue",
      "ADL 5 of 5 lights: in the top 20% of its side's queue (deleveraged first)",
    ])
  })

  it('colours lights by level', () => {
    expect([0, 1, 2, 3, 4, 5].map(lightLevel)).toEqual(['off', 'low', 'low', 'mid', 'high', 'top'])
  })
})
