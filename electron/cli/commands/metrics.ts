// cascade metrics <portfolio> [--venue id|file] [--prices BTC=100000,ETH=3500] [--explain]:
// the exact account and position figures of docs/FORMATS.md §5.2.
import { basename } from 'node:path'
import { checkBook } from '../../../shared/engine/account/book-check'
import { computeMetrics } from '../../../shared/engine/account/metrics-report'
import { describeIssue, type FieldIssue } from '../../../shared/model/issues'
import { checkDecimal } from '../../../shared/schemas/decimal-field'
import { ASSET_PATTERN } from '../../../shared/schemas/portfolio'
import { checkStoredBook } from '../../main/services/book-check'
import { readPortfolioFile } from '../../main/services/portfolio-files'
import { EXIT, refusedFile, UsageError } from '../context'
import { looksLikeFile, readUserFile } from '../files'
import { forPeople as h, printResult, type OutputFormat } from '../output'
import { LANG_OPTION, withVenueCatalog } from '../store'
import { textIn } from '../messages'
import type { Command } from './command'

/** `BTC=100000,ETH=3500` -> prices, every bad entry named. */
export function parsePricesFlag(flag: string): { prices: Record<string, string>; issues: FieldIssue[] } {
  const prices: Record<string, string> = {}
  const issues: FieldIssue[] = []
  for (const part of flag.split(',').map((p) => p.trim()).filter(Boolean)) {
    const [asset, value, ...rest] = part.split('=')
    const path = `--prices.${asset ?? ''}`
    if (!asset || value === undefined || rest.length) issues.push({ path: '--prices', message: `expected ASSET=PRICE, got "${part}"` })
    else if (!ASSET_PATTERN.test(asset)) issues.push({ path, message: 'must be an asset ticker such as BTC' })
    else {
      const r = checkDecimal(value, 'positive')
      if (r.ok) prices[asset] = r.value
      else issues.push({ path, message: r.message })
    }
  }
  return { prices, issues }
}

export const metricsCommand: Command = {
  name: 'metrics',
  summary: 'Exact margin, liquidation and bankruptcy prices, uniMMR, health factors and ADL lights',
  usage: 'cascade metrics <portfolio.json> [--venue <id|file>] [--prices BTC=100000,ETH=3500] [--explain] [--db <path>] [--format json|text] [--lang en|ja|zh-CN]',
  options: { venue: { type: 'string' }, db: { type: 'string' }, prices: { type: 'string' }, explain: { type: 'boolean' }, format: { type: 'string', default: 'json' }, ...LANG_OPTION },
  async run(ctx, positionals, values) {
    const [file] = positionals
    if (!file) throw new UsageError('metrics needs a portfolio file')
    const { path, text } = readUserFile(ctx, file)
    const book = await withVenueCatalog(ctx, values.db as string | undefined, (venues) => readPortfolioFile(path, text, venues))
    if (!book.ok) throw refusedFile(file, 'no metrics', book.issues)
    const flags = typeof values.prices === 'string' ? parsePricesFlag(values.prices) : { prices: {}, issues: [] }
    if (flags.issues.length) throw new UsageError('bad --prices', flags.issues.map(describeIssue))
    // A profile file is read only when the user names it on the command line; the book's own
    // `venue` is always an id in the catalogue, checked as every door checks it (book-check.ts).
    const venue = await withVenueCatalog(ctx, values.db as string | undefined, (venues) => {
      if (typeof values.venue !== 'string') {
        const verdict = checkStoredBook(book.value, venues)
        if (!verdict.ok) throw refusedFile(file, 'no metrics', verdict.issues)
        return { ok: true as const, value: verdict.venue }
      }
      return looksLikeFile(values.venue) ? venues.parse(readUserFile(ctx, values.venue).text, basename(values.venue)) : venues.get(values.venue)
    })
    if (!venue.ok) throw new UsageError(`venue "${String(values.venue)}"`, venue.issues.map(describeIssue))
    const limits = checkBook(book.value, venue.value)
    if (limits.length) throw refusedFile(file, 'no metrics', limits)
    const r = computeMetrics(book.value, venue.value, { prices: flags.prices, explain: Boolean(values.explain), validated: true })
    if (!r.ok) throw refusedFile(file, 'no metrics', r.issues)
    const m = r.value
    const say = textIn(values.lang)
    // The account ratio under the venue's own name (Binance uniMMR, Bybit Account MM Rate, OKX margin ratio); its value is uniMMR as the JSON gives it.
    const ratioName = (venue.value.kind === 'exchange' ? venue.value.unified?.ratioDisplay?.name : undefined) ?? 'uniMMR'
    printResult(ctx, values.format as OutputFormat, m, () =>
      [
        say('metricsHead', { name: book.value.name, venue: venue.value.name, mode: say(`mode.${m.account.marginMode}`) }),
        say('metricsMoney', { wallet: h(m.account.walletBalance), upnl: h(m.account.unrealizedPnl), balance: h(m.account.marginBalance), mm: h(m.account.maintenanceMargin) }),
        say('metricsRatios', { marginRatio: h(m.account.marginRatio), ratioName, ratio: h(m.account.uniMMR), leverage: h(m.account.effectiveLeverage) }),
        ...m.positions.map((p) =>
          say('metricsPosition', {
            id: p.id.padEnd(8),
            symbol: p.symbol.padEnd(10),
            side: say(p.side),
            qty: h(p.qty),
            notional: h(p.notional),
            liq: h(p.liquidationPrice),
            bankrupt: h(p.bankruptcyPrice),
            lights: `${'●'.repeat(p.adl.lights)}${'○'.repeat(5 - p.adl.lights)}`,
          }),
        ),
        ...(m.defi.length ? [say('metricsEquity', { equity: h(m.account.equity), balance: h(m.account.marginBalance), defi: h(m.account.defiNetValue) })] : []),
        ...m.defi.map((d) => say('metricsDefi', { id: d.id.padEnd(8), net: h(d.netValue), hf: h(d.healthFactor), triggers: Object.entries(d.triggerPrices).map(([a, p]) => `${a}@${h(p)}`).join(' ') })),
        m.adlQueue.seed !== null ? say('adlQueueCrowd', { source: m.adlQueue.source, seed: m.adlQueue.seed, size: m.adlQueue.size }) : say('adlQueue', { source: m.adlQueue.source }),
      ].join('\n'),
    )
    return EXIT.ok
  },
}
