// How the metrics panel and the run screen show the engine's figures: exact decimal strings
// rounded for reading (never through a float), the distance from the mark to a liquidation price,
// the risk band of a margin ratio, uniMMR or health factor, and the explanation of a figure as
// lines of text. Pure, so Vitest checks it without a DOM.
import type { Explanation, ExplainMap } from '../../../shared/model/explain'
import type { PositionMetrics } from '../../../shared/model/metrics'
import { Dec, groupThousands } from './format'

/** A dash for a figure that does not exist (a `null` price: no liquidation possible). */
export const NONE = '—'

const isDecimal = (text: string | null | undefined): text is string => typeof text === 'string' && /^-?[0-9]+(\.[0-9]+)?(e[-+]?[0-9]+)?$/i.test(text)

/** Money in quote units: two places, grouped ("1,900,000.00"). */
export function money(text: string | null | undefined, dp = 2): string {
  if (!isDecimal(text)) return NONE
  return groupThousands(new Dec(text).toFixed(dp))
}

/** Signed money: "+1,234.50" / "-1,234.50" / "0.00". */
export function signedMoney(text: string | null | undefined, dp = 2): string {
  if (!isDecimal(text)) return NONE
  const d = new Dec(text)
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
  const d = new Dec(text)
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
  return `${groupThousands(new Dec(text).times(100).toFixed(dp))}%`
}

/** A signed percentage: "-37.47%", "+4.10%". */
export function signedPercent(text: string | null | undefined, dp = 2): string {
  if (!isDecimal(text)) return NONE
  const d = new Dec(text).times(100)
  const s = groupThousands(d.abs().toFixed(dp))
  if (d.isZero() || /^[0.]+$/.test(s)) return s + '%'
  return `${d.isNeg() ? '-' : '+'}${s}%`
}

/** A ratio or multiple: ("2.8945", 2) -> "2.89". */
export function ratio(text: string | null | undefined, dp = 2): string {
  if (!isDecimal(text)) return NONE
  return groupThousands(new Dec(text).toFixed(dp))
}

/** Quantity as the engine gives it, grouped, at most 8 places, trailing zeros dropped. */
export function quantity(text: string | null | undefined): string {
  if (!isDecimal(text)) return NONE
  return groupThousands(new Dec(new Dec(text).toFixed(8)).toFixed())
}

/** USD in a compact form for crowd-scale totals: 14.2B, 1.10B, 530M, 12.5k, 950. */
export function compactUsd(text: string | number | null | undefined): string {
  const n = typeof text === 'number' ? text : isDecimal(text) ? Number(text) : NaN
  if (!Number.isFinite(n)) return NONE
  const abs = Math.abs(n)
  const units: Array<[number, string]> = [
    [1e12, 'T'],
    [1e9, 'B'],
    [1e6, 'M'],
    [1e3, 'k'],
  ]
  for (const [size, suffix] of units) {
    if (abs >= size) {
      const v = n / size
      return `${Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 10 ? v.toFixed(1) : v.toFixed(2)}${suffix}`
    }
  }
  return n.toFixed(0)
}

/** The mark a position was valued at: notional / qty (both from the engine, both exact). */
export function markOf(p: Pick<PositionMetrics, 'notional' | 'qty'>): string | null {
  if (!isDecimal(p.notional) || !isDecimal(p.qty)) return null
  const q = new Dec(p.qty)
  if (q.isZero()) return null
  return new Dec(p.notional).div(q).toString()
}

/** Relative distance from the mark to a price, signed: (target - mark) / mark. */
export function distanceFrom(mark: string | null, target: string | null): string | null {
  if (!isDecimal(mark) || !isDecimal(target)) return null
  const m = new Dec(mark)
  if (m.isZero()) return null
  return new Dec(target).minus(m).div(m).toString()
}

export type Band = 'safe' | 'caution' | 'danger' | 'liquidation' | 'none'

