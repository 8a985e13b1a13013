// The list store: the first load opens the remembered (else first) book, new books are adopted
// and selected, a delete selects the neighbour, and a book deleted elsewhere is dropped.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { fail, ok } from '../../../shared/ipc/result'
import type { PortfolioRecord } from '../../../shared/ipc/channels'
import { setCascadeApi } from '../../../renderer/src/api'
import { usePortfolioEditorStore } from '../../../renderer/src/stores/portfolioEditor'
import { usePortfolioListStore } from '../../../renderer/src/stores/portfolioList'
import { recordOf, summaryOf } from './book'
import { deferred, fakeApi, settle, type FakeApi } from './fake-api'

let fake: FakeApi
let stored: PortfolioRecord[]

beforeEach(() => {
  setActivePinia(createPinia())
  fake = fakeApi()
  setCascadeApi(fake.api)
  stored = [recordOf('a'), recordOf('b'), recordOf('c')]
  fake.handle('portfolio:list', () => ok(stored.map(summaryOf)))
  fake.handle('portfolio:get', (req) => {
    const rec = stored.find((r) => r.id === req.id)
    return rec ? ok(rec) : fail('not-found', `no portfolio ${req.id}`)
  })
  fake.handle('portfolio:delete', (req) => {
    stored = stored.filter((r) => r.id !== req.id)
    return ok({ id: req.id })
  })
})

afterEach(() => setCascadeApi(null))

async function loaded() {
  const books = usePortfolioListStore()
  const editor = usePortfolioEditorStore()
  await settle()
  return { books, editor }
}

describe('portfolio list', () => {
  it('loads the list and opens the first book', async () => {
    const { books, editor } = await loaded()
    expect(books.loaded).toBe(true)
    expect(books.list.map((p) => p.id)).toEqual(['a', 'b', 'c'])
    expect(editor.selectedId).toBe('a')
    expect(editor.current?.draft.name).toBe('Book a')
  })

  it('a book opened while the first list is on its way stays open when the list arrives', async () => {
    const first = deferred<ReturnType<typeof ok<ReturnType<typeof summaryOf>[]>>>()
    fake.handle('portfolio:list', () => first.promise)
    const books = usePortfolioListStore()
    const editor = usePortfolioEditorStore()
    await editor.select('c')
    first.resolve(ok(stored.map(summaryOf)))
    await settle()
    expect(books.loaded).toBe(true)
    // The first load once went on to open the first book of the list ('a') over the user's choice.
    expect(editor.selectedId).toBe('c')
  })

  it('keeps the list error and still says it has loaded', async () => {
    fake.handle('portfolio:list', () => fail('internal', 'database locked'))
    const { books, editor } = await loaded()
    expect(books.loaded).toBe(true)
    expect(books.loadError).toBe('database locked')
    expect(editor.selectedId).toBeNull()
  })

  it('an older list answer arriving last does not replace a newer one', async () => {
    const { books } = await loaded()
    const older = deferred<ReturnType<typeof ok<ReturnType<typeof summaryOf>[]>>>()
    const newer = deferred<ReturnType<typeof ok<ReturnType<typeof summaryOf>[]>>>()
    const answers = [older, newer]
    fake.handle('portfolio:list', () => answers.shift()!.promise)
    const first = books.refreshList()
    const second = books.refreshList()
    newer.resolve(ok([...stored, recordOf('d')].map(summaryOf)))
    await second
    older.resolve(ok(stored.map(summaryOf)))
    await first
    expect(books.list.map((p) => p.id)).toEqual(['a', 'b', 'c', 'd'])
  })

  it('creates a book under a fresh name and selects it', async () => {
    const { books, editor } = await loaded()
    fake.handle('portfolio:save', (req) => {
      const rec = recordOf('n', req.doc)
      stored.unshift(rec)
      return ok(rec)
    })
    await expect(books.create()).resolves.toBe(true)
    expect(fake.callsOf('portfolio:save')[0].doc.name).toBe('Untitled')
    expect(editor.selectedId).toBe('n')
    expect(books.list[0].id).toBe('n')
  })

  it('deleting the selected book selects its neighbour', async () => {
    const { books, editor } = await loaded()
    await editor.select('b')
    await expect(books.remove('b')).resolves.toBe(true)
    expect(books.list.map((p) => p.id)).toEqual(['a', 'c'])
    expect(editor.sessions.b).toBeUndefined()
    expect(editor.selectedId).toBe('c')
  })

  it('a refused delete keeps the book and says why', async () => {
    const { books, editor } = await loaded()
    fake.handle('portfolio:delete', () => fail('internal', 'busy'))
    await expect(books.remove('a')).resolves.toBe(false)
    expect(books.actionError).toBe('Could not delete: busy')
    expect(editor.selectedId).toBe('a')
  })

  it('a book deleted elsewhere is dropped and the first remaining one selected', async () => {
    const { books, editor } = await loaded()
    stored = stored.filter((r) => r.id !== 'a')
    fake.emit('portfolio:changed', { id: 'a', change: 'deleted' })
    await settle()
    expect(editor.sessions.a).toBeUndefined()
    expect(books.list.map((p) => p.id)).toEqual(['b', 'c'])
    expect(editor.selectedId).toBe('b')
  })

  it('renaming is an edit of the draft, saved at once', async () => {
    const { books, editor } = await loaded()
    fake.handle('portfolio:save', (req) => ok(recordOf(req.id ?? 'x', req.doc)))
    await expect(books.rename('a', '  Renamed  ')).resolves.toBe(true)
    expect(fake.callsOf('portfolio:save')).toHaveLength(1)
    expect(editor.sessions.a.draft.name).toBe('Renamed')
    expect(books.list.find((p) => p.id === 'a')?.name).toBe('Renamed')
    await expect(books.rename('a', '   ')).resolves.toBe(false)
  })
})
