// The `explain` map of a metrics report: for each figure path (`positions[0].liquidationPrice`),
// the formula and parameters that produced it ("Every figure can say which formula and which
// parameters produced it", docs/MODEL.md §6.4).
import type { UnconfirmedFigure } from './venue'

export type ExplainValue = string | number | boolean | null

export interface Explanation {
  formula: string
  /** Where the formula comes from, e.g. "docs/VENUE-RULES.md §1.1 (Binance liquidation price FAQ)". */
  source: string
  params: Record<string, ExplainValue>
  /** Profile figures used here that the profile marks unconfirmed ([U] in docs/VENUE-RULES.md). */
  unconfirmed?: UnconfirmedFigure[]
}

export type ExplainMap = Record<string, Explanation>
