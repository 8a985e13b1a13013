// The run list a page at a time: `run:list` replies hold at most RUN_LIST_PAGE runs, and the page
// after a run (its createdAt and id) goes on exactly where the last one stopped, newest first,
// even where many runs share one timestamp; the IPC door checks the page request.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createCore, type CoreOptions } from '../../../../electron/main/core'
import type { Runner } from '../../../../electron/main/runs/run-protocol'
import { openStore } from '../../../../electron/main/store/database'
import { createRunRepository } from '../../../../electron/main/store/run-repository'
import type { RunListItem } from '../../../../shared/ipc/channels'
import { RUN_LIST_PAGE } from '../../../../shared/ipc/limits'
import { emptyPortfolio } from '../../../../shared/model/portfolio'
import { useTempDirs } from '../../../temp-dir'

const root = join(__dirname, '../../../..')
const APP = 'file:///app/'
const tempDir = useTempDirs('run-list-pages')
/** Nothing is run here: the list is all these tests ask for. */
const runner: Runner = () => {
  throw new Error('no runs in this test')
}
const coreAt = (dataDir: string, databasePath: string) => createCore({ dataDir, databasePath, resourcesDir: join(root, 'resources'), version: 'test', trustedOrigins: [APP], externalChangesEveryMs: 0, runner } satisfies CoreOptions)
const scenario = JSON.parse(readFileSync(join(root, 'resources/scenarios/2025-10-10.json'), 'utf8'))

/** `n` runs, three to a millisecond, so ties on createdAt are broken by id. */
function storeWith(path: string, n: number): string[] {
  const store = openStore(path)
  let tick = 0
  const repo = createRunRepository(store.db, () => new Date(Date.UTC(2026, 0, 1) + Math.floor(tick++ / 3)))
  const ids: string[] = []
  // One transaction: hundreds of single-row commits would spend the test's time on fsync.
  store.db.transaction(() => {
    for (let i = 0; i < n; i++) {
      const r = repo.start({ owner: 'test:1', portfolioId: null, portfolio: emptyPortfolio(`Book ${i}`), scenario, seed: i })
      repo.end(r.id, 'failed', 'test')
      ids.push(r.id)
    }
  })()
  store.db.close()
  return ids
}

describe('run:list pages', () => {
  it('pages through more runs than one reply holds: every run once, newest first', async () => {
    const path = join(tempDir(), 'store.sqlite')
    const n = RUN_LIST_PAGE * 2 + 17
    const ids = storeWith(path, n)
    const core = coreAt(tempDir(), path)
    try {
      const first = await core.invoke('run:list', undefined, APP)
      expect(first.ok && (first.value as RunListItem[]).length).toBe(RUN_LIST_PAGE)

      const seen: RunListItem[] = []
      let after: { createdAt: string; id: string } | undefined
      for (let page = 0; page < 10; page++) {
        const r = await core.invoke('run:list', after ? { after, limit: RUN_LIST_PAGE } : { limit: RUN_LIST_PAGE }, APP)
        if (!r.ok) throw new Error(r.error.message)
        const rows = r.value as RunListItem[]
        seen.push(...rows)
        if (rows.length < RUN_LIST_PAGE) break
        after = { createdAt: rows.at(-1)!.createdAt, id: rows.at(-1)!.id }
      }
      expect(seen).toHaveLength(n)
      expect(new Set(seen.map((r) => r.id))).toEqual(new Set(ids))
      // Newest first, ties by id: the order the pages were cut in.
      const sorted = [...seen].sort((a, b) => b.createdAt.localeCompare(a.createdAt) || a.id.localeCompare(b.id))
      expect(seen.map((r) => r.id)).toEqual(sorted.map((r) => r.id))

      const small = await core.invoke('run:list', { limit: 5 }, APP)
      expect(small.ok && (small.value as RunListItem[]).map((r) => r.id)).toEqual(sorted.slice(0, 5).map((r) => r.id))
    } finally {
      core.close()
    }
  }, 60_000)

  it('refuses a page request it cannot serve, naming the field', async () => {
    const core = coreAt('/tmp', ':memory:')
    try {
      for (const bad of [{ limit: 0 }, { limit: RUN_LIST_PAGE + 1 }, { limit: 1.5 }, { after: { createdAt: '', id: 'x' } }, { after: { id: 'x' } }, { page: 2 }]) {
        const r = await core.invoke('run:list', bad, APP)
        expect(!r.ok && r.error.code, JSON.stringify(bad)).toBe('invalid-payload')
      }
      const empty = await core.invoke('run:list', { after: { createdAt: '2026-01-01T00:00:00.000Z', id: 'x' } }, APP)
      expect(empty).toEqual({ ok: true, value: [] })
    } finally {
      core.close()
    }
  }, 60_000)
})
