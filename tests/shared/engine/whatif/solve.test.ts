// The reverse-stress search (docs/DECISIONS.md §5) on survival functions written by hand: the
// answer survives and one step beyond fails; a survival that changes more than once is reported
// as such with every run, and the bracket is still two runs of different verdicts.
import { describe, expect, it } from 'vitest'
import { niceStep, solveAxis, type SolveSpec, type Verdict } from '../../../../shared/engine/whatif'
import { dec } from '../../../../shared/decimal'

const verdict = (survived: boolean): Verdict => ({ survived, finalEquity: survived ? '1' : '0', odds: null, binding: survived ? null : { position: 'btc', asset: 'BTC', t: 't', eventId: 1, kind: 'liquidation', note: null, draw: null, share: null } })

function solver(spec: Partial<SolveSpec>, survives: (x: number) => boolean) {
  const calls: string[][] = []
  const full: SolveSpec = { kind: 'collateral', lo: '0', hi: null, firstSpan: '1000', max: '1e15', step: null, probes: 16, ...spec }
  return {
    calls,
    run: () =>
      solveAxis(full, async (values) => {
        calls.push(values)
        return values.map((v) => verdict(survives(Number(v))))
      }),
  }
}

describe('solve: reverse stress by bisection', () => {
  it('finds the least collateral that survives: answer survives, answer - step fails', async () => {
    const s = solver({}, (x) => x >= 12_345.6)
    const r = await s.run()
    expect(r.safe).toBe('above')
    expect(r.monotone).toBe(true)
    expect(Number(r.answer)).toBeGreaterThanOrEqual(12_345.6)
    expect(Number(r.failsAt)).toBeLessThan(12_345.6)
    expect(dec(r.answer as string).minus(dec(r.step)).toString()).toBe(r.failsAt)
    expect(r.bracket).toEqual([r.failsAt, r.answer])
    expect(r.binding).toMatchObject({ position: 'btc', kind: 'liquidation' })
    // The range doubled from 1,024 steps of 1 (1000 / 1024 rounded up) until it survived at its top: 1,024 steps of 16.
    expect(r.step).toBe('16')
    expect(r.range).toEqual(['0', '16384'])
    const runs = new Map(r.runs.map((x) => [x.value, x.survived]))
    expect(runs.get(r.answer as string)).toBe(true)
    expect(runs.get(r.failsAt as string)).toBe(false)
  })

  it('says so when nothing is needed, and when nothing is enough', async () => {
    expect(await solver({}, () => true).run()).toMatchObject({ answer: '0', failsAt: null, bracket: null, note: expect.stringContaining('no more is needed') })
    const never = await solver({ max: '1e6' }, () => false).run()
    expect(never).toMatchObject({ answer: null, bracket: null, note: expect.stringContaining('fails even at 1000000') })
    expect(never.binding).not.toBeNull()
  })

  it('safe below: the largest scale that survives, answer + step fails', async () => {
    const r = await solver({ kind: 'scale', firstSpan: '1', max: '100' }, (x) => x <= 2.71828)
    .run()
    expect(r.safe).toBe('below')
    expect(Number(r.answer)).toBeLessThanOrEqual(2.71828)
    expect(dec(r.answer as string).plus(dec(r.step)).toString()).toBe(r.failsAt)
    expect(Number(r.failsAt)).toBeGreaterThan(2.71828)
  })

  it('a survival that changes more than once: monotone false, every run shown, the bracket still holds', async () => {
    // Survives from 300, fails again on [600, 700) (more collateral pushes a hedge out of the ADL queue), survives again from 700.
    const survives = (x: number) => (x >= 300 && x < 600) || x >= 700
    const r = await solver({ lo: '0', hi: '1000', step: '1' }, survives).run()
    expect(r.monotone).toBe(false)
    expect(r.answer).toBe('300')
    expect(r.failsAt).toBe('299')
    expect(r.stableAnswer).toBe('700')
    expect(r.runs.some((x) => Number(x.value) >= 600 && Number(x.value) < 700 && !x.survived)).toBe(true)
    expect(r.note).toMatch(/not monotone/)
    for (const x of r.runs) expect(x.survived).toBe(survives(Number(x.value)))
  })

  it('ends that seem to decide do not hide the values between them: the coarse probes still run', async () => {
    // Survives at the low end and fails from 500 (found by a review: this was "no more is needed", monotone).
    const down = await solver({ lo: '0', hi: '1000', step: '1' }, (x) => x < 500).run()
    expect(down).toMatchObject({ answer: '0', failsAt: null, bracket: null, monotone: false, stableAnswer: null })
    expect(down.note).toMatch(/not monotone.*least value that survived is 0 \(the low end of the range\); no value from which every run survived/)
    expect(down.binding).not.toBeNull()
    // The binding comes from the failing run nearest the answer.
    expect(down.bindingAt).toBe(down.runs.find((x) => !x.survived)?.value)
    expect(down.runs.length).toBeGreaterThan(2)
    // Survives at both ends with a failing island between: the least value that survived is the low end, survival holds from 700.
    const island = await solver({ lo: '0', hi: '1000', step: '1' }, (x) => x < 300 || x >= 700).run()
    expect(island).toMatchObject({ answer: '0', failsAt: null, monotone: false, stableAnswer: '700' })
    // Fails at both ends and survives between: the least that survived, one step above a failure.
    const middle = await solver({ lo: '0', hi: '1000', step: '1' }, (x) => x >= 300 && x < 700).run()
    expect(middle).toMatchObject({ answer: '300', failsAt: '299', bracket: ['299', '300'], monotone: false, stableAnswer: null, bindingAt: '299' })
    // Safe below, failing at the low end and surviving above it: the largest value that survived is the high end.
    const below = await solver({ kind: 'withdrawal', lo: '0', hi: '0.999' }, (x) => x > 0.2).run()
    expect(below).toMatchObject({ answer: '0.999', failsAt: null, monotone: false, stableAnswer: null })
    // Ends and probes that agree: the short answers, monotone as far as the runs show.
    expect(await solver({ lo: '0', hi: '1000', step: '1' }, () => true).run()).toMatchObject({ answer: '0', monotone: true, note: expect.stringContaining('no more is needed') })
    expect(await solver({ lo: '0', hi: '1000', step: '1' }, () => false).run()).toMatchObject({ answer: null, monotone: true, note: expect.stringContaining('fails even at 1000') })
  })

  it('a range that starts above 0 doubles its span from there', async () => {
    const r = await solver({ lo: '5000', firstSpan: '1000' }, (x) => x >= 9_000).run()
    expect(r.range[0]).toBe('5000')
    expect(Number(r.answer)).toBeGreaterThanOrEqual(9_000)
    expect(Number(r.failsAt)).toBeLessThan(9_000)
  })

  it('the runs it lists are exactly the values it evaluated, each once', async () => {
    const s = solver({ lo: '0', hi: '0.999', kind: 'withdrawal' }, (x) => x <= 0.7)
    const r = await s.run()
    const evaluated = s.calls.flat()
    expect(new Set(evaluated).size).toBe(evaluated.length)
    expect(r.runs.map((x) => x.value).sort()).toEqual([...evaluated].sort())
    expect(r).toMatchObject({ answer: '0.7', failsAt: '0.701', step: '0.001' })
  })

  it('niceStep rounds up to 1, 2, 2.5 or 5 x 10^k', () => {
    expect(niceStep(dec('634.8')).toString()).toBe('1000')
    expect(niceStep(dec('0.00097')).toString()).toBe('0.001')
    expect(niceStep(dec('1.5')).toString()).toBe('2')
    expect(niceStep(dec('2.2')).toString()).toBe('2.5')
    expect(niceStep(dec('3')).toString()).toBe('5')
  })
})
