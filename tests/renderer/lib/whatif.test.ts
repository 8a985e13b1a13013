// The what-if editor's document (docs/WHATIF.md): every preset round-trips through the editor's
// state unchanged; each control lands in the fields it names, exactly; what the editor builds is a
// valid cascade.scenario/1 (property test over random control values); the number fields read
// what a trader types and refuse the rest.
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Scenario } from '../../../shared/model/scenario'
import { parseScenarioText } from '../../../shared/schemas/scenario'
import { calmState, marketChanged, scenarioFromState, stateFromScenario, type WhatIfState } from '../../../renderer/src/lib/whatif/editor-state'
import { parseMinutes, parsePercent, parseSeconds, parseUsd, percentText, minutesText } from '../../../renderer/src/lib/whatif/fields'
import { reshapeMove, reshapeSchedule, withdrawalShapeOf } from '../../../renderer/src/lib/whatif/paths'

const dir = join(__dirname, '../../../resources/scenarios')
const presets: Scenario[] = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .map((f) => {
    const r = parseScenarioText(readFileSync(join(dir, f), 'utf8'))
    if (!r.ok) throw new Error(f)
    return r.value
  })
const oct = presets.find((p) => p.id === '2025-10-10') as Scenario
const MIN = 60_000

function build(state: WhatIfState): Scenario {
  const r = scenarioFromState(state)
  if (!r.ok) throw new Error(JSON.stringify(r.issues))
  return r.doc
}

describe('round trip', () => {
  it('every preset -> editor state -> the same document', () => {
    expect(presets.length).toBeGreaterThanOrEqual(3)
    for (const p of presets) {
      const state = stateFromScenario(p)
      expect(build(state), p.id).toEqual(p)
      expect(marketChanged(state), p.id).toBe(false)
    }
  })

  it('a built what-if round-trips too (its state gives it back)', () => {
    const s = stateFromScenario(oct)
    s.shocks.BTC = { move: '-0.2', atMs: 90 * MIN }
    s.withdrawal = { depth: '0.5', atMs: 60 * MIN, durationMs: 40 * MIN }
    const once = build({ ...s, id: 'w', name: 'W' })
    expect(build(stateFromScenario(once))).toEqual(once)
  })

  it('reads the preset controls off the paths: BTC -13.5% at 21:20, 98% of depth pulled at 21:20 over 55 min', () => {
    const s = stateFromScenario(oct)
    expect(s.shocks.BTC).toEqual({ move: '-0.135', atMs: 80 * MIN })
    expect(s.shocks.USDT).toEqual({ move: '0', atMs: 80 * MIN })
    expect(s.withdrawal).toEqual({ depth: '0.98', atMs: 80 * MIN, durationMs: 55 * MIN })
    expect(s.depegs.USDe).toMatchObject({ depth: '0', scope: 'venue' })
  })
})

