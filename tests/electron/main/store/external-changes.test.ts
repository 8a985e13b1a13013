// Books another process changes on the same store file (the CLI while the app is open) reach the
// window as portfolio:changed events; the core's own writes are reported once, not twice.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createCore, type Core } from '../../../../electron/main/core'
import { createThreadRunner } from '../../../../electron/main/runs/thread-runner'
import { openStore, type OpenedStore } from '../../../../electron/main/store/database'
import { createPortfolioRepository } from '../../../../electron/main/store/portfolio-repository'

const root = join(__dirname, '../../../..')
const APP = 'file:///app/out/renderer/index.html'
const hedge = JSON.parse(readFileSync(join(root, 'resources/examples/hedge-book.json'), 'utf8'))

let cleanup: (() => void)[] = []
afterEach(() => {
  for (const c of cleanup.reverse()) c()
  cleanup = []
})

function setup(): { core: Core; other: OpenedStore; events: unknown[] } {
  const dir = mkdtempSync(join(tmpdir(), 'cascade-external-'))
  const databasePath = join(dir, 'cascade.sqlite')
  const core = createCore({
    dataDir: dir,
    databasePath,
    resourcesDir: join(root, 'resources'),
    version: '0.0.0-test',
    trustedOrigins: ['file:///app/out/renderer/'],
    runner: createThreadRunner(join(root, 'electron/main/runs/run-worker.ts')),
    externalChangesEveryMs: 0,
  })
  const other = openStore(databasePath)
  const events: unknown[] = []
  core.subscribe((event, payload) => event === 'portfolio:changed' && events.push(payload))
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }), () => core.close(), () => other.db.close())
  return { core, other, events }
}

describe('changes made by another process', () => {
  it('reports a book the CLI imported, changed and deleted, each once', () => {
    const { core, other, events } = setup()
    const cli = createPortfolioRepository(other.db)
    core.checkExternalChanges()
    expect(events).toEqual([])
    const rec = cli.create(hedge)
    core.checkExternalChanges()
    core.checkExternalChanges()
    expect(events).toEqual([{ id: rec.id, change: 'created' }])
    cli.replace(rec.id, { ...hedge, name: 'Renamed elsewhere' })
    core.checkExternalChanges()
    expect(events.at(-1)).toEqual({ id: rec.id, change: 'updated' })
    cli.remove(rec.id)
    core.checkExternalChanges()
    expect(events.at(-1)).toEqual({ id: rec.id, change: 'deleted' })
    expect(events).toHaveLength(3)
  })

  it("reports the app's own saves once, from the handler, and not again on the next look", async () => {
    const { core, other, events } = setup()
    const saved = await core.invoke('portfolio:save', { doc: hedge }, APP)
    if (!saved.ok) throw new Error(saved.error.message)
    const { id } = saved.value as { id: string }
    expect(events).toEqual([{ id, change: 'created' }])
    createPortfolioRepository(other.db).create({ ...hedge, name: 'From the CLI' })
    core.checkExternalChanges()
    expect(events).toHaveLength(2)
    expect(events[1]).toMatchObject({ change: 'created' })
    expect((events[1] as { id: string }).id).not.toBe(id)
  })
})
