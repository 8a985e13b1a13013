// Every text the renderer makes of a figure or a time (the one formatter module): exact decimal
// strings rounded for reading with thousands separators, never through a float (money, prices,
// percentages, quantities), compact USD, counts, and the UTC clock, dates and durations of a run.
// Decimals are the engine's one configured Decimal (shared/engine/decimal.ts). Pure, so Vitest
// checks it without a DOM.
//
// Written for the app's language (`formatLocale`, kept equal to it by the settings store): English,
// Japanese and Chinese all group thousands with "," and mark decimals with ".", so exact figures
// print the same in the three; what differs is compact amounts (14.2B / 142億 / 142亿), the date
// separator of Japanese (2025/10/10) and the units of durations (2h 30m / 2時間30分 / 2小时30分钟).
// Clocks stay UTC in every language: the crash is told in UTC wherever the trader sits.
import { COMPACT_UNITS, DURATION_UNITS } from '../../../shared/i18n/units'
import { ref } from 'vue'
import { D } from '../../../shared/decimal'

export type FormatLocale = 'en' | 'ja' | 'zh-CN'

/** The language figures are written for. A ref, so a template that formats re-renders when it changes. */
export const formatLocale = ref<FormatLocale>('en')

/** "-1234567.5" -> "-1,234,567.5"; text that is not a plain decimal is returned unchanged. */
export function groupThousands(text: string): string {
  const m = /^(-?)([0-9]+)(\.[0-9]+)?$/.exec(text)
  if (!m) return text
  const [, sign, int, frac = ''] = m
  return `${sign}${int.replace(/\B(?=([0-9]{3})+(?![0-9]))/g, ',')}${frac}`
}

/** A decimal string rounded to `dp` places and grouped: ("4999560", 2) -> "4,999,560.00". */
export function formatFixed(text: string, dp: number): string {
  return groupThousands(new D(text).toFixed(dp))
}

/** A whole count grouped: 1204 -> "1,204". */
export function integer(n: number): string {
  return groupThousands(String(n))
}

/** "1 position", "3 positions", "1,204 positions" (English only: the app's counts go through the catalogues). */
export function countLabel(n: number, one: string, many: string): string {
  return `${groupThousands(String(n))} ${n === 1 ? one : many}`
}

/** Whether `text` is a decimal the engine wrote (plain or with an exponent). */
export const isDecimal = (text: string | null | undefined): text is string => typeof text === 'string' && /^-?[0-9]+(\.[0-9]+)?(e[-+]?[0-9]+)?$/i.test(text)

/** A dash for a figure that does not exist (a `null` price: no liquidation possible). */
export const NONE = '—'

/** Money in quote units: two places, grouped ("1,900,000.00"). */
export function money(text: string | null | undefined, dp = 2): string {
  if (!isDecimal(text)) return NONE
  return groupThousands(new D(text).toFixed(dp))
}

/** Signed money: "+1,234.50" / "-1,234.50" / "0.00". */
export function signedMoney(text: string | null | undefined, dp = 2): string {
  if (!isDecimal(text)) return NONE
  const d = new D(text)
  const s = groupThousands(d.abs().toFixed(dp))
  if (d.isZero() || s.replace(/[0.,]/g, '') === '') return s
  return d.isNeg() ? `-${s}` : `+${s}`
}

/**
 * A price with as many places as its size needs: 76,282.84 / 4.3123 / 0.251234 / 0.0000123456.
 * Six significant digits below 1, at least two places above.
 */
export function price(text: string | null | undefined): string {
  if (!isDecimal(text)) return NONE
  const d = new D(text)
  const abs = d.abs()
  if (abs.isZero()) return '0'
  if (abs.gte(1000)) return groupThousands(d.toFixed(2))
  if (abs.gte(1)) return groupThousands(d.toFixed(4))
  // Places so that six significant digits show: 0.251234 (6), 0.0000123456 (10).
  const lead = -Math.floor(Math.log10(abs.toNumber()))
  return d.toFixed(Math.min(lead + 5, 18))
}

/** A fraction as a percentage: ("0.0238", 2) -> "2.38%". */
export function percent(text: string | null | undefined, dp = 2): string {
  if (!isDecimal(text)) return NONE
  return `${groupThousands(new D(text).times(100).toFixed(dp))}%`
}

/** A signed percentage: "-37.47%", "+4.10%". */
export function signedPercent(text: string | null | undefined, dp = 2): string {
  if (!isDecimal(text)) return NONE
  const d = new D(text).times(100)
  const s = groupThousands(d.abs().toFixed(dp))
  if (d.isZero() || /^[0.]+$/.test(s)) return s + '%'
  return `${d.isNeg() ? '-' : '+'}${s}%`
}

/** A ratio or multiple: ("2.8945", 2) -> "2.89". */
export function ratio(text: string | null | undefined, dp = 2): string {
  if (!isDecimal(text)) return NONE
  return groupThousands(new D(text).toFixed(dp))
}

/** Quantity as the engine gives it, grouped, at most 8 places, trailing zeros dropped. */
export function quantity(text: string | null | undefined): string {
  if (!isDecimal(text)) return NONE
  return groupThousands(new D(new D(text).toFixed(8)).toFixed())
}

/** USD in a compact form for crowd-scale totals: 14.2B, 1.10B, 530M, 12.5k, 950 (ja 142億, 5.30億, 1.25万; zh-CN 142亿). */
export function compactUsd(text: string | number | null | undefined, locale: FormatLocale = formatLocale.value): string {
  const n = typeof text === 'number' ? text : isDecimal(text) ? Number(text) : NaN
  if (!Number.isFinite(n)) return NONE
  const abs = Math.abs(n)
  for (const [size, suffix] of COMPACT_UNITS[locale]) {
    if (abs >= size) {
      const v = n / size
      return `${Math.abs(v) >= 100 ? groupThousands(v.toFixed(0)) : Math.abs(v) >= 10 ? v.toFixed(1) : v.toFixed(2)}${suffix}`
    }
  }
  return n.toFixed(0)
}

