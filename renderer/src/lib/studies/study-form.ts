// The Studies tab's form (docs/DECISIONS.md §6) and the `study:start` request built from it: the
// fields as typed, checked here only for what the request's shape needs (whole numbers, a
// probability, `AXIS=VALUE` pairs); the axes' names and ranges are checked in main by the same
// preparation as the CLI, whose refusal names the field (`set.shock:XRP`, `study.x`). Pure.
import type { StudyAxisRange, StudySpec, StudyStartRequest } from '../../../../shared/ipc/channels'
import type { StudyKind } from '../../../../shared/model/study'

export interface AxisRangeForm {
  axis: string
  from: string
  to: string
  count: string
}

export interface StudyForm {
  kind: StudyKind
  /** A preset or saved scenario id (a date resolves to the book's venue's preset in main). */
  scenarioId: string
  /** As typed; empty: the scenario's own crowd seed. */
  seed: string
  /** Perpetual traders of the crowd; empty: the scenario's own. */
  crowd: string
  /** Re-price the book at the scenario's start (as the Replay tab's "historical prices"). */
  historical: boolean
  /** What-if axes every run starts from: `fund=2e8, shock:BTC=-0.2` (commas, spaces or lines between). */
  set: string
  /** Study the what-if editor's scenario (unsaved edits included) instead of the picked one. */
  useWhatIf: boolean
  draws: string
  solve: { axis: string; from: string; to: string; targetP: string; draws: string }
  grid: { x: AxisRangeForm; y: AxisRangeForm; draws: string }
}

export function defaultStudyForm(scenarioId: string): StudyForm {
  return {
    kind: 'montecarlo',
    scenarioId,
    seed: '',
    crowd: '',
    historical: false,
    set: '',
    useWhatIf: false,
    draws: '100',
    solve: { axis: 'collateral:USDT', from: '', to: '', targetP: '', draws: '20' },
    grid: { x: { axis: 'scale', from: '0.5', to: '1.5', count: '5' }, y: { axis: 'withdrawal', from: '0', to: '0.98', count: '5' }, draws: '' },
  }
}

/** A finding on a field of the form: its path (as the request names it) and a catalogue key. */
export interface FormIssue {
  path: string
  key: string
  params?: Record<string, unknown>
}

export type Built = { ok: true; request: Omit<StudyStartRequest, 'portfolioId' | 'scenarioId' | 'scenario'> } | { ok: false; issues: FormIssue[] }

const WHOLE = /^[0-9]{1,10}$/
const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d{1,3})?$/

/** `fund=2e8, shock:BTC=-0.2` -> {fund: "2e8", "shock:BTC": "-0.2"}; a piece without `=` is a finding. */
export function parseSet(text: string): { ok: true; set: Record<string, string> } | { ok: false; issues: FormIssue[] } {
  const set: Record<string, string> = {}
  const issues: FormIssue[] = []
  for (const piece of text.split(/[\s,;]+/).filter(Boolean)) {
    const at = piece.indexOf('=')
    const axis = piece.slice(0, at).trim()
    const value = piece.slice(at + 1).trim()
    if (at <= 0 || !value) issues.push({ path: 'set', key: 'studies.form.errors.setPair', params: { piece } })
    else if (!DECIMAL.test(value)) issues.push({ path: `set.${axis}`, key: 'studies.form.errors.decimal', params: { value } })
    else set[axis] = value
  }
  return issues.length ? { ok: false, issues } : { ok: true, set }
}

function whole(text: string, path: string, min: number, max: number, issues: FormIssue[]): number | undefined {
  const t = text.trim()
  if (WHOLE.test(t) && Number(t) >= min && Number(t) <= max) return Number(t)
  issues.push({ path, key: 'studies.form.errors.whole', params: { min, max } })
  return undefined
}

function decimal(text: string, path: string, issues: FormIssue[]): string {
  const t = text.trim()
  if (!DECIMAL.test(t)) issues.push({ path, key: 'studies.form.errors.decimal', params: { value: t } })
  return t
}

