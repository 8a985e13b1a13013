// How the metrics panel and the run screen print the engine's figures: exact decimal strings,
// distance to liquidation, risk bands, explanations, the ADL queue sentence; and run times.
import { describe, expect, it } from 'vitest'
import {
  adlQueueText,
  compactUsd,
  distanceFrom,
  explainLines,
  gaugeFill,
  gaugeSegments,
  healthBand,
  lightLevel,
  marginRatioBand,
  markOf,
  money,
  percent,
  price,
  quantity,
  ratio,
  signedMoney,
  signedPercent,
  trimDecimal,
} from '../../../renderer/src/lib/figures'
import { parseSeed } from '../../../renderer/src/lib/seed'
import { shortcutFor } from '../../../renderer/src/lib/shortcuts'
import { duration, sinceStart, spansDays, utcClock, utcDateTime } from '../../../renderer/src/lib/time'

describe('figures', () => {
  it('print money, prices and ratios from exact decimals', () => {
    expect(money('1900000')).toBe('1,900,000.00')
    expect(money('45245.6')).toBe('45,245.60')
    expect(money(null)).toBe('—')
    expect(signedMoney('-491760')).toBe('-491,760.00')
    expect(signedMoney('0')).toBe('0.00')
    expect(signedMoney('12.5')).toBe('+12.50')
    expect(price('76282.83814228177332130480007493185')).toBe('76,282.84')
    expect(price('1.155977756097560975609756097560976')).toBe('1.1560')
    expect(price('0.79233087073429197449154683652189')).toBe('0.792331')
    expect(price('0.0000123456789')).toBe('0.0000123457')
    expect(price(null)).toBe('—')
    expect(percent('0.02381347368421052631578947368421053')).toBe('2.38%')
    expect(signedPercent('-0.3747')).toBe('-37.47%')
    expect(signedPercent('3.6239')).toBe('+362.39%')
    expect(ratio('2.894505263157894736842105263157895')).toBe('2.89')
    expect(quantity('40.980000')).toBe('40.98')
    expect(quantity('2000000')).toBe('2,000,000')
  })

  it('prints crowd-scale USD compactly', () => {
    expect(compactUsd('14200000000')).toBe('14.2B')
    expect(compactUsd('1100000000')).toBe('1.10B')
    expect(compactUsd(530e6)).toBe('530M')
    expect(compactUsd('12000')).toBe('12.0k')
    expect(compactUsd('950')).toBe('950')
    expect(compactUsd('-2500000')).toBe('-2.50M')
    expect(compactUsd(null)).toBe('—')
  })

  it('measures the distance from the mark to the liquidation price', () => {
    const mark = markOf({ notional: '4999560', qty: '40.98' })
    expect(mark).toBe('122000')
    expect(signedPercent(distanceFrom(mark, '76282.83814228177332130480007493185'))).toBe('-37.47%')
    expect(distanceFrom(mark, null)).toBeNull()
    expect(markOf({ notional: '1', qty: '0' })).toBeNull()
  })

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
      source: 'VENUES.md §1.2',
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
    expect(adlQueueText({ source: 'profile default crowd', method: 'binance', size: 1000, seed: 20251010 })).toBe(
      'ADL lights ranked against the profile default crowd (1,000 synthetic positions per contract, seed 20251010), binance ranking.',
    )
    expect(adlQueueText({ source: 'your positions only', method: null, size: 0, seed: null })).toContain('your positions only')
  })

  it('colours lights by level', () => {
    expect([0, 1, 2, 3, 4, 5].map(lightLevel)).toEqual(['off', 'low', 'low', 'mid', 'high', 'top'])
  })
})

describe('run times and inputs', () => {
  it('prints UTC clocks, windows and durations', () => {
    expect(utcClock('2025-10-10T21:15:00Z')).toBe('21:15:00')
    expect(utcClock('2020-03-13T02:15:00Z', true)).toBe('03-13 02:15:00')
    expect(utcClock(null)).toBe('—')
    expect(utcDateTime('2025-10-10T20:00:00Z')).toBe('2025-10-10 20:00 UTC')
    expect(spansDays('2020-03-12T00:00:00Z', '2020-03-13T03:00:00Z')).toBe(true)
    expect(spansDays('2025-10-10T20:00:00Z', '2025-10-10T22:30:00Z')).toBe(false)
    expect(duration(9_000_000)).toBe('2h 30m')
    expect(duration(70_000)).toBe('1m 10s')
    expect(duration(850)).toBe('850 ms')
    expect(sinceStart('2025-10-10T20:00:00Z', '2025-10-10T21:20:00Z')).toBe('+1h 20m')
  })

  it('reads a seed: empty for the scenario default, else a 32-bit whole number', () => {
    expect(parseSeed('')).toEqual({ ok: true, value: undefined })
    expect(parseSeed(' 42 ')).toEqual({ ok: true, value: 42 })
    expect(parseSeed('4294967295')).toEqual({ ok: true, value: 4294967295 })
    expect(parseSeed('4294967296').ok).toBe(false)
    expect(parseSeed('-1').ok).toBe(false)
    expect(parseSeed('4.2').ok).toBe(false)
  })

  it('maps Ctrl+1 and Ctrl+2 to the Book and Replay tabs', () => {
    const key = (k: string, extra: Partial<{ shiftKey: boolean; altKey: boolean }> = {}) => ({ key: k, ctrlKey: true, metaKey: false, shiftKey: false, altKey: false, ...extra })
    expect(shortcutFor(key('1'))).toBe('book')
    expect(shortcutFor(key('2'))).toBe('replay')
    expect(shortcutFor(key('2', { altKey: true }))).toBeNull()
    expect(shortcutFor({ ...key('1'), ctrlKey: false })).toBeNull()
  })
})
