// The Runs screen's store: picking runs (finished ones, at most six, the first is the baseline),
// loading them for the comparison apart from the replay cache, and deleting (a refusal explained,
// the run dropped everywhere once deleted).
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { RunListItem, RunStatus, RunView } from '../../../shared/ipc/channels'
import { fail, ok } from '../../../shared/ipc/result'
import { setCascadeApi } from '../../../renderer/src/api'
import { useRunsStore } from '../../../renderer/src/stores/runs'
import { useRunsScreenStore } from '../../../renderer/src/stores/runsScreen'
import { fakeApi, settle, type FakeApi } from './fake-api'

let fake: FakeApi
let listed: RunListItem[]

function item(id: string, status: RunStatus = 'done', portfolioId = 'a'): RunListItem {
  return { id, portfolioId, portfolioName: `Book ${portfolioId}`, scenarioId: '2025-10-10', scenarioName: '10/10', seed: 1, status, error: null, createdAt: `2026-01-0${id.length}T00:00:00Z`, finishedAt: null, survived: true, finalEquity: '1' }
}

beforeEach(() => {
  setActivePinia(createPinia())
  fake = fakeApi()
  setCascadeApi(fake.api)
  listed = ['r1', 'r2', 'r3', 'r4', 'r5', 'r6', 'r7'].map((id) => item(id)).concat(item('live', 'running'))
  fake.handle('run:list', () => ok(listed))
  fake.handle('run:get', ({ id }) => ok({ ...listed.find((r) => r.id === id)!, pathEvents: [] } as unknown as RunView))
})

afterEach(() => setCascadeApi(null))

describe('runs screen', () => {
  it('picks finished runs only, at most six, the first picked first', async () => {
    const screen = useRunsScreenStore()
    await settle()
    screen.toggle('live')
    expect(screen.selected).toEqual([])
    for (const id of ['r3', 'r1', 'r2', 'r4', 'r5', 'r6', 'r7']) screen.toggle(id)
    expect(screen.selected).toEqual(['r3', 'r1', 'r2', 'r4', 'r5', 'r6'])
    expect(screen.canPick('r7')).toBe(false)
    screen.toggle('r1')
    expect(screen.selected).toEqual(['r3', 'r2', 'r4', 'r5', 'r6'])
    expect(screen.canPick('r7')).toBe(true)
  })

  it('loads the compared runs itself and lets go of those no longer compared', async () => {
    const screen = useRunsScreenStore()
    const runs = useRunsStore()
    await settle()
    expect(await screen.compare(['r1'])).toBe(false)
    expect(await screen.compare(['r2', 'r1'])).toBe(true)
    expect(screen.mode).toBe('compare')
    expect(screen.comparedViews?.map((v) => v.id)).toEqual(['r2', 'r1'])
    // The replay screens' cache is not touched.
    expect(Object.keys(runs.views)).toEqual([])
    screen.setBaseline('r1')
    expect(screen.compared).toEqual(['r1', 'r2'])
    await screen.compare(['r3', 'r1'])
    expect(Object.keys(screen.views).sort()).toEqual(['r1', 'r3'])
    expect(fake.callsOf('run:get').map((q) => q.id)).toEqual(['r2', 'r1', 'r3'])
  })

  it('says why a run cannot be loaded for the comparison', async () => {
    const screen = useRunsScreenStore()
    fake.handle('run:get', () => fail('not-found', 'No run with id "r2"'))
    expect(await screen.compare(['r1', 'r2'])).toBe(false)
    expect(screen.loadError).toContain('No run with id "r2"')
  })

  it('deletes a run everywhere, explains a refusal, and leaves the comparison when fewer than two remain', async () => {
    const screen = useRunsScreenStore()
    const runs = useRunsStore()
    await settle()
    fake.handle('run:delete', ({ id }) => (id === 'live' ? fail('refused', 'still running') : ok({ id })))
    screen.toggle('r1')
    screen.toggle('r2')
    await screen.compare()
    await runs.open('a', 'r1')
    expect(await screen.remove('live')).toBe(false)
    expect(screen.actionError).toBe('A run still running cannot be deleted: cancel it first.')
    expect(await screen.remove('r1')).toBe(true)
    expect(runs.list.map((r) => r.id)).not.toContain('r1')
    expect(runs.openIds.a).toBeUndefined()
    expect(screen.selected).toEqual(['r2'])
    expect(screen.mode).toBe('list')
    expect(screen.visible.map((r) => r.id)).not.toContain('r1')
  })
})
