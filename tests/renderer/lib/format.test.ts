// The one formatter module: thousands separators on exact decimal strings, money, prices,
// percentages, quantities, compact USD, counts, and the UTC clocks and durations of a run.
import { describe, expect, it } from 'vitest'
import { compactAxis, compactUsd, countLabel, duration, formatFixed, groupThousands, integer, money, percent, price, quantity, ratio, shareLabel, signedMoney, signedPercent, sinceStart, spansDays, stepLabel, utcClock, utcDate, utcDateTime } from '../../../renderer/src/lib/format'

describe('formatting', () => {
  it('groups thousands without touching the digits', () => {
    expect(groupThousands('2000000')).toBe('2,000,000')
    expect(groupThousands('-1234567.123456')).toBe('-1,234,567.123456')
    expect(groupThousands('999')).toBe('999')
    expect(groupThousands('0.00001234')).toBe('0.00001234')
    expect(groupThousands('abc')).toBe('abc')
  })

  it('rounds half to even at the requested places', () => {
    expect(formatFixed('4999560', 2)).toBe('4,999,560.00')
    expect(formatFixed('0.125', 2)).toBe('0.12')
    expect(formatFixed('0.135', 2)).toBe('0.14')
    expect(formatFixed('123456789012345678.995', 2)).toBe('123,456,789,012,345,679.00')
  })

  it('labels counts', () => {
    expect(countLabel(1, 'position', 'positions')).toBe('1 position')
    expect(countLabel(1204, 'position', 'positions')).toBe('1,204 positions')
  })

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

  it('prints a share as a whole percentage, blank when there is none', () => {
    expect(shareLabel(0.625)).toBe('63%')
    expect(shareLabel(1)).toBe('100%')
    expect(shareLabel(0)).toBe('')
  })
})

describe('run times', () => {
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
})

describe('figures for each language', () => {
  it('compacts crowd-scale USD in 万 steps for Japanese and Chinese', () => {
    expect(compactUsd('14200000000', 'ja')).toBe('142億')
    expect(compactUsd('530000000', 'ja')).toBe('5.30億')
    expect(compactUsd('12500', 'ja')).toBe('1.25万')
    expect(compactUsd('950', 'ja')).toBe('950')
    expect(compactUsd('21400000000', 'zh-CN')).toBe('214亿')
    expect(compactUsd('-35000', 'zh-CN')).toBe('-3.50万')
    expect(compactUsd('2000000000000', 'zh-CN')).toBe('2.00万亿')
    expect(compactUsd('12000', 'en')).toBe('12.0k')
  })

  it('drops the zeros an axis tick does not need', () => {
    expect(compactAxis(3e6, 'en')).toBe('3M')
    expect(compactAxis(2.5e6, 'en')).toBe('2.5M')
    expect(compactAxis(1e9, 'zh-CN')).toBe('10亿')
    expect(compactAxis(3e6, 'ja')).toBe('300万')
    expect(compactAxis(0, 'ja')).toBe('0')
    expect(compactAxis(-5e6, 'en')).toBe('-5M')
  })

  it('writes dates the Japanese way and durations in each language, clocks always UTC', () => {
    expect(utcDateTime('2025-10-10T20:00:00Z', 'ja')).toBe('2025/10/10 20:00 UTC')
    expect(utcDateTime('2025-10-10T20:00:00Z', 'zh-CN')).toBe('2025-10-10 20:00 UTC')
    expect(utcClock('2020-03-13T02:15:00Z', true, 'ja')).toBe('03/13 02:15:00')
    expect(utcDate('2025-10-10T20:00:00Z', 'ja')).toBe('2025/10/10')
    expect(duration(9_000_000, 'ja')).toBe('2時間30分')
    expect(duration(70_000, 'zh-CN')).toBe('1分钟10秒')
    expect(duration(850, 'ja')).toBe('850ミリ秒')
    expect(sinceStart('2025-10-10T20:00:00Z', '2025-10-10T21:20:00Z', 'zh-CN')).toBe('+1小时20分钟')
    expect(integer(1204)).toBe('1,204')
  })
})

describe('scenario steps', () => {
  it('reads a step as a duration in the language', () => {
    expect(stepLabel('1s', 'en')).toBe('1s')
    expect(stepLabel('100ms', 'en')).toBe('100 ms')
    expect(stepLabel('5s', 'ja')).toBe('5秒')
    expect(stepLabel('2m', 'zh-CN')).toBe('2分钟')
    expect(stepLabel('weird', 'ja')).toBe('weird')
  })
})
