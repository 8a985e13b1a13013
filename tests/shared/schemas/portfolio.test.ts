import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { describeIssue } from '../../../shared/model/issues'
import { parsePortfolioText, portfolioJsonSchema, validatePortfolio } from '../../../shared/schemas/portfolio'

const fixtures = join(__dirname, '../../fixtures/portfolios')
const exampleText = readFileSync(join(fixtures, 'formats-example.json'), 'utf8')
const example = () => JSON.parse(exampleText) as Record<string, any>

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

  // Each malformed file is refused with the path of the bad field and what was expected there.
  const malformed: Array<[string, (d: Record<string, any>) => unknown, string]> = [
    ['a negative size', (d) => { d.positions[0].qty = '-3' }, 'positions[0].qty: must be a positive decimal, got "-3"'],
    ['a zero entry price', (d) => { d.positions[1].entryPrice = '0' }, 'positions[1].entryPrice: must be a positive decimal, got "0"'],
    ['NaN as text', (d) => { d.positions[0].leverage = 'NaN' }, 'positions[0].leverage: must be a positive decimal, got "NaN"'],
    ['a huge number', (d) => { d.wallet[0].amount = '1' + '0'.repeat(30) }, 'wallet[0].amount: is too large: at most 18 digits before the point'],
    ['a dust amount past a wei', (d) => { d.wallet[0].amount = '0.0000000000000000001' }, 'wallet[0].amount: is too small: a non-zero value must be at least 0.000000000000000001 (1e-18)'],
    ['exponent text in a string', (d) => { d.prices.BTC = '1.2e5' }, 'prices.BTC: must be a positive decimal, got "1.2e5"'],
    ['an unsafe JS number (not from a file)', (d) => { d.prices.ETH = 4300.123 }, 'prices.ETH: must be a positive decimal written as a string (e.g. "4300.123") so it stays exact, got 4300.123'],
    ['both qty and notional', (d) => { d.positions[0].notional = '100' }, 'positions[0].notional: give qty or notional, not both'],
    ['neither qty nor notional', (d) => { delete d.positions[1].notional }, 'positions[1].qty: required (or give notional instead)'],
    ['an unknown side', (d) => { d.positions[0].side = 'buy' }, 'positions[0].side: must be one of "long", "short", got "buy"'],
    ['an unknown margin mode', (d) => { d.marginMode = 'unified' }, 'marginMode: must be one of "cross", "isolated", "portfolio", got "unified"'],
    ['a missing name', (d) => { delete d.name }, 'name: required'],
    ['an empty name', (d) => { d.name = '   ' }, 'name: must not be empty'],
    ['a misspelt field', (d) => { d.positions[0].qyt = d.positions[0].qty }, 'positions[0].qyt: unknown field'],
    ['a lowercase symbol', (d) => { d.positions[0].symbol = 'btcusdt' }, 'positions[0].symbol: must be a contract symbol such as BTCUSDT, got "btcusdt"'],
    ['duplicate position ids', (d) => { d.positions[1].id = 'btc' }, 'positions[1].id: duplicate id "btc" (also positions[0])'],
    ['isolated margin in cross mode', (d) => { d.positions[0].isolatedMargin = '1000' }, 'positions[0].isolatedMargin: only allowed when marginMode is "isolated", not "cross"'],
    ['an LTV of 1', (d) => { d.loops[0].ltv = '1' }, 'loops[0].ltv: must be a decimal between 0 and 1 (exclusive), got "1"'],
    ['a fractional loop count', (d) => { d.loops[0].loops = 2.5 }, 'loops[0].loops: must be a whole number, got 2.5'],
    ['a loop borrowing what it supplies', (d) => { d.loops[0].borrow = 'USDe' }, 'loops[0].borrow: must differ from the supplied asset'],
    ['a negative DeFi borrow', (d) => { d.defi[0].borrows[0].amount = '-1' }, 'defi[0].borrows[0].amount: must be a decimal >= 0, got "-1"'],
    ['positions not a list', (d) => { d.positions = {} }, 'positions: must be a list, got an object'],
    ['a newer format version', (d) => { d.format = 'cascade.portfolio/2' }, 'format: unsupported version "cascade.portfolio/2": this Cascade reads cascade.portfolio/1'],
    ['another format', (d) => { d.format = 'cascade.scenario/1' }, 'format: must be "cascade.portfolio/1", got "cascade.scenario/1"'],
    ['a bad asset ticker in prices', (d) => { d.prices['BTC/USD'] = '1' }, 'prices.BTC/USD: must be an asset ticker such as BTC or USDe'],
    ['not an object at all', () => [1, 2], 'must be a JSON object (a cascade.portfolio/1 document)'],
  ]

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
