// A run's one-page report as self-contained HTML (docs/FORMATS.md §6): the book, venue, scenario
// and its what-if changes, seed, summary, charts (inline SVG), the liquidation path, the
// assumptions, and the SHA-256 of the inputs with the inputs themselves, so anyone can re-run it
// and check the hash. No script, no external resource (a CSP meta tag says so to the browser), and
// every text that came from a user or a document is escaped. Pure: the app (and its PDF) and
// `cascade report` write the same page from the same run.
import { occurrences, type Occurrence } from '../compare/run-compare'
import { D } from '../decimal'
import { scenarioNameIn } from '../i18n/scenario-names'
import type { Portfolio } from '../model/portfolio'
import type { CascadeEvent, RunSeries, RunSummary } from '../model/run'
import { runInputHash, runInputsText, type RunInputs } from './input-hash'
import { compactTick, compactUsd, DASH, esc, money, percent, price, quantity, signedMoney, sinceStart, utc } from './report-format'
import { REPORT_STRINGS, type ReportLang, type ReportStrings } from './report-strings'
import { lineChartSvg, type SvgLine, type SvgMarker } from './svg-chart'

/** One what-if change given as `AXIS=VALUE` (`cascade report --set`), in the order given. */
export interface SetValue {
  axis: string
  value: string
}

export interface ReportInput {
  lang: ReportLang
  /** The book and scenario exactly as the engine ran them (what-if changes already applied), seed and options. */
  inputs: RunInputs
  /** What-if changes behind `inputs` (`--set`); absent or empty: the report says none. */
  set?: readonly SetValue[]
  summary: RunSummary
  series: RunSeries
  /** The user's events and every event they descend from (`liquidationPath`). */
  pathEvents: readonly CascadeEvent[]
  venue: { id: string; name: string; snapshot: string; /** Figures the profile marks as assumptions. */ unconfirmed: number }
  /** "Cascade 0.1.0". */
  generator: string
  generatedAt: string
  runId?: string | null
  /**
   * The book and the scenario written into the page for re-running (default true). The printed
   * PDF leaves them out (they are folded away on paper anyway) and keeps the command and the hash.
   */
  embedInputs?: boolean
}

/** The page's own policy: nothing may load or run; inline styles and data: images only. */
export const REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"

/** A one-page report lists at most this many positions and path rows; the rest are counted. */
export const REPORT_LIMITS = { positions: 100, pathRows: 200 } as const

export interface Report {
  html: string
  fileName: string
  inputHash: string
}

const COLORS = {
  text: '#1d2530',
  muted: '#5a6677',
  long: '#078a55',
  short: '#d0283f',
  warn: '#9a6700',
  accent: '#1f6feb',
  adl: '#ea580c',
  series: ['#d97706', '#4f46e5', '#059669', '#0284c7', '#c026d3', '#a16207', '#e11d48', '#65a30d', '#475569', '#db2777'],
}
const ASSET_INDEX: Record<string, number> = { BTC: 0, ETH: 1, SOL: 2, DOGE: 3, USDe: 4, BNB: 5, WBETH: 6, BNSOL: 7, ALTBASKET: 8 }
const STABLES = new Set(['USDT', 'USDC', 'USD', 'FDUSD', 'DAI', 'USDe'])

/** A file name from the book's name, the scenario and the seed (letters, digits, `.`, `_`, `-`). */
export function reportFileName(bookName: string, scenarioId: string, seed: number): string {
  const safe = (s: string, max: number) => s.replace(/[^A-Za-z0-9._ -]+/g, '_').trim().replace(/\s+/g, '-').slice(0, max)
  return `${safe(bookName, 48) || 'book'}-${safe(scenarioId, 64) || 'scenario'}-seed${seed}.report.html`
}

