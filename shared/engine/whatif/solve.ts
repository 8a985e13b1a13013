// Reverse stress (docs/DECISIONS.md §5): the value of one axis at which the book stops surviving,
// by bracketing and bisection on a grid of `step`. Survival need not be monotone in an axis (more
// USDT can drop a hedge out of the ADL queue and end worse), so besides the two ends the search
// probes a coarse grid over the range, reports every run, and says `monotone: false` when survival
// changes more than once. The bracket it returns is always two runs: one that failed, one that
// survived, one step apart.
//
//   safe "above" (collateral, fund, shock): survival from the answer up; answer = the least value
//                that survived, answer - step failed;
//   safe "below" (scale, withdrawal, depeg): survival up to the answer; answer = the largest value
//                that survived, answer + step failed.
// When survival changes more than once, `answer` is still the surviving value nearest the unsafe
// end among the probes (least collateral that survived), and `stableAnswer` is where survival
// holds for every probe on the safe side.
import type { Binding, Proportion, SafeSide, SolveRun } from '../../model/study'
import { dec, minDec, text, type Dec } from '../../decimal'
import type { AxisKind } from './axes'

export interface Verdict {
  survived: boolean
  finalEquity: string
  odds: Proportion | null
  binding: (Binding & { draw: number | null; share: number | null }) | null
}

export interface SolveSpec {
  kind: AxisKind
  /** The range's low end, and its high end (null: found by doubling a first span above `lo`, up to `max`). */
  lo: string
  hi: string | null
  firstSpan: string
  max: string
  /** The precision; null: the range over about 1,024, rounded up to 1, 2 or 5 x 10^k. */
  step: string | null
  /** Intervals of the coarse grid probed over the range. */
  probes: number
}

export interface SolveOutcome {
  safe: SafeSide
  answer: string | null
  step: string
  failsAt: string | null
  bracket: [string, string] | null
  monotone: boolean
  stableAnswer: string | null
  binding: Verdict['binding']
  /** The value of the run `binding` comes from. */
  bindingAt: string | null
  range: [string, string]
  runs: SolveRun[]
  note: string
}

export const SAFE_SIDE: Record<AxisKind, SafeSide> = { collateral: 'above', fund: 'above', shock: 'above', scale: 'below', withdrawal: 'below', depeg: 'below' }

/** Steps across a range when no step is given. */
const STEPS = 1024
const MAX_DOUBLINGS = 40

/** The smallest of 1, 2, 2.5, 5 x 10^k at or above x (> 0). */
export function niceStep(x: Dec): Dec {
  const e = Math.floor(Math.log10(x.toNumber()))
  for (const k of [e - 1, e, e + 1]) {
    for (const m of ['1', '2', '2.5', '5']) {
      const s = dec(m).mul(dec('10').pow(k))
      if (s.gte(x)) return s
    }
  }
  return dec('10').pow(e + 2)
}

type Evaluate = (values: string[], phase: SolveRun['phase']) => Promise<Verdict[]>

