// The whole run path with nothing faked: core -> run service -> worker thread -> cascade engine
// -> store, with progress and done events, the liquidation path, export and cancel.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createCore } from '../../../../electron/main/core'
import { createThreadRunner } from '../../../../electron/main/runs/thread-runner'
import type { RunView } from '../../../../shared/ipc/channels'

const root = join(__dirname, '../../../..')
const APP = 'file:///app/'

function newCore() {
  const events: Array<[string, any]> = []
  const core = createCore({
    dataDir: '/tmp',
    databasePath: ':memory:',
    resourcesDir: join(root, 'resources'),
    version: 'test',
    trustedOrigins: [APP],
    runner: createThreadRunner(join(root, 'electron/main/runs/run-worker.ts')),
  })
  core.subscribe((e, p) => events.push([e, p]))
  return { core, events }
}

async function saveBook(core: ReturnType<typeof newCore>['core'], name = 'market-maker'): Promise<string> {
  const doc = JSON.parse(readFileSync(join(root, `resources/examples/${name}.json`), 'utf8'))
  const r = await core.invoke('portfolio:save', { doc }, APP)
  if (!r.ok) throw new Error(r.error.message)
  return (r.value as { id: string }).id
}

describe('a run through the app core', () => {
  it('runs the market-maker book under 2025-10-10 off-thread, reports progress, keeps the result and its liquidation path', async () => {
    const { core, events } = newCore()
    const portfolioId = await saveBook(core)
    // The date resolves to the book's venue's preset, 2025-10-10-binance, under which the market maker's
    // unified account is liquidated in every seed (resources/examples/README.md, "Outcome frequencies"),
    // so its liquidation path is never empty.
    const started = await core.invoke('run:start', { portfolioId, scenarioId: '2025-10-10', seed: 5 }, APP)
    expect(started.ok && (started.value as { status: string }).status).toBe('running')
    const runId = (started as { value: { id: string } }).value.id
    await core.idle()

    const progress = events.filter(([e]) => e === 'run:progress').map(([, p]) => p.fraction)
    expect(progress.length).toBeGreaterThan(10)
    expect(progress).toEqual([...progress].sort((a, b) => a - b))
    expect(events.find(([e]) => e === 'run:done')?.[1]).toEqual({ runId, status: 'done', error: null })

    const got = await core.invoke('run:get', { id: runId }, APP)
    if (!got.ok) throw new Error(got.error.message)
    const view = got.value as RunView
    expect(view.status).toBe('done')
    expect(view.scenarioId).toBe('2025-10-10-binance')
    expect(view.summary).toMatchObject({ calibrated: true, scenarioRequested: '2025-10-10' })
    expect(view.summary?.steps).toBeGreaterThan(1000)
    expect(view.series?.t.length).toBeGreaterThan(10)
    // The path holds the user's events and their causes, and nothing unrelated to them.
    const ids = new Set(view.pathEvents.map((e) => e.id))
    expect(view.pathEvents.some((e) => e.account === 'user')).toBe(true)
    for (const e of view.pathEvents) for (const c of e.causes) expect(ids.has(c)).toBe(true)

    const jsonl = await core.invoke('run:export', { id: runId, format: 'jsonl' }, APP)
    if (!jsonl.ok) throw new Error(jsonl.error.message)
    const { fileName, text } = jsonl.value as { fileName: string; text: string }
    expect(fileName).toMatch(/-2025-10-10-binance-seed5\.events\.jsonl$/)
    expect(text.trim().split('\n')).toHaveLength(view.eventCount ?? -1)
    const csv = await core.invoke('run:export', { id: runId, format: 'csv' }, APP)
    const [header, ...rows] = (csv.ok ? (csv.value as { text: string }).text : '').trim().split('\n')
    const columns = header.split(',')
    expect(columns.slice(0, 11)).toEqual(['id', 't', 'kind', 'account', 'position', 'symbol', 'asset', 'side', 'qty', 'price', 'slippage'])
    expect(columns.slice(-2)).toEqual(['causes', 'note'])
    // One column per amount, no JSON in a cell: the fund balance of an insurance event sits in its own column.
    expect(columns).toContain('amounts.fundBalance')
    expect(rows).toHaveLength(view.eventCount ?? -1)
    expect(rows.some((r) => r.includes('{'))).toBe(false)
    core.close()
  }, 60_000)

  it('cancels a run in flight', async () => {
    const { core, events } = newCore()
    const portfolioId = await saveBook(core)
    const started = await core.invoke('run:start', { portfolioId, scenarioId: '2025-10-10', seed: 28 }, APP)
    const runId = (started as { value: { id: string } }).value.id
    expect(await core.invoke('run:cancel', { id: runId }, APP)).toEqual({ ok: true, value: { id: runId } })
    await core.idle()
    expect(events.find(([e]) => e === 'run:done')?.[1]).toEqual({ runId, status: 'cancelled', error: null })
    const list = await core.invoke('run:list', undefined, APP)
    expect(list.ok && (list.value as Array<{ status: string }>)[0].status).toBe('cancelled')
    core.close()
  })

  it('refuses a run that cannot start, saying why', async () => {
    const { core } = newCore()
    const portfolioId = await saveBook(core)
    const noScenario = await core.invoke('run:start', { portfolioId, scenarioId: 'nope' }, APP)
    expect(!noScenario.ok && noScenario.error).toMatchObject({ code: 'not-found', path: 'scenarioId' })
    expect((!noScenario.ok && noScenario.error.message) || '').toContain('2025-10-10')
    const badScenario = await core.invoke('run:start', { portfolioId, scenario: { format: 'cascade.scenario/1' } }, APP)
    expect(!badScenario.ok && badScenario.error.code).toBe('invalid-document')
    expect(!badScenario.ok && badScenario.error.path).toMatch(/^scenario\./)
    const noBook = await core.invoke('run:start', { portfolioId: 'missing', scenarioId: '2025-10-10' }, APP)
    expect(!noBook.ok && noBook.error.code).toBe('not-found')
    core.close()
  })

  it('lists presets and saves a what-if, refusing a preset id', async () => {
    const { core } = newCore()
    const list = await core.invoke('scenario:list', undefined, APP)
    expect(list.ok && (list.value as Array<{ id: string; source: string }>).map((s) => s.id)).toEqual(expect.arrayContaining(['2025-10-10', '2020-03-12', '2021-05-19']))
    const preset = await core.invoke('scenario:get', { id: '2025-10-10' }, APP)
    const doc = (preset as { value: { doc: Record<string, unknown> } }).value.doc
    const refused = await core.invoke('scenario:save', { doc }, APP)
    expect(!refused.ok && refused.error.path).toBe('id')
    const saved = await core.invoke('scenario:save', { doc: { ...doc, id: 'my-what-if', insuranceFund: '1000000000' } }, APP)
    expect(saved.ok && saved.value).toMatchObject({ id: 'my-what-if', source: 'saved' })
    const again = await core.invoke('scenario:get', { id: 'my-what-if' }, APP)
    expect(again.ok && (again.value as { doc: { insuranceFund: string } }).doc.insuranceFund).toBe('1000000000')
    core.close()
  })

  it('offers the example books as templates and computes live metrics', async () => {
    const { core } = newCore()
    const t = await core.invoke('portfolio:templates', undefined, APP)
    expect(t.ok && (t.value as Array<{ id: string }>).map((x) => x.id)).toEqual(['hedge-book', 'market-maker', 'usde-loop'])
    const doc = JSON.parse(readFileSync(join(root, 'tests/fixtures/portfolios/formats-example.json'), 'utf8'))
    const m = await core.invoke('portfolio:metrics', { doc }, APP)
    expect(m.ok && Object.keys((m.value as { account: object }).account)).toEqual(['marginMode', 'walletBalance', 'unrealizedPnl', 'marginBalance', 'maintenanceMargin', 'marginRatio', 'uniMMR', 'effectiveLeverage', 'defiNetValue', 'equity'])
    const bad = await core.invoke('portfolio:metrics', { doc: { ...doc, positions: [{ ...doc.positions[0], symbol: 'XYZUSDT' }] } }, APP)
    expect(!bad.ok && bad.error.issues?.[0].path).toBe('positions[0].symbol')
    core.close()
  })
})