/** The assets of the book that the run priced: positions' bases, then wallet, loans, DeFi and loops. */
function bookAssets(book: Portfolio, priced: readonly string[]): string[] {
  const have = new Set(priced)
  const byLength = [...priced].sort((a, b) => b.length - a.length)
  const out: string[] = []
  const add = (a: string | undefined) => {
    if (a && have.has(a) && !STABLES.has(a) && !out.includes(a)) out.push(a)
  }
  for (const p of book.positions) add(byLength.find((a) => p.symbol.startsWith(a) && !STABLES.has(a)))
  for (const w of book.wallet) add(w.asset)
  for (const l of book.loans) add(l.asset)
  for (const d of book.defi) for (const x of [...d.supplies, ...d.borrows]) add(x.asset)
  for (const l of book.loops) for (const a of [l.asset, l.borrow]) add(a)
  return out.slice(0, 8)
}

const clockOf = (iso: string | null, withDate: boolean, start: string, s: ReportStrings, lang: ReportLang): string =>
  iso ? `${utc(iso, withDate)} UTC <span class="muted">${esc(sinceStart(Date.parse(iso) - Date.parse(start), lang))}</span>` : `<span class="muted">${esc(s.never)}</span>`

function row(label: string, value: string, cls = ''): string {
  return `<tr${cls ? ` class="${cls}"` : ''}><th>${esc(label)}</th><td>${value}</td></tr>`
}

/** What an occurrence is about: the position, else the asset, with the side when the event has one. */
function subjectOf(o: Occurrence, events: Map<number, CascadeEvent>, s: ReportStrings): string {
  if (o.kind === 'liquidation' && o.position === null && o.asset !== null) return ''
  const e = events.get(o.eventIds[0])
  const what = o.position ?? o.asset ?? ''
  const side = e?.side ? ` ${s.side[e.side]}` : ''
  return `${what}${side}`.trim()
}

/** The kind of an occurrence; a liquidation of no position is the account's collateral sold. */
function kindLabel(o: Occurrence, s: ReportStrings): string {
  return o.kind === 'liquidation' && o.position === null && o.asset !== null ? s.collateralSold(o.asset) : s.kinds[o.kind]
}

/** The amount that says most about an occurrence, summed over its events. */
function mainAmount(o: Occurrence, events: Map<number, CascadeEvent>, s: ReportStrings): string {
  const keys: Array<keyof ReportStrings['amountNames']> = o.kind === 'adl' ? ['profitLost'] : o.kind === 'bankrupt' ? ['deficit'] : o.kind === 'margin-call' ? ['equity'] : ['notional', 'proceeds', 'repaid']
  for (const k of keys) {
    let total = new D(0)
    let seen = false
    for (const id of o.eventIds) {
      const v = events.get(id)?.amounts?.[k]
      if (v !== undefined) {
        total = total.plus(v)
        seen = true
      }
    }
    if (seen) return `${money(total.toFixed())} <span class="muted">${esc(s.amountNames[k])}</span>`
  }
  return DASH
}

/** The direct causes of an occurrence, grouped by kind and subject: "12× liquidation BTCUSDT · price shock BTC". */
function causesOf(o: Occurrence, events: Map<number, CascadeEvent>, s: ReportStrings): string {
  const own = new Set(o.eventIds)
  const groups = new Map<string, number>()
  for (const id of o.eventIds) {
    for (const c of events.get(id)?.causes ?? []) {
      if (own.has(c)) continue
      const e = events.get(c)
      if (!e) continue
      const mine = e.account === 'user'
      const subject = e.position ?? e.symbol ?? e.asset ?? ''
      const key = `${s.kinds[e.kind]}${subject ? ` ${subject}` : ''}${mine ? ' ★' : ''}`
      groups.set(key, (groups.get(key) ?? 0) + 1)
    }
  }
  const list = [...groups.entries()].map(([k, n]) => (n > 1 ? `${n}× ${k}` : k))
  if (!list.length) return DASH
  const shown = list.slice(0, 4).map(esc).join(' · ')
  return list.length > 4 ? `${shown} · +${list.length - 4}` : shown
}