export async function solveAxis(spec: SolveSpec, evaluate: Evaluate): Promise<SolveOutcome> {
  const safe = SAFE_SIDE[spec.kind]
  const runs = new Map<string, SolveRun & { verdict: Verdict }>()
  const probe = async (values: Dec[], phase: SolveRun['phase']): Promise<void> => {
    const fresh = [...new Set(values.map(text))].filter((v) => !runs.has(v))
    if (!fresh.length) return
    const verdicts = await evaluate(fresh, phase)
    fresh.forEach((v, i) => runs.set(v, { value: v, survived: verdicts[i].survived, finalEquity: verdicts[i].finalEquity, odds: verdicts[i].odds, binding: verdicts[i].binding, phase, verdict: verdicts[i] }))
  }
  const runAt = (v: Dec) => runs.get(text(v)) as SolveRun & { verdict: Verdict }
  const survives = (v: Dec) => runAt(v).survived
  /** Safe above: the search looks for survival at the high end; safe below, for failure there. */
  const wantAtHigh = safe === 'above'
  const lo = dec(spec.lo)
  const max = dec(spec.max)
  // The grid lo + k x step, k = 0..K; the range's high end is always one of its points. A given
  // range is cut down to the grid; a range found by doubling keeps K = 1024 and doubles the step
  // (or, with a given step, doubles K).
  let step: Dec
  let K: number
  if (spec.hi !== null) {
    step = spec.step !== null ? dec(spec.step) : niceStep(dec(spec.hi).minus(lo).div(STEPS))
    K = dec(spec.hi).minus(lo).div(step).floor().toNumber()
  } else if (spec.step !== null) {
    step = dec(spec.step)
    K = Math.max(1, dec(spec.firstSpan).div(step).ceil().toNumber())
  } else {
    step = niceStep(dec(spec.firstSpan).div(STEPS))
    K = STEPS
  }
  const at = (k: number) => lo.plus(step.mul(k))
  const capK = () => {
    if (at(K).gt(max)) K = max.minus(lo).div(step).floor().toNumber()
  }
  capK()
  const finish = (o: Omit<SolveOutcome, 'safe' | 'runs' | 'step' | 'range'>): SolveOutcome => ({
    safe,
    ...o,
    step: text(step),
    range: [text(lo), text(at(K))],
    runs: [...runs.values()].sort((a, b) => dec(a.value).cmp(dec(b.value))).map(({ verdict: _v, ...r }) => r),
  })
  await probe(spec.hi === null ? [lo] : [lo, at(K)], 'bound')
  /** The low end decides (safe above and surviving there, or safe below and failing there), as far as the runs show. */
  const lowEndDecides = (): SolveOutcome =>
    finish({
      answer: wantAtHigh ? text(lo) : null,
      failsAt: null,
      bracket: null,
      monotone: true,
      stableAnswer: null,
      binding: wantAtHigh ? null : runAt(lo).verdict.binding,
      bindingAt: wantAtHigh ? null : text(lo),
      note: wantAtHigh ? `survives at ${text(lo)} already: no more is needed` : `fails at ${text(lo)} already, the low end of the range`,
    })
  /** The high end is no better than the low one (safe above and failing there, or safe below and surviving there). */
  const highEndDecides = (): SolveOutcome =>
    finish({
      answer: wantAtHigh ? null : text(at(K)),
      failsAt: null,
      bracket: null,
      monotone: true,
      stableAnswer: null,
      binding: wantAtHigh ? runAt(at(K)).verdict.binding : null,
      bindingAt: wantAtHigh ? text(at(K)) : null,
      note: wantAtHigh ? `fails even at ${text(at(K))}, the most this search tries` : `survives even at ${text(at(K))}, the end of the range`,
    })
  // With no range given, the first span above the low end is searched (and doubled while its top
  // does not survive), even when the low end already decides: the probes over it can show it does not.
  if (spec.hi === null) {
    await probe([at(K)], 'bound')
    for (let n = 0; n < MAX_DOUBLINGS && survives(at(K)) !== wantAtHigh && at(K).lt(max); n++) {
      // Double the span; the last doubling stops exactly at max (its step is then max / 1024).
      const top = at(K)
      if (spec.step !== null) K = Math.min(K * 2, max.minus(lo).div(step).floor().toNumber())
      else step = minDec(step.mul(2), max.minus(lo).div(K))
      if (!at(K).gt(top)) break
      await probe([at(K)], 'bound')
    }
  }
  if (K === 0) return survives(lo) === wantAtHigh ? lowEndDecides() : highEndDecides()
  // The coarse grid over the range, whatever its ends say: survival need not be monotone, so ends
  // that agree do not show that every value between them does (a failing value between two
  // surviving ends is the non-monotone case, reported with its runs).
  const n = Math.min(spec.probes, K)
  const coarse = [...new Set(Array.from({ length: n + 1 }, (_, i) => Math.round((i * K) / n)))]
  await probe(coarse.map(at), 'coarse')
  const flips: number[] = []
  for (let i = 1; i < coarse.length; i++) if (survives(at(coarse[i - 1])) !== survives(at(coarse[i]))) flips.push(i)
  if (!flips.length) return survives(lo) === wantAtHigh ? lowEndDecides() : highEndDecides()
  /** Bisects between two grid points of different verdicts; returns [failing k, surviving k]. */
  const bisect = async (a: number, b: number): Promise<[number, number]> => {
    while (b - a > 1) {
      const m = Math.floor((a + b) / 2)
      await probe([at(m)], 'bisect')
      if (survives(at(m)) === survives(at(a))) a = m
      else b = m
    }
    return survives(at(a)) ? [b, a] : [a, b]
  }
  // The answer is the surviving value nearest the unsafe end (safe above: the least that survived;
  // safe below: the largest). When that end itself survives it is the end, with nothing failing
  // beyond it in the range; otherwise the flip toward the high end's side nearest it, bisected:
  // safe above the first flip to survival, safe below the last flip to failure.
  const unsafeEnd = wantAtHigh ? 0 : K
  const towardHigh = (i: number) => survives(at(coarse[i])) === wantAtHigh
  let answerK = unsafeEnd
  let failK: number | null = null
  let fromFlip: number | undefined
  if (!survives(at(unsafeEnd))) {
    fromFlip = wantAtHigh ? flips.find(towardHigh) : [...flips].reverse().find(towardHigh)
    ;[failK, answerK] = await bisect(coarse[(fromFlip as number) - 1], coarse[fromFlip as number])
  }
  // Where survival holds for every run on the safe side: safe above, from the last flip to
  // survival (when the high end survives); safe below, up to the first flip to failure (when the
  // low end survives).
  const safeEnd = wantAtHigh ? K : 0
  const stableFlip = survives(at(safeEnd)) ? (wantAtHigh ? [...flips].reverse().find(towardHigh) : flips.find(towardHigh)) : undefined
  const stable = stableFlip !== undefined && stableFlip !== fromFlip ? text(at((await bisect(coarse[stableFlip - 1], coarse[stableFlip]))[1])) : null
  const ordered = [...runs.values()].sort((a, b) => dec(a.value).cmp(dec(b.value)))
  let changes = 0
  for (let i = 1; i < ordered.length; i++) if (ordered[i].survived !== ordered[i - 1].survived) changes++
  // One change in the expected direction (failing on the unsafe side, surviving on the safe one); a
  // single change the other way (the book survives only on the unsafe side) is not.
  const monotone = changes === 0 || (changes === 1 && failK !== null)
  const answer = text(at(answerK))
  const failsAt = failK === null ? null : text(at(failK))
  // What failed nearest the answer on the unsafe side, else (the answer is an end) nearest it on the other.
  const failing = ordered.filter((r) => !r.survived)
  const nearest = failsAt ?? (wantAtHigh ? failing[0] : failing[failing.length - 1])?.value ?? null
  const note = monotone
    ? `survives ${wantAtHigh ? 'from' : 'up to'} ${answer}; ${failsAt} fails`
    : `survival is not monotone along this axis: it changes ${changes} times over the ${ordered.length} runs (see runs). The ${wantAtHigh ? 'least' : 'largest'} value that survived is ${answer}${failsAt === null ? ` (the ${wantAtHigh ? 'low' : 'high'} end of the range)` : ''}${stable ? `; every run ${wantAtHigh ? 'from' : 'up to'} ${stable} survived` : `; no value ${wantAtHigh ? 'from which' : 'up to which'} every run survived`}`
  return finish({
    answer,
    failsAt,
    bracket: failsAt === null ? null : [failsAt, answer],
    monotone,
    stableAnswer: monotone ? null : stable,
    binding: nearest === null ? null : runAt(dec(nearest)).verdict.binding,
    bindingAt: nearest,
    note,
  })
}