function axisRange(f: AxisRangeForm, path: string, issues: FormIssue[]): StudyAxisRange {
  const axis = f.axis.trim()
  if (!axis) issues.push({ path: `${path}.axis`, key: 'studies.form.errors.axis' })
  return { axis, from: decimal(f.from, `${path}.from`, issues), to: decimal(f.to, `${path}.to`, issues), count: whole(f.count, `${path}.count`, 1, 256, issues) ?? 0 }
}

/** Most draws the form offers (main accepts more: the CLI is the door for desk-sized studies). */
export const MAX_FORM_DRAWS = 100_000

/** The request the form describes, or every finding at once. */
export function buildStudyRequest(form: StudyForm): Built {
  const issues: FormIssue[] = []
  const seed = form.seed.trim() === '' ? undefined : whole(form.seed, 'seed', 0, 4294967295, issues)
  const crowd = form.crowd.trim() === '' ? undefined : whole(form.crowd, 'crowd', 1, 10_000_000, issues)
  const set = parseSet(form.set)
  if (!set.ok) issues.push(...set.issues)
  let study: StudySpec | null = null
  if (form.kind === 'montecarlo') {
    study = { kind: 'montecarlo', draws: whole(form.draws, 'study.draws', 1, MAX_FORM_DRAWS, issues) ?? 0 }
  } else if (form.kind === 'grid') {
    const x = axisRange(form.grid.x, 'study.x', issues)
    const y = axisRange(form.grid.y, 'study.y', issues)
    const draws = form.grid.draws.trim() === '' ? undefined : whole(form.grid.draws, 'study.draws', 1, MAX_FORM_DRAWS, issues)
    study = { kind: 'grid', x, y, ...(draws === undefined ? {} : { draws }) }
  } else {
    const s = form.solve
    const axis = s.axis.trim()
    if (!axis) issues.push({ path: 'study.axis', key: 'studies.form.errors.axis' })
    const from = s.from.trim() === '' ? undefined : decimal(s.from, 'study.from', issues)
    const to = s.to.trim() === '' ? undefined : decimal(s.to, 'study.to', issues)
    let target: { p: number; draws: number } | undefined
    if (s.targetP.trim() !== '') {
      const p = Number(s.targetP.trim())
      if (!DECIMAL.test(s.targetP.trim()) || !(p > 0 && p <= 1)) issues.push({ path: 'study.target.p', key: 'studies.form.errors.probability' })
      const draws = whole(s.draws, 'study.target.draws', 1, MAX_FORM_DRAWS, issues)
      if (draws !== undefined) target = { p, draws }
    }
    study = { kind: 'solve', axis, ...(from === undefined ? {} : { from }), ...(to === undefined ? {} : { to }), ...(target ? { target } : {}) }
  }
  if (issues.length) return { ok: false, issues }
  return {
    ok: true,
    request: {
      ...(seed === undefined ? {} : { seed }),
      ...(crowd === undefined ? {} : { crowd }),
      ...(form.historical ? { pricing: 'historical' as const } : {}),
      ...(set.ok && Object.keys(set.set).length ? { set: set.set } : {}),
      study: study!,
    },
  }
}

/** How many runs the form asks for, for the button ("Start 125 runs"); null when not yet known (solve) or not valid. */
export function plannedRuns(form: StudyForm): number | null {
  const n = (s: string) => (WHOLE.test(s.trim()) ? Number(s.trim()) : NaN)
  if (form.kind === 'montecarlo') return Number.isFinite(n(form.draws)) ? n(form.draws) : null
  if (form.kind === 'grid') {
    const cells = n(form.grid.x.count) * n(form.grid.y.count)
    const per = form.grid.draws.trim() === '' ? 1 : n(form.grid.draws)
    return Number.isFinite(cells * per) ? cells * per : null
  }
  return null
}
