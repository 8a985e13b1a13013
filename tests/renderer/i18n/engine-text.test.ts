// The engine's English texts shown in the app's language (renderer/src/i18n/engine-text.ts): each
// English template of the catalogue's `engine` section is unambiguous, and the texts the engine
// really writes (field problems of bad books, explanations of every shipped example on every
// venue, the notes of a run's events) are all recognised, so a reworded engine message fails here
// instead of silently showing English in Japanese or Chinese.
import { describe, expect, it } from 'vitest'
import { checkBook } from '../../../shared/engine/account/book-check'
import { computeMetrics } from '../../../shared/engine/account/metrics-report'
import { runCascade } from '../../../shared/engine/cascade'
import { solveAxis, type SolveSpec } from '../../../shared/engine/whatif'
import { checkDecimal } from '../../../shared/schemas/decimal-field'
import { parsePortfolioText, validatePortfolio } from '../../../shared/schemas/portfolio'
import type { Portfolio } from '../../../shared/model/portfolio'
import en from '../../../renderer/src/locales/en.json'
import { compileTemplate, matchEngineText, type EngineTextKind } from '../../../renderer/src/i18n/engine-text'
import { exampleBook, miniScenario, profile } from '../../shared/engine/cascade/support'
import { tJa, tZh } from '../translate'

const KINDS: EngineTextKind[] = ['issue', 'reply', 'note', 'formula']
const ENGLISH = en.engine as unknown as Record<EngineTextKind, Record<string, string>>

/** A template filled with distinct sample values, as the engine would fill it. */
function sample(message: string): string {
  let n = 0
  const values = new Map<string, string>()
  return message.replace(/\{\s*('([^']*)'|[A-Za-z0-9_]+)\s*\}/g, (_m, inner: string, literal: string | undefined) => {
    if (literal !== undefined) return literal
    if (!values.has(inner)) values.set(inner, `v${++n}x`)
    return values.get(inner)!
  })
}

function recognised(kind: EngineTextKind, texts: Iterable<string>): string[] {
  return [...new Set(texts)].filter((t) => matchEngineText(kind, t) === null)
}

describe('engine text templates', () => {
  for (const kind of KINDS) {
    it(`each ${kind} template is matched by its own sample, and only by itself`, () => {
      for (const [key, message] of Object.entries(ENGLISH[kind])) {
        const m = matchEngineText(kind, sample(message))
        expect({ key, matched: m?.key }).toEqual({ key, matched: key })
      }
    })
  }

  it('captures the values and renders them in each language, the field path left alone', () => {
    const text = 'unknown contract "FOOUSDT" for venue binance; known: BTCUSDT, DOGEUSDT'
    const m = matchEngineText('issue', text)
    expect(m).toEqual({ key: 'unknownContract', params: { symbol: 'FOOUSDT', venue: 'binance', known: 'BTCUSDT, DOGEUSDT' } })
    expect(tJa(`engine.issue.${m!.key}`, m!.params)).toBe('取引所 binance に銘柄 "FOOUSDT" はありません。使える銘柄: BTCUSDT, DOGEUSDT')
    expect(tZh(`engine.issue.${m!.key}`, m!.params)).toBe('交易所 binance 没有合约 "FOOUSDT"；可用合约: BTCUSDT, DOGEUSDT')
  })

  it('reads {a} repeated as the same value and {\'|\'} as a literal bar', () => {
    const { re } = compileTemplate("{a} and {a} of {'|'}x{'|'}")
    expect(re.test('1 and 1 of |x|')).toBe(true)
    expect(re.test('1 and 2 of |x|')).toBe(false)
  })
})

