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
  // The low end already decides: safe above and surviving there, or safe below and failing there.
  if (survives(lo) === wantAtHigh) {
    return finish({
      answer: wantAtHigh ? text(lo) : null,
      failsAt: null,
      bracket: null,
      monotone: true,
      stableAnswer: null,
      binding: wantAtHigh ? null : runAt(lo).verdict.binding,
      note: wantAtHigh ? `survives at ${text(lo)} already: no more is needed` : `fails at ${text(lo)} already, the low end of the range`,
    })
  }
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
  if (K === 0 || survives(at(K)) !== wantAtHigh) {
    return finish({
      answer: wantAtHigh ? null : text(at(K)),
      failsAt: null,
      bracket: null,
      monotone: true,
      stableAnswer: null,
      binding: wantAtHigh ? runAt(at(K)).verdict.binding : null,
      note: wantAtHigh ? `fails even at ${text(at(K))}, the most this search tries` : `survives even at ${text(at(K))}, the end of the range`,
    })
  }
  const n = Math.min(spec.probes, K)
  const coarse = [...new Set(Array.from({ length: n + 1 }, (_, i) => Math.round((i * K) / n)))]
  await probe(coarse.map(at), 'coarse')
  const flips: number[] = []
  for (let i = 1; i < coarse.length; i++) if (survives(at(coarse[i - 1])) !== survives(at(coarse[i]))) flips.push(i)
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
  // The ends differ, so a flip toward the high end's verdict exists. Safe above: the first flip
  // to survival (the least that survived); safe below: the last flip to failure.
  const towardHigh = (i: number) => survives(at(coarse[i])) === wantAtHigh
  const first = (wantAtHigh ? flips.find(towardHigh) : [...flips].reverse().find(towardHigh)) as number
  const [failK, surviveK] = await bisect(coarse[first - 1], coarse[first])
  const stableFlip = wantAtHigh ? [...flips].reverse().find(towardHigh) : flips.find(towardHigh)
  const stable = stableFlip !== undefined && stableFlip !== first ? text(at((await bisect(coarse[stableFlip - 1], coarse[stableFlip]))[1])) : null
  const ordered = [...runs.values()].sort((a, b) => dec(a.value).cmp(dec(b.value)))
  let changes = 0
  for (let i = 1; i < ordered.length; i++) if (ordered[i].survived !== ordered[i - 1].survived) changes++
  const monotone = changes <= 1
  const answer = text(at(surviveK))
  const failsAt = text(at(failK))
  const note = monotone
    ? `survives ${wantAtHigh ? 'from' : 'up to'} ${answer}; ${failsAt} fails`
    : `survival is not monotone along this axis: it changes ${changes} times over the ${ordered.length} runs (see runs). The ${wantAtHigh ? 'least' : 'largest'} value that survived is ${answer}${stable ? `; every run ${wantAtHigh ? 'from' : 'up to'} ${stable} survived` : ''}`
  return finish({
    answer,
    failsAt,
    bracket: [failsAt, answer],
    monotone,
    stableAnswer: monotone ? null : stable,
    binding: runAt(dec(failsAt)).verdict.binding,
    note,
  })
}
