// cascade run <portfolio> --scenario <id|file>: the full cascade in a worker thread, progress on
// stderr, the summary on stdout and every event to --events as JSONL. Ctrl-C cancels.
import { join, resolve } from 'node:path'
import { eventsToJsonl } from '../../../shared/model/liquidation-path'
import type { RunResult } from '../../../shared/model/run'
import { readPortfolioFile } from '../../main/services/portfolio-files'
import { prepareRun } from '../../main/services/run-preparation'
import { createScenarioCatalog } from '../../main/services/scenario-catalog'
import { EXIT, refusedFile, UsageError, type CliContext } from '../context'
import { readUserFile, writeOutput } from '../files'
import { LANG_OPTION, withVenueCatalog } from '../store'
import { textIn, type CliKey } from '../messages'
import { forPeople as h, printResult, type OutputFormat } from '../output'
import { collateralPricingFlag, crowdFlag, runInWorker, seedFlag } from '../run-job'
import type { Command } from './command'
import { findScenario } from './scenarios'
import { parseSetOption, refused } from './study-options'

/** A file, a preset id or date, or (with the store, `--db` or the app's) a saved what-if's id. */
export function loadScenario(ctx: CliContext, idOrFile: string, dbFlag?: string) {
  return findScenario(ctx, idOrFile, dbFlag)
}

export function summaryText(r: RunResult, say: (key: CliKey, params?: Record<string, string | number>) => string): string {
  const s = r.summary
  const lines = [
    say('runHead', { book: r.portfolioName, scenario: r.scenarioId, seed: r.seed, venue: s.venue, crowd: s.crowdSize, verdict: say(s.survived ? 'survived' : 'liquidated') }) + (s.scenarioRequested ? say('runAsked', { asked: s.scenarioRequested }) : ''),
    ...(s.set ? [say('runSet', { set: Object.entries(s.set).map(([k, v]) => `${k}=${v}`).join(', ') })] : []),
    say('runCalibrated', { yes: say(s.calibrated ? 'yes' : 'no'), note: s.calibrationNote }),
    say('runPrices', { how: say(s.pricing === 'book' ? 'pricesBook' : 'pricesHistorical') }),
    say('runCollateral', { how: say(s.collateralPricing === 'conversion' ? 'collateralConversion' : 'collateralMarket') }),
    say('runFirstCall', { t: s.firstMarginCall ?? '-' }),
    say('runFirstLiq', { t: s.firstLiquidation ?? '-' }),
    say('runEquity', { start: h(s.startEquity), end: h(s.finalEquity) }),
    say('runLoss', { price: h(s.loss.price), slippage: h(s.loss.slippage), fees: h(s.loss.fees), adl: h(s.loss.profitLostToAdl), total: h(s.loss.total) }),
    ...s.userAdl.map((a) => say('runAdl', { t: a.t, position: a.position, qty: h(a.qty), price: h(a.price), lost: h(a.profitLost) })),
    say('runCrowd', { liquidated: s.crowd.liquidatedAccounts, accounts: s.crowd.accounts, notional: h(s.crowd.liquidatedNotional), adl: s.crowd.adlCount, rehedges: s.crowd.rehedges }),
    say('runFund', { start: h(s.insuranceFund.start), end: h(s.insuranceFund.end), min: h(s.insuranceFund.min), source: say(s.insuranceFundSource === 'scenario' ? 'fundScenario' : 'fundVenue') }),
    ...(s.insuranceFunds.length > 1 ? s.insuranceFunds.map((f) => say('runFundRow', { id: f.id.padEnd(13), start: h(f.start), end: h(f.end), min: h(f.min) })) : []),
  ]
  return lines.join('\n')
}

export const runCommand: Command = {
  name: 'run',
  summary: 'Replay a scenario against a book: summary on stdout, every event to --events',
  usage:
    'cascade run <portfolio.json> --scenario <id|date|file> [--set AXIS=VALUE ...] [--seed N] [--crowd N] [--historical-prices] [--collateral-pricing market|conversion] [--events out.jsonl] [--series out.json] [--db <path>] [--format json|text] [--lang en|ja|zh-CN] [--quiet]',
  options: {
    scenario: { type: 'string' },
    set: { type: 'string', multiple: true },
    db: { type: 'string' },
    'historical-prices': { type: 'boolean' },
    'collateral-pricing': { type: 'string' },
    seed: { type: 'string' },
    crowd: { type: 'string' },
    events: { type: 'string' },
    series: { type: 'string' },
    format: { type: 'string', default: 'json' },
    ...LANG_OPTION,
    quiet: { type: 'boolean' },
  },
  async run(ctx, positionals, values) {
    const [file] = positionals
    if (!file) throw new UsageError('run needs a portfolio file')
    if (typeof values.scenario !== 'string') throw new UsageError('run needs --scenario <id|file> (see `cascade scenarios`)')
    const seed = seedFlag(values.seed)
    const set = parseSetOption(values.set)
    const { path, text } = readUserFile(ctx, file)
    const book = await withVenueCatalog(ctx, values.db as string | undefined, (venues) => readPortfolioFile(path, text, venues))
    if (!book.ok) throw refusedFile(file, 'cannot run', book.issues)
    const scenario = loadScenario(ctx, values.scenario, values.db as string | undefined)
    const crowd = crowdFlag(values.crowd)
    const collateralPricing = collateralPricingFlag(values['collateral-pricing'])
    const pricing = values['historical-prices'] ? 'historical' : 'book'
    const presets = createScenarioCatalog(join(ctx.resourcesDir, 'scenarios'))
    const job = await withVenueCatalog(ctx, values.db as string | undefined, (venues) => prepareRun(book.value, scenario, { seed, pricing, collateralPricing, crowd, set }, venues, presets))
    if (!job.ok && job.stage === 'set') throw refused('--set', job.issues)
    if (!job.ok) throw refusedFile(file, `cannot run${job.stage === 'resolve' ? '' : ` under ${scenario.id}`}`, job.issues)

    const result = await runInWorker(ctx, job.value, Boolean(values.quiet))
    if (result === 'cancelled') return 130
    if (typeof values.events === 'string') {
      const out = resolve(ctx.cwd, values.events)
      writeOutput(out, eventsToJsonl(result.events))
      ctx.stderr(`wrote ${result.events.length} events to ${out}\n`)
    }
    if (typeof values.series === 'string') {
      const out = resolve(ctx.cwd, values.series)
      writeOutput(out, `${JSON.stringify(result.series)}\n`)
      ctx.stderr(`wrote ${result.series.t.length} series samples to ${out}\n`)
    }
    printResult(ctx, values.format as OutputFormat, { portfolio: result.portfolioName, scenario: result.scenarioId, seed: result.seed, ...result.summary }, () => summaryText(result, textIn(values.lang)))
    return EXIT.ok
  },
}
