// The run report: a self-contained page (no script, no external resource), every user text
// escaped, the input hash printed beside the very text it hashes, the what-if changes (or none),
// the user's liquidation path with its causes, three charts, in English, Japanese and Chinese.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { scenarioNameIn } from '../../../shared/i18n/scenario-names'
import type { CascadeEvent, RunSeries, RunSummary } from '../../../shared/model/run'
import { unCalibratedName } from '../../../shared/model/scenario'
import { runInputHash } from '../../../shared/report/input-hash'
import { buildReport, reportFileName, type ReportInput } from '../../../shared/report/report-html'
import { esc } from '../../../shared/report/report-format'
import { REPORT_LANGS, REPORT_STRINGS } from '../../../shared/report/report-strings'
import { sha256OfText } from '../../../shared/report/sha256'
import { parseScenarioText } from '../../../shared/schemas/scenario'
import { binanceHedgeBook } from '../engine/cascade/support'

const root = join(__dirname, '../../..')
function parsed<T>(r: { ok: true; value: T } | { ok: false }): T {
  if (!r.ok) throw new Error('fixture does not parse')
  return r.value
}
// The report's run is about a Binance unified-account hedge book: BTC and ETH long, a DOGE short
// hedge, DOGE as collateral (the shipped example before it moved to Hyperliquid).
const book = { value: binanceHedgeBook() }
const scenario = { value: parsed(parseScenarioText(readFileSync(join(root, 'resources/scenarios/2025-10-10.json'), 'utf8'))) }

const START = Date.parse('2025-10-10T20:00:00Z')
const minutes = Array.from({ length: 151 }, (_, i) => i)
const series: RunSeries = {
  t: minutes.map((m) => new Date(START + m * 60_000).toISOString()),
  prices: { BTC: minutes.map((m) => 122000 * (1 - 0.14 * Math.min(1, m / 80))), DOGE: minutes.map((m) => 0.25 * (1 - 0.6 * Math.min(1, m / 80))), USDT: minutes.map(() => 1) },
  depth: {},
  insuranceFund: minutes.map((m) => 1e9 - m * 1e6),
  openInterest: minutes.map(() => 0),
  user: { equity: minutes.map((m) => 1.9e6 - m * 1e4), marginRatio: minutes.map((m) => 0.2 + m / 100), effectiveLeverage: minutes.map(() => 2), adlLights: {} },
}

const events: CascadeEvent[] = [
  { id: 1, t: '2025-10-10T20:40:00Z', kind: 'shock', account: 'market', asset: 'BTC', causes: [] },
  { id: 2, t: '2025-10-10T21:19:00Z', kind: 'liquidation', account: 'c000001', symbol: 'BTCUSDT', position: 'BTCUSDT', causes: [1] },
  { id: 3, t: '2025-10-10T21:19:00Z', kind: 'liquidation', account: 'c000002', symbol: 'BTCUSDT', position: 'BTCUSDT', causes: [1] },
  { id: 4, t: '2025-10-10T21:19:44Z', kind: 'margin-call', account: 'user', amounts: { equity: '40528.08' }, causes: [2, 3] },
  { id: 5, t: '2025-10-10T21:19:44Z', kind: 'liquidation', account: 'user', position: 'btc', symbol: 'BTCUSDT', asset: 'BTC', side: 'long', qty: '40.98360656', price: '104875.5268', amounts: { notional: '4298177.33' }, causes: [2, 4] },
  { id: 8, t: '2025-10-10T21:19:44Z', kind: 'liquidation', account: 'user', asset: 'DOGE', side: 'long', qty: '9000000', price: '0.0757', amounts: { proceeds: '681436.24' }, causes: [5] },
  { id: 6, t: '2025-10-10T21:21:00Z', kind: 'adl', account: 'user', position: 'doge', symbol: 'DOGEUSDT', asset: 'DOGE', side: 'short', qty: '1000000', price: '0.1', amounts: { profitLost: '150000' }, causes: [3] },
  { id: 7, t: '2025-10-10T21:21:00Z', kind: 'adl', account: 'user', position: 'doge', symbol: 'DOGEUSDT', asset: 'DOGE', side: 'short', qty: '500000', price: '0.1', amounts: { profitLost: '75000.5' }, causes: [3] },
]

