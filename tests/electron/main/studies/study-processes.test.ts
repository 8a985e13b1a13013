// Study workers as child processes (the CLI's pool): the same report as worker threads for the
// same study, with or without the garbage collector's helper threads; a cancel ends the study as
// cancelled and leaves no worker process behind.
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { monteCarloRequest, prepareStudy } from '../../../../electron/main/services/study-preparation'
import { createVenueCatalog } from '../../../../electron/main/services/venue-catalog'
import { runSweep } from '../../../../electron/main/studies/run-study'
import { processStudyWorkers } from '../../../../electron/main/studies/study-processes'
import { StudyCancelledError } from '../../../../electron/main/studies/study-protocol'
import { threadStudyWorkers } from '../../../../electron/main/studies/study-threads'
import { taskCount } from '../../../../shared/engine/whatif'
import { validatePortfolio } from '../../../../shared/schemas/portfolio'
import { miniScenario } from '../../../shared/engine/cascade/support'

const root = join(__dirname, '../../../..')
const entry = join(root, 'electron/main/studies/study-worker.ts')

function monteCarlo(draws: number) {
  const book = validatePortfolio(JSON.parse(readFileSync(join(root, 'resources/examples/hedge-book.json'), 'utf8')))
  if (!book.ok) throw new Error('the example does not validate')
  const study = prepareStudy(book.value, miniScenario({ accounts: 800 }), {}, createVenueCatalog(join(root, 'resources/venues')))
  if (!study.ok) throw new Error(JSON.stringify(study.issues))
  const req = monteCarloRequest(study.value, draws)
  if (!req.ok) throw new Error(JSON.stringify(req.issues))
  return { base: study.value.base, req: req.value, total: taskCount(req.value) }
}

/** This process's children running the study worker. */
function workerChildren(): string[] {
  const out = execFileSync('ps', ['-o', 'pid=,args=', '--ppid', String(process.pid)], { encoding: 'utf8' })
  return out.split('\n').filter((l) => l.includes('study-worker'))
}

const withoutTiming = (r: object) => JSON.stringify({ ...r, timing: null })

describe('study workers as child processes', () => {
  it('give the threads\' report for the same study, with or without the collector\'s helper threads', async () => {
    const { base, req, total } = monteCarlo(6)
    const threads = await runSweep(base, req, { spawn: threadStudyWorkers(entry), workers: 2 }, total).result
    for (const singleThreadedGc of [false, true]) {
      const procs = await runSweep(base, req, { spawn: processStudyWorkers(entry, { singleThreadedGc }), workers: 2 }, total).result
      expect(withoutTiming(procs)).toBe(withoutTiming(threads))
      expect(procs.timing?.runs).toBe(6)
    }
  }, 60_000)

  it('a cancel ends the study as cancelled and stops every worker process', async () => {
    const { base, req, total } = monteCarlo(200)
    let cancel = () => {}
    let started = false
    const handle = runSweep(base, req, { spawn: processStudyWorkers(entry, { singleThreadedGc: true }), workers: 2 }, total, (p) => {
      if (p.done >= 2 && !started) {
        started = true
        expect(workerChildren()).toHaveLength(2)
        cancel()
      }
    })
    cancel = handle.cancel
    await expect(handle.result).rejects.toBeInstanceOf(StudyCancelledError)
    expect(started).toBe(true)
    for (let k = 0; k < 100 && workerChildren().length > 0; k++) await new Promise((r) => setTimeout(r, 50))
    expect(workerChildren()).toEqual([])
  }, 60_000)
})
