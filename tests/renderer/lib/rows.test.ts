// The row edits the editor's tables share (lib/rows.ts): each edit keyed like the cell it
// changes (undo coalesces by key), add appends and focuses the new row's first cell, nested
// lists (a DeFi position's legs) keyed by their full path.
import { describe, expect, it } from 'vitest'
import { emptyPortfolio } from '../../../shared/model/portfolio'
import { draftFromDoc, type Draft } from '../../../renderer/src/lib/draft'
import { rowEdits, type DraftEditor } from '../../../renderer/src/lib/rows'

/** Just what the edits use of the portfolios store: the open draft and `edit(key, mutate)`. */
function fakeStore(draft: Draft): { store: DraftEditor; keys: string[] } {
  const keys: string[] = []
  const store = {
    current: { draft },
    edit(key: string, mutate: (d: Draft) => void) {
      keys.push(key)
      mutate(draft)
    },
  }
  return { store, keys }
}

const none = (): void => {}

function draft(): Draft {
  const d = draftFromDoc(emptyPortfolio('Book'))
  d.wallet = [{ asset: 'USDT', amount: '100' }]
  d.defi = [{ id: 'defi-1', protocol: 'aave-v3', supplies: [{ asset: 'USDe', amount: '10' }], borrows: [] }]
  return d
}

describe('rowEdits', () => {
  it('sets a field under the cell key', () => {
    const d = draft()
    const { store, keys } = fakeStore(d)
    rowEdits(() => 'wallet', (x) => x.wallet, store, none).set(0, 'amount', '250')
    expect(d.wallet).toEqual([{ asset: 'USDT', amount: '250' }])
    expect(keys).toEqual(['wallet[0].amount'])
  })

  it('updates a row under a pseudo-cell key', () => {
    const d = draft()
    const { store, keys } = fakeStore(d)
    rowEdits(() => 'wallet', (x) => x.wallet, store, none).update(0, 'both', (r) => {
      r.asset = 'USDC'
      r.amount = '1'
    })
    expect(d.wallet).toEqual([{ asset: 'USDC', amount: '1' }])
    expect(keys).toEqual(['wallet[0].both'])
  })

  it('adds a row made from the others, then focuses its cell', async () => {
    const focused: string[] = []
    const d = draft()
    const { store, keys } = fakeStore(d)
    await rowEdits(() => 'wallet', (x) => x.wallet, store, (c) => focused.push(c)).add((rows) => ({ asset: `A${rows.length}`, amount: '' }), 'asset')
    expect(d.wallet[1]).toEqual({ asset: 'A1', amount: '' })
    expect(keys).toEqual(['wallet:add'])
    expect(focused).toEqual(['wallet[1].asset'])
  })

  it('removes a row', () => {
    const d = draft()
    const { store, keys } = fakeStore(d)
    rowEdits(() => 'wallet', (x) => x.wallet, store, none).remove(0)
    expect(d.wallet).toEqual([])
    expect(keys).toEqual(['wallet:remove'])
  })

  it('keys a nested list by its full path', async () => {
    const d = draft()
    const { store, keys } = fakeStore(d)
    const supplies = rowEdits(() => 'defi[0].supplies', (x) => x.defi[0].supplies, store, none)
    supplies.set(0, 'asset', 'sUSDe')
    await supplies.add(() => ({ asset: '', amount: '' }), 'asset')
    supplies.remove(1)
    expect(d.defi[0].supplies).toEqual([{ asset: 'sUSDe', amount: '10' }])
    expect(keys).toEqual(['defi[0].supplies[0].asset', 'defi[0].supplies:add', 'defi[0].supplies:remove'])
  })

  it('adds nothing when no portfolio is open', async () => {
    const { store, keys } = fakeStore(draft())
    await rowEdits(() => 'wallet', (x) => x.wallet, { ...store, current: null }, none).add(() => ({ asset: '', amount: '' }), 'asset')
    expect(keys).toEqual([])
  })
})