function markers(occ: readonly Occurrence[], s: ReportStrings): SvgMarker[] {
  const out: Array<SvgMarker & { kind: string }> = []
  let call = false
  for (const o of occ) {
    const kind = o.kind === 'adl' ? 'adl' : o.kind === 'margin-call' ? 'call' : o.kind === 'liquidation' || o.kind === 'defi-liquidation' || o.kind === 'bankrupt' ? 'liq' : null
    if (!kind) continue
    if (kind === 'call') {
      if (call) continue
      call = true
    }
    const t = Date.parse(o.t)
    const what = o.position ?? o.asset ?? ''
    const near = out.find((m) => m.kind === kind && Math.abs(m.t - t) <= 60_000)
    if (near) {
      if (what && !near.label.includes(what)) near.label += `, ${what}`
      continue
    }
    const tag = kind === 'adl' ? 'ADL' : kind === 'call' ? s.kinds['margin-call'] : s.kinds.liquidation
    out.push({ kind, t, label: `${tag}${what ? ` ${what}` : ''}`, color: kind === 'liq' ? COLORS.short : kind === 'adl' ? COLORS.adl : COLORS.warn, dashed: kind === 'call' })
  }
  return out.map(({ kind: _kind, ...m }) => m)
}

function charts(input: ReportInput, occ: readonly Occurrence[], s: ReportStrings): string {
  const { series } = input
  const t = series.t.map((x) => Date.parse(x))
  if (t.length < 2) return ''
  const finite = (v: number | null | undefined) => (typeof v === 'number' && Number.isFinite(v) ? v : null)
  const assets = bookAssets(input.inputs.book, Object.keys(series.prices))
  const priceLines: SvgLine[] = assets.map((a, i) => {
    const ps = series.prices[a] ?? []
    const p0 = ps.find((v) => Number.isFinite(v) && v > 0)
    return { name: a, color: COLORS.series[(ASSET_INDEX[a] ?? i) % COLORS.series.length], values: ps.map((v) => (p0 && finite(v) !== null ? v / p0 - 1 : null)) }
  })
  const pct = (v: number) => `${(v * 100).toFixed(Math.abs(v) < 0.1 && v !== 0 ? 1 : 0)}%`
  const prices = lineChartSvg({
    title: s.chartPrices,
    width: 920,
    height: 230,
    t,
    lines: priceLines,
    left: { format: pct },
    markers: markers(occ, s),
  })
  const account = lineChartSvg({
    title: s.chartEquity,
    width: 920,
    height: 190,
    t,
    lines: [
      { name: s.equity, color: COLORS.accent, values: series.user.equity.map(finite), area: true },
      { name: s.marginRatio, color: COLORS.warn, values: series.user.marginRatio.map(finite), axis: 'right', dashed: true },
    ],
    left: { format: (v, step) => compactTick(v, step, input.lang) },
    right: { format: (v) => `${(v * 100).toFixed(0)}%`, min: 0 },
    guides: [{ value: 1, axis: 'right', color: COLORS.short, label: s.liqLine }],
  })
  const fund = lineChartSvg({
    title: s.chartFund,
    width: 920,
    height: 150,
    t,
    lines: [{ name: s.fundTitle, color: COLORS.accent, values: series.insuranceFund.map(finite), area: true }],
    // From zero: what matters is how near the fund came to empty (ADL begins there); a range fitted
    // to the data turns a 0.0002% dip into a cliff.
    left: { format: (v, step) => compactTick(v, step, input.lang), min: 0 },
  })
  return `<section class="charts"><h2>${esc(s.chartsTitle)}</h2>
<figure><figcaption>${esc(s.chartPrices)}</figcaption>${prices}</figure>
<figure><figcaption>${esc(s.chartEquity)}</figcaption>${account}</figure>
<figure><figcaption>${esc(s.chartFund)}</figcaption>${fund}</figure></section>`
}