describe('each control and the fields it writes', () => {
  it('a shock: the extreme is exactly the typed move at the typed time; the shape scales with it', () => {
    const s = stateFromScenario(oct)
    s.shocks.BTC = { move: '-0.27', atMs: 80 * MIN }
    const btc = build(s).shocks.find((x) => x.asset === 'BTC')?.path ?? []
    expect(btc.find(([t]) => t === '2025-10-10T21:20:00Z')?.[1]).toBe('-0.27')
    // Twice the preset everywhere: -0.02 at 20:40 becomes -0.04, the 22:30 hold -0.09 becomes -0.18.
    expect(btc[0]).toEqual(['2025-10-10T20:40:00Z', '-0.04'])
    expect(btc[btc.length - 1]).toEqual(['2025-10-10T22:30:00Z', '-0.18'])
    // Other assets untouched.
    expect(build(s).shocks.find((x) => x.asset === 'ETH')).toEqual(oct.shocks.find((x) => x.asset === 'ETH'))
  })

  it('a later bottom stretches the fall and shifts the recovery; what passes the end is dropped', () => {
    const path = oct.shocks.find((x) => x.asset === 'BTC')?.path ?? []
    const w = { startMs: Date.parse(oct.start), endMs: Date.parse(oct.end) }
    const later = reshapeMove(path, '-0.135', 120 * MIN, w)
    // 20:40 (40 of 80 min) -> 60 of 120 min = 21:00; 21:20 -> 22:00; 21:35 (+15) -> 22:15; 22:00 and 22:30 fall past 22:30 except the exact end.
    expect(later[0]).toEqual(['2025-10-10T21:00:00Z', '-0.02'])
    expect(later.find(([, v]) => v === '-0.135')?.[0]).toBe('2025-10-10T22:00:00Z')
    expect(later.map(([t]) => t)).toEqual(['2025-10-10T21:00:00Z', '2025-10-10T21:30:00Z', '2025-10-10T21:45:00Z', '2025-10-10T21:52:30Z', '2025-10-10T22:00:00Z', '2025-10-10T22:15:00Z'])
  })

  it('a shock where the preset had none is a straight fall from the start, held after', () => {
    const s = stateFromScenario(oct)
    s.shocks.USDT = { move: '-0.05', atMs: 30 * MIN }
    expect(build(s).shocks.find((x) => x.asset === 'USDT')).toEqual({ asset: 'USDT', path: [['2025-10-10T20:30:00Z', '-0.05']] })
    s.shocks.USDT = { move: '0', atMs: 30 * MIN }
    expect(build(s).shocks.some((x) => x.asset === 'USDT')).toBe(false)
  })

  it('a depeg of an asset the scenario does not peg adds its peg; venue or global scope', () => {
    const calm = presets.find((p) => p.id === '2020-03-12') as Scenario
    const s = stateFromScenario(calm)
    s.depegs.USDe = { depth: '0.3', atMs: 10 * MIN, scope: 'global', peg: { to: 'USD', ratio: '1' } }
    const doc = build(s)
    expect(doc.pegs.USDe).toEqual({ to: 'USD', ratio: '1' })
    expect(doc.depegs).toEqual([{ asset: 'USDe', scope: 'global', path: [['2020-03-12T00:10:00Z', '0.3']] }])
  })

  it('maker withdrawal: depth scales every pulled share, time moves and stretches every schedule', () => {
    const s = stateFromScenario(oct)
    s.withdrawal = { depth: '0.49', atMs: 80 * MIN, durationMs: 55 * MIN }
    const doc = build(s)
    // Half the pull: 0.02 -> 0.51 at 21:20, 0.9 -> 0.95 at 21:35; BTC's 0.3 -> 0.65.
    expect(doc.makerWithdrawal).toEqual([
      ['2025-10-10T20:40:00Z', '1'],
      ['2025-10-10T21:20:00Z', '0.51'],
      ['2025-10-10T21:35:00Z', '0.95'],
    ])
    expect(doc.makerWithdrawalByAsset.BTC[1]).toEqual(['2025-10-10T21:20:00Z', '0.65'])
    s.withdrawal = { depth: '0.98', atMs: 60 * MIN, durationMs: 110 * MIN }
    // Deepest at 21:00; twice as long: 20:40 (-40 min) -> 19:40, before the start, so dropped; 21:35 (+15) -> 21:30.
    expect(build(s).makerWithdrawal).toEqual([
      ['2025-10-10T21:00:00Z', '0.02'],
      ['2025-10-10T21:30:00Z', '0.9'],
    ])
    s.withdrawal = { depth: '0', atMs: 60 * MIN, durationMs: 10 * MIN }
    expect(build(s)).toMatchObject({ makerWithdrawal: [], makerWithdrawalByAsset: {} })
  })

  it('a withdrawal where there was none is a tent: full depth, down, back', () => {
    const s = calmState(oct)
    s.withdrawal = { depth: '0.6', atMs: 60 * MIN, durationMs: 20 * MIN }
    expect(build(s).makerWithdrawal).toEqual([
      ['2025-10-10T20:50:00Z', '1'],
      ['2025-10-10T21:00:00Z', '0.4'],
      ['2025-10-10T21:10:00Z', '1'],
    ])
  })

  it('per-asset schedules never reach zero depth', () => {
    const w = { startMs: 0, endMs: 100 * MIN }
    const path: [string, string][] = [['1970-01-01T00:10:00Z', '0.1']]
    const from = { depth: '0.5', atMs: 10 * MIN, durationMs: 0 }
    expect(reshapeSchedule(path, from, { depth: '0.99', atMs: 10 * MIN, durationMs: 0 }, w, false)).toEqual([['1970-01-01T00:10:00Z', '0.01']])
    expect(withdrawalShapeOf([['1970-01-01T00:10:00Z', '1']], 0)).toBeNull()
  })

  it('fund, collateral pricing and circuit breaker are the document fields', () => {
    const s = stateFromScenario(oct)
    s.insuranceFund = '200000000'
    s.collateralPricing = 'oracle'
    s.collateralIndex = { WBETH: { method: 'conversion' } }
    s.circuitBreaker = { moveFraction: '0.1', windowSeconds: 300, haltSeconds: 600 }
    const doc = build(s)
    expect(doc).toMatchObject({ insuranceFund: '200000000', collateralPricing: 'oracle', collateralIndex: { WBETH: { method: 'conversion' } }, circuitBreaker: { moveFraction: '0.1', windowSeconds: 300, haltSeconds: 600 } })
    expect(marketChanged(s)).toBe(true)
  })

  it("a calibrated preset keeps its venue, targets and inputs until the market changes; then it is a what-if of no venue", () => {
    const calibrated = presets.find((p) => p.venue !== undefined && p.calibration.length > 0 && p.inputs.length > 0) as Scenario
    expect(calibrated).toBeDefined()
    const same = build(stateFromScenario(calibrated))
    expect(same).toMatchObject({ venue: calibrated.venue, calibration: calibrated.calibration, inputs: calibrated.inputs })
    const s = stateFromScenario(calibrated)
    s.insuranceFund = '1'
    const changed = build(s)
    expect(changed.venue).toBeUndefined()
    expect(changed).toMatchObject({ calibration: [], inputs: [] })
  })

  it('starting from nothing keeps the market and moves nothing', () => {
    for (const p of presets) {
      const doc = build({ ...calmState(p), id: 'calm', name: 'Calm' })
      expect(doc, p.id).toMatchObject({ shocks: [], depegs: [], makerWithdrawal: [], makerWithdrawalByAsset: {}, outages: [], calibration: [], depth: p.depth, crowd: p.crowd, prices: p.prices })
      expect(doc.venue, p.id).toBeUndefined()
    }
  })

  it('a bad state is refused with the document path', () => {
    const s = stateFromScenario(oct)
    s.name = '   '
    const r = scenarioFromState(s)
    expect(!r.ok && r.issues[0].path).toBe('name')
  })

  it('any control values within the editor ranges build a valid document', () => {
    const assets = Object.keys(oct.prices)
    const span = Date.parse(oct.end) - Date.parse(oct.start)
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom(...assets), fc.integer({ min: -990, max: 1000 }), fc.integer({ min: 1, max: span / 1000 })), { maxLength: 6 }),
        fc.tuple(fc.integer({ min: 0, max: 990 }), fc.integer({ min: 0, max: span / 1000 }), fc.integer({ min: 1, max: span / 1000 })),
        fc.tuple(fc.integer({ min: 0, max: 990 }), fc.integer({ min: 1, max: span / 1000 }), fc.boolean()),
        (shocks, [depth, at, duration], [depeg, depegAt, global]) => {
          const s = stateFromScenario(oct)
          for (const [asset, permille, seconds] of shocks) s.shocks[asset] = { move: String(permille / 1000), atMs: seconds * 1000 }
          s.withdrawal = { depth: String(depth / 1000), atMs: at * 1000, durationMs: duration * 1000 }
          s.depegs.USDe = { depth: String(depeg / 1000), atMs: depegAt * 1000, scope: global ? 'global' : 'venue' }
          const r = scenarioFromState(s)
          expect(r.ok, JSON.stringify(!r.ok && r.issues)).toBe(true)
          for (const [asset] of shocks) {
            const want = s.shocks[asset]
            const path = r.ok ? r.doc.shocks.find((x) => x.asset === asset)?.path : undefined
            if (Number(want.move) === 0) expect(path).toBeUndefined()
            else expect(path?.find(([t]) => Date.parse(t) - Date.parse(oct.start) === want.atMs)?.[1]).toBe(String(Number(want.move)))
          }
        },
      ),
      { numRuns: 200 },
    )
  })
})

