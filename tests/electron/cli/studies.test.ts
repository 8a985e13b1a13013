// The study commands end to end, through the CLI and real worker threads, on a fast 30-minute
// crash (tests/shared/engine/cascade/support.ts). Results change as the engine does, so every
// assertion is a relation: a grid cell is the run with the same --set; a Monte Carlo draw is the
// run with its seed and set; the same seed gives the same JSON whatever the workers; the merge of
// shards is the unsharded JSON byte for byte; solve's answer survives and one step less fails.
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runCli } from '../../../electron/cli/main'
import type { CliContext } from '../../../electron/cli/context'
import type { CascadeEvent } from '../../../shared/model/run'
import type { GridReport, GridRunCell, MonteCarloReport, SolveReport } from '../../../shared/model/study'
import { miniScenario } from '../../shared/engine/cascade/support'
import { useTempDirs } from '../../temp-dir'

const root = join(__dirname, '../../..')
const hedge = join(root, 'resources/examples/hedge-book.json')
const tempDir = useTempDirs('studies')

function cli(argv: string[], env: Record<string, string> = {}, cwd = root) {
  let stdout = ''
  let stderr = ''
  const ctx: CliContext = { cwd, env: { CASCADE_DATA_DIR: '/nonexistent/cascade-cli-test', ...env }, resourcesDir: join(root, 'resources'), stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) }
  return runCli(argv, ctx).then((code) => ({ code, stdout, stderr }))
}

/** The fast crash as a scenario file, with a small crowd. */
function miniFile(): string {
  const file = join(tempDir(), 'mini.json')
  writeFileSync(file, JSON.stringify(miniScenario({ accounts: 1500 })))
  return file
}

async function run(scenario: string, seed: number, set: Record<string, string>, extra: string[] = []) {
  const r = await cli(['run', hedge, '--scenario', scenario, '--seed', String(seed), '--quiet', ...Object.entries(set).flatMap(([k, v]) => ['--set', `${k}=${v}`]), ...extra])
  expect(r.code, r.stderr).toBe(0)
  return JSON.parse(r.stdout) as { survived: boolean; finalEquity: string; userAdl: { position: string }[]; set?: Record<string, string>; firstLiquidation: string | null }
}