const summary: RunSummary = {
  venue: 'binance',
  pricing: 'book',
  collateralPricing: 'market',
  calibrated: true,
  calibrationNote: '2025-10-10-binance, calibrated for binance',
  crowdSize: 100000,
  survived: false,
  firstMarginCall: '2025-10-10T21:19:44Z',
  firstLiquidation: '2025-10-10T21:19:44Z',
  startEquity: '1900000',
  finalEquity: '400000',
  loss: { price: '1200000', slippage: '60000', fees: '15000', profitLostToAdl: '225000.5', total: '1500000.5' },
  firstAdlAt: '2025-10-10T21:21:00Z',
  userAdl: [{ eventId: 6, t: '2025-10-10T21:21:00Z', position: 'doge', qty: '1500000', price: '0.1', profitLost: '225000.5' }],
  crowd: { accounts: 120000, liquidatedAccounts: 4321, liquidatedNotional: '14200000000', liquidatedLongShare: '0.87', adlCount: 310, adlAccounts: 200, adlNotional: '1000000', liquidations: 5000, rehedges: 12, openInterest: { start: '60000000000', end: '40000000000' }, absorbedBy: { insuranceFund: '2000000', adl: '1000000', unrecovered: '0' } },
  insuranceFund: { start: '1000000000', end: '850000000', min: '849000000' },
  insuranceFunds: [],
  insuranceFundSource: 'venue',
  assets: {},
  steps: 9000,
  elapsedMs: 1234,
}

function input(over: Partial<ReportInput> = {}): ReportInput {
  return {
    lang: 'en',
    inputs: { book: book.value, scenario: scenario.value, seed: 28, options: { pricing: 'book' } },
    summary,
    series,
    pathEvents: events,
    venue: { id: 'binance', name: 'Binance', snapshot: '2025-10', unconfirmed: 3 },
    generator: 'Cascade 0.1.0',
    generatedAt: '2026-01-02T03:04:05Z',
    runId: 'run-1',
    ...over,
  }
}

const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&')

