// "Every figure can say which formula and which parameters produced it" (docs/MODEL.md §2.2): an
// explanation per figure path (`positions[0].liquidationPrice`), built only when asked for.
import type { Explanation, ExplainMap } from '../../model/explain'
import type { UnconfirmedFigure } from '../../model/venue'

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
function within(inner: string, outer: string): boolean {
  return inner === outer || (inner.startsWith(outer) && (inner[outer.length] === '.' || inner[outer.length] === '['))
}

function overlaps(a: string, b: string): boolean {
  return within(a, b) || within(b, a)
}

export function createExplainer(enabled: boolean, unconfirmed: readonly UnconfirmedFigure[]): Explainer {
  const map: ExplainMap = {}
  // Figures share a handful of profile paths (a contract's bracket, `adl.method`): which
  // unconfirmed entries a set of paths touches is worked out once per set, not per figure.
  const flaggedBy = new Map<string, UnconfirmedFigure[]>()
  const flaggedFor = (profilePaths: string[]): UnconfirmedFigure[] => {
    const key = profilePaths.join('\u0000')
    let flagged = flaggedBy.get(key)
    if (!flagged) {
      flagged = unconfirmed.filter((u) => profilePaths.some((p) => overlaps(p, u.path)))
      flaggedBy.set(key, flagged)
    }
    return flagged
  }
  return {
    enabled,
    add(path, build) {
      if (!enabled) return
      const draft = build()
      // Built field by field rather than by object rest: thousands of entries per call.
      const entry: Explanation = { formula: draft.formula, source: draft.source, params: draft.params }
      const flagged = draft.profilePaths?.length ? flaggedFor(draft.profilePaths) : []
      if (flagged.length) entry.unconfirmed = flagged.slice()
      map[path] = entry
    },
    result: () => map,
  }
}