function positionsTable(input: ReportInput, occ: readonly Occurrence[], s: ReportStrings, withDate: boolean): string {
  const book = input.inputs.book
  if (!book.positions.length) return ''
  const byPosition = new Map<string, Occurrence[]>()
  for (const o of occ) if (o.position !== null) byPosition.set(o.position, [...(byPosition.get(o.position) ?? []), o])
  // The positions something happened to come first; a big book lists the first hundred.
  const ordered = [...book.positions.filter((p) => byPosition.has(p.id)), ...book.positions.filter((p) => !byPosition.has(p.id))]
  const shown = ordered.slice(0, REPORT_LIMITS.positions)
  const rows = shown.map((p) => {
    const mine = byPosition.get(p.id) ?? []
    const liq = mine.find((o) => o.kind === 'liquidation')
    const adl = mine.filter((o) => o.kind === 'adl')
    const outcome = [liq ? `<span class="bad">${esc(s.liquidatedAt(utc(liq.t, withDate)))}</span>` : '', adl.length ? `<span class="adl">${esc(s.adlAt(utc(adl[0].t, withDate), adl.length))}</span>` : '']
      .filter(Boolean)
      .join('<br>')
    // A position given by its notional is opened at qty = notional / entry (as the engine opens it); the notional follows.
    const size = p.qty !== undefined ? quantity(p.qty) : `${quantity(new D(p.notional as string).div(p.entryPrice).toFixed())} (${money(p.notional)} USD)`
    return `<tr><td>${esc(p.id)}</td><td>${esc(p.symbol)}</td><td class="${p.side}">${esc(s.side[p.side])}</td><td class="num">${esc(size)}</td><td class="num">${esc(price(p.entryPrice))}</td><td class="num">${esc(p.leverage)}×</td><td>${outcome || `<span class="muted">${esc(s.untouched)}</span>`}</td></tr>`
  })
  const more = ordered.length - shown.length
  return `<section><h2>${esc(s.positionsTitle)}</h2><table class="list"><thead><tr><th>${esc(s.position)}</th><th>${esc(s.contract)}</th><th>${esc(s.sideLabel)}</th><th class="num">${esc(s.qty)}</th><th class="num">${esc(s.entry)}</th><th class="num">${esc(s.leverage)}</th><th>${esc(s.outcome)}</th></tr></thead><tbody>${rows.join('')}</tbody></table>${more > 0 ? `<p class="muted more">${esc(s.morePositions(more))}</p>` : ''}</section>`
}

function pathTable(input: ReportInput, occ: readonly Occurrence[], s: ReportStrings, withDate: boolean): string {
  if (!occ.length) return `<section><h2>${esc(s.pathTitle)}</h2><p class="muted">${esc(s.pathEmpty)}</p></section>`
  const events = new Map(input.pathEvents.map((e) => [e.id, e]))
  const rows = occ.slice(0, REPORT_LIMITS.pathRows).map(
    (o) =>
      `<tr><td class="num">${esc(utc(o.t, withDate))}</td><td class="num muted">${esc(sinceStart(o.elapsedMs, input.lang))}</td><td class="k-${esc(o.kind)}">${esc(kindLabel(o, s))} <b>${esc(subjectOf(o, events, s))}</b></td><td class="num">${esc(quantity(o.qty))}</td><td class="num">${esc(price(o.price))}</td><td class="num">${mainAmount(o, events, s)}</td><td class="causes">${causesOf(o, events, s)}</td></tr>`,
  )
  return `<section class="path"><h2>${esc(s.pathTitle)}</h2><p class="muted">${esc(s.pathIntro(input.pathEvents.length, occ.length))} ${esc(s.ownEvent)}</p>
<table class="list"><thead><tr><th>${esc(s.time)}</th><th>${esc(s.sinceStart)}</th><th>${esc(s.event)}</th><th class="num">${esc(s.qty)}</th><th class="num">${esc(s.price)}</th><th class="num">${esc(s.amount)}</th><th>${esc(s.causedBy)}</th></tr></thead><tbody>${rows.join('')}</tbody></table>${occ.length > REPORT_LIMITS.pathRows ? `<p class="muted more">${esc(s.morePathRows(occ.length - REPORT_LIMITS.pathRows))}</p>` : ''}</section>`
}

