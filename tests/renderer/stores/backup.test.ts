// The backup store: a backup is saved as a download, a restore waits for the user's yes, a refusal
// is shown with its reason, a file over the cap is refused before it is read, and the window
// reloads once the store was replaced.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { fail, ok } from '../../../shared/ipc/result'
import { MAX_STORE_BYTES } from '../../../shared/ipc/limits'
import { setCascadeApi } from '../../../renderer/src/api'
import { setOnStoreReplaced, useBackupStore } from '../../../renderer/src/stores/backup'
import { fakeApi, settle, type FakeApi } from './fake-api'

let fake: FakeApi
let reloads: number

beforeEach(() => {
  setActivePinia(createPinia())
  fake = fakeApi()
  fake.handle('store:quarantine', () => ok([]))
  setCascadeApi(fake.api)
  reloads = 0
  setOnStoreReplaced(() => reloads++)
})
afterEach(() => setCascadeApi(null))

const file = (bytes: number[], name = 'b.sqlite') => new File([new Uint8Array(bytes)], name)

describe('backup store', () => {
  it('restores only after the user confirms, sending the file as base64; the window reloads on store:replaced', async () => {
    const store = useBackupStore()
    fake.handle('store:restore', () => ok({ portfolios: 1, keptAs: '/d/cascade.sqlite.before-restore-x', notices: [] }))
    store.choose(file([1, 2, 3, 250]))
    expect(fake.callsOf('store:restore')).toEqual([])
    expect(await store.restore()).toBe(true)
    expect(fake.callsOf('store:restore')).toEqual([{ fileName: 'b.sqlite', base64: 'AQID+g==' }])
    expect(store.pending).toBeNull()
    fake.emit('store:replaced', { portfolios: 1, keptAs: null, notices: [] })
    expect(reloads).toBe(1)
  })

  it('shows a refusal with its reason and does not reload', async () => {
    const store = useBackupStore()
    fake.handle('store:restore', () => fail('refused', 'b.sqlite was not restored: it is not a Cascade store (tables: invoices). Nothing was replaced.'))
    store.choose(file([1]))
    expect(await store.restore()).toBe(false)
    expect(store.error).toBe('b.sqlite was not restored: it is not a Cascade store (tables: invoices). Nothing was replaced.')
    expect(reloads).toBe(0)
  })

  it('refuses a file over the cap before reading or sending it', async () => {
    const store = useBackupStore()
    const big = { name: 'huge.sqlite', size: MAX_STORE_BYTES + 1, arrayBuffer: vi.fn() } as unknown as File
    store.choose(big)
    expect(await store.restore()).toBe(false)
    expect(store.error).toMatch(/^huge\.sqlite was not restored: it is larger than the app takes \(100 MB\); use `cascade restore`/)
    expect(big.arrayBuffer).not.toHaveBeenCalled()
    expect(fake.callsOf('store:restore')).toEqual([])
  })

  it('loads the quarantined rows at start; a failed backup says why', async () => {
    fake.handle('store:quarantine', () => ok([{ id: 1, table: 'portfolios', rowId: 'a', reason: 'CHECK constraint failed: json_valid(document)', quarantinedAt: 'x', text: '{}' }]))
    fake.handle('store:backup', () => fail('refused', 'This store lives in memory only; there is no file to back up.'))
    const store = useBackupStore()
    await settle()
    expect(store.quarantine).toHaveLength(1)
    expect(await store.backup()).toBe(false)
    expect(store.error).toBe('Backup failed: This store lives in memory only; there is no file to back up.')
  })
})
