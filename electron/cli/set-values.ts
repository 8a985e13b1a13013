// `--set AXIS=VALUE`: what-if changes named by axis (`cascade report`, and `cascade run` once the
// decisions work lands). The syntax is checked here, every bad flag named; what an axis means and
// applying it to the book or the scenario belong to the axes module, wired in through `applySets`.
import type { FieldIssue } from '../../shared/model/issues'
import type { Portfolio } from '../../shared/model/portfolio'
import type { Scenario } from '../../shared/model/scenario'
import type { SetValue } from '../../shared/report/report-html'
import { UsageError } from './context'

export type { SetValue }

/** An axis name: letters, digits and `. _ - [ ]` (`shock.BTC`, `positions[0].leverage`), at most 100. */
const AXIS = /^[A-Za-z][A-Za-z0-9_.[\]-]{0,99}$/
const MAX_VALUE = 200

/** Each `--set` as given, checked for `AXIS=VALUE`; every bad one is named (exit 2). */
export function parseSetValues(raw: unknown): SetValue[] {
  const list = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw]
  const out: SetValue[] = []
  const bad: string[] = []
  list.forEach((item, i) => {
    const text = String(item)
    const at = text.indexOf('=')
    const axis = at < 0 ? '' : text.slice(0, at).trim()
    const value = at < 0 ? '' : text.slice(at + 1).trim()
    if (at < 0) bad.push(`--set[${i}]: expected AXIS=VALUE, got "${text}"`)
    else if (!AXIS.test(axis)) bad.push(`--set[${i}]: the axis must start with a letter and hold only letters, digits and . _ - [ ] (at most 100), got "${axis}"`)
    else if (!value) bad.push(`--set[${i}]: ${axis} has no value`)
    else if (value.length > MAX_VALUE || /[\u0000-\u001f\u007f]/.test(value)) bad.push(`--set[${i}]: the value of ${axis} must be at most ${MAX_VALUE} characters with no control characters`)
    else if (out.some((s) => s.axis === axis)) bad.push(`--set[${i}]: ${axis} is set twice`)
    else out.push({ axis, value })
  })
  if (bad.length) throw new UsageError(`${bad.length} bad --set flag${bad.length === 1 ? '' : 's'}`, bad)
  return out
}

export type ApplySets = (inputs: { book: Portfolio; scenario: Scenario }, sets: readonly SetValue[]) => { ok: true; book: Portfolio; scenario: Scenario } | { ok: false; issues: FieldIssue[] }

/**
 * The seam to the axes module (the decisions work): until it is wired here, this build knows no
 * axis, so any `--set` is refused by name rather than silently ignored.
 */
export const applySets: ApplySets = (inputs, sets) =>
  sets.length ? { ok: false, issues: sets.map((s, i) => ({ path: `--set[${i}]`, message: `unknown axis "${s.axis}": this build knows no what-if axes yet` })) } : { ok: true, ...inputs }