describe('the run report', () => {
  it('is self-contained: no script, no external resource, a CSP that allows neither', () => {
    const { html } = buildReport(input())
    expect(html).toMatch(/^<!doctype html>/)
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`)
    // Sources print as text (the scenario's notes cite URLs); nothing is fetched: no element or attribute loads one.
    expect(html).not.toMatch(/<script|<link|<iframe|<object|<embed|<img|\bsrc=|\bhref=|url\(|@import/i)
  })

  it('escapes every text a user or a document wrote: names, descriptions, what-if values', () => {
    const evil = `<script>alert("x")</script><img src=x onerror=alert(1)> & 'q'`
    const r = buildReport(
      input({
        inputs: { book: { ...book.value, name: evil }, scenario: { ...scenario.value, name: evil, description: `</pre>${evil}` }, seed: 28, options: { pricing: 'book' } },
        set: [{ axis: 'scenario.name', value: evil }],
        venue: { id: 'mine', name: evil, snapshot: evil, unconfirmed: 0 },
        generator: evil,
      }),
    )
    expect(r.html).not.toMatch(/<script|<img|onerror=alert\(1\)>/i)
    expect(r.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;')
    expect(r.html).toContain('&amp; &#39;q&#39;')
    // The name's own characters never reach the file name.
    expect(r.fileName).toMatch(/^[A-Za-z0-9._-]+$/)
  })

  it("names the venue with its rules' date once", () => {
    expect(buildReport(input()).html).toContain('Binance <span class="muted">(binance, rules as of 2025-10)</span>')
    // A profile whose name already holds its snapshot: the date is not written twice.
    const named = buildReport(input({ venue: { id: 'hyperliquid', name: 'Hyperliquid perpetuals (USDC), snapshot 2025-10', snapshot: '2025-10', unconfirmed: 0 } })).html
    expect(named).toContain('Hyperliquid perpetuals (USDC), snapshot 2025-10 <span class="muted">(hyperliquid)</span>')
  })

  it('prints the input hash beside the canonical text it is the SHA-256 of, so a reader can check it', () => {
    const r = buildReport(input())
    expect(r.inputHash).toBe(runInputHash(input().inputs))
    expect(r.html).toContain(`<span class="hash" data-testid="input-hash">${r.inputHash}</span>`)
    expect(r.html).toContain(`<meta name="cascade-input-sha256" content="${r.inputHash}">`)
    const text = unescape(/<pre class="inputs">([\s\S]*?)<\/pre>/.exec(r.html)![1])
    expect(sha256OfText(text)).toBe(r.inputHash)
    // The book and scenario shown for re-running are the documents that were hashed.
    const bookShown = JSON.parse(unescape(/<summary>book\.json<\/summary><pre>([\s\S]*?)<\/pre>/.exec(r.html)![1]))
    expect(runInputHash({ ...input().inputs, book: bookShown })).toBe(r.inputHash)
    expect(r.html).toContain('cascade report book.json --scenario scenario.json --seed 28 --out report.html')
  })

  it('lists the what-if changes given, and says none when there are none', () => {
    expect(buildReport(input()).html).toContain('none (the scenario as named)')
    const r = buildReport(input({ set: [{ axis: 'shock.BTC', value: '-0.2' }, { axis: 'crowd.accounts', value: '20000' }] }))
    expect(r.html).toContain('<li><code>shock.BTC=-0.2</code></li><li><code>crowd.accounts=20000</code></li>')
    expect(r.html).not.toContain('none (the scenario as named)')
  })

  it('shows the summary, each position, three charts and the path of the book with its causes', () => {
    const { html } = buildReport(input())
    expect(html).toContain('data-verdict="liquidated"')
    expect(html).toContain('<tr><th>Final equity</th><td><b>400,000.00</b></td></tr>')
    expect(html).toContain('-1,500,000.00 (-78.9%)')
    expect(html).toContain('<tr class="total"><th>Total loss</th><td>1,500,000.50</td>')
    expect(html).toContain('21:19:44 UTC <span class="muted">+1h 19m 44s</span>')
    expect(html.match(/<svg /g)).toHaveLength(3)
    // The fund's chart starts at zero: a small dip is not drawn as a cliff.
    const fundSvg = html.slice(html.lastIndexOf('<svg '))
    expect(fundSvg).toMatch(/text-anchor="end" fill="#5a6677">0<\/text>/)
    // Markers a few pixels apart share one label (printed apart they overprinted each other).
    expect(html).toContain('>margin call · liquidation btc, DOGE · ADL doge</text>')
    // The two ADL fills of one step are one row, summed; its cause is a crowd liquidation.
    const adlRow = /<tr><td class="num">21:21:00<\/td>[\s\S]*?<\/tr>/.exec(html)![0]
    expect(adlRow).toContain('ADL <b>doge short</b>')
    expect(adlRow).toContain('1,500,000')
    expect(adlRow).toContain('225,000.50 <span class="muted">vs mark at ADL</span>')
    expect(adlRow).toContain('liquidation BTCUSDT')
    const liqRow = /<tr><td class="num">21:19:44<\/td><td class="num muted">\+1h 19m 44s<\/td><td class="k-liquidation">[\s\S]*?<\/tr>/.exec(html)![0]
    expect(liqRow).toContain('liquidation BTCUSDT · margin call ★')
    // A liquidation of no position is the account's collateral being sold.
    expect(html).toContain('<td class="k-liquidation">collateral sold: DOGE <b></b></td><td class="num">9,000,000</td>')
    expect(html).toContain('681,436.24 <span class="muted">proceeds</span>')
    expect(html).toMatch(/<td>btc<\/td><td>BTCUSDT<\/td><td class="long">long<\/td>[\s\S]*?liquidated 21:19:44/)
    // The quantity column holds a quantity: a position given by its notional shows notional / entry, then the notional.
    expect(html).toContain('<td class="long">long</td><td class="num">40.98360656 (5,000,000.00 USD)</td>')
    expect(html).toContain('Venue rules: Binance (2025-10); 3 of the profile&#39;s figures are assumptions, not published values.')
    expect(html).toContain('★ marks a cause that is one of the book’s own events.')
  })

  it('says when nothing happened to the book', () => {
    const html = buildReport(input({ pathEvents: [], summary: { ...summary, survived: true, firstMarginCall: null, firstLiquidation: null, firstAdlAt: null, userAdl: [] } })).html
    expect(html).toContain('Nothing happened to the book')
    expect(html).toContain('data-verdict="survived"')
    expect(html).toContain('<tr><th>First liquidation</th><td><span class="muted">never</span></td></tr>')
  })

  it('is written in Japanese and Chinese with the field’s words', () => {
    const ja = buildReport(input({ lang: 'ja' })).html
    expect(ja).toContain('<html lang="ja">')
    expect(ja).toContain('強制清算')
    expect(ja).toContain('自動デレバレッジ')
    expect(ja).toContain('保険基金')
    expect(ja).toContain('--lang ja --out report.html')
    const zh = buildReport(input({ lang: 'zh-CN' })).html
    expect(zh).toContain('<html lang="zh-CN">')
    expect(zh).toContain('强制平仓')
    expect(zh).toContain('自动减仓')
    expect(zh).toContain('统一账户')
    expect(ja).toContain('統一アカウント')
    // Compact amounts and durations in the language's units, as the app writes them (14.2B is 142億).
    expect(ja).toContain('>142億</td>')
    expect(ja).toContain('+1時間19分44秒')
    expect(zh).toContain('142亿')
    expect(zh).toContain('+1小时19分钟44秒')
    expect(buildReport(input()).html).toContain('+1h 19m 44s')
  })

  it("names a shipped preset in the report's language, and a scenario the user named as written", () => {
    // The 2025-10-10 preset as the app shows it in each language (shared/i18n/scenario-names.json).
    const jaName = scenarioNameIn('ja', scenario.value)
    expect(jaName).not.toBe(scenario.value.name)
    const ja = buildReport(input({ lang: 'ja' })).html
    expect(ja).toContain(`<b>${esc(jaName)}</b>`)
    expect(ja).not.toContain(`<b>${esc(scenario.value.name)}</b>`)
    expect(buildReport(input({ lang: 'zh-CN' })).html).toContain(`<b>${esc(scenarioNameIn('zh-CN', scenario.value))}</b>`)
    expect(buildReport(input()).html).toContain(`<b>${esc(scenario.value.name)}</b>`)
    // A date's market on a venue without its preset: both parts translated.
    const onBybit = { ...scenario.value, name: unCalibratedName(scenario.value.name, 'Bybit') }
    const html = buildReport(input({ lang: 'ja', inputs: { ...input().inputs, scenario: onBybit } })).html
    expect(html).toContain(`<b>${esc(`${jaName}（Bybit、未較正）`)}</b>`)
    // A what-if the user renamed stays as written.
    const mine = { ...scenario.value, name: 'My deeper crash' }
    expect(buildReport(input({ lang: 'ja', inputs: { ...input().inputs, scenario: mine } })).html).toContain('<b>My deeper crash</b>')
  })

  it('has the same words to say in every language (keys and the shape of each entry)', () => {
    const shape = (v: unknown): unknown => (typeof v === 'function' ? 'fn' : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, shape(x)]).sort()) : typeof v)
    for (const lang of REPORT_LANGS) expect(shape(REPORT_STRINGS[lang])).toEqual(shape(REPORT_STRINGS.en))
  })

  it('lists at most a hundred positions and two hundred path rows, counting the rest; leaves the inputs out for print', () => {
    const many = Array.from({ length: 250 }, (_, i) => ({ id: `p${i}`, symbol: 'BTCUSDT', side: 'long' as const, qty: '1', entryPrice: '100000', leverage: '2' }))
    const liqs: CascadeEvent[] = many.map((p, i) => ({ id: 1000 + i, t: new Date(Date.parse('2025-10-10T21:00:00Z') + i * 1000).toISOString(), kind: 'liquidation', account: 'user', position: p.id, asset: 'BTC', qty: '1', causes: [] }))
    const html = buildReport(input({ inputs: { ...input().inputs, book: { ...book.value, positions: many } }, pathEvents: liqs })).html
    expect(html.match(/<td>p\d+<\/td><td>BTCUSDT<\/td>/g)).toHaveLength(100)
    expect(html).toContain('… and 150 more positions (the whole book is in book.json below).')
    expect(html).toContain('… and 50 more of the book&#39;s events')
    const printed = buildReport(input({ embedInputs: false })).html
    expect(printed).not.toContain('<details>')
    expect(printed).toContain('cascade report book.json --scenario scenario.json --seed 28')
  })

  it('names its file after the book, scenario and seed', () => {
    expect(reportFileName('Hedge book', '2025-10-10', 28)).toBe('Hedge-book-2025-10-10-seed28.report.html')
    expect(reportFileName('強制清算', '../x', 1)).toBe('_-.._x-seed1.report.html')
  })
})
