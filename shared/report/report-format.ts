// How a report writes figures and text: HTML-escaped always, exact decimals rounded for reading
// (never through a float for money), UTC clocks and durations. Digits are grouped with commas and a
// dot for decimals in every language (how English, Japanese and Chinese venues print them); compact
// amounts and durations take the language's units, as the app writes them (shared/i18n/units.ts).
import { D } from '../decimal'
import type { TextLang } from '../i18n/scenario-names'
import { COMPACT_UNITS, DURATION_UNITS } from '../i18n/units'

/** Escapes text for HTML content and double- or single-quoted attributes. */
export function esc(text: string | number): string {
  return String(text).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string)
}

const isDecimal = (v: string | null | undefined): v is string => typeof v === 'string' && /^-?[0-9]+(\.[0-9]+)?(e[-+]?[0-9]+)?$/i.test(v)

export function group(text: string): string {
  const m = /^(-?)([0-9]+)(\.[0-9]+)?$/.exec(text)
  if (!m) return text
  return `${m[1]}${m[2].replace(/\B(?=([0-9]{3})+(?![0-9]))/g, ',')}${m[3] ?? ''}`
}

export const DASH = '—'

/** "1234567.891" -> "1,234,567.89". */
export function money(v: string | null | undefined, dp = 2): string {
  return isDecimal(v) ? group(new D(v).toFixed(dp)) : DASH
}

/** "+1,234.50" / "-1,234.50". */
export function signedMoney(v: string | null | undefined): string {
  if (!isDecimal(v)) return DASH
  const d = new D(v)
  const s = group(d.abs().toFixed(2))
  return d.isZero() || /^[0.,]+$/.test(s) ? s : `${d.isNeg() ? '-' : '+'}${s}`
}

/** A fraction as a percentage: "0.1234" -> "12.34%". */
export function percent(v: string | null | undefined, dp = 2, signed = false): string {
  if (!isDecimal(v)) return DASH
  const d = new D(v).times(100)
  const s = `${group(d.abs().toFixed(dp))}%`
  if (d.isNeg() && !/^[0.,]+%$/.test(s)) return `-${s}`
  return signed && d.gt(0) ? `+${s}` : s
}

/** Quantity as given, grouped, at most 8 places, trailing zeros dropped. */
export function quantity(v: string | null | undefined): string {
  return isDecimal(v) ? group(new D(new D(v).toFixed(8)).toFixed()) : DASH
}

/** A price with as many places as its size needs (six significant digits below 1). */
export function price(v: string | null | undefined): string {
  if (!isDecimal(v)) return DASH
  const d = new D(v)
  const abs = d.abs()
  if (abs.isZero()) return '0'
  if (abs.gte(1000)) return group(d.toFixed(2))
  if (abs.gte(1)) return group(d.toFixed(4))
  return d.toFixed(Math.min(-Math.floor(Math.log10(abs.toNumber())) + 5, 18))
}

/** USD in a compact form for crowd-scale totals: 14.2B, 530M, 12.5k (ja 142億, zh-CN 142亿). */
export function compactUsd(v: string | number | null | undefined, lang: TextLang = 'en'): string {
  const n = typeof v === 'number' ? v : isDecimal(v) ? Number(v) : NaN
  if (!Number.isFinite(n)) return DASH
  for (const [size, suffix] of COMPACT_UNITS[lang]) {
    if (Math.abs(n) >= size) {
      const x = n / size
      return `${Math.abs(x) >= 100 ? group(x.toFixed(0)) : Math.abs(x) >= 10 ? x.toFixed(1) : x.toFixed(2)}${suffix}`
    }
  }
  return n.toFixed(0)
}

/**
 * An axis tick in compact USD with just the digits its step needs, so neighbouring ticks never
 * print alike: 800M, 800.5M, 801M rather than 800M, 801M, 801M (ja 8億, 8.005億).
 */
export function compactTick(v: number, step: number, lang: TextLang = 'en'): string {
  const scale = Math.max(Math.abs(v), Math.abs(step))
  const [size, suffix] = COMPACT_UNITS[lang].find(([u]) => scale >= u) ?? [1, '']
  // As many places as the step has in this unit (0.25M -> 2, 0.5M -> 1, 1M -> 0).
  const unit = Number((Math.abs(step) / size).toPrecision(6)).toFixed(6).replace(/0+$/, '')
  const dp = Math.min(6, unit.split('.')[1]?.length ?? 0)
  const text = (v / size).toFixed(dp)
  return `${/^-?0(\.0+)?$/.test(text) ? '0' : text}${/^-?0(\.0+)?$/.test(text) ? '' : suffix}`
}

const pad = (n: number) => String(n).padStart(2, '0')

/** "2025-10-10T21:19:44Z" -> "21:19:44", or "2025-10-10 21:19:44" with the date. */
export function utc(iso: string | null | undefined, withDate = false): string {
  if (!iso) return DASH
  const ms = Date.parse(iso)
  if (Number.isNaN(ms)) return iso
  const d = new Date(ms)
  const clock = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`
  return withDate ? `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${clock}` : clock
}

/** A duration in ms to the second: "+1h 19m 44s" (ja "+1時間19分44秒", zh-CN "+1小时19分钟44秒"). */
export function sinceStart(ms: number, lang: TextLang = 'en'): string {
  if (!Number.isFinite(ms)) return DASH
  const u = DURATION_UNITS[lang]
  let s = Math.round(Math.abs(ms) / 1000)
  const h = Math.floor(s / 3600)
  const m = Math.floor((s % 3600) / 60)
  s %= 60
  const parts = [h ? `${h}${u.h}` : '', m ? `${m}${u.m}` : '', s || (!h && !m) ? `${s}${u.s}` : ''].filter(Boolean)
  return `${ms < 0 ? '-' : '+'}${parts.join(u.gap)}`
}
