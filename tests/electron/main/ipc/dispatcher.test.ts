import { describe, expect, it, vi } from 'vitest'
import { join } from 'node:path'
import { createCore } from '../../../../electron/main/core'
import { createThreadRunner } from '../../../../electron/main/runs/thread-runner'
import { createDispatcher, senderCheck, type HandlerTable } from '../../../../electron/main/ipc/dispatcher'
import { CHANNELS, buildApi, methodName } from '../../../../shared/ipc/channels'
import { ok } from '../../../../shared/ipc/result'
import { emptyPortfolio } from '../../../../shared/model/portfolio'

const APP = 'file:///app/out/renderer/'
const resourcesDir = join(__dirname, '../../../../resources')
const newCore = () => createCore({ dataDir: '/tmp', databasePath: ':memory:', resourcesDir, version: '0.0.0-test', trustedOrigins: [APP], runner: createThreadRunner(join(__dirname, '../../../../electron/main/runs/run-worker.ts')) })

describe('the IPC wrapper', () => {
  it('refuses a sender that is not our renderer, before the handler runs', async () => {
    const list = vi.fn(() => ok([]))
    const dispatch = createDispatcher({ 'portfolio:list': list } as unknown as HandlerTable, senderCheck([APP]))
    const r = await dispatch('portfolio:list', undefined, 'https://evil.example/')
    expect(r).toEqual({ ok: false, error: expect.objectContaining({ code: 'forbidden' }) })
    expect(list).not.toHaveBeenCalled()
  })

  it('validates the payload and names the bad field', async () => {
    const core = newCore()
    const r = await core.invoke('portfolio:get', { id: 42 }, `${APP}index.html`)
    expect(r.ok).toBe(false)
    expect(!r.ok && r.error).toMatchObject({ code: 'invalid-payload', path: 'id' })
    const extra = await core.invoke('portfolio:delete', { id: 'x', force: true }, `${APP}index.html`)
    expect(!extra.ok && extra.error).toMatchObject({ code: 'invalid-payload', path: 'force' })
  })

  it('returns a thrown error as a value, never a rejection', async () => {
    const logError = vi.fn()
    const dispatch = createDispatcher({ 'portfolio:list': () => { throw new Error('disk on fire') } } as unknown as HandlerTable, () => true, logError)
    await expect(dispatch('portfolio:list', undefined, APP)).resolves.toEqual({ ok: false, error: { code: 'internal', message: '"portfolio:list" failed: disk on fire' } })
    expect(logError).toHaveBeenCalledOnce()
  })

  it('answers an unknown channel with an error value', async () => {
    const r = await newCore().invoke('fs:readFile', { path: '/etc/passwd' }, APP)
    expect(!r.ok && r.error.code).toBe('unknown-channel')
  })

  it('refuses an invalid document with every issue and its path', async () => {
    const core = newCore()
    const doc = { ...emptyPortfolio('X'), positions: [{ id: 'a', symbol: 'BTCUSDT', side: 'long', qty: '-3', entryPrice: '1', leverage: '0' }] }
    const r = await core.invoke('portfolio:save', { doc }, APP)
    expect(!r.ok && r.error.code).toBe('invalid-document')
    expect(!r.ok && r.error.issues?.map((i) => i.path)).toEqual(['positions[0].qty', 'positions[0].leverage'])
  })

  it('quotes only a short excerpt of bad input and caps the findings, whatever the payload size', async () => {
    const core = newCore()
    const huge = 'x'.repeat(5_000_000)
    const doc = { ...emptyPortfolio('X'), marginMode: huge, wallet: [{ asset: 'USDT', amount: huge }] }
    const r = await core.invoke('portfolio:save', { doc }, APP)
    expect(!r.ok && r.error.issues?.map((i) => i.message)).toEqual([
      `must be one of "cross", "isolated", "portfolio", got "${'x'.repeat(40)}..." (5000000 characters)`,
      `must be a decimal >= 0, got "${'x'.repeat(40)}..." (5000000 characters)`,
    ])
    expect(JSON.stringify(r).length).toBeLessThan(2_000)
    const many = { ...emptyPortfolio('X'), wallet: Array.from({ length: 500 }, () => ({ asset: 'USDT', amount: '-1' })) }
    const capped = await core.invoke('portfolio:save', { doc: many }, APP)
    expect(!capped.ok && capped.error.message).toBe('Portfolio not saved: 500 problems')
    expect(!capped.ok && capped.error.issues).toHaveLength(101)
    expect(!capped.ok && capped.error.issues?.at(-1)).toEqual({ path: '', message: '... and 400 more problems' })
    const payload = await core.invoke('portfolio:get', { id: huge }, APP)
    expect(JSON.stringify(payload).length).toBeLessThan(500)
  })

  it('round-trips a book through save, get, duplicate, export, import and delete, and announces each change', async () => {
    const core = newCore()
    const events: unknown[] = []
    core.subscribe((event, payload) => events.push([event, payload]))
    const saved = await core.invoke('portfolio:save', { doc: emptyPortfolio('Book') }, APP)
    if (!saved.ok) throw new Error(saved.error.message)
    const id = (saved.value as { id: string }).id
    const exported = await core.invoke('portfolio:export', { id }, APP)
    expect(exported.ok && (exported.value as { fileName: string }).fileName).toBe('Book.cascade.json')
    const imported = await core.invoke('portfolio:import', { fileName: 'Book.cascade.json', text: (exported as any).value.text }, APP)
    expect(imported.ok && (imported.value as { name: string }).name).toBe('Book')
    const dup = await core.invoke('portfolio:duplicate', { id }, APP)
    expect(dup.ok && (dup.value as { name: string }).name).toBe('Book (copy)')
    expect(await core.invoke('portfolio:delete', { id }, APP)).toEqual({ ok: true, value: { id } })
    expect((await core.invoke('portfolio:get', { id }, APP)).ok).toBe(false)
    expect(events.map((e) => (e as [string, { change: string }])[1].change)).toEqual(['created', 'created', 'created', 'deleted'])
  })

  it('imports a CSV of positions, mapping problems to file lines', async () => {
    const core = newCore()
    const good = await core.invoke('portfolio:import', { fileName: 'binance.csv', text: 'symbol,side,qty,entryPrice,leverage\nBTCUSDT,LONG,0.5,60000,10x\nethusdt,sell,2,3000,5\n' }, APP)
    expect(good.ok && (good.value as any).doc.positions).toEqual([
      { id: 'p1', symbol: 'BTCUSDT', side: 'long', qty: '0.5', entryPrice: '60000', leverage: '10' },
      { id: 'p2', symbol: 'ETHUSDT', side: 'short', qty: '2', entryPrice: '3000', leverage: '5' },
    ])
    const bad = await core.invoke('portfolio:import', { fileName: 'bad.csv', text: 'symbol,side,qty,entryPrice,leverage\n\nBTCUSDT,up,-1,60000,10\n' }, APP)
    expect(!bad.ok && bad.error.issues?.map((i) => `${i.path}: ${i.message}`)).toEqual([
      'line 3.side: must be long or short (or buy/sell), got "up"',
      'line 3.qty: must be a positive decimal, got "-1"',
    ])
  })

  it('exposes one API method per channel through buildApi', async () => {
    const core = newCore()
    const api = buildApi((channel, payload) => core.invoke(channel, payload, APP), (event, listener) => core.subscribe((e, p) => e === event && listener(p)))
    for (const channel of CHANNELS) expect(typeof (api as any)[methodName(channel)]).toBe('function')
    expect(await api.portfolioList()).toEqual({ ok: true, value: [] })
    const seen: unknown[] = []
    const off = api.onPortfolioChanged((p) => seen.push(p))
    await api.portfolioSave({ doc: emptyPortfolio('Live') })
    off()
    await api.portfolioSave({ doc: emptyPortfolio('Quiet') })
    expect(seen).toHaveLength(1)
  })
})
