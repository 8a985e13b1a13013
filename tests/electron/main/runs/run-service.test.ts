import { describe, expect, it } from 'vitest'
import { RunCancelledError, type RunJob, type Runner } from '../../../../electron/main/runs/run-protocol'
import { createRunService } from '../../../../electron/main/runs/run-service'
import { openStore } from '../../../../electron/main/store/database'
import { createRunRepository } from '../../../../electron/main/store/run-repository'
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

function setup() {
  const { db } = openStore(':memory:')
  const repo = createRunRepository(db)
  const events: Array<[string, any]> = []
  const { runner, runs } = manualRunner()
  const service = createRunService(repo, runner, (e, p) => events.push([e, p]))
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

  it('marks runs left running by a previous session as interrupted', () => {
    const { db, repo, service, job } = setup()
    const row = service.start(job, null)
    createRunService(repo, manualRunner().runner, () => {})
    expect(repo.get(row.id)).toMatchObject({ status: 'failed', error: 'interrupted: Cascade quit during the run' })
    db.close()
  })
})
