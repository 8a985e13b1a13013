// The Monte Carlo draws (docs/DECISIONS.md §2). Draw d of seed s is a function of (s, d) alone, so
// any worker, shard or machine computes the same draw, and the report is the same JSON whatever
// the number of workers. Each draw is a crowd seed and a what-if set, written as `--set` values, so
// `cascade run --seed SEED --set ...` replays any draw exactly. Around the scenario (after the
// study's own set):
//   reference (BTC)  its move at the bottom times a lognormal factor of mean 1;
//   other assets     beta x the reference's drawn move + their own normal noise, beta being the
//                    asset's move over the reference's in the scenario itself;
//   pegged assets    with some probability a depeg on the venue's book, of uniform depth;
//   makers           the depth left at the deepest pull, lognormal around the scenario's.
// Every number comes from a named stream per (seed, draw, part), so adding an asset leaves the
// others' draws unchanged.
import type { FieldIssue } from '../../model/issues'
import type { Scenario } from '../../model/scenario'
import type { MonteCarloModel, WhatIfSet } from '../../model/study'
import { shown } from '../../schemas/shown-input'
import { Random } from '../crowd'
import { extremeOf } from './apply'
import { canonicalSet } from './axes'

/** Assumptions, each explained in docs/DECISIONS.md §2. */
export const MODEL_DEFAULTS = {
  referenceSigma: 0.25,
  noiseSigma: 0.03,
  depegProbability: 0.1,
  depegDepth: { min: 0.02, max: 0.35 },
  withdrawalSigma: 0.7,
  moveBounds: { min: -0.95, max: 10 },
} as const

/** murmur3's 32-bit finaliser: a well-mixed word from a word. */
function fmix32(h: number): number {
  h ^= h >>> 16
  h = Math.imul(h, 0x85ebca6b)
  h ^= h >>> 13
  h = Math.imul(h, 0xc2b2ae35)
  return (h ^ (h >>> 16)) >>> 0
}

/** The seed of draw `draw` of a study seeded `seed`: (seed, draw) and nothing else. */
export function drawKey(seed: number, draw: number): number {
  return fmix32((fmix32(seed >>> 0) + Math.imul(draw >>> 0, 0x9e3779b1)) >>> 0)
}

/** Rounds a drawn figure to 6 decimals and prints it as a `--set` value. */
const six = (x: number): string => {
  const r = Math.round(x * 1e6) / 1e6
  return (Object.is(r, -0) ? 0 : r).toFixed(6).replace(/\.?0+$/, '') || '0'
}

/** The model for a scenario (with the study's set applied): its reference asset, betas and base pull. */
export function modelFor(scenario: Scenario): MonteCarloModel {
  const moves = new Map<string, number>()
  for (const s of [...scenario.shocks].sort((a, b) => (a.asset < b.asset ? -1 : 1))) {
    const e = extremeOf(s.path)
    if (e) moves.set(s.asset, e.toNumber())
  }
  // BTC when the scenario moves it, else the deepest move (the first by name on a tie).
  let reference: string | null = moves.has('BTC') ? 'BTC' : null
  if (reference === null) for (const [a, m] of moves) if (reference === null || Math.abs(m) > Math.abs(moves.get(reference) as number)) reference = a
  const ref = reference === null ? 0 : (moves.get(reference) as number)
  const betas: Record<string, number> = {}
  for (const [a, m] of moves) betas[a] = Math.round((m / ref) * 1e6) / 1e6
  let pulled = 0
  for (const path of [scenario.makerWithdrawal, ...Object.values(scenario.makerWithdrawalByAsset)]) for (const [, m] of path) pulled = Math.max(pulled, 1 - Number(m))
  return { reference, referenceMove: Math.round(ref * 1e6) / 1e6, referenceSigma: MODEL_DEFAULTS.referenceSigma, betas, noiseSigma: MODEL_DEFAULTS.noiseSigma, pegged: Object.keys(scenario.pegs).sort(), depegProbability: MODEL_DEFAULTS.depegProbability, depegDepth: { ...MODEL_DEFAULTS.depegDepth }, withdrawalBase: Math.round(pulled * 1e6) / 1e6, withdrawalSigma: MODEL_DEFAULTS.withdrawalSigma, moveBounds: { ...MODEL_DEFAULTS.moveBounds } }
}

/** What a desk may set in the model (`--model FILE`, `study.model`), and the range of each. */
const TUNABLE: Record<string, [number, number]> = { referenceSigma: [0, 2], noiseSigma: [0, 1], depegProbability: [0, 1], withdrawalSigma: [0, 3] }