/** An axis tick in compact USD, without the zeros a tick does not need: 3M, 2.5M, 300万, 10亿. */
export function compactAxis(v: number, locale: FormatLocale = formatLocale.value): string {
  return compactUsd(v, locale).replace(/\.0+(?=\D|$)|(\.\d*[1-9])0+(?=\D|$)/, '$1')
}

/** Long engine decimals (34 digits) shortened for a tooltip: at most 10 places. */
export function trimDecimal(text: string): string {
  if (!isDecimal(text) || /e/i.test(text)) return text
  const [, frac = ''] = text.split('.')
  if (frac.length <= 10) return text
  return new D(new D(text).toFixed(10)).toFixed()
}

// ---- times of a run: UTC wall clock of the simulated window ("21:15:00"), with the date when
// the window spans days, and durations ("2h 30m", "+1h 15m").

const pad = (n: number): string => String(n).padStart(2, '0')
/** Japanese writes dates with slashes (2025/10/10); English and Chinese as ISO 8601 (2025-10-10). */
const dateSep = (locale: FormatLocale): string => (locale === 'ja' ? '/' : '-')

/** "2025-10-10T21:15:00Z" -> "21:15:00"; with `date`, "10-10 21:15:00" (ja "10/10 21:15:00"). Invalid text is returned as given. */
export function utcClock(iso: string | null | undefined, date = false, locale: FormatLocale = formatLocale.value): string {
  if (!iso) return '—'
  const ms = Date.parse(iso)
  if (Number.isNaN(ms)) return iso
  const d = new Date(ms)
  const clock = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`
  return date ? `${pad(d.getUTCMonth() + 1)}${dateSep(locale)}${pad(d.getUTCDate())} ${clock}` : clock
}

/** "2025-10-10T20:00:00Z" -> "2025-10-10" (ja "2025/10/10"), the UTC day. */
export function utcDate(iso: string | null | undefined, locale: FormatLocale = formatLocale.value): string {
  if (!iso) return '—'
  const ms = Date.parse(iso)
  if (Number.isNaN(ms)) return iso
  const d = new Date(ms)
  const sep = dateSep(locale)
  return `${d.getUTCFullYear()}${sep}${pad(d.getUTCMonth() + 1)}${sep}${pad(d.getUTCDate())}`
}

/** "2025-10-10T20:00:00Z" -> "2025-10-10 20:00 UTC" (ja "2025/10/10 20:00 UTC"). */
export function utcDateTime(iso: string | null | undefined, locale: FormatLocale = formatLocale.value): string {
  if (!iso) return '—'
  const ms = Date.parse(iso)
  if (Number.isNaN(ms)) return iso
  const d = new Date(ms)
  return `${utcDate(iso, locale)} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())} UTC`
}

/** Whether two instants fall on different UTC days (then clocks need their date). */
export function spansDays(startIso: string, endIso: string): boolean {
  return startIso.slice(0, 10) !== endIso.slice(0, 10)
}

/** A duration in ms as "2h 30m", "45m", "12s", "850 ms" (ja "2時間30分", zh-CN "2小时30分钟"). */
export function duration(ms: number, locale: FormatLocale = formatLocale.value): string {
  if (!Number.isFinite(ms)) return '—'
  const u = DURATION_UNITS[locale]
  const sign = ms < 0 ? '-' : ''
  let rest = Math.abs(ms)
  if (rest < 1000) return `${sign}${Math.round(rest)}${u.ms}`
  rest = Math.round(rest / 1000)
  const h = Math.floor(rest / 3600)
  const m = Math.floor((rest % 3600) / 60)
  const s = rest % 60
  if (h > 0) return `${sign}${h}${u.h}${m ? `${u.gap}${m}${u.m}` : ''}`
  if (m > 0) return `${sign}${m}${u.m}${s ? `${u.gap}${s}${u.s}` : ''}`
  return `${sign}${s}${u.s}`
}

/** A scenario's step as written in its file ("1s", "100ms", "5m") in the language: "1s", "1秒", "100ms"; text it does not read is returned as given. */
export function stepLabel(step: string, locale: FormatLocale = formatLocale.value): string {
  const m = /^([0-9]+(?:\.[0-9]+)?)(ms|s|m|h)$/.exec(step)
  if (!m) return step
  const ms = Number(m[1]) * { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[m[2] as 'ms' | 's' | 'm' | 'h']
  return duration(ms, locale)
}

/** Time of `iso` after `startIso`, as "+1h 15m". */
export function sinceStart(startIso: string, iso: string | null | undefined, locale: FormatLocale = formatLocale.value): string {
  if (!iso) return ''
  const d = Date.parse(iso) - Date.parse(startIso)
  return Number.isNaN(d) ? '' : `+${duration(d, locale)}`
}

/** A local timestamp for lists of past runs: "2026-11-21 08:18" (ja "2026/11/21 08:18"). */
export function localStamp(iso: string | null | undefined, locale: FormatLocale = formatLocale.value): string {
  if (!iso) return '—'
  const ms = Date.parse(iso)
  if (Number.isNaN(ms)) return iso
  const d = new Date(ms)
  const sep = dateSep(locale)
  return `${d.getFullYear()}${sep}${pad(d.getMonth() + 1)}${sep}${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`
}

/** A share (0-1) as a whole percentage, blank when there is none: 0.625 -> "63%". */
export function shareLabel(share: number): string {
  return share > 0 ? `${(share * 100).toFixed(0)}%` : ''
}
