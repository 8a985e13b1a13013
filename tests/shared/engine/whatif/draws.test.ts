// The Monte Carlo draws (docs/DECISIONS.md §2): a function of (seed, draw) alone, centred on the
// scenario, within the axes' ranges, and each a set `cascade run --set` accepts.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { applySet, drawOf, extremeOf, modelFor, withOverrides } from '../../../../shared/engine/whatif'
import { binanceHedgeBook, preset } from '../cascade/support'

const scenario = preset('2025-10-10')
const model = modelFor(scenario)
/** An asset's move at the bottom in the preset, whatever the preset says today. */
const bottom = (asset: string) => extremeOf(scenario.shocks.find((s) => s.asset === asset)?.path ?? [])?.toNumber() as number
const deepestPull = Math.max(...[scenario.makerWithdrawal, ...Object.values(scenario.makerWithdrawalByAsset)].flat().map(([, m]) => 1 - Number(m)))

describe('Monte Carlo draws', () => {
  it('the model is read from the scenario: BTC the reference, each asset\'s beta its move over BTC\'s', () => {
    expect(model.reference).toBe('BTC')
    expect(model.referenceMove).toBeCloseTo(bottom('BTC'), 6)
    expect(model.betas.BTC).toBe(1)
    expect(model.betas.ETH).toBeCloseTo(bottom('ETH') / bottom('BTC'), 6)
    expect(Object.keys(model.betas).sort()).toEqual(scenario.shocks.map((s) => s.asset).sort())
    expect(model.pegged).toEqual(Object.keys(scenario.pegs).sort())
    expect(model.withdrawalBase).toBeCloseTo(deepestPull, 6)
  })

  it('draw d depends on (seed, d) only: the same whatever was drawn before, different across draws and seeds', () => {
    const a = drawOf(model, {}, 7, 12)
    for (let d = 0; d < 12; d++) drawOf(model, {}, 7, d)
    expect(drawOf(model, {}, 7, 12)).toEqual(a)
    expect(drawOf(model, {}, 7, 13)).not.toEqual(a)
    expect(drawOf(model, {}, 8, 12)).not.toEqual(a)
    const seeds = new Set(Array.from({ length: 1000 }, (_, d) => drawOf(model, {}, 1, d).seed))
    expect(seeds.size).toBe(1000)
  })

  it('every draw is a set the engine applies, within the axes\' ranges, and keeps the study\'s own axes', () => {
    const hedge = binanceHedgeBook()
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 32 - 1 }), fc.nat(100_000), (seed, d) => {
        const draw = drawOf(model, { 'collateral:USDT': '1000' }, seed, d)
        expect(draw.set['collateral:USDT']).toBe('1000')
        expect(applySet(hedge, scenario, draw.set).ok).toBe(true)
        for (const [axis, v] of Object.entries(draw.set)) if (axis.startsWith('shock:')) expect(Number(v)).toBeGreaterThanOrEqual(-0.95)
      }),
      { numRuns: 200 },
    )
  }, 60_000)

  it('is centred on the scenario: the reference move\'s mean is the scenario\'s, depegs come at their rate', () => {
    const n = 4000
    let sum = 0
    let depegs = 0
    for (let d = 0; d < n; d++) {
      const s = drawOf(model, {}, 3, d).set
      sum += Number(s['shock:BTC'])
      depegs += 'depeg:USDe' in s ? 1 : 0
    }
    expect(sum / n).toBeCloseTo(model.referenceMove, 2)
    expect(depegs / n).toBeGreaterThan(0.08)
    expect(depegs / n).toBeLessThan(0.12)
  })

  it('named streams: a new pegged asset leaves the shocks drawn for the others unchanged', () => {
    const more = { ...model, pegged: [...model.pegged, 'ZUSD'] }
    for (let d = 0; d < 50; d++) {
      const a = drawOf(model, {}, 5, d)
      const b = drawOf(more, {}, 5, d)
      expect(b.seed).toBe(a.seed)
      for (const k of Object.keys(a.set)) expect(b.set[k]).toBe(a.set[k])
    }
  })

  it('a desk sets its own figures; every refusal names the field', () => {
    const r = withOverrides(model, { depegProbability: 0.5, depegDepth: { max: 0.6 }, betas: { ETH: 1.5 }, noiseSigma: 0 })
    if (!r.ok) throw new Error(JSON.stringify(r.issues))
    expect(r.value).toMatchObject({ depegProbability: 0.5, depegDepth: { min: 0.02, max: 0.6 }, noiseSigma: 0, betas: { ETH: 1.5, BTC: 1 } })
    // With no noise, ETH's drawn move is exactly beta x BTC's.
    const d = drawOf(r.value, {}, 3, 9).set
    expect(Number(d['shock:ETH'])).toBeCloseTo(1.5 * Number(d['shock:BTC']), 5)
    const bad = withOverrides(model, { depegProbability: 2, depegDepth: { min: 0.5, max: 0.1 }, betas: { XRP: 1, BTC: 2 }, moveBounds: {}, noiseSigma: 'x' })
    expect(!bad.ok && bad.issues.map((i) => i.path)).toEqual(['model.depegProbability', 'model.depegDepth', 'model.betas.XRP', 'model.betas.BTC', 'model.moveBounds', 'model.noiseSigma'])
    expect(withOverrides(model, [1])).toMatchObject({ ok: false, issues: [{ path: 'model' }] })
    expect(withOverrides(model, { constructor: 1, betas: { toString: 1 } })).toMatchObject({ ok: false, issues: [{ path: 'model.constructor' }, { path: 'model.betas.toString' }] })
  })
})
