// How the metrics panel and the run screen judge the engine's figures: the risk band of a margin
// ratio, uniMMR or health factor and its gauge, the explain keys of the figures, and the
// explanation of a figure as lines of text (printing is lib/format.ts). Pure, so Vitest checks it
// without a DOM; its words come from the `Translate` it is given (the app's catalogues).
import { D } from '../../../shared/decimal'
import type { Explanation, ExplainMap } from '../../../shared/model/explain'
import type { Translate } from '../i18n'
import { groupThousands, integer, isDecimal, percent, ratio, trimDecimal } from './format'

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

/**
 * How a venue shows its account-level ratio (the profile's `unified.ratioDisplay`): Binance's
 * uniMMR as a plain ratio (1.85), OKX's margin ratio as a percentage of the same quotient
 * (185.00%), Bybit's Account MM Rate as its inverse, MM over equity (54.05%, liquidation at 100%).
 * The engine's figure is always uniMMR = adjusted equity / MM; only the printing differs.
 */
export type RatioForm = 'ratio' | 'percent' | 'inverse-percent'

export interface RatioDisplay {
  name: string
  form: RatioForm
}

/** Binance's own term and form, for a profile that names none (every shipped one does). */
export const UNI_MMR_DISPLAY: RatioDisplay = { name: 'uniMMR', form: 'ratio' }

/** uniMMR printed in the venue's form; the inverse is exact (1 / uniMMR in the 34-digit Decimal). */
export function formRatio(text: string | null | undefined, form: RatioForm): string {
  if (form === 'ratio') return ratio(text, 3)
  if (form === 'percent') return percent(text)
  if (!isDecimal(text) || new D(text).isZero()) return percent(null)
  return percent(new D(1).div(text).toString())
}

/** The levels of the scale in words, in the venue's form: only those the profile gives. */
export function uniScale(th: UniThresholds, t: Translate, form: RatioForm = 'ratio'): string {
  // uniMMR falls towards its levels; the inverse (MM rate) rises towards them.
  const below = form === 'inverse-percent' ? 'above' : 'below'
  const level = (v: string): string => (form === 'ratio' ? v : formRatio(v, form).replace(/\.00%$/, '%'))
  const parts = [t(`gauge.liquidation.${below}`, { level: level(th.liquidation) })]
  if (th.reduceOnly !== null) parts.push(t(`gauge.reduceOnly.${below}`, { level: level(th.reduceOnly) }))
  if (th.reminder !== null) parts.push(t(`gauge.reminder.${below}`, { level: level(th.reminder) }))
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

export function marginRatioGauge(text: string | null | undefined, t: Translate): RatioGaugeView {
  return { band: marginRatioBand(text), fill: gaugeFill('marginRatio', text), segments: gaugeSegments('marginRatio'), scale: t('gauge.marginRatioScale') }
}

/** uniMMR on the venue's own levels, written in the venue's form; with none known, no band and an empty track. */
export function uniMmrGauge(text: string | null | undefined, th: UniThresholds | null, t: Translate, display: RatioDisplay = UNI_MMR_DISPLAY): RatioGaugeView {
  if (th === null) return { band: 'none', fill: 0, segments: [0, 0, 0], scale: t('gauge.noLevels', { name: display.name }) }
  return { band: uniMmrBand(text, th), fill: gaugeFill('uniMMR', text, th), segments: gaugeSegments('uniMMR', th), scale: uniScale(th, t, display.form) }
}

/** The word for a band: "safe", "caution", ... */
export const bandLabel = (band: Band, t: Translate): string => t(`gauge.band.${band}`)

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
export function adlQueueText(q: { source: string; method: string | null; size: number; seed: number | null }, t: Translate): string {
  const method = q.method ? t('adl.method', { method: q.method }) : t('adl.noMethod')
  if (q.source === 'profile default crowd') return t('adl.queueCrowd', { size: integer(q.size), seed: q.seed ?? '—', method })
  return t('adl.queueOwn', { method })
}

/**
 * What n lights say: the position's quintile in its side's ADL queue, counted from the bottom, so
 * 1 light is the bottom 20% (deleveraged last) and 5 the top 20% (deleveraged first).
 */
export function adlLightsLabel(lights: number, t: Translate): string {
  if (lights <= 0) return t('adl.lightsNone')
  const n = Math.min(5, Math.round(lights))
  if (n === 5) return t('adl.lightsTop')
  if (n === 1) return t('adl.lightsBottom')
  return t('adl.lightsBand', { n, from: (n - 1) * 20, to: n * 20 })
}

/** The level colour class of an ADL light count: 0 none, 1-2 low, 3 mid, 4-5 high. */
export function lightLevel(lights: number): 'off' | 'low' | 'mid' | 'high' | 'top' {
  if (lights <= 0) return 'off'
  if (lights <= 2) return 'low'
  if (lights === 3) return 'mid'
  if (lights === 4) return 'high'
  return 'top'
}