describe('number fields', () => {
  it('percentages are exact both ways', () => {
    expect(parsePercent('-13.5', { min: '-0.99', max: '1' })).toEqual({ ok: true, value: '-0.135' })
    expect(percentText('-0.135')).toBe('-13.5')
    expect(percentText('0.02962963')).toBe('2.962963')
    expect(parsePercent('-100', { min: '-1', max: '1', openMin: true })).toEqual({ ok: false, reason: 'range' })
    expect(parsePercent('abc', { min: '-1', max: '1' })).toEqual({ ok: false, reason: 'number' })
  })

  it('minutes become whole milliseconds inside the window', () => {
    expect(parseMinutes('80', 150 * MIN)).toEqual({ ok: true, value: 80 * MIN })
    expect(parseMinutes('1.5', 150 * MIN)).toEqual({ ok: true, value: 90_000 })
    expect(minutesText(90_000)).toBe('1.5')
    expect(parseMinutes('151', 150 * MIN)).toEqual({ ok: false, reason: 'range' })
    expect(parseMinutes('0.00001', 150 * MIN)).toEqual({ ok: false, reason: 'whole' })
    expect(parseMinutes('0', 150 * MIN)).toEqual({ ok: false, reason: 'range' })
  })

  it('USD takes separators; seconds are whole', () => {
    expect(parseUsd('200,000,000')).toEqual({ ok: true, value: '200000000' })
    expect(parseUsd('1 000 000.50')).toEqual({ ok: true, value: '1000000.5' })
    expect(parseUsd('-1')).toEqual({ ok: false, reason: 'range' })
    expect(parseSeconds('300', 1, 86400)).toEqual({ ok: true, value: 300 })
    expect(parseSeconds('1.5', 1, 86400)).toEqual({ ok: false, reason: 'whole' })
  })
})
