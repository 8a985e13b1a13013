// The CSV import preview: the file's marks count, missing ones block the import until typed, a
// typed mark that is not a price blocks it too; confirming sends the same choices with skipInvalid.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { ok } from '../../../shared/ipc/result'
import type { ImportPreview } from '../../../shared/model/positions-import'
import { setCascadeApi } from '../../../renderer/src/api'
import { useImportPreviewStore } from '../../../renderer/src/stores/importPreview'
import { recordOf } from './book'
import { fakeApi, type FakeApi } from './fake-api'

let fake: FakeApi
beforeEach(() => {
  setActivePinia(createPinia())
  fake = fakeApi()
  setCascadeApi(fake.api)
})
afterEach(() => setCascadeApi(null))

const preview = (over: Partial<ImportPreview> = {}): ImportPreview => ({
  fileName: 'hl.csv',
  name: 'hl',
  format: 'hyperliquid',
  guess: { venue: 'hyperliquid', marginMode: 'cross', mixedModes: false },
  venue: 'hyperliquid',
  marginMode: 'cross',
  rows: [],
  flatRows: 0,
  marks: [
    { asset: 'BTC', fromFile: '122000', value: '122000' },
    { asset: 'ETH', fromFile: null, value: null },
  ],
  bookIssues: [],
  goodRows: 2,
  ...over,
})

describe('import preview store', () => {
  it('blocks the import until every mark is a price, then sends the choices with skipInvalid', async () => {
    fake.handle('portfolio:importPreview', () => ok(preview()))
    fake.handle('portfolio:import', () => ok(recordOf('new')))
    const imported = vi.fn(async () => {})
    const store = useImportPreviewStore()
    await store.open('hl.csv', 'text', { refused: vi.fn(), imported })
    expect(store.missingMarks).toEqual(['ETH'])
    expect(store.canImport).toBe(false)
    store.marks = { ETH: 'abc' }
    expect(store.canImport).toBe(false)
    store.marks = { ETH: '4300' }
    expect(store.canImport).toBe(true)
    expect(await store.confirm()).toBe(true)
    expect(fake.callsOf('portfolio:import')[0]).toEqual({
      fileName: 'hl.csv',
      text: 'text',
      options: { venue: 'hyperliquid', marginMode: 'cross', prices: { BTC: '122000', ETH: '4300' }, name: 'hl', skipInvalid: true },
    })
    expect(imported).toHaveBeenCalledOnce()
    expect(store.preview).toBeNull()
  })

  it('a refused file goes to the refusal panel and the preview closes', async () => {
    fake.handle('portfolio:importPreview', () => ({ ok: false, error: { code: 'invalid-document', message: 'x.csv was not imported: 1 problem', issues: [{ path: 'line 1', message: 'header not recognised' }] } }) as never)
    const refused = vi.fn()
    const store = useImportPreviewStore()
    await store.open('x.csv', 'a,b', { refused, imported: vi.fn() })
    expect(refused).toHaveBeenCalledWith({ fileName: 'x.csv', message: 'x.csv was not imported: 1 problem', issues: [{ path: 'line 1', message: 'header not recognised' }] })
    expect(store.preview).toBeNull()
  })

  it('a problem of the book blocks the import', async () => {
    fake.handle('portfolio:importPreview', () => ok(preview({ bookIssues: [{ path: 'venue', message: 'unknown venue' }], marks: [] })))
    const store = useImportPreviewStore()
    await store.open('hl.csv', 'text', { refused: vi.fn(), imported: vi.fn() })
    expect(store.canImport).toBe(false)
  })
})
