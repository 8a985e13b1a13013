// The Book tab and a replay of the same book agree on "now" (issue: trustworthy replays, fixes):
// for every template (resources/examples, what `portfolio:templates` offers) under every crash
// date, through the app's own doors (the venue catalogue, the metrics handler's computation, the
// run preparation), the replay's first sample shows the Book tab's ADL lights position by position,
// and the run's `startEquity` is the Book tab's equity (margin balance plus the DeFi net value),
// for lending-only books (a loop) too.
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadTemplates } from '../../../../electron/main/services/portfolio-files'
import { prepareRun } from '../../../../electron/main/services/run-preparation'
import { checkStoredBook } from '../../../../electron/main/services/book-check'
import { createVenueCatalog } from '../../../../electron/main/services/venue-catalog'
import { computeMetrics } from '../../../../shared/engine/account/metrics-report'
import { runCascade } from '../../../../shared/engine/cascade'
import { centsText, toCents } from '../../../../shared/engine/cascade/format'
import type { Scenario } from '../../../../shared/model/scenario'
import { validatePortfolio } from '../../../../shared/schemas/portfolio'
import { preset } from '../../../shared/engine/cascade/support'

const root = join(__dirname, '../../../..')
const venues = createVenueCatalog(join(root, 'resources/venues'))
const templates = loadTemplates(join(root, 'resources/examples'))
const DATES = ['2025-10-10', '2021-05-19', '2020-03-12']

/** A preset with a small crowd: what is compared is the start, not the crash. */
const small = (s: Scenario): Scenario => ({ ...s, crowd: { ...s.crowd, accounts: 3000 } })

/** The Book tab's figures for a book: what `portfolio:metrics` computes. */
function bookTab(doc: unknown) {
  const checked = validatePortfolio(doc)
  if (!checked.ok) throw new Error(JSON.stringify(checked.issues))
  const verdict = checkStoredBook(checked.value, venues)
  if (!verdict.ok) throw new Error(JSON.stringify(verdict.issues))
  const m = computeMetrics(checked.value, verdict.venue, { validated: true })
  if (!m.ok) throw new Error(JSON.stringify(m.issues))
  return { doc: checked.value, metrics: m.value }
}

describe('the Book tab and the replay agree at the start', () => {
  it('has templates to check, positions with lights among them', () => {
    expect(templates.map((t) => t.doc.name).length).toBeGreaterThanOrEqual(3)
    const lit = templates.flatMap((t) => bookTab(t.doc).metrics.positions).filter((p) => p.adl.lights > 0)
    expect(lit.length).toBeGreaterThan(0)
  })

  for (const template of templates) {
    for (const date of DATES) {
      it(`${template.doc.name} under ${date}: the first sample's lights and the start equity are the Book tab's`, () => {
        const { doc, metrics } = bookTab(template.doc)
        const job = prepareRun(doc, small(preset(date)), {}, venues)
        if (!job.ok) throw new Error(JSON.stringify(job.issues))
        const run = runCascade(job.value)
        for (const p of metrics.positions) expect(run.series.user.adlLights[p.id][0], `${p.id} lights`).toBe(p.adl.lights)
        // The summary prints cents; the Book tab's equity is exact.
        expect(run.summary.startEquity).toBe(centsText(toCents(Number(metrics.account.equity))))
      })
    }
  }

  it('a loop is worth its net value on the Book tab, as in the replay', () => {
    const loop = templates.find((t) => t.doc.loops.length > 0 && t.doc.positions.length === 0)
    expect(loop).toBeDefined()
    const { metrics } = bookTab(loop?.doc)
    expect(metrics.account.marginBalance).toBe('0')
    expect(Number(metrics.account.defiNetValue)).toBeGreaterThan(0)
    expect(metrics.account.equity).toBe(metrics.account.defiNetValue)
    expect(metrics.defi.map((d) => d.netValue)).toEqual([metrics.account.defiNetValue])
  })
})
