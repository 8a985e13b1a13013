// Undo/redo stack: coalescing of keystrokes in one field, bounded size, redo cleared by edits.
import { describe, expect, it } from 'vitest'
import { COALESCE_MS, HISTORY_LIMIT, emptyHistory, record, redo, undo } from '../../../renderer/src/lib/history'

describe('history', () => {
  it('undoes and redoes in order', () => {
    const h = emptyHistory()
    record(h, 'a', 'name', 0)
    record(h, 'b', 'qty', 10)
    expect(undo(h, 'c')).toBe('b')
    expect(undo(h, 'b')).toBe('a')
    expect(undo(h, 'a')).toBeNull()
    expect(redo(h, 'a')).toBe('b')
    expect(redo(h, 'b')).toBe('c')
    expect(redo(h, 'c')).toBeNull()
  })

  it('coalesces quick edits of the same field into one step', () => {
    const h = emptyHistory()
    record(h, '', 'qty', 0)
    record(h, '4', 'qty', 100)
    record(h, '40', 'qty', 200)
    expect(h.past).toEqual([''])
    record(h, '40.9', 'qty', 200 + COALESCE_MS)
    expect(h.past).toEqual(['', '40.9'])
  })

  it('a new edit clears redo', () => {
    const h = emptyHistory()
    record(h, 'a', 'x', 0)
    undo(h, 'b')
    expect(h.future).toEqual(['b'])
    record(h, 'a', 'y', 5000)
    expect(h.future).toEqual([])
  })

  it('keeps at most HISTORY_LIMIT steps', () => {
    const h = emptyHistory()
    for (let i = 0; i < HISTORY_LIMIT + 10; i++) record(h, String(i), `k${i}`, i)
    expect(h.past.length).toBe(HISTORY_LIMIT)
    expect(h.past[0]).toBe('10')
  })
})
