import { describe, expect, it } from 'vitest'
import { RunCancelledError, type RunJob, type Runner } from '../../../../electron/main/runs/run-protocol'
import { createRunService, type RunServiceOptions } from '../../../../electron/main/runs/run-service'
import { openStore } from '../../../../electron/main/store/database'
import { createRunRepository, type RunRepository } from '../../../../electron/main/store/run-repository'
import { emptyPortfolio } from '../../../../shared/model/portfolio'
import type { RunResult } from '../../../../shared/model/run'
import type { Scenario } from '../../../../shared/model/scenario'

const scenario = { id: 's1', name: 'Test scenario', crowd: { seed: 7 } } as unknown as Scenario

function fakeResult(job: RunJob): RunResult {
  return {
    portfolioName: job.portfolio.name,
    scenarioId: job.scenario.id,
    seed: job.seed,
    summary: { survived: false, finalEquity: '0' } as RunResult['summary'],
    series: { t: [] } as unknown as RunResult['series'],
    events: [
      { id: 1, t: '2025-10-10T20:00:00Z', kind: 'shock', account: 'market', causes: [] },
      { id: 2, t: '2025-10-10T21:15:00Z', kind: 'adl', account: 'user', position: 'doge', causes: [1] },
    ],
  }
}

/** A runner whose runs the test finishes by hand. */
function manualRunner() {
  const runs: Array<{ job: RunJob; progress: (p: { step: number; steps: number; t: string }) => void; resolve: (r: RunResult) => void; reject: (e: Error) => void }> = []
  const runner: Runner = (job, progress) => {
    let resolve!: (r: RunResult) => void
    let reject!: (e: Error) => void
    const result = new Promise<RunResult>((res, rej) => ((resolve = res), (reject = rej)))
    runs.push({ job, progress, resolve, reject })
    return { result, cancel: () => reject(new RunCancelledError()) }
  }
  return { runner, runs }
}

const OWNER = 'me:1'
const opts = (over: Partial<RunServiceOptions> = {}): RunServiceOptions => ({ owner: OWNER, maxConcurrent: 4, isOwnerGone: (o) => o !== OWNER, log: () => {}, ...over })

function setup(over: Partial<RunServiceOptions> = {}, repoOver: Partial<RunRepository> = {}) {
  const { db } = openStore(':memory:')
  const repo = { ...createRunRepository(db), ...repoOver }
  const events: Array<[string, any]> = []
  const { runner, runs } = manualRunner()
  const service = createRunService(repo, runner, (e, p) => events.push([e, p]), opts(over))
  const job = { portfolio: emptyPortfolio('Book'), venue: {} as never, scenario, seed: 7 }
  return { db, repo, events, runs, service, job }
}

