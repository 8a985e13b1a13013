// The uniMMR gauge on the venue's own levels (docs/VENUE-RULES.md §3.1): the bands, the gauge's segments and
// the scale come from the thresholds passed in (the profile's `unified.*`, as the engine's
// explanation of `account.uniMMR` names them), never from constants; a level the profile does
// not give adds no band.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { computeMetrics } from '../../../shared/engine'
import type { ExplainMap } from '../../../shared/model/explain'
import type { Portfolio } from '../../../shared/model/portfolio'
import { formRatio, gaugeFill, gaugeSegments, uniMmrBand, uniMmrGauge, uniScale, uniThresholds, type UniThresholds } from '../../../renderer/src/lib/figures'
import { tEn } from '../translate'
import { exchange } from '../../shared/engine/account/support'

/** Binance portfolio margin: reminder below 1.5, reduce-only below 1.2, liquidation at 1.05. */
const BINANCE: UniThresholds = { liquidation: '1.05', reduceOnly: '1.2', reminder: '1.5' }
/** A profile that gives only its liquidation ratio (Bybit and OKX ship `unified: { liquidationRatio: "1" }`). */
const LIQUIDATION_ONLY: UniThresholds = { liquidation: '1', reduceOnly: null, reminder: null }

const uniExplain = (params: Record<string, string | null>): ExplainMap => ({ 'account.uniMMR': { formula: 'uniMMR = ...', source: 'docs/VENUE-RULES.md §3.1', params } })

describe('uniMMR bands from the thresholds passed in', () => {
  it('Binance: reminder < 1.5, reduce-only < 1.2, liquidation ≤ 1.05', () => {
    expect(uniMmrBand('2.1', BINANCE)).toBe('safe')
    expect(uniMmrBand('1.5', BINANCE)).toBe('safe')
    expect(uniMmrBand('1.4999', BINANCE)).toBe('caution')
    expect(uniMmrBand('1.2', BINANCE)).toBe('caution')
    expect(uniMmrBand('1.1999', BINANCE)).toBe('danger')
    expect(uniMmrBand('1.0501', BINANCE)).toBe('danger')
    expect(uniMmrBand('1.05', BINANCE)).toBe('liquidation')
    expect(uniMmrBand('0.9', BINANCE)).toBe('liquidation')
    expect(uniMmrBand(null, BINANCE)).toBe('none')
  })

  it('other levels move the bands with them', () => {
    const t: UniThresholds = { liquidation: '1.1', reduceOnly: '1.3', reminder: '2' }
    expect(uniMmrBand('1.6', t)).toBe('caution')
    expect(uniMmrBand('1.25', t)).toBe('danger')
    expect(uniMmrBand('1.1', t)).toBe('liquidation')
  })

  it('with the liquidation ratio alone there is no caution or danger band', () => {
    expect(uniMmrBand('1.3', LIQUIDATION_ONLY)).toBe('safe')
    expect(uniMmrBand('1.0001', LIQUIDATION_ONLY)).toBe('safe')
    expect(uniMmrBand('1', LIQUIDATION_ONLY)).toBe('liquidation')
  })

  it('a profile with a reduce-only level but no reminder has a danger band and no caution band', () => {
    const t: UniThresholds = { liquidation: '1.05', reduceOnly: '1.2', reminder: null }
    expect(uniMmrBand('1.3', t)).toBe('safe')
    expect(uniMmrBand('1.1', t)).toBe('danger')
    const [safe, caution, danger] = gaugeSegments('uniMMR', t)
    expect(caution).toBe(0)
    expect(safe).toBeCloseTo(gaugeFill('uniMMR', '1.2', t), 12)
    expect(safe + danger).toBeCloseTo(1, 12)
  })
})

