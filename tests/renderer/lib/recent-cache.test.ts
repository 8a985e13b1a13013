import { describe, expect, it } from 'vitest'
import { keepRecent } from '../../../renderer/src/lib/recent-cache'

describe('keepRecent', () => {
  it('keeps the most recently kept ids, dropping the oldest beyond the bound; keeping again refreshes', () => {
    const kept: Record<string, { v: number }> = {}
    const order: string[] = []
    for (const id of ['a', 'b', 'c']) keepRecent(kept, order, id, { v: 1 }, 2)
    expect(Object.keys(kept).sort()).toEqual(['b', 'c'])
    keepRecent(kept, order, 'b', { v: 2 }, 2)
    keepRecent(kept, order, 'd', { v: 1 }, 2)
    expect(Object.keys(kept).sort()).toEqual(['b', 'd'])
    expect(kept.b.v).toBe(2)
    expect(order).toEqual(['b', 'd'])
  })
})
