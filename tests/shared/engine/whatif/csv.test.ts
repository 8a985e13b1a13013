// A study's report as CSV: one row per draw, grid cell or solve run, one column per figure and per
// what-if axis, nothing JSON in a cell.
import { describe, expect, it } from 'vitest'
import { gridReport, modelFor, monteCarloReport, studyToCsv } from '../../../../shared/engine/whatif'
import type { GridRequest, MonteCarloRequest, RunOutcome, SolveReport } from '../../../../shared/model/study'
import { preset } from '../cascade/support'

const inputs = { portfolio: 'Hedge, "the" book', fingerprint: 'f'.repeat(64), scenario: '2025-10-10', start: '2025-10-10T20:00:00Z', venue: 'binance', pricing: 'book' as const, crowd: 1000, set: {}, positions: ['btc', 'eth'] }
const failed: RunOutcome = { survived: false, finalEquity: '0', firstLiquidation: '2025-10-10T21:10:00Z', adl: ['eth'], liquidated: ['btc', 'eth'], binding: { position: 'btc', asset: 'BTC', t: '2025-10-10T21:10:00Z', eventId: 12, kind: 'liquidation', note: 'btc liquidated, "all"' } }
const fine: RunOutcome = { survived: true, finalEquity: '1234.5', firstLiquidation: null, adl: [], liquidated: [], binding: null }

describe('study CSV', () => {
  it('a Monte Carlo: a row a draw, its axes one column each', () => {
    const req: MonteCarloRequest = { kind: 'montecarlo', ...inputs, seed: 1, draws: 2, model: modelFor(preset('2025-10-10')) }
    const lines = studyToCsv(monteCarloReport(req, [failed, fine])).trim().split('\n')
    expect(lines).toHaveLength(3)
    const header = lines[0].split(',')
    expect(header.slice(0, 11)).toEqual(['draw', 'seed', 'survived', 'finalEquity', 'firstLiquidation', 'adl', 'liquidated', 'binding.kind', 'binding.position', 'binding.t', 'binding.eventId'])
    expect(header).toContain('set.shock:BTC')
    expect(header).toContain('set.withdrawal')
    expect(lines[1]).toMatch(/^0,\d+,false,0,2025-10-10T21:10:00Z,eth,btc eth,liquidation,btc,2025-10-10T21:10:00Z,12,/)
    expect(lines.every((l) => !l.includes('{'))).toBe(true)
  })

  it('a grid: a row a cell with both axes; a solve: a row a run', () => {
    const req: GridRequest = { kind: 'grid', ...inputs, seed: 1, x: { axis: 'fund', values: ['0', '1'] }, y: { axis: 'withdrawal', values: ['0.5'] }, draws: null, model: null }
    expect(studyToCsv(gridReport(req, [failed, fine]))).toBe('fund,withdrawal,survived,finalEquity,adl,adlPositions,liquidated,firstLiquidation\n0,0.5,false,0,true,eth,btc eth,2025-10-10T21:10:00Z\n1,0.5,true,1234.5,false,,,\n')
    const solve = { format: 'cascade.solve/1', axis: 'collateral:USDT', runs: [{ value: '0', survived: false, finalEquity: '0', odds: null, binding: { ...failed.binding, draw: null, share: null }, phase: 'bound' }] } as unknown as SolveReport
    expect(studyToCsv(solve)).toBe('collateral:USDT,phase,survived,finalEquity,survived.p,survived.lo,survived.hi,binding.kind,binding.position,binding.t,binding.eventId\n0,bound,false,0,,,,liquidation,btc,2025-10-10T21:10:00Z,12\n')
  })
})
