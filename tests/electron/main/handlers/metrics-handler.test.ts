// portfolio:metrics remembers what it derived from a book's fields (decimal verdicts, position
// inputs, parsed entries, figures at a mark) by their content, since every call brings a fresh copy
// over IPC. An edited book must be priced from its new fields exactly as an engine that never saw
// the old one prices it: each edit below is answered by the warm handler and by a fresh instance
// of every module (vi.resetModules), and the replies must be the same bytes.
import { join } from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import { benchBook } from '../../../../bench/metrics'
import { portfolioHandlers } from '../../../../electron/main/handlers/portfolio-handlers'
import { createVenueCatalog } from '../../../../electron/main/services/venue-catalog'
import type { PortfolioRepository } from '../../../../electron/main/store/portfolio-repository'
import type { Portfolio } from '../../../../shared/model/portfolio'

const venuesDir = join(__dirname, '../../../../resources/venues')
const warm = portfolioHandlers({} as PortfolioRepository, createVenueCatalog(venuesDir), '')['portfolio:metrics']
const copy = (doc: Portfolio): Portfolio => JSON.parse(JSON.stringify(doc)) as Portfolio

async function cold(doc: Portfolio): Promise<string> {
  vi.resetModules()
  const handlers = await import('../../../../electron/main/handlers/portfolio-handlers')
  const catalog = await import('../../../../electron/main/services/venue-catalog')
  const metrics = handlers.portfolioHandlers({} as PortfolioRepository, catalog.createVenueCatalog(venuesDir), '')['portfolio:metrics']
  return JSON.stringify(metrics({ doc: copy(doc) }))
}

/** What is edited, how, and in which margin modes the figures change (cross ignores leverage; a respelt decimal is the same value). */
type Edit = [string, (d: Portfolio) => void, ...('cross' | 'isolated')[]]
const both = ['cross', 'isolated'] as const

const edits: Edit[] = [
  ['a leverage', (d) => void (d.positions[3].leverage = '7'), 'isolated'],
  ['a leverage above the bracket maximum (refused)', (d) => void (d.positions[3].leverage = '120'), ...both],
  ['an entry price', (d) => void (d.positions[5].entryPrice = String(Number(d.positions[5].entryPrice) * 1.01)), ...both],
  ['a size given as qty instead of notional', (d) => {
    const p = d.positions[7]
    p.qty = '0.5'
    delete p.notional
  }, ...both],
  ['a contract', (d) => void (d.positions[9].symbol = d.positions[9].symbol === 'ETHUSDT' ? 'SOLUSDT' : 'ETHUSDT'), ...both],
  ['an unknown contract (refused)', (d) => void (d.positions[9].symbol = 'NOPEUSDT'), ...both],
  ['a side', (d) => void (d.positions[11].side = d.positions[11].side === 'long' ? 'short' : 'long'), ...both],
  ['an isolated margin', (d) => void (d.positions[2].isolatedMargin = '12345.5'), ...both],
  ['a mark', (d) => void (d.prices.BTC = '99000'), ...both],
  ['a wallet amount', (d) => void (d.wallet[0].amount = '12000000'), ...both],
  ['a decimal spelt differently (same value)', (d) => void (d.positions[3].leverage = `${d.positions[3].leverage}.000`)],
  ['two positions with the same fields but their ids', (d) => void (d.positions[1] = { ...d.positions[0], id: 'twin' }), ...both],
]

describe('portfolio:metrics on an edited book', () => {
  for (const mode of ['cross', 'isolated'] as const) {
    it.each(edits)(`${mode}: %s is priced as by a cold engine`, async (_what, edit, ...changes) => {
      const book = benchBook(40, mode, 'notional', 11)
      warm({ doc: copy(book) })
      const edited = copy(book)
      edit(edited)
      const answer = JSON.stringify(warm({ doc: copy(edited) }))
      const before = JSON.stringify(warm({ doc: copy(book) }))
      if (changes.includes(mode)) expect(answer).not.toBe(before)
      else expect(answer).toBe(before)
      expect(JSON.stringify(warm({ doc: copy(edited) }))).toBe(answer)
      expect(await cold(edited)).toBe(answer)
    })
  }
})