describe('what the engine really writes is recognised', () => {
  // The hedge book (a Hyperliquid book) on Binance's unified account: DOGE as collateral, USDT contracts.
  const shipped = exampleBook('hedge-book')
  const hedge: Portfolio = {
    ...shipped,
    venue: 'binance',
    marginMode: 'portfolio',
    prices: { ...shipped.prices, DOGE: '0.25' },
    wallet: [{ asset: 'DOGE', amount: '9000000' }],
    positions: shipped.positions.map((p) => ({ ...p, symbol: `${p.symbol}USDT` })),
  }
  const binance = profile('binance')

  it('field problems of bad books', () => {
    const bad: unknown[] = [
      { ...hedge, positions: [{ ...hedge.positions[0], qty: '-3', leverage: '0' }], marginMode: 'unified', extra: 1 },
      { ...hedge, positions: [{ ...hedge.positions[0], qty: undefined, notional: undefined }] },
      { ...hedge, positions: [{ ...hedge.positions[0], notional: '100' }] },
      { ...hedge, positions: [{ ...hedge.positions[0], isolatedMargin: '5' }] },
      { ...hedge, loops: [{ id: 'a', capital: '1', asset: 'USDe', borrow: 'USDe', ltv: '0.5', loops: 2 }, { id: 'a', capital: '1', asset: 'USDe', borrow: 'USDT', ltv: '0.5', loops: 2 }] },
      { ...hedge, name: '' },
      { ...hedge, wallet: 'x' },
      { ...hedge, prices: { BTC: 1.5 } },
      { ...hedge, prices: { BTC: '1e30' } },
      { ...hedge, format: 'cascade.portfolio/9' },
      { ...hedge, format: undefined },
    ]
    const messages: string[] = []
    for (const doc of bad) {
      const r = validatePortfolio(doc)
      if (!r.ok) messages.push(...r.issues.map((i) => i.message))
    }
    const notJson = parsePortfolioText('{ nope')
    if (!notJson.ok) messages.push(...notJson.issues.map((i) => i.message))
    for (const rule of ['positive', 'nonNegative', 'any', 'unitInterval'] as const) {
      for (const input of ['-3', 'abc', '0.0000000000000000001', '1234567890123456789', '1.00000000000000000000000000000000001']) {
        const r = checkDecimal(input, rule)
        if (!r.ok) messages.push(r.message)
      }
    }
    // The engine's limits: unknown contract, leverage above the bracket, unified venue, collateral, protocol, LTV.
    const limits: Portfolio[] = [
      { ...hedge, positions: [{ ...hedge.positions[0], symbol: 'FOOUSDT' }, { ...hedge.positions[0], leverage: '200' }, { ...hedge.positions[0], notional: '9000000000', qty: undefined }] },
      { ...hedge, venue: 'hyperliquid', positions: [], marginMode: 'portfolio' },
      // Hyperliquid's cross accounts take USDC only as margin.
      { ...hedge, venue: 'hyperliquid', positions: [], marginMode: 'cross' },
      { ...hedge, wallet: [{ asset: 'ZZZ', amount: '1' }], positions: [] },
      { ...hedge, positions: [], defi: [{ id: 'd', protocol: 'nope', supplies: [], borrows: [] }], loops: [{ id: 'l', capital: '1000', asset: 'USDe', borrow: 'USDT', ltv: '0.99', loops: 2 }, { id: 'm', capital: '1000', asset: 'ZZZ', borrow: 'USDT', ltv: '0.5', loops: 2 }] },
    ]
    const aave = profile('aave-v3')
    if (aave.kind !== 'lending' || binance.kind !== 'exchange') throw new Error('shipped profiles changed kind')
    const withLending = { ...binance, defi: { 'aave-v3': aave.lending } }
    for (const doc of limits) messages.push(...checkBook(doc, doc.venue === 'hyperliquid' ? profile('hyperliquid') : withLending).map((i) => i.message))
    const missing = computeMetrics({ ...hedge, prices: {} }, binance)
    if (!missing.ok) messages.push(...missing.issues.map((i) => i.message))
    expect(messages.length).toBeGreaterThan(20)
    expect(recognised('issue', messages)).toEqual([])
  })

  it('the explanation of every figure of the shipped examples on every venue', () => {
    const formulas: string[] = []
    const cases: Array<[Portfolio, string]> = [
      [hedge, 'binance'],
      [{ ...hedge, venue: 'bybit' }, 'bybit'],
      [{ ...hedge, venue: 'okx', marginMode: 'cross' }, 'okx'],
      [{ ...hedge, marginMode: 'isolated', positions: hedge.positions.map((p) => ({ ...p, isolatedMargin: '100000' })) }, 'binance'],
      [{ ...hedge, venue: 'hyperliquid', marginMode: 'cross', wallet: [{ asset: 'USDC', amount: '3000000' }], positions: hedge.positions.map((p) => ({ ...p, symbol: p.symbol.replace('USDT', ''), leverage: '3' })) }, 'hyperliquid'],
      [exampleBook('market-maker'), 'binance'],
      [exampleBook('usde-loop'), 'aave-v3'],
    ]
    for (const [book, venue] of cases) {
      const r = computeMetrics(book, profile(venue), { explain: true })
      expect(r.ok, JSON.stringify(!r.ok && r.issues)).toBe(true)
      if (r.ok) formulas.push(...Object.values(r.value.explain ?? {}).map((e) => e.formula))
    }
    expect(recognised('formula', formulas)).toEqual([])
  })

  it("the notes of a run's events", { timeout: 60_000 }, () => {
    const notes: string[] = []
    for (const [book, venue] of [
      [hedge, 'binance'],
      [exampleBook('market-maker'), 'binance'],
      [{ ...hedge, venue: 'bybit' }, 'bybit'],
      // The vault's own events (below its maintenance, what it cannot take over) and re-hedges.
      [shipped, 'hyperliquid'],
    ] as const) {
      const r = runCascade({ portfolio: book, venue: profile(venue), lending: profile('aave-v3'), scenario: miniScenario({ drop: 0.38, insuranceFund: '100000', circuitBreaker: true }) })
      notes.push(...r.events.map((e) => e.note).filter((n): n is string => typeof n === 'string').map((n) => n.replace(/ since \S+$/, '')))
    }
    expect(new Set(notes).size).toBeGreaterThan(8)
    expect(recognised('note', notes)).toEqual([])
  })

  it("a solve's notes when it has no answer (the app shows them)", async () => {
    const verdict = (survived: boolean) => ({ survived, finalEquity: '0', odds: null, binding: null })
    const run = (spec: Partial<SolveSpec>, survives: boolean) =>
      solveAxis({ kind: 'collateral', lo: '0', hi: null, firstSpan: '1000', max: '1e6', step: null, probes: 4, ...spec }, async (values) => values.map(() => verdict(survives)))
    const notes = [(await run({}, false)).note, (await run({ kind: 'withdrawal', hi: '0.999', firstSpan: '1', max: '0.999' }, false)).note]
    expect(notes[0]).toMatch(/^fails even at/)
    expect(notes[1]).toMatch(/^fails at 0 already/)
    expect(recognised('note', notes)).toEqual([])
  })
})
