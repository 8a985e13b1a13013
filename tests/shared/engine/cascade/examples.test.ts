// The example books (resources/examples/, offered as templates in the app): each is a valid
// cascade.portfolio/1 document that covers its initial margin, runs under the 2025-10-10 preset,
// and tells the story its README gives.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runCascade, validateCascadeInput } from '../../../../shared/engine/cascade'
import { computeMetrics } from '../../../../shared/engine/account/metrics-report'
import { venueWithLending } from '../../../../shared/engine/cascade/validate'
import { validatePortfolio } from '../../../../shared/schemas/portfolio'
import { exampleBook, preset, profile } from './support'

const dir = join(__dirname, '../../../../resources/examples')
const files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort()
const readme = readFileSync(join(dir, 'README.md'), 'utf8')
const scenario = preset('2025-10-10')

describe('example books', () => {
  it('ships the three examples, each documented', () => {
    expect(files).toEqual(['hedge-book.json', 'market-maker.json', 'usde-loop.json'])
    for (const f of files) expect(readme).toContain(`\`${f}\``)
  })

  it.each(files)('%s is a valid portfolio the metrics engine and the run accept', (f) => {
    const parsed = validatePortfolio(JSON.parse(readFileSync(join(dir, f), 'utf8')))
    expect(parsed.ok ? [] : parsed.issues).toEqual([])
    const book = exampleBook(f.replace(/\.json$/, ''))
    const venue = profile(book.venue)
    expect(validateCascadeInput({ portfolio: book, venue, lending: profile('aave-v3'), scenario })).toEqual([])
    const m = computeMetrics(book, venueWithLending(venue, profile('aave-v3')))
    expect(m.ok).toBe(true)
  })

  it('the USDe loop: 368,928 supplied, 268,928 borrowed; Aave prices USDe from its own feed, so the venue print leaves it alone', () => {
    const book = exampleBook('usde-loop')
    const m = computeMetrics(book, profile('aave-v3'))
    if (!m.ok) throw new Error('metrics')
    expect(Number(m.value.defi[0].healthFactor)).toBeCloseTo((368928 * 0.92) / 268928, 9)
    const r = runCascade({ portfolio: book, venue: profile('aave-v3'), lending: profile('aave-v3'), scenario })
    expect(r.summary.startEquity).toBe('100000')
    expect(r.summary.survived).toBe(true)
  }, 60_000)

  it('the market maker: its unified account is liquidated whole, selling staking tokens through their thin books', () => {
    const r = runCascade({ portfolio: exampleBook('market-maker'), venue: profile('binance'), lending: profile('aave-v3'), scenario })
    expect(r.summary.survived).toBe(false)
    const sales = r.events.filter((e) => e.account === 'user' && e.kind === 'liquidation' && !e.position).map((e) => e.asset)
    expect(sales).toContain('SOL')
    expect(sales).toContain('WBETH')
    const hedge = r.events.find((e) => e.account === 'user' && e.kind === 'liquidation' && e.position === 'sol-hedge')
    expect(hedge).toBeDefined()
  }, 60_000)
})
