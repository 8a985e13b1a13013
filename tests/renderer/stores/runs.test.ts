// The runs store and the race between the `run:start` reply and the `run:done` event: a run
// that ends before its start reply arrives must still be shown as ended, with its results.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { ok, type Result } from '../../../shared/ipc/result'
import type { RunListItem, RunStatus, RunView } from '../../../shared/ipc/channels'
import { RUN_LIST_PAGE } from '../../../shared/ipc/limits'
import { setCascadeApi } from '../../../renderer/src/api'
import { useRunsStore } from '../../../renderer/src/stores/runs'
import { deferred, fakeApi, settle, type FakeApi } from './fake-api'

let fake: FakeApi
let listed: RunListItem[]

const item = (status: RunStatus): RunListItem => ({
  id: 'r1',
  portfolioId: 'a',
  portfolioName: 'Book a',
  scenarioId: 'oct-10-2025',
  scenarioName: 'Oct 10',
  seed: 7,
  status,
  error: null,
  createdAt: '2026-01-01T00:00:00Z',
  finishedAt: status === 'running' ? null : '2026-01-01T00:01:00Z',
  survived: null,
  finalEquity: null,
})

beforeEach(() => {
  setActivePinia(createPinia())
  fake = fakeApi()
  setCascadeApi(fake.api)
  listed = []
  fake.handle('run:list', () => ok(listed))
  fake.handle('run:get', () => ok({ ...item('done'), pathEvents: [] } as unknown as RunView))
})

afterEach(() => setCascadeApi(null))

describe('runs: start and done', () => {
  it('a done event that comes before the start reply is not lost', async () => {
    const runs = useRunsStore()
    await settle()
    const reply = deferred<Result<RunListItem>>()
    fake.handle('run:start', () => reply.promise)

    const started = runs.start('a')
    await settle()
    expect(fake.callsOf('run:start')).toEqual([{ portfolioId: 'a', scenarioId: runs.ensureForm('a').scenarioId }])

    // The worker finishes before main's reply reaches the window.
    listed = [item('done')]
    fake.emit('run:done', { runId: 'r1', status: 'done', error: null })
    await settle()
    reply.resolve(ok(item('running')))
    await expect(started).resolves.toBe(true)
    await settle()

    expect(runs.statusOf('r1')).toBe('done')
    expect(runs.list.find((r) => r.id === 'r1')?.status).toBe('done')
    expect(runs.openRunOf('a')?.status).toBe('done')
    expect(fake.callsOf('run:get')).toEqual([{ id: 'r1' }])
    expect(runs.views.r1).toBeDefined()
  })

  it('in the usual order the reply shows the run running, the event ends it', async () => {
    const runs = useRunsStore()
    await settle()
    fake.handle('run:start', () => ok(item('running')))
    await expect(runs.start('a')).resolves.toBe(true)
    expect(runs.openRunOf('a')?.status).toBe('running')
    expect(fake.callsOf('run:get')).toEqual([])

    fake.emit('run:progress', { runId: 'r1', fraction: 0.5 } as never)
    expect(runs.progress.r1).toBeDefined()
    listed = [item('done')]
    fake.emit('run:done', { runId: 'r1', status: 'done', error: null })
    await settle()
    expect(runs.statusOf('r1')).toBe('done')
    expect(runs.openRunOf('a')?.status).toBe('done')
    expect(fake.callsOf('run:get')).toEqual([{ id: 'r1' }])
  })

  it('a cancelled run is not fetched for results', async () => {
    const runs = useRunsStore()
    await settle()
    fake.handle('run:start', () => ok(item('running')))
    await runs.start('a')
    listed = [item('cancelled')]
    fake.emit('run:done', { runId: 'r1', status: 'cancelled', error: null })
    await settle()
    expect(runs.statusOf('r1')).toBe('cancelled')
    expect(fake.callsOf('run:get')).toEqual([])
  })

  it('refuses a seed that is not a 32-bit whole number before asking main', async () => {
    const runs = useRunsStore()
    await settle()
    runs.ensureForm('a').seed = '-1'
    await expect(runs.start('a')).resolves.toBe(false)
    expect(runs.startFailure?.message).toMatch(/^Seed: /)
    expect(fake.callsOf('run:start')).toEqual([])
  })
})

describe('runs: the whole list, a page at a time', () => {
  it('asks for page after page until one is short, so a desk with more runs than a reply holds sees them all', async () => {
    const all = Array.from({ length: RUN_LIST_PAGE * 2 + 3 }, (_, i) => ({ ...item('done'), id: `r${String(i).padStart(4, '0')}`, createdAt: new Date(Date.UTC(2026, 0, 1) - i * 1000).toISOString() }))
    // A main that serves the list as run:list does: newest first, after the given run, at most `limit`.
    fake.handle('run:list', (req) => {
      const q = req ?? {}
      const from = q.after ? all.findIndex((r) => r.id === q.after!.id) + 1 : 0
      return ok(all.slice(from, from + Math.min(q.limit ?? RUN_LIST_PAGE, RUN_LIST_PAGE)))
    })
    const runs = useRunsStore()
    await settle()
    const before = fake.callsOf('run:list').length
    await runs.refresh()
    expect(runs.list.map((r) => r.id)).toEqual(all.map((r) => r.id))
    const calls = fake.callsOf('run:list').slice(before)
    expect(calls.map((c) => c?.after?.id ?? null)).toEqual([null, all[RUN_LIST_PAGE - 1]!.id, all[2 * RUN_LIST_PAGE - 1]!.id])
    expect(runs.loadError).toBeNull()
  })
})
