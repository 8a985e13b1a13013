// Prices along a scenario's exogenous paths, exact (decimal.js): what the market's oracle and the
// books' anchors say at a moment before any order moves them (shared/engine/market/market.ts does
// the same in float64 for a run). A shocked asset is `start x (1 + move)`, a pegged one
// `target x ratio x (1 - depeg)`, its peg value following the target's oracle (docs/MODEL.md §1).
// Paths are linear between points, from 0 at `start` for shocks and depegs, held after the last.
import type { PathPoint, Scenario } from '../../model/scenario'
import { isoTimeMs, NUMERAIRE } from '../../model/scenario'
import { dec, ONE, text, ZERO, type Dec } from '../../decimal'
import { assetUniverse } from '../market'

interface ExactPath {
  times: number[]
  values: Dec[]
}

function exactPath(points: PathPoint[], startMs: number): ExactPath {
  const times = [startMs]
  const values = [ZERO]
  for (const [t, v] of points) {
    times.push(isoTimeMs(t) as number)
    values.push(dec(v))
  }
  return { times, values }
}

function valueAt(p: ExactPath, t: number): Dec {
  const last = p.times.length - 1
  if (t <= p.times[0]) return p.values[0]
  if (t >= p.times[last]) return p.values[last]
  let i = 0
  while (p.times[i + 1] <= t) i++
  // On a point (the usual case: the scan reads the paths at their points) nothing is interpolated.
  if (p.times[i] === t) return p.values[i]
  const w = dec(String(t - p.times[i])).div(dec(String(p.times[i + 1] - p.times[i])))
  return p.values[i].add(p.values[i + 1].sub(p.values[i]).mul(w))
}

/** The exogenous prices of every asset of a validated scenario at one moment. */
export interface ExogenousPrices {
  /** What a venue's book is anchored to (a venue-scope depeg shows here only). */
  reference: Record<string, string>
  /** The external oracle (a lending protocol's feed; collateral under `collateralPricing: oracle`). */
  oracle: Record<string, string>
  /** A pegged asset's peg value before any depeg: target's oracle x ratio (what a conversion-rate index pays). */
  fair: Record<string, string>
}

export interface ExogenousPaths {
  startMs: number
  endMs: number
  /** Every moment at which a path has a point, the start included, increasing. */
  breakpoints: number[]
  at(tMs: number): ExogenousPrices
}

/** The scenario's exogenous paths, ready to be read at any moment of its window. */
export function exogenousPaths(scenario: Scenario): ExogenousPaths {
  const startMs = isoTimeMs(scenario.start) as number
  const endMs = isoTimeMs(scenario.end) as number
  const shocks = new Map(scenario.shocks.map((s) => [s.asset, exactPath(s.path, startMs)]))
  const depegs = new Map(scenario.depegs.map((d) => [d.asset, { path: exactPath(d.path, startMs), global: d.scope === 'global' }]))
  const names = assetUniverse(scenario)
  const startPrice = new Map(Object.entries(scenario.prices).map(([a, p]) => [a, dec(p)]))
  const pegRatio = new Map(Object.entries(scenario.pegs).map(([a, p]) => [a, dec(p.ratio)]))
  const moments = new Set<number>([startMs])
  for (const p of [...shocks.values(), ...[...depegs.values()].map((d) => d.path)]) for (const t of p.times) if (t <= endMs) moments.add(t)
  return {
    startMs,
    endMs,
    breakpoints: [...moments].sort((a, b) => a - b),
    at(tMs) {
      const reference: Record<string, string> = {}
      const oracle: Record<string, string> = {}
      const fairs: Record<string, string> = {}
      const oracleDec = new Map<string, Dec>()
      const resolve = (asset: string, depth: number): Dec => {
        const hit = oracleDec.get(asset)
        if (hit) return hit
        if (asset === NUMERAIRE) return ONE
        const peg = scenario.pegs[asset]
        if (!peg) {
          const shock = shocks.get(asset)
          const move = shock ? valueAt(shock, tMs) : ZERO
          const start = startPrice.get(asset) as Dec
          const p = move.isZero() ? start : start.mul(ONE.add(move))
          reference[asset] = oracle[asset] = text(p)
          oracleDec.set(asset, p)
          return p
        }
        // The validator refuses peg cycles' ends outside prices; the depth guard keeps a bad input finite.
        const fair = (depth < 16 ? resolve(peg.to, depth + 1) : ONE).mul(pegRatio.get(asset) as Dec)
        const d = depegs.get(asset)
        const ref = d ? fair.mul(ONE.sub(valueAt(d.path, tMs))) : fair
        const orc = d?.global ? ref : fair
        reference[asset] = text(ref)
        oracle[asset] = text(orc)
        fairs[asset] = text(fair)
        oracleDec.set(asset, orc)
        return orc
      }
      for (const name of names) resolve(name, 0)
      return { reference, oracle, fair: fairs }
    },
  }
}