/** Margin ratio = MM / margin balance; liquidation at 100%. Bands at 50% and 80%. */
export function marginRatioBand(text: string | null | undefined): Band {
  if (!isDecimal(text)) return 'none'
  const r = new Dec(text)
  if (r.gte(1)) return 'liquidation'
  if (r.gte(0.8)) return 'danger'
  if (r.gte(0.5)) return 'caution'
  return 'safe'
}

/**
 * A venue's uniMMR levels, from its profile (`unified.liquidationRatio`, `reduceOnlyRatio`,
 * `reminderRatio`) as the engine's explanation of `account.uniMMR` names them. Only the
 * liquidation ratio is required of a profile: a level it does not give is `null` and is never
 * filled in from another venue.
 */
export interface UniThresholds {
  liquidation: string
  reduceOnly: string | null
  reminder: string | null
}

/** uniMMR = adjusted equity / MM: higher is safer; each level the profile gives starts a band. */
export function uniMmrBand(text: string | null | undefined, t: UniThresholds): Band {
  if (!isDecimal(text)) return 'none'
  const r = new Dec(text)
  if (r.lte(t.liquidation)) return 'liquidation'
  if (t.reduceOnly !== null && r.lt(t.reduceOnly)) return 'danger'
  if (t.reminder !== null && r.lt(t.reminder)) return 'caution'
  return 'safe'
}

/** Aave health factor: liquidatable below 1; bands at 1.1 and 1.5. */
export function healthBand(text: string | null | undefined): Band {
  if (!isDecimal(text)) return 'none'
  const h = new Dec(text)
  if (h.lt(1)) return 'liquidation'
  if (h.lt(1.1)) return 'danger'
  if (h.lt(1.5)) return 'caution'
  return 'safe'
}

/**
 * Where a ratio sits on a 0-1 gauge. Margin ratio: 0% -> 0, 100% -> 1. uniMMR and health
 * factor run the other way: the gauge fills as they fall towards their liquidation level.
 */
export function gaugeFill(kind: 'marginRatio' | 'health', text: string | null | undefined): number
export function gaugeFill(kind: 'uniMMR', text: string | null | undefined, t: UniThresholds): number
export function gaugeFill(kind: 'marginRatio' | 'uniMMR' | 'health', text: string | null | undefined, t?: UniThresholds): number {
  if (!isDecimal(text)) return 0
  const v = Number(text)
  const clamp = (x: number) => Math.max(0, Math.min(1, x))
  if (kind === 'marginRatio') return clamp(v)
  // Full at the liquidation level, empty at three times it (a comfortable distance).
  const liq = kind === 'uniMMR' && t ? Number(t.liquidation) : 1
  return clamp((3 * liq - v) / (2 * liq))
}

/**
 * Widths (summing to 1) of the gauge's safe, caution and danger segments, on `gaugeFill`'s scale.
 * uniMMR: caution from the reminder level, danger from the reduce-only level; a level the profile
 * does not give adds no segment, so with the liquidation ratio alone the track is one band.
 */
export function gaugeSegments(kind: 'marginRatio'): [number, number, number]
export function gaugeSegments(kind: 'uniMMR', t: UniThresholds): [number, number, number]
export function gaugeSegments(kind: 'marginRatio' | 'uniMMR', t?: UniThresholds): [number, number, number] {
  if (kind === 'marginRatio' || !t) return [0.5, 0.3, 0.2]
  const at = (level: string | null): number => (level === null ? 1 : gaugeFill('uniMMR', level, t))
  const danger = at(t.reduceOnly)
  const caution = Math.min(at(t.reminder), danger)
  return [caution, danger - caution, 1 - danger]
}

/** The levels of the uniMMR scale in words: only those the profile gives. */
export function uniScale(t: UniThresholds): string {
  const parts = [`liquidation ≤ ${t.liquidation}`]
  if (t.reduceOnly !== null) parts.push(`reduce-only < ${t.reduceOnly}`)
  if (t.reminder !== null) parts.push(`reminder < ${t.reminder}`)
  return parts.join(' · ')
}

/**
 * The uniMMR levels named by the engine's explanation of `account.uniMMR` (its parameters
 * `liquidationRatio`, `reduceOnlyRatio`, `reminderRatio`), or null when it names no
 * liquidation ratio: then the renderer has no scale to judge the figure on.
 */
