// Studies through the app's core with nothing faked: core -> study service -> pool of worker
// threads -> engine -> store, with progress and done events, cancel, export and delete. The IPC
// door gives the CLI's report for the same inputs (same verdicts, same JSON apart from timing).
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runCli } from '../../../../electron/cli/main'
import { createCore } from '../../../../electron/main/core'
import { createThreadRunner } from '../../../../electron/main/runs/thread-runner'
import { threadStudyWorkers } from '../../../../electron/main/studies/study-threads'
import type { RunView, StudyListItem, StudyRecord } from '../../../../shared/ipc/channels'
import type { MonteCarloReport, SolveReport } from '../../../../shared/model/study'
import { miniScenario } from '../../../shared/engine/cascade/support'
import { useTempDirs } from '../../../temp-dir'

const root = join(__dirname, '../../../..')
const APP = 'file:///app/'
const hedgeFile = join(root, 'resources/examples/hedge-book.json')
const tempDir = useTempDirs('study-flow')
const mini = miniScenario({ accounts: 1500 })

function newCore() {
  const events: Array<[string, any]> = []
  const core = createCore({
    dataDir: '/tmp',
    databasePath: ':memory:',
    resourcesDir: join(root, 'resources'),
    version: 'test',
    trustedOrigins: [APP],
    runner: createThreadRunner(join(root, 'electron/main/runs/run-worker.ts')),
    studyWorkers: threadStudyWorkers(join(root, 'electron/main/studies/study-worker.ts')),
    studyWorkerCount: 2,
  })
  core.subscribe((e, p) => events.push([e, p]))
  return { core, events }
}

async function saveHedge(core: ReturnType<typeof newCore>['core']): Promise<string> {
  const r = await core.invoke('portfolio:save', { doc: JSON.parse(readFileSync(hedgeFile, 'utf8')) }, APP)
  if (!r.ok) throw new Error(r.error.message)
  return (r.value as { id: string }).id
}

async function get(core: ReturnType<typeof newCore>['core'], id: string): Promise<StudyRecord> {
  const r = await core.invoke('study:get', { id }, APP)
  if (!r.ok) throw new Error(r.error.message)
  return r.value as StudyRecord
}