const STYLE = `
*{box-sizing:border-box}
body{margin:0;background:#f3f5f8;color:${COLORS.text};font:13px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,'Noto Sans','Noto Sans CJK JP','Noto Sans CJK SC','Hiragino Sans','PingFang SC','Microsoft YaHei',sans-serif}
main{max-width:980px;margin:0 auto;padding:24px 28px 32px;background:#fff}
h1{font-size:20px;margin:0}
h3{font-size:11px;font-weight:600;color:${COLORS.muted};margin:10px 0 2px}
h2{font-size:12px;text-transform:uppercase;letter-spacing:.06em;color:${COLORS.muted};margin:18px 0 6px;border-bottom:1px solid #e6e9ee;padding-bottom:3px}
header{display:flex;align-items:flex-start;gap:14px;border-bottom:2px solid ${COLORS.text};padding-bottom:10px}
header .who{flex:1}
header .sub{font-size:15px;margin-top:2px}
.verdict{font-weight:700;letter-spacing:.06em;text-transform:uppercase;padding:4px 12px;border-radius:4px;font-size:15px}
.verdict.ok{color:${COLORS.long};border:1px solid ${COLORS.long};background:#e9f7f0}
.verdict.bad{color:${COLORS.short};border:1px solid ${COLORS.short};background:#fdecee}
.muted{color:${COLORS.muted}}
.meta{font-size:11px;color:${COLORS.muted};margin-top:4px}
.grid{display:grid;grid-template-columns:repeat(2,minmax(0,1fr));gap:0 28px}
.grid4{display:grid;grid-template-columns:repeat(4,minmax(0,1fr));gap:0 20px}
table{border-collapse:collapse;width:100%}
.kv th{text-align:left;font-weight:400;color:${COLORS.muted};padding:2px 10px 2px 0;white-space:nowrap;vertical-align:top}
.kv td{padding:2px 0;text-align:right;font-variant-numeric:tabular-nums}
.kv.left td{text-align:left}
.kv tr.total th,.kv tr.total td{border-top:1px solid #d5dae1;font-weight:600;color:${COLORS.text}}
.list th{font-size:10px;font-weight:600;text-transform:uppercase;letter-spacing:.04em;color:${COLORS.muted};text-align:left;border-bottom:1px solid #d5dae1;padding:2px 8px 3px 0}
.list td{border-bottom:1px solid #eef0f3;padding:3px 8px 3px 0;vertical-align:top}
.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.list th.num{text-align:right}
.long{color:${COLORS.long}}.short,.bad{color:${COLORS.short}}.adl{color:${COLORS.adl}}
.k-liquidation,.k-bankrupt,.k-defi-liquidation{color:${COLORS.short}}.k-adl{color:${COLORS.adl}}.k-margin-call{color:${COLORS.warn}}
.more{font-size:11px;margin:4px 0 0}
.causes{font-size:11px;color:${COLORS.muted}}
.hash{font-family:ui-monospace,'SFMono-Regular',Menlo,Consolas,monospace;font-size:11.5px;word-break:break-all}
ul.set{margin:0;padding-left:16px;text-align:left}
code,pre{font-family:ui-monospace,'SFMono-Regular',Menlo,Consolas,monospace;font-size:11px}
pre{white-space:pre-wrap;word-break:break-all;background:#f6f8fa;border:1px solid #e6e9ee;border-radius:4px;padding:8px;max-height:320px;overflow:auto}
figure{margin:6px 0 10px}
figcaption{font-size:11px;color:${COLORS.muted};margin-bottom:2px}
figure svg{width:100%;height:auto;display:block}
ul.assume{margin:0;padding-left:18px}
ul.assume li{margin:2px 0}
details{margin-top:6px}
summary{cursor:pointer;color:${COLORS.muted}}
@media print{body{background:#fff}main{padding:0;max-width:none}section,figure,tr{break-inside:avoid}pre{max-height:none}details:not([open]){display:none}}
@page{size:A4;margin:14mm}
`

