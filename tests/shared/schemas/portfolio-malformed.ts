// Malformed portfolios, each with the start of the issue the schema gives: the reference example
// of docs/FORMATS.md §2.5 broken one field at a time. portfolio.test.ts checks the messages;
// portfolio-fast-path.test.ts checks that the fast path leaves every one of them to the schema.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'

const fixtures = join(__dirname, '../../fixtures/portfolios')
export const exampleText = readFileSync(join(fixtures, 'formats-example.json'), 'utf8')
export const example = () => JSON.parse(exampleText) as Record<string, any>

// Each malformed file is refused with the path of the bad field and what was expected there.
export const malformed: Array<[string, (d: Record<string, any>) => unknown, string]> = [
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
