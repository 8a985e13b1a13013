// The editor-session store's save queue: autosave after a quiet AUTOSAVE_MS, saves of one book
// never overlapping and never reordered, failures kept on the session and retried, invalid drafts
// never sent. The store runs on a fake bridge (no window, no DOM).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { fail, ok, type Result } from '../../../shared/ipc/result'
import type { PortfolioRecord } from '../../../shared/ipc/channels'
import { setCascadeApi } from '../../../renderer/src/api'
import { i18n } from '../../../renderer/src/i18n'
import { AUTOSAVE_MS, usePortfolioEditorStore } from '../../../renderer/src/stores/portfolioEditor'
import { usePortfolioListStore } from '../../../renderer/src/stores/portfolioList'
import { recordOf, summaryOf } from './book'
import { deferred, fakeApi, type FakeApi } from './fake-api'

let fake: FakeApi

beforeEach(() => {
  vi.useFakeTimers()
  setActivePinia(createPinia())
  fake = fakeApi()
  setCascadeApi(fake.api)
})

afterEach(() => {
  setCascadeApi(null)
  vi.useRealTimers()
})

/** The list store loads the list and opens its first book in the editor. */
async function openBook(id = 'a') {
  const rec = recordOf(id)
  fake.handle('portfolio:list', () => ok([summaryOf(rec)]))
  fake.handle('portfolio:get', () => ok(rec))
  const books = usePortfolioListStore()
  const editor = usePortfolioEditorStore()
  await vi.advanceTimersByTimeAsync(0)
  expect(editor.current?.id).toBe(id)
  return { books, editor }
}

/** Saves answer at once with the stored record; the names saved are kept in order. */
function saveAnswers(): string[] {
  const names: string[] = []
  fake.handle('portfolio:save', (req) => {
    names.push(req.doc.name)
    return ok(recordOf(req.id ?? 'new', req.doc, `2026-01-02T00:00:0${names.length}Z`))
  })
  return names
}

const rename = (editor: ReturnType<typeof usePortfolioEditorStore>, name: string) =>
  editor.edit('name', (d) => {
    d.name = name
  })

describe('portfolio editor: autosave', () => {
  it('saves once, AUTOSAVE_MS after the last edit, with the latest draft', async () => {
    const { books, editor } = await openBook()
    const saved = saveAnswers()
    rename(editor, 'B')
    expect(editor.current?.state).toBe('pending')
    await vi.advanceTimersByTimeAsync(AUTOSAVE_MS - 1)
    rename(editor, 'Bo')
    await vi.advanceTimersByTimeAsync(AUTOSAVE_MS - 1)
    rename(editor, 'Book')
    await vi.advanceTimersByTimeAsync(AUTOSAVE_MS - 1)
    expect(saved).toEqual([])
    await vi.advanceTimersByTimeAsync(1)
    expect(saved).toEqual(['Book'])
    expect(editor.current?.state).toBe('saved')
    expect(editor.current?.savedRev).toBe(editor.current?.rev)
    // The list shows what was stored.
    expect(books.list[0].name).toBe('Book')
    await vi.advanceTimersByTimeAsync(10 * AUTOSAVE_MS)
    expect(saved).toEqual(['Book'])
  })

  it('an edit that changes nothing is not an edit: nothing to save', async () => {
    const { editor } = await openBook()
    const saved = saveAnswers()
    rename(editor, editor.current!.draft.name)
    expect(editor.current?.rev).toBe(0)
    expect(editor.current?.state).toBe('saved')
    await vi.advanceTimersByTimeAsync(AUTOSAVE_MS)
    expect(saved).toEqual([])
  })

  it('flush saves at once, without waiting for the timer', async () => {
    const { editor } = await openBook()
    const saved = saveAnswers()
    rename(editor, 'Now')
    await expect(editor.flush('a')).resolves.toBe(true)
    expect(saved).toEqual(['Now'])
    await vi.advanceTimersByTimeAsync(AUTOSAVE_MS)
    expect(saved).toEqual(['Now'])
  })
})

