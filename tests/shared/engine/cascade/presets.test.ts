// Each shipped preset, replayed by the cascade with its default crowd (100,000 traders plus its
// cohorts) and an empty book on Binance's rules, lands within every calibration target it states
// (resources/scenarios/README.md "Calibration").
import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runCascadeDetailed } from '../../../../shared/engine/cascade/run-cascade'
import { describeCalibration } from '../../../../shared/engine/cascade/summary'
import { emptyBook, preset, profile } from './support'

const ids = readdirSync(join(__dirname, '../../../../resources/scenarios'))
  .filter((f) => f.endsWith('.json'))
  .map((f) => f.replace(/\.json$/, ''))
  .sort()

describe('preset calibration', () => {
  it.each(ids)('%s replays within its stated tolerances', (id) => {
    const scenario = preset(id)
    const run = runCascadeDetailed({ portfolio: emptyBook(), venue: profile('binance'), lending: profile('aave-v3'), scenario })
    expect(scenario.calibration.length).toBeGreaterThan(0)
    expect(run.calibration.length).toBe(scenario.calibration.length)
    const misses = run.calibration.filter((c) => !c.ok)
    expect(misses, describeCalibration(run.calibration)).toEqual([])
    expect(run.result.summary.crowd.accounts).toBeGreaterThanOrEqual(scenario.crowd.accounts)
  })
})
