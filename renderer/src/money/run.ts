// The money of a finished run that the run screen derives from the engine's summary and events:
// the change of equity, the shares of the loss, how far the insurance fund was drawn, and the
// total of a merged crowd node. Exact in the engine's one configured Decimal where it is shown as
// money; the loss shares are widths and whole percentages, so floats. Pure, so Vitest checks it.
import { D } from '../../../shared/decimal'
import type { CascadeEvent, LossBreakdown, RunSummary } from '../../../shared/model/run'
import { isDecimal } from '../lib/format'

export interface EquityChange {
  /** final - start. */
  abs: string
  /** (final - start) / |start|; null when the run started with no equity. */
  rel: string | null
}

export function equityChange(startEquity: string, finalEquity: string): EquityChange {
  const a = new D(startEquity)
  const b = new D(finalEquity)
  return { abs: b.minus(a).toString(), rel: a.isZero() ? null : b.minus(a).div(a.abs()).toString() }
}

/** The colour class of a signed amount: `short` (red) below zero, `long` (green) above. */
export function signClass(text: string): 'short' | 'long' | '' {
  const n = Number(text)
  return n < 0 ? 'short' : n > 0 ? 'long' : ''
}

/** Whether an amount is above zero (e.g. losses nobody absorbed). */
export function isPositive(text: string): boolean {
  return Number(text) > 0
}

/** The parts of the loss, in the order the summary and the waterfall show them (labels: catalogue `summary.loss.<key>`). */
export const LOSS_PARTS = [
  { key: 'price', cls: 'price' },
  { key: 'slippage', cls: 'slip' },
  { key: 'fees', cls: 'fees' },
  { key: 'profitLostToAdl', cls: 'adlpart' },
] as const

export type LossPart = (typeof LOSS_PARTS)[number] & { value: string; share: number }

/** Where the money went: each part of the loss with its share (0-1) of the parts that lost money. */
export function lossShares(loss: LossBreakdown): { parts: LossPart[]; total: string } {
  const parts = LOSS_PARTS.map((p) => ({ ...p, value: loss[p.key] }))
  const positive = parts.reduce((sum, p) => (Number(p.value) > 0 ? sum + Number(p.value) : sum), 0)
  return {
    parts: parts.map((p) => ({ ...p, share: positive > 0 && Number(p.value) > 0 ? Number(p.value) / positive : 0 })),
    total: loss.total,
  }
}

/** One bar of the loss waterfall: equity from `from` to `to` (exact decimals); `value` = to - from. */
export interface WaterfallStep {
  key: 'start' | LossPart['key'] | 'final'
  from: string
  to: string
  value: string
}

/**
 * Start equity, each part of the loss taken off in turn, final equity: the bars of the waterfall.
 * The engine's parts add up to start - final to the cent (shared/engine/cascade/summary.ts), so the
 * last part lands exactly on the final bar; a part that gained money (a negative loss) steps up.
 */
export function lossWaterfall(startEquity: string, finalEquity: string, loss: LossBreakdown): WaterfallStep[] {
  let level = new D(startEquity)
  const out: WaterfallStep[] = [{ key: 'start', from: '0', to: level.toString(), value: level.toString() }]
  for (const p of LOSS_PARTS) {
    const next = level.minus(loss[p.key])
    out.push({ key: p.key, from: level.toString(), to: next.toString(), value: next.minus(level).toString() })
    level = next
  }
  out.push({ key: 'final', from: '0', to: new D(finalEquity).toString(), value: new D(finalEquity).toString() })
  return out
}

/** How far the insurance fund fell below its start, as a fraction: (start - min) / start; null from an empty fund. */
export function fundDrawn(fund: RunSummary['insuranceFund']): string | null {
  const a = new D(fund.start)
  return a.isZero() ? null : a.minus(fund.min).div(a).toString()
}

/**
 * How far the fund was drawn at its lowest, as the summary prints it beside the minimum: "-25%",
 * "-0.37%" under one percent, "-<0.01%" for less; null when it never went under its start (a
 * hard-coded minus sign once printed "-0%" for an untouched fund).
 */
export function fundDrawnLabel(fund: RunSummary['insuranceFund']): string | null {
  const drawn = fundDrawn(fund)
  if (drawn === null || !new D(drawn).gt(0)) return null
  const pct = new D(drawn).times(100)
  if (pct.gte(1)) return `-${pct.toFixed(0)}%`
  return pct.gte(0.01) ? `-${pct.toFixed(2)}%` : '-<0.01%'
}

/** The sum of one named amount over the events of a merged node (events without it add nothing); null if one is not a decimal. */
export function amountTotal(events: readonly CascadeEvent[], key: string): string | null {
  let total = new D(0)
  for (const e of events) {
    const v = e.amounts?.[key]
    if (v === undefined) continue
    if (!isDecimal(v)) return null
    total = total.plus(v)
  }
  return total.toString()
}

/** Whether an exact amount is zero. */
export function isZero(text: string): boolean {
  return new D(text).isZero()
}