describe('the uniMMR gauge', () => {
  it('fills from three times the liquidation level (empty) to the level itself (full)', () => {
    expect(gaugeFill('uniMMR', '1.05', BINANCE)).toBe(1)
    expect(gaugeFill('uniMMR', '3.15', BINANCE)).toBeCloseTo(0, 12)
    expect(gaugeFill('uniMMR', '9', BINANCE)).toBe(0)
    expect(gaugeFill('uniMMR', '2', LIQUIDATION_ONLY)).toBe(0.5)
  })

  it('has segments that start where the bands do', () => {
    const [safe, caution, danger] = gaugeSegments('uniMMR', BINANCE)
    expect(safe + caution + danger).toBeCloseTo(1, 12)
    expect(safe).toBeCloseTo(gaugeFill('uniMMR', '1.5', BINANCE), 12)
    expect(safe + caution).toBeCloseTo(gaugeFill('uniMMR', '1.2', BINANCE), 12)
    expect(gaugeSegments('uniMMR', LIQUIDATION_ONLY)).toEqual([1, 0, 0])
  })

  it('names only the levels it was given', () => {
    expect(uniScale(BINANCE, tEn)).toBe('liquidation ≤ 1.05 · reduce-only < 1.2 · reminder < 1.5')
    expect(uniScale(LIQUIDATION_ONLY, tEn)).toBe('liquidation ≤ 1')
    expect(uniMmrGauge('1.3', BINANCE, tEn)).toMatchObject({ band: 'caution', scale: 'liquidation ≤ 1.05 · reduce-only < 1.2 · reminder < 1.5' })
    expect(uniMmrGauge('1.3', LIQUIDATION_ONLY, tEn)).toEqual({ band: 'safe', fill: gaugeFill('uniMMR', '1.3', LIQUIDATION_ONLY), segments: [1, 0, 0], scale: 'liquidation ≤ 1' })
  })

  it('without a liquidation ratio it judges nothing', () => {
    expect(uniMmrGauge('1.3', null, tEn)).toEqual({ band: 'none', fill: 0, segments: [0, 0, 0], scale: 'no uniMMR levels in the venue profile' })
  })

  // Each venue's own screen: Binance uniMMR 1.3, OKX margin ratio 130% (the same quotient), Bybit
  // Account MM Rate = MM / adjusted equity = 1 / 1.3 = 76.92%, liquidated when it reaches 100%.
  it("prints the ratio and its levels in the venue's own form", () => {
    expect(formRatio('1.3', 'ratio')).toBe('1.300')
    expect(formRatio('1.3', 'percent')).toBe('130.00%')
    expect(formRatio('1.3', 'inverse-percent')).toBe('76.92%')
    expect(formRatio('0.8', 'inverse-percent')).toBe('125.00%')
    expect(formRatio(null, 'inverse-percent')).toBe('—')
    expect(formRatio('0', 'inverse-percent')).toBe('—')
    expect(uniScale(LIQUIDATION_ONLY, tEn, 'percent')).toBe('liquidation ≤ 100%')
    expect(uniScale(LIQUIDATION_ONLY, tEn, 'inverse-percent')).toBe('liquidation ≥ 100%')
    expect(uniScale(BINANCE, tEn, 'inverse-percent')).toBe('liquidation ≥ 95.24% · reduce-only > 83.33% · reminder > 66.67%')
    // The band is judged on uniMMR whatever the printing: 1/1.3 is safe on a liquidation-only scale.
    expect(uniMmrGauge('1.3', LIQUIDATION_ONLY, tEn, { name: 'Account MM Rate', form: 'inverse-percent' })).toMatchObject({ band: 'safe', scale: 'liquidation ≥ 100%' })
    expect(uniMmrGauge('1.3', null, tEn, { name: 'Account MM Rate', form: 'inverse-percent' }).scale).toBe('no Account MM Rate levels in the venue profile')
  })
})

describe('the thresholds of an explanation', () => {
  it('reads all three levels when the explanation names them', () => {
    expect(uniThresholds(uniExplain({ liquidationRatio: '1.05', reduceOnlyRatio: '1.2', reminderRatio: '1.5' }))).toEqual(BINANCE)
  })

  it('reads the liquidation ratio alone and invents no other level', () => {
    expect(uniThresholds(uniExplain({ liquidationRatio: '1', adjustedEquity: '100' }))).toEqual(LIQUIDATION_ONLY)
    expect(uniThresholds(uniExplain({ liquidationRatio: '1.05', reduceOnlyRatio: null, reminderRatio: 'n/a' }))).toEqual({ liquidation: '1.05', reduceOnly: null, reminder: null })
  })

  it('has none without a liquidation ratio', () => {
    expect(uniThresholds(undefined)).toBeNull()
    expect(uniThresholds({})).toBeNull()
    expect(uniThresholds(uniExplain({ liquidationRatio: null }))).toBeNull()
  })

  it("agree with the Binance profile for the engine's own explanation of the market-maker example", () => {
    const doc = JSON.parse(readFileSync(join(import.meta.dirname, '../../../resources/examples/market-maker.json'), 'utf8')) as Portfolio
    const venue = exchange('binance')
    const r = computeMetrics(doc, venue, { explain: true })
    if (!r.ok) throw new Error(JSON.stringify(r.issues))
    const t = uniThresholds(r.value.explain)
    expect(t?.liquidation).toBe(venue.unified?.liquidationRatio)
    // Levels the explanation leaves out stay out; those it names are the profile's.
    expect([null, venue.unified?.reduceOnlyRatio]).toContain(t?.reduceOnly)
    expect([null, venue.unified?.reminderRatio]).toContain(t?.reminder)
  })
})
