// What is done with a kept run through the app's core: deleted (never while it runs), reported as
// self-contained HTML whose hash is the hash of the inputs the run stored, and printed to PDF
// through the printer the app injects (refused, with the reason, where there is none).
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createCore, type CoreOptions } from '../../../../electron/main/core'
import type { Runner } from '../../../../electron/main/runs/run-protocol'
import { createThreadRunner } from '../../../../electron/main/runs/thread-runner'
import type { RunListItem, RunView } from '../../../../shared/ipc/channels'
import type { RunResult } from '../../../../shared/model/run'
import { runInputHash } from '../../../../shared/report/input-hash'

const root = join(__dirname, '../../../..')
const APP = 'file:///app/'

function newCore(over: Partial<CoreOptions> = {}) {
  return createCore({ dataDir: '/tmp', databasePath: ':memory:', resourcesDir: join(root, 'resources'), version: 'test', trustedOrigins: [APP], runner: createThreadRunner(join(root, 'electron/main/runs/run-worker.ts')), externalChangesEveryMs: 0, ...over })
}

async function saveHedgeBook(core: ReturnType<typeof newCore>): Promise<string> {
  const doc = JSON.parse(readFileSync(join(root, 'resources/examples/hedge-book.json'), 'utf8'))
  const r = await core.invoke('portfolio:save', { doc }, APP)
  if (!r.ok) throw new Error(r.error.message)
  return (r.value as { id: string }).id
}

/** A runner whose runs end when the test says so, with a small made-up result. */
function heldRunner() {
  const held = new Map<string, (r: RunResult) => void>()
  const runner: Runner = (job) => ({
    result: new Promise<RunResult>((resolve) => held.set(job.runId, resolve)),
    cancel: () => {},
  })
  const finish = (runId: string) =>
    held.get(runId)?.({
      portfolioName: 'x',
      scenarioId: '2025-10-10',
      seed: 1,
      summary: { survived: true } as RunResult['summary'],
      series: { t: [] } as unknown as RunResult['series'],
      events: [],
    })
  return { runner, finish }
}

describe('deleting a kept run', () => {
  it('refuses a run that is still running, deletes it once it has ended, and says when there is no such run', async () => {
    const { runner, finish } = heldRunner()
    const core = newCore({ runner })
    const portfolioId = await saveHedgeBook(core)
    const started = await core.invoke('run:start', { portfolioId, scenarioId: '2025-10-10', seed: 1 }, APP)
    const id = (started as { value: RunListItem }).value.id
    const refused = await core.invoke('run:delete', { id }, APP)
    expect(!refused.ok && refused.error).toMatchObject({ code: 'refused', path: 'id' })
    expect(!refused.ok && refused.error.message).toMatch(/still running; cancel it first/)
    finish(id)
    await core.idle()
    expect(await core.invoke('run:delete', { id }, APP)).toEqual({ ok: true, value: { id } })
    const list = await core.invoke('run:list', undefined, APP)
    expect(list.ok && (list.value as RunListItem[]).map((r) => r.id)).toEqual([])
    const again = await core.invoke('run:get', { id }, APP)
    expect(!again.ok && again.error.code).toBe('not-found')
    expect(await core.invoke('run:delete', { id }, APP)).toMatchObject({ ok: false, error: { code: 'not-found', path: 'id' } })
    const bad = await core.invoke('run:delete', { id: '', extra: 1 }, APP)
    expect(!bad.ok && bad.error.code).toBe('invalid-payload')
    core.close()
  })

  it('deletes a cancelled run', async () => {
    const { runner } = heldRunner()
    const core = newCore({ runner, maxConcurrentRuns: 1 })
    const portfolioId = await saveHedgeBook(core)
    await core.invoke('run:start', { portfolioId, scenarioId: '2025-10-10', seed: 1 }, APP)
    // The second waits in the queue; cancelling it ends it at once.
    const queued = await core.invoke('run:start', { portfolioId, scenarioId: '2025-10-10', seed: 2 }, APP)
    const id = (queued as { value: RunListItem }).value.id
    expect((await core.invoke('run:cancel', { id }, APP)).ok).toBe(true)
    expect(await core.invoke('run:delete', { id }, APP)).toEqual({ ok: true, value: { id } })
    core.close()
  })
})

