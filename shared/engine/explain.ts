// "Every figure can say which formula and which parameters produced it" (PRODUCT.md): an
// explanation per figure path (`positions[0].liquidationPrice`), built only when asked for.
import type { UnconfirmedFigure } from '../model/venue'

export type ExplainValue = string | number | boolean | null

export interface Explanation {
  formula: string
  /** Where the formula comes from, e.g. "VENUES.md §1.1 (Binance liquidation price FAQ)". */
  source: string
  params: Record<string, ExplainValue>
  /** Profile figures used here that the profile marks unconfirmed ([U] in VENUES.md). */
  unconfirmed?: UnconfirmedFigure[]
}

export type ExplainMap = Record<string, Explanation>

export interface ExplainDraft extends Omit<Explanation, 'unconfirmed'> {
  /** Profile paths of the parameters used, e.g. `contracts.BTCUSDT.brackets[3]`. */
  profilePaths?: string[]
}

export interface Explainer {
  readonly enabled: boolean
  /** Records an explanation; `build` runs only when explanations were asked for. */
  add(path: string, build: () => ExplainDraft): void
  result(): ExplainMap
}

/** `a.b[1]` covers `a.b[1].c` and is covered by `a.b`: either way the figure touches it. */
function overlaps(a: string, b: string): boolean {
  const within = (inner: string, outer: string) => inner === outer || inner.startsWith(`${outer}.`) || inner.startsWith(`${outer}[`)
  return within(a, b) || within(b, a)
}

export function createExplainer(enabled: boolean, unconfirmed: readonly UnconfirmedFigure[]): Explainer {
  const map: ExplainMap = {}
  return {
    enabled,
    add(path, build) {
      if (!enabled) return
      const { profilePaths = [], ...rest } = build()
      const flagged = unconfirmed.filter((u) => profilePaths.some((p) => overlaps(p, u.path)))
      map[path] = flagged.length ? { ...rest, unconfirmed: flagged } : rest
    },
    result: () => map,
  }
}