describe('the run service', () => {
  it('forwards progress, keeps the result with its events, and announces the end', async () => {
    const { repo, events, runs, service, job } = setup()
    const row = service.start(job, null)
    expect(row.status).toBe('running')
    runs[0].progress({ step: 50, steps: 200, t: '2025-10-10T20:50:00Z' })
    runs[0].resolve(fakeResult(runs[0].job))
    await service.idle()
    expect(events).toEqual([
      ['run:progress', { runId: row.id, fraction: 0.25, step: 50, steps: 200, t: '2025-10-10T20:50:00Z' }],
      ['run:done', { runId: row.id, status: 'done', error: null }],
    ])
    const rec = repo.get(row.id)
    expect(rec).toMatchObject({ status: 'done', survived: false, finalEquity: '0', eventCount: 2, scenarioName: 'Test scenario' })
    expect(repo.events(row.id)?.map((e) => e.kind)).toEqual(['shock', 'adl'])
  })

  it('marks a cancelled run cancelled and a failed run failed with its reason', async () => {
    const { repo, events, runs, service, job } = setup()
    const a = service.start(job, null)
    const b = service.start(job, null)
    expect(service.cancel(a.id)).toBe(true)
    runs[1].reject(new Error('engine exploded'))
    await service.idle()
    expect(repo.get(a.id)?.status).toBe('cancelled')
    expect(repo.get(b.id)).toMatchObject({ status: 'failed', error: 'engine exploded' })
    expect(events.map(([, p]) => p.status)).toEqual(['cancelled', 'failed'])
    expect(service.cancel(a.id)).toBe(false)
  })

  it('marks interrupted only the runs whose owner is gone, never a live instance\'s', () => {
    const { db, repo, service, job } = setup()
    const mine = service.start(job, null)
    const { db: _d, ...otherRepo } = { db, ...repo }
    const theirs = otherRepo.start({ owner: 'other:2', portfolioId: null, portfolio: job.portfolio, scenario, seed: 1 })
    const gone = otherRepo.start({ owner: 'crashed:3', portfolioId: null, portfolio: job.portfolio, scenario, seed: 1 })
    // A second instance starts: 'me' and 'other' are alive, 'crashed' is not.
    createRunService(repo, manualRunner().runner, () => {}, opts({ owner: 'second:4', isOwnerGone: (o) => o === 'crashed:3' }))
    expect(repo.get(mine.id)?.status).toBe('running')
    expect(repo.get(theirs.id)?.status).toBe('running')
    expect(repo.get(gone.id)).toMatchObject({ status: 'failed', error: 'interrupted: Cascade quit during the run' })
    db.close()
  })

  it('a run that finishes after its row was ended elsewhere is not stored as done with that error', async () => {
    const { db, repo, events, runs, service, job } = setup()
    const row = service.start(job, null)
    db.prepare("UPDATE runs SET status = 'failed', error = 'interrupted: Cascade quit during the run' WHERE id = ?").run(row.id)
    runs[0].resolve(fakeResult(runs[0].job))
    await service.idle()
    expect(repo.get(row.id)).toMatchObject({ status: 'failed', error: 'interrupted: Cascade quit during the run' })
    expect(service.unsaved(row.id)?.events).toHaveLength(2)
    expect(events.at(-1)).toEqual(['run:done', { runId: row.id, status: 'failed', error: 'the run was ended elsewhere before its result was saved' }])
  })

  it('a result the store cannot save (disk full) fails the run with the reason and stays exportable', async () => {
    const { repo, events, runs, service, job } = setup({}, {
      finish: () => {
        throw new Error('database or disk is full')
      },
    })
    const row = service.start(job, null)
    runs[0].resolve(fakeResult(runs[0].job))
    await service.idle()
    expect(repo.get(row.id)).toMatchObject({ status: 'failed', error: expect.stringContaining('database or disk is full') })
    expect(events.at(-1)).toEqual(['run:done', { runId: row.id, status: 'failed', error: expect.stringContaining('could not be saved') }])
    expect(service.unsaved(row.id)?.summary).toMatchObject({ survived: false })
  })

  it('a runner that cannot start ends the row failed and tells the window', async () => {
    const { db } = openStore(':memory:')
    const repo = createRunRepository(db)
    const events: Array<[string, any]> = []
    const service = createRunService(repo, () => {
      throw new Error('spawn ENOMEM')
    }, (e, p) => events.push([e, p]), opts())
    const row = service.start({ portfolio: emptyPortfolio('Book'), venue: {} as never, scenario, seed: 7 }, null)
    await service.idle()
    expect(repo.get(row.id)).toMatchObject({ status: 'failed', error: 'the run could not start: spawn ENOMEM' })
    expect(events).toEqual([['run:done', { runId: row.id, status: 'failed', error: 'the run could not start: spawn ENOMEM' }]])
  })

  it('queues runs beyond the cap in order; a queued run can be cancelled before it starts', async () => {
    const { repo, runs, service, job } = setup({ maxConcurrent: 1 })
    const a = service.start(job, null)
    const b = service.start(job, null)
    const c = service.start(job, null)
    expect(runs).toHaveLength(1)
    expect(service.cancel(b.id)).toBe(true)
    expect(repo.get(b.id)?.status).toBe('cancelled')
    runs[0].resolve(fakeResult(runs[0].job))
    await new Promise((r) => setTimeout(r, 0))
    expect(runs).toHaveLength(2)
    expect(runs[1].job.runId).toBe(c.id)
    runs[1].resolve(fakeResult(runs[1].job))
    await service.idle()
    expect([a, b, c].map((r) => repo.get(r.id)?.status)).toEqual(['done', 'cancelled', 'done'])
  })

  it('closing mid-run records queued and running runs as cancelled, then writes nothing more', async () => {
    const { db, repo, runs, service, job } = setup({ maxConcurrent: 1 })
    const a = service.start(job, null)
    const b = service.start(job, null)
    service.close()
    expect(repo.get(a.id)).toMatchObject({ status: 'cancelled', error: 'Cascade closed during the run' })
    expect(repo.get(b.id)).toMatchObject({ status: 'cancelled', error: 'Cascade closed before the run started' })
    db.close()
    // The cancelled runner settles after the store is gone: no write, no unhandled rejection
    // (Vitest fails the file on one), and the queued run never starts.
    await new Promise((r) => setTimeout(r, 0))
    expect(runs).toHaveLength(1)
    await expect(service.idle()).resolves.toBeUndefined()
  })
})
