import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { describeIssue } from '../../../shared/model/issues'
import { parsePortfolioText, portfolioJsonSchema, validatePortfolio } from '../../../shared/schemas/portfolio'
import { example, exampleText, malformed } from './portfolio-malformed'

function issuesOf(mutate: (doc: Record<string, any>) => unknown): string[] {
  const doc = example()
  const replaced = mutate(doc)
  const r = validatePortfolio(replaced === undefined ? doc : replaced)
  if (r.ok) throw new Error('expected the document to be refused')
  return r.issues.map(describeIssue)
}

describe('cascade.portfolio/1', () => {
  it('accepts the reference portfolio of docs/FORMATS.md §2.5 and keeps every decimal as its string', () => {
    const r = parsePortfolioText(exampleText)
    expect(r.ok).toBe(true)
    if (!r.ok) return
    expect(r.value.positions[0]).toEqual({ id: 'btc', symbol: 'BTCUSDT', side: 'long', qty: '40.98', entryPrice: '122000', leverage: '3' })
    expect(r.value.loops[0].loops).toBe(5)
    expect(r.value.defi[0].supplies[0]).toEqual({ asset: 'USDe', amount: '368928' })
  })

  it('reads JSON numbers from their exact source text', () => {
    const text = exampleText.replace('"40.98"', '40.980').replace('"2000000"', '2e6').replace('"0.25" }', '0.1000000000000000000001 }')
    const r = parsePortfolioText(text)
    expect(r.ok && r.value.positions[0].qty).toBe('40.98')
    expect(r.ok && r.value.wallet[0].amount).toBe('2000000')
    expect(r.ok && r.value.prices.DOGE).toBe('0.1000000000000000000001')
  })

  it('refuses a decimal past the representable range with its path, instead of storing a thousand digits', () => {
    const text = exampleText.replace('"40.98"', '1e-1000')
    const r = parsePortfolioText(text)
    expect(!r.ok && r.issues.map(describeIssue)).toEqual([
      'positions[0].qty: is too small: a non-zero value must be at least 0.000000000000000001 (1e-18), got 1e-1000',
    ])
    const tiny = parsePortfolioText(exampleText.replace('"40.98"', '1e-18'))
    expect(tiny.ok && tiny.value.positions[0].qty).toBe('0.000000000000000001')
    expect(parsePortfolioText(exampleText.replace('"40.98"', '1e18')).ok).toBe(false)
  })

  it('fills omitted optional lists with empty ones', () => {
    const r = validatePortfolio({ format: 'cascade.portfolio/1', name: 'Min', venue: 'binance', marginMode: 'cross' })
    expect(r.ok && r.value).toMatchObject({ prices: {}, wallet: [], positions: [], loans: [], defi: [], loops: [] })
  })

  it.each(malformed)('refuses %s', (_what, mutate, expected) => {
    const issues = issuesOf(mutate)
    expect(issues.some((line) => line.startsWith(expected)), `got:\n${issues.join('\n')}`).toBe(true)
  })

  it('reports every problem of a file at once', () => {
    const issues = issuesOf((d) => {
      d.positions[0].qty = '-3'
      d.positions[1].side = 'flat'
      delete d.venue
    })
    expect(issues).toHaveLength(3)
  })

  it('refuses text that is not JSON, saying so', () => {
    const r = parsePortfolioText('{ "format": ')
    expect(r.ok).toBe(false)
    expect(!r.ok && r.issues[0].message).toMatch(/^not valid JSON/)
  })

  it('ships a JSON Schema generated from the validator', () => {
    const file = join(__dirname, '../../../shared/schemas/portfolio.schema.json')
    const generated = `${JSON.stringify(portfolioJsonSchema(), null, 2)}\n`
    if (process.env.UPDATE_SCHEMAS) writeFileSync(file, generated)
    expect(readFileSync(file, 'utf8')).toBe(generated)
  })
})
