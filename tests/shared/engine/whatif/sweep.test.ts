// Sweeps, shards and merge (docs/DECISIONS.md §4): shards partition the tasks, a task is a function
// of the request and its index, and the merge of any sharding gives the unsharded report byte for
// byte; parts that do not belong together are refused with the reason.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { mergeParts, modelFor, shardTasks, sweepReport, taskCount, taskOf } from '../../../../shared/engine/whatif'
import type { GridRequest, MonteCarloRequest, RunOutcome, SweepPart } from '../../../../shared/model/study'
import { preset } from '../cascade/support'

const inputs = { portfolio: 'Hedge', fingerprint: 'f'.repeat(64), scenario: '2025-10-10', start: '2025-10-10T20:00:00Z', venue: 'binance', pricing: 'book' as const, crowd: 1000, set: {}, positions: ['btc', 'doge', 'eth'] }
const mc: MonteCarloRequest = { kind: 'montecarlo', ...inputs, seed: 9, draws: 37, model: modelFor(preset('2025-10-10')) }
const grid: GridRequest = { kind: 'grid', ...inputs, seed: 9, x: { axis: 'shock:BTC', values: ['-0.3', '-0.2', '-0.1'] }, y: { axis: 'fund', values: ['0', '1000000'] }, draws: null, model: null }

/** A made-up outcome per task: what matters here is that merge and the direct report agree. */
function fake(i: number): RunOutcome {
  const survived = (i * 7) % 3 !== 0
  return {
    survived,
    finalEquity: survived ? String(1000 + ((i * 37) % 101)) : '0',
    firstLiquidation: survived ? null : `2025-10-10T21:${String(10 + (i % 40)).padStart(2, '0')}:00Z`,
    adl: i % 5 === 0 ? ['doge'] : [],
    liquidated: survived ? [] : ['btc', 'eth'],
    binding: survived ? null : { position: 'btc', asset: 'BTC', t: '2025-10-10T21:10:00Z', eventId: i, kind: 'liquidation', note: null },
  }
}

function parts(req: MonteCarloRequest | GridRequest, count: number): { name: string; part: SweepPart }[] {
  const total = taskCount(req)
  return Array.from({ length: count }, (_, index) => ({
    name: `part-${index}.json`,
    part: { format: 'cascade.sweep-part/1', request: req, shard: { index, count }, tasks: total, rows: shardTasks(total, { index, count }).map((task) => ({ task, outcome: fake(task) })) } as SweepPart,
  }))
}

describe('sweeps, shards and merge', () => {
  it('shards partition the tasks: every task in exactly one shard', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 500 }), fc.integer({ min: 1, max: 40 }), (total, count) => {
        const all = Array.from({ length: count }, (_, index) => shardTasks(total, { index, count })).flat()
        expect(all.sort((a, b) => a - b)).toEqual(Array.from({ length: total }, (_, i) => i))
      }),
    )
  })

  it('a grid task is its cell\'s set; a Monte Carlo task its draw', () => {
    expect(taskCount(grid)).toBe(6)
    expect(taskOf(grid, 3)).toEqual({ task: 3, seed: 9, set: { 'shock:BTC': '-0.2', fund: '1000000' }, affinity: 3, keep: true })
    expect(taskOf(mc, 3).keep).toBe(false)
    expect(taskOf(mc, 5)).toEqual(taskOf(mc, 5))
    const g = { ...grid, draws: 4, model: mc.model }
    expect(taskCount(g)).toBe(24)
    // Draw 2 of cell 3: the same draw as in every other cell, the cell's axes on top.
    const t = taskOf(g, 2 * 6 + 3)
    expect(t.set['shock:BTC']).toBe('-0.2')
    expect(t.set.fund).toBe('1000000')
    expect(t.seed).toBe(taskOf(g, 2 * 6 + 0).seed)
    expect(t.affinity).toBe(2)
  })

  it('merging any number of parts gives the unsharded report, byte for byte', () => {
    for (const req of [mc, grid, { ...grid, draws: 3, model: mc.model }]) {
      const direct = JSON.stringify(sweepReport(req, Array.from({ length: taskCount(req) }, (_, i) => fake(i))))
      for (const count of [1, 2, 5, taskCount(req)]) {
        const merged = mergeParts(parts(req, count).reverse())
        if (!merged.ok) throw new Error(JSON.stringify(merged.issues))
        expect(JSON.stringify(sweepReport(merged.request, merged.outcomes, merged.timing))).toBe(direct)
      }
    }
  })

  it('refuses parts that do not make one sweep, saying which and why', () => {
    const four = parts(mc, 4)
    expect(mergeParts(four.slice(0, 3))).toEqual({ ok: false, issues: [{ path: 'parts', message: 'shard 3/4 is missing' }] })
    expect(mergeParts([...four, four[1]])).toMatchObject({ ok: false, issues: [{ path: 'part-1.json: shard', message: 'shard 1/4 is also part-1.json' }] })
    const other = { ...four[2], part: { ...four[2].part, request: { ...mc, seed: 10 } } }
    expect(mergeParts([four[0], four[1], other, four[3]])).toMatchObject({ ok: false, issues: [{ path: 'part-2.json: request', message: expect.stringContaining('another sweep') }] })
    const short = { ...four[1], part: { ...four[1].part, rows: four[1].part.rows.slice(1) } }
    expect(mergeParts([four[0], short, four[2], four[3]])).toMatchObject({ ok: false, issues: [{ path: 'part-1.json: rows', message: expect.stringContaining('task 1 is missing') }] })
    expect(mergeParts([four[0], { ...four[1], part: { ...four[1].part, shard: { index: 1, count: 3 } } }])).toMatchObject({ ok: false, issues: [{ path: 'part-1.json: shard' }] })
  })

  it('a Monte Carlo report: probabilities with Wilson intervals, per position, and each draw replayable', () => {
    const outcomes = Array.from({ length: mc.draws }, (_, i) => fake(i))
    const r = sweepReport(mc, outcomes)
    if (r.format !== 'cascade.montecarlo/1') throw new Error('not a Monte Carlo report')
    const failed = outcomes.filter((o) => !o.survived).length
    expect(r.liquidated).toMatchObject({ k: failed, n: 37 })
    expect(r.survived.k + r.liquidated.k).toBe(37)
    expect(r.positions.btc.liquidated.k).toBe(failed)
    expect(r.positions.doge.adl.k).toBe(outcomes.filter((o) => o.adl.includes('doge')).length)
    expect(r.positions.doge.liquidated.k).toBe(0)
    expect(r.firstLiquidation.count).toBe(failed)
    expect(r.outcomes[4]).toMatchObject({ draw: 4, seed: taskOf(mc, 4).seed, set: taskOf(mc, 4).set, ...outcomes[4] })
    expect(r.finalEquity.histogram.counts.reduce((a, b) => a + b, 0)).toBe(37)
  })
})