/** The report of a finished run: the HTML page, its file name and the input hash printed in it. */
export function buildReport(input: ReportInput): Report {
  const s = REPORT_STRINGS[input.lang]
  const { book, scenario, seed, options } = input.inputs
  const sum = input.summary
  const hash = runInputHash(input.inputs)
  const withDate = scenario.start.slice(0, 10) !== scenario.end.slice(0, 10)
  const occ = occurrences({ start: scenario.start, events: input.pathEvents })
  // A shipped preset's name in the report's language (the app shows it so); any other as written.
  const scenarioName = scenarioNameIn(input.lang, scenario)
  const title = `${book.name} × ${scenarioName}`
  const change = new D(sum.finalEquity).minus(sum.startEquity)
  const changeShare = new D(sum.startEquity).isZero() ? null : change.div(new D(sum.startEquity).abs()).toFixed()
  const lossTotal = new D(sum.loss.total)
  const lossRows = (['price', 'slippage', 'fees', 'profitLostToAdl'] as const).map((k) => {
    const v = new D(sum.loss[k])
    const share = lossTotal.gt(0) && v.gt(0) ? percent(v.div(lossTotal).toFixed(), 0) : ''
    return `<tr><th>${esc(s.loss[k])}</th><td>${esc(money(sum.loss[k]))}</td><td class="muted">${esc(share)}</td></tr>`
  })
  const set = input.set ?? []
  const setCell = set.length ? `<ul class="set">${set.map((x) => `<li><code>${esc(x.axis)}=${esc(x.value)}</code></li>`).join('')}</ul>` : `<span class="muted">${esc(s.whatIfNone)}</span>`
  const crowd = sum.crowd
  const fund = sum.insuranceFund
  const command = `cascade report book.json --scenario scenario.json --seed ${seed}${options.pricing === 'historical' ? ' --historical-prices' : ''}${input.lang === 'en' ? '' : ` --lang ${input.lang}`} --out report.html`
  const breaker = scenario.circuitBreaker !== null && scenario.circuitBreaker !== undefined

  const html = `<!doctype html>
<html lang="${esc(input.lang)}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${REPORT_CSP}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="${esc(input.generator)}">
<meta name="cascade-input-sha256" content="${hash}">
<title>${esc(`${s.title}: ${title}`)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<header>
<div class="who"><h1>${esc(s.title)}</h1><div class="sub"><b>${esc(book.name)}</b> <span class="muted">×</span> <b>${esc(scenarioName)}</b> <span class="muted">· ${esc(s.seed)} ${seed}</span></div>
<div class="meta">${esc(s.generated)} ${esc(utc(input.generatedAt, true))} UTC · ${esc(input.generator)}${input.runId ? ` · ${esc(s.runId)} <code>${esc(input.runId)}</code>` : ''}</div></div>
<div class="verdict ${sum.survived ? 'ok' : 'bad'}" data-verdict="${sum.survived ? 'survived' : 'liquidated'}">${esc(sum.survived ? s.survived : s.liquidated)}</div>
</header>

<section><h2>${esc(s.inputs)}</h2><div class="grid">
<table class="kv left"><tbody>
${row(s.book, `<b>${esc(book.name)}</b> · ${esc(s.marginMode[book.marginMode])} · ${esc(s.positionsCount(book.positions.length))}`)}
${row(s.venue, `${esc(input.venue.name)} <span class="muted">(${esc(input.venue.id)}${input.venue.name.includes(input.venue.snapshot) ? '' : `, ${esc(s.snapshot)} ${esc(input.venue.snapshot)}`})</span>`)}
${row(s.scenario, `<b>${esc(scenarioName)}</b> <span class="muted">(${esc(scenario.id)})</span>`)}
${row(s.window, `${esc(utc(scenario.start, true))} → ${esc(utc(scenario.end, withDate))} UTC · ${esc(s.step)} ${esc(scenario.step)}`)}
</tbody></table>
<table class="kv left"><tbody>
${row(s.whatIf, setCell)}
${row(s.seed, `${seed} · <span class="muted">${esc(s.crowd(crowd.accounts.toLocaleString('en-US'), sum.crowdSize.toLocaleString('en-US')))}</span>`)}
${row(s.pricing, esc(options.pricing === 'historical' ? s.pricingHistorical : s.pricingBook))}
${row(s.inputHash, `<span class="hash" data-testid="input-hash">${hash}</span>`)}
</tbody></table>
</div></section>

<section><h2>${esc(s.summary)}</h2><div class="grid">
<table class="kv"><tbody>
${row(s.startEquity, esc(money(sum.startEquity)))}
${row(s.finalEquity, `<b>${esc(money(sum.finalEquity))}</b>`)}
${row(s.change, `<span class="${change.isNeg() ? 'bad' : change.gt(0) ? 'long' : ''}">${esc(signedMoney(change.toFixed()))}${changeShare === null ? '' : ` (${esc(percent(changeShare, 1, true))})`}</span>`)}
${row(s.firstMarginCall, clockOf(sum.firstMarginCall, withDate, scenario.start, s, input.lang))}
${row(s.firstLiquidation, clockOf(sum.firstLiquidation, withDate, scenario.start, s, input.lang))}
${row(s.firstAdl, clockOf(sum.firstAdlAt, withDate, scenario.start, s, input.lang))}
</tbody></table>
<div><h3>${esc(s.lossTitle)}</h3><table class="kv"><tbody>
${lossRows.join('\n')}
<tr class="total"><th>${esc(s.totalLoss)}</th><td>${esc(money(sum.loss.total))}</td><td></td></tr>
</tbody></table></div>
</div>
<div class="grid">
<div><h3>${esc(s.crowdTitle)}</h3><table class="kv"><tbody>
${row(s.accountsLiquidated, `${esc(crowd.liquidatedAccounts.toLocaleString('en-US'))} <span class="muted">/ ${esc(crowd.accounts.toLocaleString('en-US'))}</span>`)}
${row(s.notionalLiquidated, esc(compactUsd(crowd.liquidatedNotional, input.lang)))}
${row(s.longShare, esc(percent(crowd.liquidatedLongShare, 1)))}
${row(s.adlEvents, esc(crowd.adlCount.toLocaleString('en-US')))}
${row(s.adlNotional, esc(compactUsd(crowd.adlNotional, input.lang)))}
${row(s.absorbedFund, esc(compactUsd(crowd.absorbedBy.insuranceFund, input.lang)))}
${row(s.absorbedAdl, esc(compactUsd(crowd.absorbedBy.adl, input.lang)))}
${row(s.unrecovered, esc(compactUsd(crowd.absorbedBy.unrecovered, input.lang)))}
</tbody></table></div>
<div><h3>${esc(s.fundTitle)}</h3><table class="kv"><tbody>
${row(s.fundStart, esc(compactUsd(fund.start, input.lang)))}
${row(s.fundMin, esc(compactUsd(fund.min, input.lang)))}
${row(s.fundEnd, esc(compactUsd(fund.end, input.lang)))}
</tbody></table></div>
</div></section>

${positionsTable(input, occ, s, withDate)}

${charts(input, occ, s)}

${pathTable(input, occ, s, withDate)}

<section><h2>${esc(s.assumptionsTitle)}</h2><ul class="assume">
<li>${esc(s.assumptions.crowd(crowd.accounts.toLocaleString('en-US'), seed))}</li>
<li>${esc(s.assumptions.seeds)}</li>
<li>${esc(options.pricing === 'historical' ? s.assumptions.pricingHistorical : s.assumptions.pricingBook)}</li>
<li>${esc(s.assumptions.venue(input.venue.name, input.venue.snapshot, input.venue.unconfirmed))}</li>
<li>${esc(s.assumptions.collateral[scenario.collateralPricing === 'oracle' ? 'oracle' : 'book'])}</li>
<li>${esc(s.assumptions.fund(money(sum.insuranceFund.start, 0), sum.insuranceFundSource === 'scenario'))}</li>
<li>${esc(s.assumptions.breaker(breaker))}</li>
<li>${esc(s.assumptions.exact)}</li>
</ul></section>

<section><h2>${esc(s.reproduceTitle)}</h2>
<p>${esc(s.reproduce)}</p>
<pre>${esc(command)}</pre>
${
  input.embedInputs === false
    ? ''
    : `<details><summary>book.json</summary><pre>${esc(JSON.stringify(book, null, 2))}</pre></details>
<details><summary>scenario.json</summary><pre>${esc(JSON.stringify(scenario, null, 2))}</pre></details>
<details><summary>${esc(s.inputsText)} · SHA-256 ${hash}</summary><pre class="inputs">${esc(runInputsText(input.inputs))}</pre></details>`
}
</section>
</main>
</body>
</html>
`
  return { html, fileName: reportFileName(book.name, scenario.id, seed), inputHash: hash }
}
