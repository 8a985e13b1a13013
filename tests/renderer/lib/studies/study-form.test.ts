// The Studies form's request: each kind builds the `study:start` shape main checks, blank fields
// fall back to the scenario's own (seed, crowd) or to one run, and every malformed field is named
// by the path main would use, all at once, before anything is asked of main.
import { describe, expect, it } from 'vitest'
import { buildStudyRequest, defaultStudyForm, parseSet, plannedRuns, type StudyForm } from '../../../../renderer/src/lib/studies/study-form'

const form = (patch: Partial<StudyForm> = {}): StudyForm => ({ ...defaultStudyForm('2025-10-10'), ...patch })

describe('study form -> study:start', () => {
  it('a Monte Carlo with seed, crowd, historical prices and a what-if set', () => {
    const r = buildStudyRequest(form({ seed: '3', crowd: '2000', historical: true, draws: '8', set: 'fund=2e8, shock:BTC=-0.2' }))
    expect(r).toEqual({ ok: true, request: { seed: 3, crowd: 2000, pricing: 'historical', set: { fund: '2e8', 'shock:BTC': '-0.2' }, study: { kind: 'montecarlo', draws: 8 } } })
  })

  it('leaves out what is blank: the scenario decides', () => {
    expect(buildStudyRequest(form({ draws: '5' }))).toEqual({ ok: true, request: { study: { kind: 'montecarlo', draws: 5 } } })
  })

  it('a grid: two ranges, one run per cell unless draws are given', () => {
    const f = form({ kind: 'grid' })
    f.grid = { x: { axis: 'scale', from: '0.5', to: '1.5', count: '3' }, y: { axis: 'fund', from: '0', to: '2e8', count: '4' }, draws: '' }
    expect(buildStudyRequest(f)).toEqual({ ok: true, request: { study: { kind: 'grid', x: { axis: 'scale', from: '0.5', to: '1.5', count: 3 }, y: { axis: 'fund', from: '0', to: '2e8', count: 4 } } } })
    expect(plannedRuns(f)).toBe(12)
    f.grid.draws = '10'
    expect(buildStudyRequest(f)).toMatchObject({ ok: true, request: { study: { kind: 'grid', draws: 10 } } })
    expect(plannedRuns(f)).toBe(120)
  })

  it('a solve: the axis, an optional range, and a target probability with its draws', () => {
    const f = form({ kind: 'solve' })
    f.solve = { axis: 'collateral:USDT', from: '', to: '', targetP: '', draws: '20' }
    expect(buildStudyRequest(f)).toEqual({ ok: true, request: { study: { kind: 'solve', axis: 'collateral:USDT' } } })
    expect(plannedRuns(f)).toBeNull()
    f.solve = { axis: 'collateral:USDT', from: '0', to: '1e7', targetP: '0.9', draws: '16' }
    expect(buildStudyRequest(f)).toEqual({ ok: true, request: { study: { kind: 'solve', axis: 'collateral:USDT', from: '0', to: '1e7', target: { p: 0.9, draws: 16 } } } })
  })

  it('names every bad field by its request path', () => {
    const f = form({ kind: 'grid', seed: '-1', crowd: '0', set: 'fund 2e8 shock:BTC=abc' })
    f.grid = { x: { axis: '', from: 'x', to: '1', count: '0' }, y: { axis: 'fund', from: '0', to: '1', count: '2' }, draws: '' }
    const r = buildStudyRequest(f)
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.issues.map((i) => i.path)).toEqual(['seed', 'crowd', 'set', 'set', 'set.shock:BTC', 'study.x.axis', 'study.x.from', 'study.x.count'])
    const solve = form({ kind: 'solve' })
    solve.solve = { axis: 'fund', from: '', to: '', targetP: '1.5', draws: '20' }
    expect(buildStudyRequest(solve)).toMatchObject({ ok: false, issues: [{ path: 'study.target.p', key: 'studies.form.errors.probability' }] })
    expect(buildStudyRequest(form({ draws: '0' }))).toMatchObject({ ok: false, issues: [{ path: 'study.draws' }] })
  })

  it('reads a set separated by commas, spaces or lines', () => {
    expect(parseSet('fund=1\nscale=2;  withdrawal=0.5')).toEqual({ ok: true, set: { fund: '1', scale: '2', withdrawal: '0.5' } })
    expect(parseSet('')).toEqual({ ok: true, set: {} })
    expect(parseSet('=3')).toMatchObject({ ok: false, issues: [{ path: 'set', params: { piece: '=3' } }] })
  })
})
