// How the metrics panel and the run screen judge the engine's figures: the risk band of a margin
// ratio, uniMMR or health factor and its gauge, the explain keys of the figures, and the
// explanation of a figure as lines of text (printing is lib/format.ts). Pure, so Vitest checks it
// without a DOM.
import { D } from '../../../shared/decimal'
import type { Explanation, ExplainMap } from '../../../shared/model/explain'
import { groupThousands, isDecimal, trimDecimal } from './format'

export type Band = 'safe' | 'caution' | 'danger' | 'liquidation' | 'none'

/** Margin ratio = MM / margin balance; liquidation at 100%. Bands at 50% and 80%. */
export function marginRatioBand(text: string | null | undefined): Band {
  if (!isDecimal(text)) return 'none'
  const r = new D(text)
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
  const r = new D(text)
  if (r.lte(t.liquidation)) return 'liquidation'
  if (t.reduceOnly !== null && r.lt(t.reduceOnly)) return 'danger'
  if (t.reminder !== null && r.lt(t.reminder)) return 'caution'
  return 'safe'
}

/** Aave health factor: liquidatable below 1; bands at 1.1 and 1.5. */
export function healthBand(text: string | null | undefined): Band {
  if (!isDecimal(text)) return 'none'
  const h = new D(text)
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

/** What the ADL lights were ranked against, as one sentence. */
export function adlQueueText(q: { source: string; method: string | null; size: number; seed: number | null }): string {
  const method = q.method ? `${q.method} ranking` : 'no ADL ranking in the profile'
  if (q.source === 'profile default crowd') {
    return `ADL lights ranked against the profile default crowd (${groupThousands(String(q.size))} synthetic positions per contract, seed ${q.seed ?? '—'}), ${method}.`
  }
  return `ADL lights ranked against your positions only (the profile has no default crowd), ${method}.`
}

/**
 * What n lights say: the position's quintile in its side's ADL queue, counted from the bottom, so
 * 1 light is the bottom 20% (deleveraged last) and 5 the top 20% (deleveraged first).
 */
export function adlLightsLabel(lights: number): string {
  if (lights <= 0) return 'ADL: no lights (not in profit, or nothing to rank)'
  const n = Math.min(5, Math.round(lights))
  const band = n === 5 ? 'the top 20%' : n === 1 ? 'the bottom 20%' : `the ${(n - 1) * 20}-${n * 20}% band from the bottom`
  const order = n === 5 ? ' (deleveraged first)' : n === 1 ? ' (deleveraged last)' : ''
  return `ADL ${n} of 5 lights: in ${band} of its side's queue${order}`
}

/** The level colour class of an ADL light count: 0 none, 1-2 low, 3 mid, 4-5 high. */
export function lightLevel(lights: number): 'off' | 'low' | 'mid' | 'high' | 'top' {
  if (lights <= 0) return 'off'
  if (lights <= 2) return 'low'
  if (lights === 3) return 'mid'
  if (lights === 4) return 'high'
  return 'top'
}
