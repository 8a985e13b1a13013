// How the Compare screen writes a figure and its difference from the baseline, by the figure's
// kind (shared/compare): money exact to the cent (crowd-scale sums compact), counts grouped,
// fractions as percentages and their differences in percentage points, times since the start as
// "+1h 19m" and their differences signed. Words (never, survived, pt) come from the caller, in its
// language. Pure, so Vitest checks it without a DOM.
import { D } from '../../../shared/decimal'
import type { MetricFormat, MetricSection } from '../../../shared/compare/run-compare'
import { compactUsd, duration, groupThousands, money, percent } from './format'

export interface CompareWords {
  never: string
  survived: string
  liquidated: string
  /** "{n} pt": a difference of percentage points. */
  points: (n: string) => string
}

/** Crowd and fund figures are billions: compact; the book's own figures to the cent. */
const compact = (section: MetricSection) => section === 'crowd' || section === 'fund'

export function formatFigure(format: MetricFormat, section: MetricSection, v: string | null, words: CompareWords): string {
  if (format === 'verdict') return v === 'survived' ? words.survived : v === 'liquidated' ? words.liquidated : '—'
  if (v === null) return format === 'elapsed' ? words.never : '—'
  switch (format) {
    case 'money':
      return compact(section) ? compactUsd(v) : money(v)
    case 'count':
      return groupThousands(v)
    case 'share':
      return percent(v, section === 'crowd' ? 1 : 2)
    case 'elapsed':
      return `+${duration(Number(v))}`
  }
}

/**
 * The difference from the baseline; '' where there is none to show (baseline, a side missing,
 * zero, or a difference too small to show at the figure's precision: "-0" beside two figures that
 * both read 0 would say they differ).
 */
export function formatDelta(format: MetricFormat, section: MetricSection, delta: string | null, words: CompareWords): string {
  if (delta === null || format === 'verdict') return ''
  const d = new D(delta)
  const sign = d.isNeg() ? '-' : '+'
  let magnitude: string
  switch (format) {
    case 'money':
      magnitude = compact(section) ? compactUsd(d.abs().toNumber()) : groupThousands(d.abs().toFixed(2))
      break
    case 'count':
      magnitude = groupThousands(d.abs().toFixed())
      break
    case 'share':
      magnitude = d.abs().times(100).toFixed(section === 'crowd' ? 1 : 2)
      break
    case 'elapsed':
      magnitude = duration(d.abs().toNumber())
      break
  }
  if (!/[1-9]/.test(magnitude)) return ''
  return format === 'share' ? words.points(`${sign}${magnitude}`) : `${sign}${magnitude}`
}

/** "+1h 19m" from ms since the start; the word for never when there is none. */
export function sinceStartLabel(ms: number | null, never: string): string {
  return ms === null ? never : `+${duration(ms)}`
}