export function uniThresholds(explain: ExplainMap | undefined): UniThresholds | null {
  const params = explain?.['account.uniMMR']?.params
  const level = (name: string): string | null => {
    const v = params?.[name]
    return typeof v === 'string' && isDecimal(v) ? v : null
  }
  const liquidation = level('liquidationRatio')
  if (liquidation === null) return null
  return { liquidation, reduceOnly: level('reduceOnlyRatio'), reminder: level('reminderRatio') }
}

/** What the account's gauge shows: the band, where the ratio sits, the segments and the scale. */
export interface RatioGaugeView {
  band: Band
  fill: number
  segments: [number, number, number]
  scale: string
}

export function marginRatioGauge(text: string | null | undefined): RatioGaugeView {
  return { band: marginRatioBand(text), fill: gaugeFill('marginRatio', text), segments: gaugeSegments('marginRatio'), scale: 'MM / margin balance · liquidation at 100%' }
}

/** uniMMR on the venue's own levels; with none known, no band and an empty track. */
export function uniMmrGauge(text: string | null | undefined, t: UniThresholds | null): RatioGaugeView {
  if (t === null) return { band: 'none', fill: 0, segments: [0, 0, 0], scale: 'no uniMMR levels in the venue profile' }
  return { band: uniMmrBand(text, t), fill: gaugeFill('uniMMR', text, t), segments: gaugeSegments('uniMMR', t), scale: uniScale(t) }
}

export const BAND_LABEL: Record<Band, string> = {
  safe: 'safe',
  caution: 'caution',
  danger: 'danger',
  liquidation: 'liquidation',
  none: 'n/a',
}

/** The explain key of a figure: `account.marginRatio`, `positions[1].liquidationPrice`, ... */
export const accountKey = (field: string): string => `account.${field}`
export const positionKey = (index: number, field: string): string => `positions[${index}].${field}`
export const defiKey = (index: number, field: string): string => `defi[${index}].${field}`

/** An explanation as lines for a tooltip: formula, each parameter, source, unconfirmed figures. */
export interface ExplainLines {
  formula: string
  params: Array<[string, string]>
  source: string
  unconfirmed: string[]
}

export function explainLines(e: Explanation | undefined): ExplainLines | null {
  if (!e) return null
  const params = Object.entries(e.params)
    .filter(([, v]) => v !== null && v !== '')
    .map(([k, v]): [string, string] => [k, typeof v === 'string' && isDecimal(v) ? groupThousands(trimDecimal(v)) : String(v)])
  return {
    formula: e.formula,
    params,
    source: e.source,
    unconfirmed: (e.unconfirmed ?? []).map((u) => `${u.path}: ${u.note}`),
  }
}

/** Long engine decimals (34 digits) shortened for a tooltip: at most 10 places. */
export function trimDecimal(text: string): string {
  if (!isDecimal(text) || /e/i.test(text)) return text
  const [, frac = ''] = text.split('.')
  if (frac.length <= 10) return text
  return new Dec(new Dec(text).toFixed(10)).toFixed()
}

/** What the ADL lights were ranked against, as one sentence. */
export function adlQueueText(q: { source: string; method: string | null; size: number; seed: number | null }): string {
  const method = q.method ? `${q.method} ranking` : 'no ADL ranking in the profile'
  if (q.source === 'profile default crowd') {
    return `ADL lights ranked against the profile default crowd (${groupThousands(String(q.size))} synthetic positions per contract, seed ${q.seed ?? '—'}), ${method}.`
  }
  return `ADL lights ranked against your positions only (the profile has no default crowd), ${method}.`
}

/** The level colour class of an ADL light count: 0 none, 1-2 low, 3 mid, 4-5 high. */
export function lightLevel(lights: number): 'off' | 'low' | 'mid' | 'high' | 'top' {
  if (lights <= 0) return 'off'
  if (lights <= 2) return 'low'
  if (lights === 3) return 'mid'
  if (lights === 4) return 'high'
  return 'top'
}