describe('the report of a kept run', () => {
  it('is the HTML page of the stored run, hashed over the inputs it stored; PDF through the injected printer only', async () => {
    const printed: string[] = []
    const core = newCore({
      printToPdf: async (html) => {
        printed.push(html)
        return new Uint8Array([0x25, 0x50, 0x44, 0x46])
      },
    })
    const portfolioId = await saveHedgeBook(core)
    const started = await core.invoke('run:start', { portfolioId, scenarioId: '2025-10-10', seed: 28 }, APP)
    const id = (started as { value: RunListItem }).value.id
    await core.idle()
    const view = (await core.invoke('run:get', { id }, APP)) as { ok: true; value: RunView }

    const html = await core.invoke('run:report', { id, format: 'html' }, APP)
    if (!html.ok) throw new Error(html.error.message)
    const page = html.value as { format: string; fileName: string; text: string; inputHash: string }
    expect(page.format).toBe('html')
    expect(page.fileName).toMatch(/^Hedge-book-.*-2025-10-10-hyperliquid-seed28\.report\.html$/)
    expect(page.inputHash).toBe(runInputHash({ book: view.value.portfolio, scenario: view.value.scenario, seed: 28, options: { pricing: 'book' } }))
    expect(page.text).toContain(page.inputHash)
    expect(page.text).toContain(`data-verdict="${view.value.summary!.survived ? 'survived' : 'liquidated'}"`)
    expect(page.text).toContain(`<code>${id}</code>`)
    expect(page.text).toContain('Binance')

    const ja = await core.invoke('run:report', { id, format: 'html', lang: 'ja' }, APP)
    expect(ja.ok && (ja.value as { text: string }).text).toContain('<html lang="ja">')

    const pdf = await core.invoke('run:report', { id, format: 'pdf', lang: 'zh-CN' }, APP)
    if (!pdf.ok) throw new Error(pdf.error.message)
    expect(pdf.value).toMatchObject({ format: 'pdf', base64: 'JVBERg==', inputHash: page.inputHash })
    expect((pdf.value as { fileName: string }).fileName).toMatch(/\.report\.pdf$/)
    expect(printed).toHaveLength(1)
    expect(printed[0]).toContain('<html lang="zh-CN">')
    // On paper the inputs stay out (they are folded away there); the hash and the command stay.
    expect(page.text).toContain('<summary>book.json</summary>')
    expect(printed[0]).not.toContain('<summary>book.json</summary>')
    expect(printed[0]).toContain(page.inputHash)
    core.close()
  }, 60_000)

  it('refuses a run without a result, and a PDF where there is no printer', async () => {
    const { runner, finish } = heldRunner()
    const core = newCore({ runner })
    const portfolioId = await saveHedgeBook(core)
    const started = await core.invoke('run:start', { portfolioId, scenarioId: '2025-10-10', seed: 1 }, APP)
    const id = (started as { value: RunListItem }).value.id
    const running = await core.invoke('run:report', { id, format: 'html' }, APP)
    expect(!running.ok && running.error).toMatchObject({ code: 'refused', path: 'id' })
    expect(!running.ok && running.error.message).toContain('has no result to report (status running)')
    finish(id)
    await core.idle()
    const pdf = await core.invoke('run:report', { id, format: 'pdf' }, APP)
    expect(!pdf.ok && pdf.error).toMatchObject({ code: 'refused', path: 'format' })
    expect(!pdf.ok && pdf.error.message).toContain('save the HTML report')
    const badLang = await core.invoke('run:report', { id, format: 'html', lang: 'fr' }, APP)
    expect(!badLang.ok && badLang.error).toMatchObject({ code: 'invalid-payload', path: 'lang' })
    core.close()
  })
})
