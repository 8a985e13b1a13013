// A draft the format refuses survives a reload: stashed against the stored version it came from,
// offered back only while that version is still the stored one.
import { describe, expect, it } from 'vitest'
import { emptyPortfolio } from '../../../shared/model/portfolio'
import { draftFromDoc } from '../../../renderer/src/lib/draft'
import { clearStash, readStash, writeStash, type StashStorage } from '../../../renderer/src/lib/draft-stash'

function memory(): StashStorage & { data: Map<string, string> } {
  const data = new Map<string, string>()
  return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v), removeItem: (k) => void data.delete(k) }
}

const draft = () => {
  const d = draftFromDoc(emptyPortfolio('Book'))
  d.positions.push({ id: 'p1', symbol: 'BTCUSDT', side: 'long', qty: 'abc', entryPrice: '1', leverage: '2' })
  return d
}

describe('draft stash', () => {
  it('gives back the draft stashed against the same stored version', () => {
    const s = memory()
    writeStash(s, 'a', { draft: draft(), base: '2026-01-01T00:00:00Z', at: 5 })
    expect(readStash(s, 'a', '2026-01-01T00:00:00Z')).toEqual({ draft: draft(), base: '2026-01-01T00:00:00Z', at: 5 })
  })

  it('drops a stash made from an older stored version (the book changed elsewhere)', () => {
    const s = memory()
    writeStash(s, 'a', { draft: draft(), base: '2026-01-01T00:00:00Z', at: 5 })
    expect(readStash(s, 'a', '2026-01-02T00:00:00Z')).toBeNull()
    expect(s.data.size).toBe(0)
  })

  it('drops damaged or foreign text, and clears on request', () => {
    const s = memory()
    s.setItem('cascade.draft.a', '{"draft": 3}')
    expect(readStash(s, 'a', 'x')).toBeNull()
    s.setItem('cascade.draft.b', 'not json')
    expect(readStash(s, 'b', 'x')).toBeNull()
    writeStash(s, 'c', { draft: draft(), base: 'x', at: 1 })
    clearStash(s, 'c')
    expect(readStash(s, 'c', 'x')).toBeNull()
  })

  it('works without storage (nothing kept, nothing thrown)', () => {
    writeStash(null, 'a', { draft: draft(), base: 'x', at: 1 })
    expect(readStash(null, 'a', 'x')).toBeNull()
  })
})
