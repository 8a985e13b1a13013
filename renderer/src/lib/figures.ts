// How the metrics panel and the run screen show the engine's figures: exact decimal strings
// rounded for reading (never through a float), the distance from the mark to a liquidation price,
// the risk band of a margin ratio, uniMMR or health factor, and the explanation of a figure as
// lines of text. Pure, so Vitest checks it without a DOM.
import type { Explanation, ExplainMap } from '../../../shared/engine/explain'
import type { PositionMetrics } from '../../../shared/engine/metrics-report'
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

/** Binance's uniMMR thresholds: reminder, reduce-only, liquidation (profile data; these are Binance's). */
export interface UniThresholds {
  reminder: string
  reduceOnly: string
  liquidation: string
}
export const BINANCE_UNI: UniThresholds = { reminder: '1.5', reduceOnly: '1.2', liquidation: '1.05' }

/** uniMMR = adjusted equity / MM: higher is safer; liquidation at the profile's ratio. */
export function uniMmrBand(text: string | null | undefined, t: UniThresholds = BINANCE_UNI): Band {
  if (!isDecimal(text)) return 'none'
  const r = new Dec(text)
  if (r.lte(t.liquidation)) return 'liquidation'
  if (r.lt(t.reduceOnly)) return 'danger'
  if (r.lt(t.reminder)) return 'caution'
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
export function gaugeFill(kind: 'marginRatio' | 'uniMMR' | 'health', text: string | null | undefined, t: UniThresholds = BINANCE_UNI): number {
  if (!isDecimal(text)) return 0
  const v = Number(text)
  const clamp = (x: number) => Math.max(0, Math.min(1, x))
  if (kind === 'marginRatio') return clamp(v)
  // Full at the liquidation level, empty at three times it (a comfortable distance).
  const liq = kind === 'uniMMR' ? Number(t.liquidation) : 1
  return clamp((3 * liq - v) / (2 * liq))
}

/** Widths (summing to 1) of the gauge's safe, caution and danger segments, on `gaugeFill`'s scale. */
export function gaugeSegments(kind: 'marginRatio' | 'uniMMR', t: UniThresholds = BINANCE_UNI): [number, number, number] {
  if (kind === 'marginRatio') return [0.5, 0.3, 0.2]
  const caution = gaugeFill('uniMMR', t.reminder, t)
  const danger = gaugeFill('uniMMR', t.reduceOnly, t)
  return [caution, danger - caution, 1 - danger]
}

/** Liquidation thresholds of a uniMMR explanation, when it names them. */
export function uniThresholds(explain: ExplainMap | undefined): UniThresholds {
  const liq = explain?.['account.uniMMR']?.params.liquidationRatio
  return typeof liq === 'string' && isDecimal(liq) ? { ...BINANCE_UNI, liquidation: liq } : BINANCE_UNI
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
