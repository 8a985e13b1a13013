// The what-if store on a fake bridge: metrics requests coalesce (one in flight, then the latest
// state, never a queue of stale ones); Save sends the built cascade.scenario/1 under a fresh id and
// remembers it; Rename and Delete go through their channels and update the editor; Run starts the
// edited document, not the picker's scenario.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { ok, type Result } from '../../../shared/ipc/result'
import type { RunListItem, ScenarioSummary } from '../../../shared/ipc/channels'
import type { BottomMetrics } from '../../../shared/model/bottom'
import type { Scenario } from '../../../shared/model/scenario'
import { parseScenarioText } from '../../../shared/schemas/scenario'
import { setCascadeApi } from '../../../renderer/src/api'
import { usePortfolioEditorStore } from '../../../renderer/src/stores/portfolioEditor'
import { usePortfolioListStore } from '../../../renderer/src/stores/portfolioList'
import { newWhatIfId, useWhatIfStore } from '../../../renderer/src/stores/whatif'
import { recordOf, summaryOf } from './book'
import { deferred, fakeApi, settle, type FakeApi } from './fake-api'

const parsed = parseScenarioText(readFileSync(join(__dirname, '../../../resources/scenarios/2025-10-10.json'), 'utf8'))
if (!parsed.ok) throw new Error('preset')
const preset: Scenario = parsed.value
const summary: ScenarioSummary = { id: preset.id, name: preset.name, source: 'preset', kind: 'date', date: '2025-10-10', start: preset.start, end: preset.end, step: preset.step }

let fake: FakeApi
let savedList: ScenarioSummary[]

beforeEach(async () => {
  setActivePinia(createPinia())
  fake = fakeApi()
  setCascadeApi(fake.api)
  savedList = []
  const rec = recordOf('a')
  fake.handle('portfolio:list', () => ok([summaryOf(rec)]))
  fake.handle('portfolio:get', () => ok(rec))
  fake.handle('scenario:list', () => ok([summary, ...savedList]))
  fake.handle('scenario:get', ({ id }) => ok({ ...summary, id, doc: preset }))
  usePortfolioListStore()
  await settle()
  await settle()
  expect(usePortfolioEditorStore().current?.id).toBe('a')
})

afterEach(() => setCascadeApi(null))

const answer = (at: string) => ({ at }) as unknown as BottomMetrics

describe('what-if store', () => {
  it('coalesces metrics: edits during a request send only the latest state after it', async () => {
    const replies: Array<ReturnType<typeof deferred<Result<BottomMetrics>>>> = []
    fake.handle('whatif:metrics', () => {
      const d = deferred<Result<BottomMetrics>>()
      replies.push(d)
      return d.promise
    })
    const w = useWhatIfStore()
    await w.openFor('a', preset.id)
    await settle()
    expect(fake.callsOf('whatif:metrics')).toHaveLength(1)
    const s = w.sessionOf('a')!
    for (const move of ['-0.2', '-0.3', '-0.4']) {
      s.state.shocks.BTC.move = move
      w.touch('a')
    }
    await settle()
    expect(fake.callsOf('whatif:metrics')).toHaveLength(1)
    expect(w.pending).toBe(true)
    replies[0].resolve(ok(answer('first')))
    await settle()
    const calls = fake.callsOf('whatif:metrics')
    expect(calls).toHaveLength(2)
    const sent = calls[1].scenario as Scenario
    expect(sent.shocks.find((x) => x.asset === 'BTC')?.path.some(([, v]) => v === '-0.4')).toBe(true)
    replies[1].resolve(ok(answer('latest')))
    await settle()
    expect(w.pending).toBe(false)
    expect(w.resultOf('a')).toEqual(answer('latest'))
    expect(w.isCurrent('a')).toBe(true)
  })

  it('saves under a fresh what-if id, then rename and delete go through their channels', async () => {
    fake.handle('whatif:metrics', () => ok(answer('x')))
    fake.handle('scenario:save', ({ doc }) => {
      const d = doc as Scenario
      savedList = [{ id: d.id, name: d.name, source: 'saved', kind: 'what-if', date: d.start.slice(0, 10), start: d.start, end: d.end, step: d.step }]
      return ok(savedList[0])
    })
    fake.handle('scenario:rename', ({ id, name }) => ok({ ...savedList[0], id, name }))
    fake.handle('scenario:delete', ({ id }) => ok({ id }))
    const w = useWhatIfStore()
    await w.openFor('a', preset.id)
    const s = w.sessionOf('a')!
    expect(s.state.id).toBe('2025-10-10-whatif-1')
    s.state.insuranceFund = '200000000'
    w.touch('a')
    expect(await w.save('a')).toBe(true)
    const doc = fake.callsOf('scenario:save')[0].doc as Scenario
    expect(doc).toMatchObject({ format: 'cascade.scenario/1', id: '2025-10-10-whatif-1', insuranceFund: '200000000', calibration: [] })
    expect(s.savedId).toBe('2025-10-10-whatif-1')
    expect(w.saved.map((x) => x.id)).toEqual(['2025-10-10-whatif-1'])

    expect(await w.rename('2025-10-10-whatif-1', 'Fund 200M')).toBe(true)
    expect(s.state.name).toBe('Fund 200M')
    expect(await w.remove('2025-10-10-whatif-1')).toBe(true)
    expect(s.savedId).toBeNull()
  })

  it('a new what-if whose id was taken meanwhile is saved under the next one', async () => {
    fake.handle('whatif:metrics', () => ok(answer('x')))
    fake.handle('scenario:save', ({ doc }) => ok({ ...summary, id: (doc as Scenario).id, source: 'saved' }))
    const w = useWhatIfStore()
    await w.openFor('a', preset.id)
    expect(w.sessionOf('a')!.state.id).toBe('2025-10-10-whatif-1')
    // Saved from elsewhere after this editor opened.
    savedList = [{ ...summary, id: '2025-10-10-whatif-1', source: 'saved' }]
    expect(await w.save('a')).toBe(true)
    expect((fake.callsOf('scenario:save')[0].doc as Scenario).id).toBe('2025-10-10-whatif-2')
  })

  it('Run starts the edited document', async () => {
    fake.handle('whatif:metrics', () => ok(answer('x')))
    fake.handle('portfolio:save', ({ doc }) => ok(recordOf('a', doc as never)))
    fake.handle('run:start', () => ok({ id: 'r1', portfolioId: 'a', status: 'running' } as RunListItem))
    const w = useWhatIfStore()
    await w.openFor('a', preset.id)
    w.sessionOf('a')!.state.shocks.DOGE.move = '-0.8'
    w.touch('a')
    expect(await w.run('a')).toBe(true)
    const req = fake.callsOf('run:start')[0]
    expect(req.scenarioId).toBeUndefined()
    expect((req.scenario as Scenario).shocks.find((x) => x.asset === 'DOGE')?.path.some(([, v]) => v === '-0.8')).toBe(true)
  })

  it('new ids: the first free number, a what-if of a what-if does not stack suffixes', () => {
    expect(newWhatIfId('2025-10-10', [])).toBe('2025-10-10-whatif-1')
    expect(newWhatIfId('2025-10-10', ['2025-10-10-whatif-1'])).toBe('2025-10-10-whatif-2')
    expect(newWhatIfId('2025-10-10-whatif-2', ['2025-10-10-whatif-1'])).toBe('2025-10-10-whatif-2')
  })
})
