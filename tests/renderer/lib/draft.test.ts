// The editor's draft <-> document mapping and validation-path -> cell mapping.
import { describe, expect, it } from 'vitest'
import { emptyPortfolio, type Portfolio } from '../../../shared/model/portfolio'
import { cellForPath, checkDraft, docFromDraft, draftFromDoc, freshName, issuesByCell, nextId, parseCount, sizeField, switchSize, type Draft } from '../../../renderer/src/lib/draft'

function book(): Portfolio {
  return {
    ...emptyPortfolio('Hedge book'),
    prices: { BTC: '122000', DOGE: '0.25' },
    wallet: [{ asset: 'USDT', amount: '2000000' }],
    positions: [
      { id: 'btc', symbol: 'BTCUSDT', side: 'long', qty: '40.98', entryPrice: '122000', leverage: '3' },
      { id: 'doge', symbol: 'DOGEUSDT', side: 'short', notional: '500000', entryPrice: '0.25', leverage: '15' },
    ],
    loops: [{ id: 'usde', capital: '100000', asset: 'USDe', borrow: 'USDT', ltv: '0.8', loops: 5 }],
  }
}

describe('draft <-> document', () => {
  it('keeps prices as ordered rows and round-trips the document', () => {
    const d = draftFromDoc(book())
    expect(d.prices).toEqual([
      { asset: 'BTC', mark: '122000' },
      { asset: 'DOGE', mark: '0.25' },
    ])
    expect(docFromDraft(d)).toEqual(book())
  })

  it('a valid draft checks ok and yields the normalised document', () => {
    const d = draftFromDoc(book())
    d.positions[0].qty = '40.980'
    const r = checkDraft(d)
    expect(r.ok).toBe(true)
    if (r.ok) expect(r.doc.positions[0].qty).toBe('40.98')
  })
})

describe('issues map to the cell that shows them', () => {
  it('a negative qty is reported on positions[i].qty with the wording of docs/FORMATS.md §1.3', () => {
    const d = draftFromDoc(book())
    d.positions[1] = { ...d.positions[1], notional: undefined, qty: '-3' }
    const r = checkDraft(d)
    expect(r.ok).toBe(false)
    expect(r.issues).toEqual([{ path: 'positions[1].qty', cell: 'positions[1].qty', message: 'must be a positive decimal, got "-3"' }])
    expect(issuesByCell(r.issues).get('positions[1].qty')).toEqual(['must be a positive decimal, got "-3"'])
  })

  it('a bad price goes to the mark cell of its row, a bad ticker to the asset cell', () => {
    const d = draftFromDoc(book())
    d.prices[1].mark = '0'
    d.prices.push({ asset: 'B-TC', mark: '1' })
    const r = checkDraft(d)
    expect(r.issues).toEqual([
      { path: 'prices.DOGE', cell: 'prices[1].mark', message: 'must be a positive decimal, got "0"' },
      { path: 'prices.B-TC', cell: 'prices[2].asset', message: 'must be an asset ticker such as BTC or USDe' },
    ])
  })

  it('a repeated price asset is a problem on the later row (a map cannot hold both)', () => {
    const d = draftFromDoc(book())
    d.prices.push({ asset: 'BTC', mark: '1' })
    const r = checkDraft(d)
    expect(r.ok).toBe(false)
    expect(r.issues).toEqual([{ path: 'prices.BTC', cell: 'prices[2].asset', message: 'duplicate asset "BTC" (also row 1)' }])
  })

  it('a half-typed loop count stays text and is named by the validator', () => {
    const d: Draft = draftFromDoc(book())
    d.loops[0].loops = parseCount('5x')
    expect(checkDraft(d).issues).toEqual([{ path: 'loops[0].loops', cell: 'loops[0].loops', message: 'must be a number, got "5x"' }])
    expect(parseCount(' 7 ')).toBe(7)
  })

  it('document-level paths have no cell', () => {
    const d = draftFromDoc(book())
    expect(cellForPath('', d)).toEqual({ cell: null, keyProblem: false })
    expect(cellForPath('prices.ETH', d)).toEqual({ cell: null, keyProblem: false })
    expect(cellForPath('defi[0].supplies[1].amount', d).cell).toBe('defi[0].supplies[1].amount')
  })
})

describe('small helpers', () => {
  it('switches a position between qty and notional, keeping the text', () => {
    const p = { id: 'a', symbol: 'BTCUSDT', side: 'long' as const, qty: '2', entryPrice: '1', leverage: '1' }
    expect(sizeField(p)).toBe('qty')
    switchSize(p, 'notional')
    expect(p).toEqual({ id: 'a', symbol: 'BTCUSDT', side: 'long', notional: '2', entryPrice: '1', leverage: '1' })
    expect(sizeField(p)).toBe('notional')
  })

  it('picks the first free id and name', () => {
    expect(nextId('p', ['p1', 'p3'])).toBe('p2')
    expect(freshName('Untitled', [])).toBe('Untitled')
    expect(freshName('Untitled', ['Untitled', 'Untitled 2'])).toBe('Untitled 3')
  })
})

describe('a row not typed into yet', () => {
  it('is left out of the document, so the draft stays valid and nothing is red', () => {
    const d = draftFromDoc(book())
    d.positions.push({ id: 'p3', symbol: '', side: 'long', qty: '', entryPrice: '', leverage: '' })
    d.wallet.push({ asset: '', amount: '' })
    d.prices.push({ asset: '', mark: '' })
    d.loops.push({ id: 'loop2', capital: '', asset: '', borrow: '', ltv: '', loops: '' })
    d.defi.push({ id: 'defi1', protocol: '', supplies: [{ asset: '', amount: '' }], borrows: [] })
    const r = checkDraft(d)
    expect(r).toMatchObject({ ok: true, issues: [] })
    if (r.ok) expect(r.doc).toEqual(book())
  })

  it('counts from its first keystroke, and findings after a blank row land on the draft row', () => {
    const d = draftFromDoc(book())
    d.positions.splice(0, 0, { id: 'p3', symbol: '', side: 'long', qty: '', entryPrice: '', leverage: '' })
    d.positions[2].leverage = 'x'
    let r = checkDraft(d)
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.issues.map((i) => [i.path, i.cell])).toEqual([['positions[2].leverage', 'positions[2].leverage']])
    d.positions[0].symbol = 'B'
    r = checkDraft(d)
    if (!r.ok) expect(r.issues.map((i) => i.cell)).toEqual(expect.arrayContaining(['positions[0].qty', 'positions[0].entryPrice', 'positions[0].leverage', 'positions[2].leverage']))
  })

  it('maps a DeFi leg path through both levels', () => {
    const d = draftFromDoc(book())
    d.defi = [
      { id: 'blank', protocol: '', supplies: [], borrows: [] },
      { id: 'aave', protocol: 'aave-v3', supplies: [{ asset: '', amount: '' }, { asset: 'USDe', amount: '-1' }], borrows: [] },
    ]
    const r = checkDraft(d)
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.issues.map((i) => i.cell)).toEqual(['defi[1].supplies[1].amount'])
  })
})
