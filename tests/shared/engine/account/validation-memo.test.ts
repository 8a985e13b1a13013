// computeMetrics remembers the validation of the last few documents by their JSON text
// (metrics-report.ts `validated`): the same document at new prices is not validated again, but an
// edit (in place or not) is, and a document that is not plain JSON is never taken from memory.
import { describe, expect, it } from 'vitest'
import { benchBook } from '../../../../bench/metrics'
import { computeMetrics } from '../../../../shared/engine/account/metrics-report'
import type { Portfolio } from '../../../../shared/model/portfolio'
import { exchange } from './support'

const venue = exchange('binance')

describe('validation remembered by document text', () => {
  it('gives the same report as a fresh validation, call after call', () => {
    const doc = benchBook(40, 'cross', 'notional', 3)
    const first = computeMetrics(doc, venue, { prices: { BTC: '118000' } })
    const again = computeMetrics(doc, venue, { prices: { BTC: '118000' } })
    const copy = computeMetrics(structuredClone(doc), venue, { prices: { BTC: '118000' } })
    expect(JSON.stringify(again)).toBe(JSON.stringify(first))
    expect(JSON.stringify(copy)).toBe(JSON.stringify(first))
  })

  it('a document edited in place after a call is validated again', () => {
    const doc = benchBook(10, 'cross', 'notional', 4)
    expect(computeMetrics(doc, venue).ok).toBe(true)
    ;(doc.positions[3] as { leverage: string }).leverage = 'ten'
    const r = computeMetrics(doc, venue)
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.issues.some((i) => i.path === 'positions[3].leverage')).toBe(true)
  })

  it('never answers from memory for what JSON text cannot tell apart', () => {
    const doc = benchBook(5, 'cross', 'notional', 5)
    expect(computeMetrics(doc, venue).ok).toBe(true)
    // An unknown key whose value is undefined: absent from the text, refused by the strict schema.
    const extra = { ...doc, positions: doc.positions.map((p, i) => (i === 0 ? { ...p, surprise: undefined } : p)) } as unknown as Portfolio
    expect(JSON.stringify(extra)).toBe(JSON.stringify(doc))
    expect(computeMetrics(extra, venue).ok).toBe(false)
    // A number that is not finite prints as null.
    const loops = { ...doc, loops: [{ ...doc.loops[0], loops: Number.NaN }] } as unknown as Portfolio
    expect(computeMetrics(loops, venue).ok).toBe(false)
  })
})