/**
 * The model with a desk's own figures in place of the defaults: the sigmas, the depeg probability
 * and depth, and any asset's beta. Every finding names its field (`model.depegDepth.max`).
 */
export function withOverrides(model: MonteCarloModel, raw: unknown): { ok: true; value: MonteCarloModel } | { ok: false; issues: FieldIssue[] } {
  const issues: FieldIssue[] = []
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return { ok: false, issues: [{ path: 'model', message: 'must be an object such as {"depegProbability": 0.2}' }] }
  const out: MonteCarloModel = { ...model, betas: { ...model.betas }, depegDepth: { ...model.depegDepth } }
  const num = (v: unknown, path: string, [lo, hi]: [number, number]): number | null => {
    if (typeof v === 'number' && Number.isFinite(v) && v >= lo && v <= hi) return v
    issues.push({ path, message: `must be a number from ${lo} to ${hi}, got ${shown(v)}` })
    return null
  }
  for (const [key, v] of Object.entries(raw as Record<string, unknown>)) {
    const path = `model.${key.slice(0, 40)}`
    if (Object.hasOwn(TUNABLE, key)) {
      const x = num(v, path, TUNABLE[key])
      if (x !== null) (out as unknown as Record<string, number>)[key] = x
    } else if (key === 'depegDepth' && v !== null && typeof v === 'object' && !Array.isArray(v)) {
      const d = v as Record<string, unknown>
      for (const k of Object.keys(d)) if (k !== 'min' && k !== 'max') issues.push({ path: `${path}.${k.slice(0, 40)}`, message: 'unknown field (min, max)' })
      const min = d.min === undefined ? out.depegDepth.min : num(d.min, `${path}.min`, [0, 0.99])
      const max = d.max === undefined ? out.depegDepth.max : num(d.max, `${path}.max`, [0, 0.99])
      if (min !== null && max !== null && min > max) issues.push({ path, message: `min ${min} is above max ${max}` })
      else if (min !== null && max !== null) out.depegDepth = { min, max }
    } else if (key === 'betas' && v !== null && typeof v === 'object' && !Array.isArray(v)) {
      for (const [asset, b] of Object.entries(v as Record<string, unknown>)) {
        if (!Object.hasOwn(out.betas, asset)) issues.push({ path: `${path}.${asset.slice(0, 40)}`, message: `not an asset the scenario shocks (${Object.keys(out.betas).join(', ') || 'none'})` })
        else if (asset === out.reference) issues.push({ path: `${path}.${asset}`, message: 'the reference asset\'s beta is 1' })
        else {
          const x = num(b, `${path}.${asset}`, [-20, 20])
          if (x !== null) out.betas[asset] = x
        }
      }
    } else issues.push({ path, message: `not a figure of the model a desk sets (${[...Object.keys(TUNABLE), 'depegDepth', 'betas'].join(', ')})` })
  }
  return issues.length ? { ok: false, issues } : { ok: true, value: out }
}

export interface Draw {
  draw: number
  /** The crowd's seed. */
  seed: number
  /** The study's set with the drawn axes on top. */
  set: WhatIfSet
}

/** Draw `draw` of a study seeded `seed`: a function of the model, the study's set, the seed and the index. */
export function drawOf(model: MonteCarloModel, base: WhatIfSet, seed: number, draw: number): Draw {
  const key = drawKey(seed, draw)
  const stream = (name: string) => new Random(key, `montecarlo:${name}`)
  const out: WhatIfSet = { ...base }
  const { min, max } = model.moveBounds
  const clampMove = (m: number) => Math.min(max, Math.max(min, m))
  if (model.reference !== null) {
    const s = model.referenceSigma
    const refMove = clampMove(model.referenceMove * Math.exp(s * stream('reference').normal() - (s * s) / 2))
    for (const asset of Object.keys(model.betas).sort()) {
      const m = asset === model.reference ? refMove : clampMove(model.betas[asset] * refMove + model.noiseSigma * stream(`shock:${asset}`).normal())
      out[`shock:${asset}`] = six(m)
    }
  }
  for (const asset of model.pegged) {
    const r = stream(`depeg:${asset}`)
    if (r.nextFloat() < model.depegProbability) out[`depeg:${asset}`] = six(model.depegDepth.min + (model.depegDepth.max - model.depegDepth.min) * r.nextFloat())
  }
  if (model.withdrawalBase > 0) {
    const left = Math.min(1, Math.max(0.001, (1 - model.withdrawalBase) * Math.exp(model.withdrawalSigma * stream('withdrawal').normal())))
    out.withdrawal = six(Math.min(0.999, 1 - left))
  }
  return { draw, seed: stream('crowd').nextUint32(), set: canonicalSet(out) }
}