describe('studies through the app core', () => {
  it('a Monte Carlo: progress, done, stored with its inputs, the CLI\'s report for the same inputs, exported', async () => {
    const { core, events } = newCore()
    const portfolioId = await saveHedge(core)
    const started = await core.invoke('study:start', { portfolioId, scenario: mini, seed: 4, set: { fund: '1e6' }, study: { kind: 'montecarlo', draws: 4 } }, APP)
    if (!started.ok) throw new Error(started.error.message)
    const item = started.value as StudyListItem
    expect(item).toMatchObject({ kind: 'montecarlo', status: 'running', scenarioId: 'mini', seed: 4, glance: null })
    await core.idle()
    const progress = events.filter(([e]) => e === 'study:progress').map(([, p]) => p)
    expect(progress.at(-1)).toMatchObject({ studyId: item.id, done: 4, total: 4, phase: 'montecarlo' })
    expect(events.find(([e]) => e === 'study:done')?.[1]).toEqual({ studyId: item.id, status: 'done', error: null })
    const rec = await get(core, item.id)
    const report = rec.result as MonteCarloReport
    expect(rec.glance).toMatchObject({ kind: 'montecarlo', draws: 4, liquidated: report.liquidated })
    expect(rec.scenario.id).toBe('mini')
    expect(rec.request).toMatchObject({ kind: 'montecarlo', draws: 4, seed: 4, set: { fund: '1000000' } })
    expect(report.timing).toMatchObject({ runs: 4, workers: 2 })

    // The same study from the CLI: the same JSON once timing is left out.
    const scenarioFile = join(tempDir(), 'mini.json')
    writeFileSync(scenarioFile, JSON.stringify(mini))
    let stdout = ''
    const code = await runCli(['montecarlo', hedgeFile, '--scenario', scenarioFile, '--seed', '4', '--set', 'fund=1e6', '--draws', '4', '--no-timing', '--quiet'], {
      cwd: root,
      env: { CASCADE_DATA_DIR: '/nonexistent/cascade-cli-test' },
      resourcesDir: join(root, 'resources'),
      stdout: (t) => (stdout += t),
      stderr: () => {},
    })
    expect(code).toBe(0)
    const { timing: _t, ...untimed } = report
    expect(JSON.parse(stdout)).toEqual(untimed)

    const csv = await core.invoke('study:export', { id: item.id, format: 'csv' }, APP)
    if (!csv.ok) throw new Error(csv.error.message)
    const lines = (csv.value as { text: string }).text.trim().split('\n')
    expect(lines).toHaveLength(5)
    expect(lines[0]).toMatch(/^draw,seed,survived,finalEquity,/)
    const json = await core.invoke('study:export', { id: item.id, format: 'json' }, APP)
    expect(json.ok && JSON.parse((json.value as { text: string }).text)).toEqual(report)
    expect(json.ok && (json.value as { fileName: string }).fileName).toMatch(/-mini-montecarlo-seed4\.json$/)

    expect((await core.invoke('study:delete', { id: item.id }, APP)).ok).toBe(true)
    expect((await core.invoke('study:get', { id: item.id }, APP)).ok).toBe(false)
    core.close()
  }, 300_000)

  it('a solve and a grid queue behind each other; a cancel ends a study as cancelled', async () => {
    const { core, events } = newCore()
    const portfolioId = await saveHedge(core)
    const solve = await core.invoke('study:start', { portfolioId, scenario: mini, seed: 2, study: { kind: 'solve', axis: 'collateral:USDC', probes: 2, step: '100000' } }, APP)
    const grid = await core.invoke('study:start', { portfolioId, scenario: mini, seed: 2, study: { kind: 'grid', x: { axis: 'shock:BTC', from: '-0.3', to: '0', count: 8 }, y: { axis: 'fund', from: '0', to: '1e8', count: 8 } } }, APP)
    if (!solve.ok || !grid.ok) throw new Error('refused')
    const gridId = (grid.value as StudyListItem).id
    // The grid waits for the solve; cancel it as soon as it reports progress.
    const stop = core.subscribe((e, p: any) => {
      if (e === 'study:progress' && p.studyId === gridId) void core.invoke('study:cancel', { id: gridId }, APP)
    })
    await core.idle()
    stop()
    const solved = await get(core, (solve.value as StudyListItem).id)
    expect(solved.status).toBe('done')
    const s = solved.result as SolveReport
    expect(s.answer === null || s.runs.find((r) => r.value === s.answer)?.survived).toBe(true)
    expect(solved.glance).toMatchObject({ kind: 'solve', axis: 'collateral:USDC', answer: s.answer })
    expect((await get(core, gridId)).status).toBe('cancelled')
    expect(events.find(([e, p]) => e === 'study:done' && p.studyId === gridId)?.[1]).toEqual({ studyId: gridId, status: 'cancelled', error: null })
    core.close()
  }, 300_000)

  it('refuses bad studies with the field\'s path, the same verdict as the CLI; run:start takes a set', async () => {
    const { core } = newCore()
    const portfolioId = await saveHedge(core)
    const bad = await core.invoke('study:start', { portfolioId, scenarioId: '2025-10-10', set: { 'shock:ZZZ': '-0.1' }, study: { kind: 'montecarlo', draws: 2 } }, APP)
    expect(!bad.ok && bad.error).toMatchObject({ code: 'invalid-payload', path: 'set.shock:ZZZ', message: expect.stringContaining('ZZZ is not priced by scenario 2025-10-10') })
    const axis = await core.invoke('study:start', { portfolioId, scenarioId: '2025-10-10', study: { kind: 'grid', x: { axis: 'fund', from: '0', to: '1', count: 2 }, y: { axis: 'withdrawal', from: '0', to: '2', count: 2 } } }, APP)
    expect(!axis.ok && axis.error).toMatchObject({ code: 'invalid-payload', path: 'study.y', message: expect.stringContaining('from 0 to 0.999') })
    const solveSet = await core.invoke('study:start', { portfolioId, scenarioId: '2025-10-10', set: { fund: '1' }, study: { kind: 'solve', axis: 'fund' } }, APP)
    expect(!solveSet.ok && solveSet.error).toMatchObject({ code: 'invalid-payload', path: 'study.axis' })
    const setRun = await core.invoke('run:start', { portfolioId, scenario: mini, seed: 1, set: { 'shock:BTC': '-0.2' } }, APP)
    if (!setRun.ok) throw new Error(setRun.error.message)
    await core.idle()
    const view = await core.invoke('run:get', { id: (setRun.value as { id: string }).id }, APP)
    expect(view.ok && (view.value as RunView).summary?.set).toEqual({ 'shock:BTC': '-0.2' })
    const badRun = await core.invoke('run:start', { portfolioId, scenarioId: '2025-10-10', set: { 'depeg:BTC': '0.1' } }, APP)
    expect(!badRun.ok && badRun.error).toMatchObject({ code: 'invalid-payload', path: 'set.depeg:BTC' })
    core.close()
  }, 120_000)
})
