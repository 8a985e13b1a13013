// An invalid draft is never sent to the store, yet survives a reload: the next window that opens
// the book gets it back, marked as restored and not saved; fixing it saves it and clears the stash.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { ok } from '../../../shared/ipc/result'
import { setCascadeApi } from '../../../renderer/src/api'
import { AUTOSAVE_MS, usePortfolioEditorStore } from '../../../renderer/src/stores/portfolioEditor'
import { usePortfolioListStore } from '../../../renderer/src/stores/portfolioList'
import { recordOf, summaryOf } from './book'
import { fakeApi, type FakeApi } from './fake-api'

let fake: FakeApi
const storage = new Map<string, string>()

beforeEach(() => {
  vi.useFakeTimers()
  storage.clear()
  vi.stubGlobal('localStorage', { getItem: (k: string) => storage.get(k) ?? null, setItem: (k: string, v: string) => void storage.set(k, v), removeItem: (k: string) => void storage.delete(k) })
})

afterEach(() => {
  setCascadeApi(null)
  vi.unstubAllGlobals()
  vi.useRealTimers()
})

/** A fresh window (new Pinia, new bridge) opening book `a`. */
async function openWindow() {
  setActivePinia(createPinia())
  fake = fakeApi()
  setCascadeApi(fake.api)
  const rec = recordOf('a')
  fake.handle('portfolio:list', () => ok([summaryOf(rec)]))
  fake.handle('portfolio:get', () => ok(rec))
  fake.handle('portfolio:save', (req) => ok(recordOf('a', req.doc, '2026-01-03T00:00:00Z')))
  usePortfolioListStore()
  const editor = usePortfolioEditorStore()
  await vi.advanceTimersByTimeAsync(0)
  return editor
}

describe('an invalid draft across a reload', () => {
  it('comes back marked as restored, unsaved, and is saved once fixed', async () => {
    let editor = await openWindow()
    editor.edit('positions:add', (d) => d.positions.push({ id: 'p1', symbol: 'BTCUSDT', side: 'long', qty: 'lots', entryPrice: '100', leverage: '2' }))
    expect(editor.current?.state).toBe('invalid')
    await vi.advanceTimersByTimeAsync(AUTOSAVE_MS * 2)
    expect(fake.callsOf('portfolio:save')).toHaveLength(0)

    editor = await openWindow()
    expect(editor.current?.draft.positions[0]?.qty).toBe('lots')
    expect(editor.current?.state).toBe('invalid')
    expect(editor.current?.restoredAt).toEqual(expect.any(Number))
    expect(editor.issues.map((i) => i.path)).toEqual(['positions[0].qty'])

    editor.edit('positions[0].qty', (d) => (d.positions[0].qty = '1'))
    await vi.advanceTimersByTimeAsync(AUTOSAVE_MS + 1)
    expect(fake.callsOf('portfolio:save')).toHaveLength(1)
    expect(editor.current?.state).toBe('saved')
    expect(editor.current?.restoredAt).toBeNull()
    expect([...storage.keys()].filter((k) => k.startsWith('cascade.draft.'))).toEqual([])
  })

  it('discarding the restored draft opens the stored version again', async () => {
    let editor = await openWindow()
    editor.edit('name', (d) => (d.name = ''))
    editor = await openWindow()
    expect(editor.current?.draft.name).toBe('')
    await editor.discardRestored()
    expect(editor.current?.draft.name).toBe('Book a')
    expect(editor.current?.restoredAt).toBeNull()
    expect([...storage.keys()].filter((k) => k.startsWith('cascade.draft.'))).toEqual([])
  })
})