describe('portfolio editor: save queue', () => {
  it('keeps one save of a book in flight, in edit order; an edit during a save is saved next', async () => {
    const { editor } = await openBook()
    const replies: Array<ReturnType<typeof deferred<Result<PortfolioRecord>>>> = []
    const sent: string[] = []
    let inFlight = 0
    let most = 0
    fake.handle('portfolio:save', (req) => {
      sent.push(req.doc.name)
      inFlight++
      most = Math.max(most, inFlight)
      const d = deferred<Result<PortfolioRecord>>()
      replies.push(d)
      return d.promise.finally(() => inFlight--)
    })

    rename(editor, 'v1')
    await vi.advanceTimersByTimeAsync(AUTOSAVE_MS)
    expect(sent).toEqual(['v1'])
    expect(editor.current?.state).toBe('saving')

    rename(editor, 'v2')
    await vi.advanceTimersByTimeAsync(AUTOSAVE_MS)
    // v2's save waits for v1's reply.
    expect(sent).toEqual(['v1'])
    const second = editor.flush('a')
    expect(sent).toEqual(['v1'])

    replies[0].resolve(ok(recordOf('a', { ...editor.current!.draft, name: 'v1' } as never)))
    await vi.advanceTimersByTimeAsync(0)
    expect(sent).toEqual(['v1', 'v2'])
    expect(editor.current?.state).toBe('saving')
    replies[1].resolve(ok(recordOf('a')))
    await expect(second).resolves.toBe(true)
    await vi.advanceTimersByTimeAsync(10 * AUTOSAVE_MS)
    expect(sent).toEqual(['v1', 'v2'])
    expect(most).toBe(1)
    expect(editor.current?.state).toBe('saved')
  })

  it('a failed save keeps its message on the session and is retried by the next flush', async () => {
    const { editor } = await openBook()
    fake.handle('portfolio:save', () => fail('internal', 'disk full'))
    rename(editor, 'Lost?')
    await vi.advanceTimersByTimeAsync(AUTOSAVE_MS)
    expect(editor.current?.state).toBe('error')
    expect(editor.current?.error).toBe('disk full')
    await expect(editor.flush('a')).resolves.toBe(false)

    const saved = saveAnswers()
    await expect(editor.flush('a')).resolves.toBe(true)
    expect(saved).toEqual(['Lost?'])
    expect(editor.current?.state).toBe('saved')
    expect(editor.current?.error).toBeNull()
  })

  it('never sends an invalid draft; fixing it saves again', async () => {
    const { editor } = await openBook()
    const saved = saveAnswers()
    editor.edit('positions:add', (d) => {
      d.positions.push({ id: 'p1', symbol: 'BTCUSDT', side: 'long', qty: 'abc', entryPrice: '100', leverage: '2' })
    })
    expect(editor.current?.state).toBe('invalid')
    expect(editor.issues.length).toBeGreaterThan(0)
    await vi.advanceTimersByTimeAsync(10 * AUTOSAVE_MS)
    await expect(editor.flush('a')).resolves.toBe(false)
    expect(saved).toEqual([])

    editor.edit('positions[0].qty', (d) => {
      d.positions[0].qty = '1'
    })
    expect(editor.current?.state).toBe('pending')
    await vi.advanceTimersByTimeAsync(AUTOSAVE_MS)
    expect(saved).toHaveLength(1)
    expect(editor.current?.state).toBe('saved')
  })

  it("a cell's problems are shown in the app's language", async () => {
    const { editor } = await openBook()
    editor.edit('positions:add', (d) => {
      d.positions.push({ id: 'p1', symbol: 'BTCUSDT', side: 'long', qty: '-1', entryPrice: '100', leverage: '2' })
    })
    const english = editor.cellIssues.get('positions[0].qty')
    expect(english?.[0]).toMatch(/^must be a positive decimal/)
    i18n.global.locale.value = 'ja'
    try {
      const japanese = editor.cellIssues.get('positions[0].qty')
      expect(japanese).toHaveLength(1)
      expect(japanese?.[0]).not.toBe(english?.[0])
      expect(japanese?.[0]).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/)
      expect(japanese?.[0]).toContain('-1')
    } finally {
      i18n.global.locale.value = 'en'
    }
  })

  it('a book the engine refuses is saved as a draft: its problems sit on their cells until a save clears them', async () => {
    const { editor, books } = await openBook()
    const problem = { path: 'positions[0].leverage', message: 'at most 50x for BTCUSDT at this size, got 200x (...)' }
    fake.handle('portfolio:save', (req) => {
      const rec = recordOf(req.id ?? 'new', req.doc)
      const bad = req.doc.positions[0]?.leverage === '200'
      return ok({ ...rec, problems: bad ? [problem] : [], problemCount: bad ? 1 : 0 })
    })
    editor.edit('positions:add', (d) => {
      d.positions.push({ id: 'p1', symbol: 'BTCUSDT', side: 'long', qty: '1', entryPrice: '100000', leverage: '200' })
    })
    await vi.advanceTimersByTimeAsync(AUTOSAVE_MS)
    expect(editor.current?.state).toBe('saved')
    expect(editor.isDraft).toBe(true)
    expect(editor.cellIssues.get('positions[0].leverage')).toEqual([problem.message])
    expect(books.list[0].problemCount).toBe(1)

    // A format problem hides the stored version's findings (they may name rows that moved).
    editor.edit('positions[0].qty', (d) => {
      d.positions[0].qty = 'abc'
    })
    expect(editor.engineIssues).toEqual([])
    editor.edit('positions[0].qty', (d) => {
      d.positions[0].qty = '1'
    })
    editor.edit('positions[0].leverage', (d) => {
      d.positions[0].leverage = '20'
    })
    await vi.advanceTimersByTimeAsync(AUTOSAVE_MS)
    expect(editor.isDraft).toBe(false)
    expect(editor.issues).toEqual([])
    expect(books.list[0].problemCount).toBe(0)
  })

  it('a draft opened from the store is marked as one (its problems come with the record)', async () => {
    const rec = { ...recordOf('d'), problems: [{ path: 'venue', message: 'unknown venue "x"' }], problemCount: 1 }
    fake.handle('portfolio:list', () => ok([summaryOf(rec)]))
    fake.handle('portfolio:get', () => ok(rec))
    usePortfolioListStore()
    const editor = usePortfolioEditorStore()
    await vi.advanceTimersByTimeAsync(0)
    expect(editor.current?.state).toBe('saved')
    expect(editor.isDraft).toBe(true)
    expect(editor.issues).toEqual([{ path: 'venue', cell: 'venue', message: 'unknown venue "x"', source: 'engine' }])
  })

  it('undo restores the draft and saves it', async () => {
    const { editor } = await openBook()
    const saved = saveAnswers()
    rename(editor, 'Changed')
    expect(editor.canUndo).toBe(true)
    editor.undoEdit()
    expect(editor.current?.draft.name).toBe('Book a')
    expect(editor.canRedo).toBe(true)
    await vi.advanceTimersByTimeAsync(AUTOSAVE_MS)
    expect(saved).toEqual(['Book a'])
  })

  it('selecting another book saves the one left at once', async () => {
    const a = recordOf('a')
    const b = recordOf('b')
    fake.handle('portfolio:list', () => ok([summaryOf(a), summaryOf(b)]))
    fake.handle('portfolio:get', (req) => ok(req.id === 'a' ? a : b))
    usePortfolioListStore()
    const editor = usePortfolioEditorStore()
    await vi.advanceTimersByTimeAsync(0)
    const saved = saveAnswers()
    rename(editor, 'A edited')
    await editor.select('b')
    await vi.advanceTimersByTimeAsync(0)
    expect(saved).toEqual(['A edited'])
    expect(editor.current?.id).toBe('b')
    expect(editor.sessions.a.draft.name).toBe('A edited')
  })
})
