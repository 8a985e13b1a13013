// The studies store on a fake bridge: a form with a bad field asks main nothing; a study that ends
// before its start reply is still shown ended, with its report; progress events are kept; a grid
// cell opens as a run of the study's own scenario document, seed, set and pricing, and a second
// click opens that run again; delete drops the study from the list and the tab.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { ok, type Result } from '../../../shared/ipc/result'
import type { RunListItem, StudyListItem, StudyRecord } from '../../../shared/ipc/channels'
import { setCascadeApi } from '../../../renderer/src/api'
import { usePortfolioEditorStore } from '../../../renderer/src/stores/portfolioEditor'
import { usePortfolioListStore } from '../../../renderer/src/stores/portfolioList'
import { useRunsStore } from '../../../renderer/src/stores/runs'
import { useStudiesStore } from '../../../renderer/src/stores/studies'
import { useWorkspaceStore } from '../../../renderer/src/stores/workspace'
import { recordOf, summaryOf } from './book'
import { deferred, fakeApi, settle, type FakeApi } from './fake-api'

let fake: FakeApi
let listed: StudyListItem[]

const item = (status: StudyListItem['status'], id = 's1'): StudyListItem => ({
  id,
  kind: 'grid',
  portfolioId: 'a',
  portfolioName: 'Book a',
  scenarioId: '2025-10-10-binance',
  scenarioName: 'Oct 10',
  seed: 42,
  status,
  error: null,
  createdAt: '2026-01-01T00:00:00Z',
  finishedAt: status === 'running' ? null : '2026-01-01T00:01:00Z',
  glance: null,
})

const scenarioDoc = { id: '2025-10-10-binance', crowd: { accounts: 2000 } }
const record = (pricing: 'book' | 'historical' = 'book'): StudyRecord =>
  ({
    ...item('done'),
    portfolio: {},
    scenario: scenarioDoc,
    request: {},
    result: { format: 'cascade.grid/1', seed: 42, inputs: { set: { fund: '200000000' }, pricing }, x: { axis: 'scale', values: ['0.5', '1'] }, y: { axis: 'withdrawal', values: ['0'] }, draws: null, cells: [] },
  }) as unknown as StudyRecord

const run = (id: string): RunListItem => ({ id, portfolioId: 'a', portfolioName: 'Book a', scenarioId: '2025-10-10-binance', scenarioName: null as never, seed: 42, status: 'running', error: null, createdAt: '2026-01-01T00:02:00Z', finishedAt: null, survived: null, finalEquity: null })

beforeEach(async () => {
  setActivePinia(createPinia())
  fake = fakeApi()
  setCascadeApi(fake.api)
  listed = []
  const rec = recordOf('a')
  fake.handle('portfolio:list', () => ok([summaryOf(rec)]))
  fake.handle('portfolio:get', () => ok(rec))
  fake.handle('study:list', () => ok(listed))
  fake.handle('study:get', () => ok(record()))
  usePortfolioListStore()
  await settle()
  await settle()
  expect(usePortfolioEditorStore().current?.id).toBe('a')
})

afterEach(() => setCascadeApi(null))

describe('studies store', () => {
  it('refuses a form with a bad field without asking main', async () => {
    const s = useStudiesStore()
    s.ensureForm('a').draws = '0'
    await expect(s.start('a', { scenarioId: '2025-10-10' })).resolves.toBe(false)
    expect(s.startFailure?.issues.map((i) => i.path)).toEqual(['study.draws'])
    expect(fake.callsOf('study:start')).toEqual([])
  })

  it('sends the form as study:start, and a done event before the reply is not lost', async () => {
    const s = useStudiesStore()
    await settle()
    const f = s.ensureForm('a')
    Object.assign(f, { seed: '3', crowd: '2000', draws: '8', set: 'fund=2e8' })
    const reply = deferred<Result<StudyListItem>>()
    fake.handle('study:start', () => reply.promise)
    const started = s.start('a', { scenarioId: '2025-10-10' })
    await settle()
    expect(fake.callsOf('study:start')).toEqual([{ portfolioId: 'a', scenarioId: '2025-10-10', seed: 3, crowd: 2000, set: { fund: '2e8' }, study: { kind: 'montecarlo', draws: 8 } }])
    fake.emit('study:progress', { studyId: 's1', done: 8, total: 8, phase: 'montecarlo' })
    listed = [item('done')]
    fake.emit('study:done', { studyId: 's1', status: 'done', error: null })
    await settle()
    reply.resolve(ok(item('running')))
    await expect(started).resolves.toBe(true)
    await settle()
    expect(s.statusOf('s1')).toBe('done')
    expect(s.openOf('a')?.id).toBe('s1')
    expect(s.progress.s1).toMatchObject({ done: 8, total: 8 })
    expect(s.records.s1?.result).toBeTruthy()
    expect(s.runningOf('a')).toBeNull()
  })

  it('opens a cell as a run of the study scenario, seed, set and pricing; again, the same run', async () => {
    fake.handle('study:get', () => ok(record('historical')))
    const s = useStudiesStore()
    const runs = useRunsStore()
    await s.load('s1')
    let n = 0
    fake.handle('run:start', () => ok(run(`r${++n}`)))
    fake.handle('run:list', () => ok([run('r1')]))
    const set = { fund: '200000000', scale: '1', withdrawal: '0' }
    await expect(s.openRun('s1', 42, set)).resolves.toBe(true)
    expect(fake.callsOf('run:start')).toEqual([{ portfolioId: 'a', scenario: scenarioDoc, seed: 42, set, pricing: 'historical' }])
    expect(useWorkspaceStore().tab).toBe('replay')
    expect(runs.openIds.a).toBe('r1')
    useWorkspaceStore().show('studies')
    await s.openRun('s1', 42, { withdrawal: '0', scale: '1', fund: '200000000' })
    expect(fake.callsOf('run:start')).toHaveLength(1)
    expect(useWorkspaceStore().tab).toBe('replay')
    await s.openRun('s1', 42, { ...set, scale: '0.5' })
    expect(fake.callsOf('run:start')).toHaveLength(2)
  })

  it('delete drops the study from the list and from the tab', async () => {
    listed = [item('done'), item('cancelled', 's2')]
    const s = useStudiesStore()
    await s.refresh()
    await s.open('a', 's2')
    fake.handle('study:delete', ({ id }) => ok({ id }))
    await expect(s.remove('s2')).resolves.toBe(true)
    expect(s.studiesOf('a').map((x) => x.id)).toEqual(['s1'])
    expect(s.openOf('a')).toBeNull()
  })
})
