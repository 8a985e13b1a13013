// The study channels as the renderer sees them (window.cascade, through the loopback bridge to the
// real core and real worker threads), for the screens built on them: a Monte Carlo started,
// progress and done events received, the report read back and exported, a bad axis refused with
// its path. No screen yet: docs/DECISIONS.md §6 lists the channels.
import { expect, newFromTemplate, openApp, test } from './fixtures'

test('a Monte Carlo through window.cascade: events, report, export, and a refusal with its path', async ({ page }) => {
  await openApp(page)
  await newFromTemplate(page, /Hedge book/)
  const r = await page.evaluate(async () => {
    const api = (globalThis as unknown as { cascade: Record<string, (q?: unknown) => Promise<any>> & { onStudyProgress(l: (p: any) => void): () => void; onStudyDone(l: (p: any) => void): () => void } }).cascade
    const list = await api.portfolioList()
    const portfolioId = list.value[0].id
    const progress: any[] = []
    const offProgress = api.onStudyProgress((p) => progress.push(p))
    const done = new Promise<any>((resolve) => {
      const off = api.onStudyDone((p) => {
        off()
        resolve(p)
      })
    })
    const started = await api.studyStart({ portfolioId, scenarioId: '2025-10-10', seed: 3, crowd: 500, set: { fund: '2e8' }, study: { kind: 'montecarlo', draws: 3 } })
    const end = await done
    offProgress()
    const got = await api.studyGet({ id: started.value.id })
    const csv = await api.studyExport({ id: started.value.id, format: 'csv' })
    const bad = await api.studyStart({ portfolioId, scenarioId: '2025-10-10', set: { 'depeg:BTC': '0.2' }, study: { kind: 'montecarlo', draws: 3 } })
    const listed = await api.studyList()
    return { started, end, progress, got, csv, bad, listed }
  })
  expect(r.started.ok).toBe(true)
  expect(r.end).toEqual({ studyId: r.started.value.id, status: 'done', error: null })
  expect(r.progress.at(-1)).toMatchObject({ done: 3, total: 3 })
  expect(r.got.value.result).toMatchObject({ format: 'cascade.montecarlo/1', draws: 3, inputs: { set: { fund: '200000000' }, crowd: 500 } })
  expect(r.got.value.result.outcomes).toHaveLength(3)
  expect(r.csv.value.text.split('\n')[0]).toMatch(/^draw,seed,survived,finalEquity/)
  expect(r.bad).toMatchObject({ ok: false, error: { code: 'invalid-payload', path: 'set.depeg:BTC' } })
  expect(r.listed.value[0]).toMatchObject({ id: r.started.value.id, kind: 'montecarlo', status: 'done', glance: { kind: 'montecarlo', draws: 3 } })
})
