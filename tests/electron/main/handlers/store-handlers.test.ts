// store:backup, store:restore and store:quarantine through the real core on a real store file.
import { existsSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { createCore, type Core } from '../../../../electron/main/core'
import type { Runner } from '../../../../electron/main/runs/run-protocol'
import { openStore } from '../../../../electron/main/store/database'
import { createPortfolioRepository } from '../../../../electron/main/store/portfolio-repository'
import type { PortfolioSummary, StoreBackup, StoreRestored } from '../../../../shared/ipc/channels'
import { MAX_STORE_BYTES } from '../../../../shared/ipc/request-schemas'
import { emptyPortfolio } from '../../../../shared/model/portfolio'
import { useTempDirs } from '../../../temp-dir'

const root = join(__dirname, '../../../..')
const APP = 'file:///app/'
const tempDir = useTempDirs('store-handlers')
const cores: Core[] = []
afterEach(() => cores.splice(0).forEach((c) => c.close()))

/** A runner whose runs never end (until cancelled), so a run is in flight as long as a test needs. */
const hangingRunner: Runner = () => {
  let cancel = () => {}
  const result = new Promise<never>((_, reject) => (cancel = () => reject(new Error('cancelled'))))
  result.catch(() => {})
  return { result, cancel: () => cancel() }
}

function newCore(dir: string) {
  const events: Array<[string, unknown]> = []
  const core = createCore({ dataDir: dir, databasePath: join(dir, 'cascade.sqlite'), resourcesDir: join(root, 'resources'), version: 'test', trustedOrigins: [APP], runner: hangingRunner })
  cores.push(core)
  core.subscribe((e, p) => events.push([e, p]))
  const call = async <T>(channel: string, payload?: unknown): Promise<T> => {
    const r = await core.invoke(channel, payload, APP)
    if (!r.ok) throw new Error(`${channel}: ${r.error.code}: ${r.error.message}`)
    return r.value as T
  }
  const save = (name: string) => call<{ id: string }>('portfolio:save', { doc: emptyPortfolio(name) })
  const books = async () => (await call<PortfolioSummary[]>('portfolio:list')).map((b) => b.name)
  return { core, events, call, save, books }
}

describe('store:backup and store:restore', () => {
  it('backs up as bytes, and a restore puts the backup back: the book added since is gone, the replaced store kept', async () => {
    const dir = tempDir()
    const app = newCore(dir)
    await app.save('Kept')
    const backup = await app.call<StoreBackup>('store:backup')
    expect(backup.fileName).toMatch(/^cascade-backup-\d{4}-\d\d-\d\dT[\d-]+Z\.sqlite$/)
    expect(Buffer.from(backup.base64, 'base64').subarray(0, 15).toString()).toBe('SQLite format 3')
    expect(Buffer.from(backup.base64, 'base64').length).toBe(backup.bytes)

    await app.save('Added after the backup')
    expect(await app.books()).toEqual(['Added after the backup', 'Kept'])

    const restored = await app.call<StoreRestored>('store:restore', { fileName: backup.fileName, base64: backup.base64 })
    expect(restored.portfolios).toBe(1)
    expect(restored.keptAs).toMatch(/cascade\.sqlite\.before-restore-.*Z$/)
    expect(restored.notices[0]).toMatchObject({ kind: 'store-restored', message: expect.stringContaining(`restored from ${backup.fileName}`) })
    expect(app.events).toContainEqual(['store:replaced', restored])
    expect(await app.books()).toEqual(['Kept'])
    expect((await app.call<{ notices: unknown[] }>('app:info')).notices).toEqual(restored.notices)

    // The replaced store is whole on its own (its WAL was folded in), and no staging file is left.
    const kept = new Database(restored.keptAs!, { readonly: true })
    expect(createPortfolioRepository(kept).list().map((b) => b.name)).toEqual(['Added after the backup', 'Kept'])
    kept.close()
    expect(readdirSync(dir).filter((f) => f.includes('.restore-'))).toEqual([])

    // The new store is in use: saves land in it.
    await app.save('After restore')
    expect(await app.books()).toEqual(['After restore', 'Kept'])
  })

  it('refuses what is not a Cascade store, with the reason, and changes nothing', async () => {
    const dir = tempDir()
    const app = newCore(dir)
    await app.save('Mine')
    const before = readdirSync(dir).sort()
    const r = await app.core.invoke('store:restore', { fileName: 'notes.txt', base64: Buffer.from('not a database'.repeat(20)).toString('base64') }, APP)
    expect(r).toEqual({ ok: false, error: { code: 'refused', message: 'notes.txt was not restored: it is not an SQLite database (no SQLite header). Nothing was replaced.' } })
    expect(readdirSync(dir).sort()).toEqual(before)
    expect(await app.books()).toEqual(['Mine'])
    expect(app.events.filter(([e]) => e === 'store:replaced')).toEqual([])

    const bad = await app.core.invoke('store:restore', { fileName: 'x.sqlite', base64: 'not base64!' }, APP)
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid-payload', path: 'base64' } })
    const tooBig = await app.core.invoke('store:restore', { fileName: 'x.sqlite', base64: 'A'.repeat(Math.ceil(MAX_STORE_BYTES / 3) * 4 + 4) }, APP)
    expect(tooBig).toMatchObject({ ok: false, error: { code: 'invalid-payload', message: expect.stringContaining('base64: is too long') } })
  })

  it('refuses a restore while a run is in flight', async () => {
    const dir = tempDir()
    const app = newCore(dir)
    const { id } = await app.save('Running')
    const backup = await app.call<StoreBackup>('store:backup')
    await app.call('run:start', { portfolioId: id, scenarioId: '2025-10-10' })
    const r = await app.core.invoke('store:restore', { fileName: 'b.sqlite', base64: backup.base64 }, APP)
    expect(r).toMatchObject({ ok: false, error: { code: 'refused', message: expect.stringMatching(/^b\.sqlite was not restored: 1 run is in progress; wait for it or cancel/) } })
    expect(await app.books()).toEqual(['Running'])
  })

  it('replaceStore(path) does the same from a file, for the CLI-free core', async () => {
    const dir = tempDir()
    const app = newCore(dir)
    await app.save('Old')
    const other = join(tempDir(), 'other.sqlite')
    const s = openStore(other)
    createPortfolioRepository(s.db).create(emptyPortfolio('From the other store'))
    s.db.close()
    const restored = app.core.replaceStore(other)
    expect(restored.portfolios).toBe(1)
    expect(await app.books()).toEqual(['From the other store'])
    expect(existsSync(other)).toBe(true)
  })
})

describe('store:quarantine', () => {
  it('lists the rows quarantined at open with their reason and raw text; the notice is in app:info', async () => {
    const dir = tempDir()
    const s = openStore(join(dir, 'cascade.sqlite'))
    const repo = createPortfolioRepository(s.db)
    for (let i = 0; i < 5; i++) repo.create(emptyPortfolio(`Book ${i}`))
    const bad = repo.create(emptyPortfolio('Damaged')).id
    s.db.pragma('ignore_check_constraints = ON')
    s.db.prepare("UPDATE portfolios SET position_count = -1 WHERE id = ?").run(bad)
    s.db.close()
    writeFileSync(join(dir, 'marker'), '') // the folder is the store's; nothing else is touched

    const app = newCore(dir)
    expect(await app.books()).toHaveLength(5)
    const rows = await app.call<Array<{ rowId: string; reason: string; text: string }>>('store:quarantine')
    expect(rows).toEqual([expect.objectContaining({ table: 'portfolios', rowId: bad, reason: 'CHECK constraint failed: position_count >= 0' })])
    expect(JSON.parse(rows[0].text)).toMatchObject({ id: bad, name: 'Damaged', position_count: -1 })
    const info = await app.call<{ notices: Array<{ kind: string; count?: number }> }>('app:info')
    expect(info.notices).toEqual([expect.objectContaining({ kind: 'rows-quarantined', count: 1 })])
  })
})
