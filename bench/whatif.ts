// `npm run bench -- --only whatif`: one update of the what-if editor's instant metrics, as a slider
// moves (docs/WHATIF.md §3; target <= 50 ms per update on the example books). An update is what
// the user waits for between a slider position and the figures, but the IPC hop itself: the
// renderer building and validating the scenario document from the editor state
// (scenarioFromState), then the main side's whole `whatif:metrics` through the core's dispatcher
// (payload checks, book and scenario validation, the run's preparation, exact metrics at every
// path point). Each update moves a shock, so nothing is served from a memo of the previous one.
// Wall and CPU time per update (the CPU time of this process, which other processes on a shared
// machine inflate less), with the load average, as bench/big-books.ts reports them.
import { readFileSync } from 'node:fs'
import { loadavg } from 'node:os'
import { join } from 'node:path'
import { createCore } from '../electron/main/core'
import { IN_MEMORY } from '../electron/main/store/database'
import type { Runner } from '../electron/main/runs/run-protocol'
import type { Scenario } from '../shared/model/scenario'
import { parseScenarioText } from '../shared/schemas/scenario'
import { scenarioFromState, stateFromScenario } from '../renderer/src/lib/whatif/editor-state'

const root = join(__dirname, '..')
const APP = 'file:///bench/'
const neverRuns: Runner = () => ({ result: new Promise<never>(() => {}), cancel: () => {} })

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]
}
const round = (x: number) => Math.round(x * 100) / 100

export async function benchWhatif(updates = 60): Promise<Record<string, unknown>> {
  const core = createCore({ dataDir: root, databasePath: IN_MEMORY, resourcesDir: join(root, 'resources'), version: 'bench', trustedOrigins: [APP], runner: neverRuns })
  const cases: Record<string, unknown> = {}
  let worstP95 = 0
  let worstCpuP95 = 0
  const loadBefore = loadavg()[0]
  try {
    for (const book of ['hedge-book', 'market-maker', 'usde-loop']) {
      const doc = JSON.parse(readFileSync(join(root, 'resources/examples', `${book}.json`), 'utf8'))
      for (const id of ['2025-10-10', '2020-03-12', '2021-05-19']) {
        const r = parseScenarioText(readFileSync(join(root, 'resources/scenarios', `${id}.json`), 'utf8'))
        if (!r.ok) throw new Error(id)
        const preset: Scenario = r.value
        const state = stateFromScenario(preset)
        state.id = `${id}-whatif-1`
        const asset = Object.keys(preset.prices)[0]
        const build: number[] = []
        const metrics: number[] = []
        const total: number[] = []
        const cpu: number[] = []
        for (let i = -5; i < updates; i++) {
          // A slider dragged from -10% to about -40% in 0.5% steps.
          state.shocks[asset] = { ...state.shocks[asset], move: String(-(20 + (i % 60)) / 200) }
          const c0 = process.cpuUsage()
          const t0 = performance.now()
          const built = scenarioFromState(state)
          const t1 = performance.now()
          if (!built.ok) throw new Error(JSON.stringify(built.issues))
          const reply = await core.invoke('whatif:metrics', { doc, scenario: built.doc }, APP)
          const t2 = performance.now()
          const c1 = process.cpuUsage(c0)
          if (!reply.ok) throw new Error(`${book} ${id}: ${reply.error.message}`)
          if (i < 0) continue // warm-up
          build.push(t1 - t0)
          metrics.push(t2 - t1)
          total.push(t2 - t0)
          cpu.push((c1.user + c1.system) / 1000)
        }
        for (const xs of [build, metrics, total, cpu]) xs.sort((a, b) => a - b)
        const p95 = percentile(total, 95)
        worstP95 = Math.max(worstP95, p95)
        worstCpuP95 = Math.max(worstCpuP95, percentile(cpu, 95))
        cases[`${book} ${id}`] = {
          updates,
          medianMs: round(percentile(total, 50)),
          p95Ms: round(p95),
          maxMs: round(total[total.length - 1]),
          cpuMedianMs: round(percentile(cpu, 50)),
          cpuP95Ms: round(percentile(cpu, 95)),
          buildMedianMs: round(percentile(build, 50)),
          metricsMedianMs: round(percentile(metrics, 50)),
        }
      }
    }
  } finally {
    core.close()
  }
  return { targetMs: 50, worstP95Ms: round(worstP95), worstCpuP95Ms: round(worstCpuP95), loadAverage: { before: round(loadBefore), after: round(loadavg()[0]) }, cases }
}