describe('study commands', () => {
  it('run --set applies the axes and the summary records them; a bad axis is exit 2 with its path', async () => {
    const s = miniFile()
    const r = await run(s, 1, { 'shock:BTC': '-0.2', 'collateral:USDC': '1e5' })
    expect(r.set).toEqual({ 'shock:BTC': '-0.2', 'collateral:USDC': '100000' })
    const bad = await cli(['run', hedge, '--scenario', s, '--set', 'shock:BTC=x', '--set', 'depeg=0.1', '--quiet'])
    expect(bad.code).toBe(2)
    expect(bad.stderr).toContain('set.shock:BTC: must be a number, got "x"')
    expect(bad.stderr).toContain('set.depeg: axis depeg names an asset')
    const unpriced = await cli(['run', hedge, '--scenario', s, '--set', 'shock:XRP=-0.1', '--quiet'])
    expect(unpriced.code).toBe(2)
    expect(unpriced.stderr).toContain('set.shock:XRP: XRP is not priced by scenario mini')
  }, 120_000)

  it('grid: each cell equals `cascade run` with the same --set values', async () => {
    const s = miniFile()
    const g = await cli(['grid', hedge, '--scenario', s, '--seed', '3', '--x', 'shock:BTC=-0.25:-0.1:2', '--y', 'collateral:USDC=0:400000:2', '--workers', '2', '--quiet', '--no-timing'])
    expect(g.code, g.stderr).toBe(0)
    const report = JSON.parse(g.stdout) as GridReport
    expect(report).toMatchObject({ format: 'cascade.grid/1', x: { axis: 'shock:BTC', values: ['-0.25', '-0.1'] }, y: { axis: 'collateral:USDC', values: ['0', '400000'] } })
    expect('timing' in report).toBe(false)
    const cells = report.cells as GridRunCell[][]
    for (const [i, xv] of report.x.values.entries()) {
      for (const [j, yv] of report.y.values.entries()) {
        const single = await run(s, 3, { 'shock:BTC': xv, 'collateral:USDC': yv })
        expect(cells[i][j]).toEqual({ survived: single.survived, finalEquity: single.finalEquity, adl: single.userAdl.length > 0, adlPositions: [...new Set(single.userAdl.map((a) => a.position))].sort(), liquidated: expect.any(Array), firstLiquidation: single.firstLiquidation })
      }
    }
  }, 300_000)

  it('montecarlo: the same seed gives the same JSON with 1 or 2 workers, and each draw is the run of its seed and set', async () => {
    const s = miniFile()
    const args = ['montecarlo', hedge, '--scenario', s, '--draws', '6', '--seed', '5', '--quiet', '--no-timing']
    const one = await cli([...args, '--workers', '1'])
    const two = await cli([...args, '--workers', '2'])
    expect(one.code, one.stderr).toBe(0)
    expect(two.stdout).toBe(one.stdout)
    const r = JSON.parse(one.stdout) as MonteCarloReport
    expect(r).toMatchObject({ format: 'cascade.montecarlo/1', draws: 6, seed: 5, liquidated: { n: 6 }, positions: { btc: { adl: { n: 6 }, liquidated: { n: 6 } } } })
    expect(Object.keys(r.finalEquity)).toEqual(['mean', 'min', 'p5', 'p50', 'p95', 'max', 'es95', 'es99', 'histogram'])
    for (const d of [0, 4]) {
      const o = r.outcomes[d]
      const single = await run(s, o.seed, o.set)
      expect({ survived: o.survived, finalEquity: o.finalEquity }).toEqual({ survived: single.survived, finalEquity: single.finalEquity })
    }
    const modelFile = join(tempDir(), 'model.json')
    writeFileSync(modelFile, JSON.stringify({ depegProbability: 1, depegDepth: { min: 0.1, max: 0.1 } }))
    const desk = JSON.parse((await cli([...args, '--workers', '2', '--model', modelFile])).stdout) as MonteCarloReport
    expect(desk.model).toMatchObject({ depegProbability: 1, depegDepth: { min: 0.1, max: 0.1 } })
    for (const o of desk.outcomes) for (const a of desk.model.pegged) expect(o.set[`depeg:${a}`]).toBe('0.1')
    const timed = JSON.parse((await cli([...args.filter((a) => a !== '--no-timing'), '--workers', '2'])).stdout) as MonteCarloReport
    expect(timed.timing).toMatchObject({ workers: 2, runs: 6, parts: 1, crowdsGenerated: 6 })
    expect(Object.keys(timed).at(-1)).toBe('timing')
  }, 300_000)

  it('shards merge into exactly the unsharded JSON, byte for byte; an array job\'s index picks the shard', async () => {
    const s = miniFile()
    const dir = tempDir()
    const args = ['montecarlo', hedge, '--scenario', s, '--draws', '5', '--seed', '8', '--quiet', '--workers', '1']
    const whole = await cli([...args, '--no-timing'])
    expect(whole.code, whole.stderr).toBe(0)
    expect((await cli([...args, '--shard', '0/3', '--out', join(dir, 'p0.json')])).code).toBe(0)
    expect((await cli([...args], { JOB_COMPLETION_INDEX: '1', CASCADE_SHARDS: '3' }).then((r) => (writeFileSync(join(dir, 'p1.json'), r.stdout), r.code)))).toBe(0)
    expect((await cli([...args, '--shards', '3', '--out', join(dir, 'p2.json')], { SLURM_ARRAY_TASK_ID: '2' })).code).toBe(0)
    expect(JSON.parse(readFileSync(join(dir, 'p1.json'), 'utf8'))).toMatchObject({ format: 'cascade.sweep-part/1', shard: { index: 1, count: 3 }, rows: [{ task: 1 }, { task: 4 }] })
    const merged = await cli(['merge', join(dir, 'p2.json'), join(dir, 'p0.json'), join(dir, 'p1.json'), '--no-timing'])
    expect(merged.code, merged.stderr).toBe(0)
    expect(merged.stdout).toBe(whole.stdout)
    const timed = JSON.parse((await cli(['merge', join(dir, 'p0.json'), join(dir, 'p1.json'), join(dir, 'p2.json')])).stdout) as MonteCarloReport
    expect(timed.timing).toMatchObject({ parts: 3, runs: 5 })
    // Parts that do not make one sweep, and files that are not parts.
    const missing = await cli(['merge', join(dir, 'p0.json'), join(dir, 'p1.json')])
    expect(missing.code).toBe(2)
    expect(missing.stderr).toContain('parts: shard 2/3 is missing')
    writeFileSync(join(dir, 'x.json'), JSON.stringify({ format: 'cascade.sweep-part/1', rows: 'no' }))
    const junk = await cli(['merge', join(dir, 'x.json')])
    expect(junk.code).toBe(2)
    expect(junk.stderr).toMatch(/x\.json: not a sweep part/)
    // A whole report is named as what it is; merged parts print as text like the sweep itself.
    writeFileSync(join(dir, 'report.json'), whole.stdout)
    const report = await cli(['merge', join(dir, 'report.json')])
    expect(report.code).toBe(2)
    expect(report.stderr).toContain('report.json: not a sweep part (it is cascade.montecarlo/1); merge takes the files written with --shard')
    const text = await cli(['merge', join(dir, 'p0.json'), join(dir, 'p1.json'), join(dir, 'p2.json'), '--format', 'text'])
    expect(text.code, text.stderr).toBe(0)
    expect(text.stdout).toMatch(/^.+ under mini: 5 draws \(seed 8, crowd \d+\)\n  liquidated/)
    expect((await cli([...args], { JOB_COMPLETION_INDEX: '1' })).stderr).toContain('JOB_COMPLETION_INDEX=1 is set (an array job): give the number of shards with --shards N or CASCADE_SHARDS=N')
    expect((await cli([...args, '--shard', '3/3'])).code).toBe(2)
  }, 300_000)

  it('solve: the answer survives, one step less fails, and the binding constraint is that run\'s first failure', async () => {
    const s = miniFile()
    const r = await cli(['solve', hedge, '--scenario', s, '--seed', '2', '--collateral', 'USDC', '--probes', '4', '--workers', '2', '--quiet', '--no-timing'])
    expect(r.code, r.stderr).toBe(0)
    const out = JSON.parse(r.stdout) as SolveReport
    expect(out).toMatchObject({ format: 'cascade.solve/1', axis: 'collateral:USDC', safe: 'above' })
    expect(out.answer).not.toBeNull()
    if (out.failsAt === null) throw new Error(`no bracket: ${out.note}`)
    expect(out.bracket).toEqual([out.failsAt, out.answer])
    const runs = new Map(out.runs.map((x) => [x.value, x.survived]))
    expect(runs.get(out.answer as string)).toBe(true)
    expect(runs.get(out.failsAt)).toBe(false)
    if (out.monotone) for (const x of out.runs) expect(x.survived).toBe(Number(x.value) >= Number(out.answer))
    expect((await run(s, 2, { 'collateral:USDC': out.answer as string })).survived).toBe(true)
    const events = join(tempDir(), 'events.jsonl')
    const failing = await run(s, 2, { 'collateral:USDC': out.failsAt }, ['--events', events])
    expect(failing.survived).toBe(false)
    const first = readFileSync(events, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as CascadeEvent).find((e) => e.account === 'user' && ['liquidation', 'defi-liquidation', 'loop-unwind', 'bankrupt'].includes(e.kind))
    expect(out.binding).toMatchObject({ eventId: first?.id, kind: first?.kind, t: first?.t, position: first?.position ?? null })
  }, 300_000)

  it('solve under Monte Carlo: the answer survives with at least the target probability over the same draws, one step more does not', async () => {
    const s = miniFile()
    const r = await cli(['solve', hedge, '--scenario', s, '--seed', '6', '--axis', 'scale', '--step', '0.25', '--probes', '2', '--target-p', '0.5', '--draws', '3', '--workers', '2', '--quiet', '--no-timing'])
    expect(r.code, r.stderr).toBe(0)
    const out = JSON.parse(r.stdout) as SolveReport
    expect(out).toMatchObject({ safe: 'below', target: { p: 0.5, draws: 3, model: { reference: 'BTC' } } })
    for (const x of out.runs) expect(x.odds?.n).toBe(3)
    // The mean equity is an amount like any other: normalised text (no trailing zero in the cents).
    for (const x of out.runs) expect(x.finalEquity).toMatch(/^-?\d+(\.\d?[1-9])?$/)
    if (out.failsAt === null) {
      // Survives (or fails) over the whole range: the note says which.
      expect(out.note).toMatch(/survives even at|fails at 0/)
      return
    }
    const odds = new Map(out.runs.map((x) => [x.value, x.odds?.p ?? -1]))
    expect(odds.get(out.answer as string)).toBeGreaterThanOrEqual(0.5)
    expect(odds.get(out.failsAt)).toBeLessThan(0.5)
    expect(Number(out.failsAt) - Number(out.answer)).toBeCloseTo(0.25, 10)
    expect(out.binding).toMatchObject({ draw: expect.any(Number), share: expect.any(Number) })
  }, 300_000)

  it('a grid under Monte Carlo per cell shards and merges like a Monte Carlo', async () => {
    const s = miniFile()
    const dir = tempDir()
    const args = ['grid', hedge, '--scenario', s, '--seed', '2', '--x', 'fund=0:1e8:2', '--y', 'withdrawal=0.5:0.5:1', '--draws', '2', '--workers', '2', '--quiet']
    const whole = await cli([...args, '--no-timing'])
    expect(whole.code, whole.stderr).toBe(0)
    const report = JSON.parse(whole.stdout) as GridReport
    expect(report.cells).toHaveLength(2)
    expect(report.cells[0][0]).toMatchObject({ survived: { n: 2 }, adl: { n: 2 }, finalEquity: { histogram: expect.any(Object) } })
    for (const i of [0, 1]) expect((await cli([...args, '--shard', `${i}/2`, '--out', join(dir, `g${i}.json`)])).code).toBe(0)
    const merged = await cli(['merge', join(dir, 'g1.json'), join(dir, 'g0.json'), '--no-timing'])
    expect(merged.stdout).toBe(whole.stdout)
  }, 300_000)

  it('refuses bad study options with exit 2 and the reason', async () => {
    const s = miniFile()
    const modelFile = (doc: unknown) => {
      const file = join(tempDir(), 'model.json')
      writeFileSync(file, JSON.stringify(doc))
      return file
    }
    const cases: [string[], RegExp][] = [
      [['montecarlo', hedge, '--scenario', s], /montecarlo needs --draws N/],
      [['montecarlo', hedge, '--scenario', s, '--draws', '0'], /--draws must be a whole number from 1/],
      [['grid', hedge, '--scenario', s, '--x', 'fund=0:1:2'], /grid needs --x AXIS=FROM:TO:N and --y/],
      [['grid', hedge, '--scenario', s, '--x', 'fund=0:1:2', '--y', 'fund=0:2:2'], /the two axes are both fund/],
      [['grid', hedge, '--scenario', s, '--x', 'depeg:BTC=0:0.1:2', '--y', 'fund=0:2:2'], /BTC is not pegged in scenario mini/],
      [['solve', hedge, '--scenario', s], /solve needs one of --collateral ASSET or --axis AXIS/],
      [['solve', hedge, '--scenario', s, '--axis', 'fund', '--target-p', '0.9'], /--target-p P and --draws N go together/],
      [['solve', hedge, '--scenario', s, '--axis', 'fund', '--set', 'fund=1'], /fund is also in the study's set/],
      // A swept axis set by --set too is refused, as solve and run refuse it.
      [['grid', hedge, '--scenario', s, '--set', 'fund=1', '--x', 'fund=0:1:2', '--y', 'withdrawal=0:0.5:2'], /x: fund is also in the study's set; sweep it without setting it/],
      // A refusal of a swept axis names its flag, once (not --set, not once per corner).
      [['grid', hedge, '--scenario', s, '--x', 'shock:XRP=-0.2:0:3', '--y', 'withdrawal=0:0.5:3'], /the study: 1 problem\nx: cell shock:XRP=-0\.2, withdrawal=0: XRP is not priced/],
      [['solve', hedge, '--scenario', s, '--axis', 'depeg:BTC'], /the study: 1 problem\naxis: depeg:BTC=0: BTC is not pegged/],
      [['montecarlo', hedge, '--scenario', s, '--draws', '2', '--model', modelFile({ depegProbability: 3 })], /model\.depegProbability: must be a number from 0 to 1, got 3/],
    ]
    for (const [argv, message] of cases) {
      const r = await cli([...argv, '--quiet'])
      expect(r.code, argv.join(' ')).toBe(2)
      expect(r.stderr).toMatch(message)
    }
  }, 120_000)
})
