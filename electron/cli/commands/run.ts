// cascade run <portfolio> --scenario <id|file>: the full cascade in a worker thread, progress on
// stderr, the summary on stdout and every event to --events as JSONL. Ctrl-C cancels.
import { writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { describeIssue } from '../../../shared/model/issues'
import { eventsToJsonl } from '../../../shared/model/liquidation-path'
import type { RunResult } from '../../../shared/model/run'
import { parseScenarioText, SCENARIO_LIMITS } from '../../../shared/schemas/scenario'
import { readPortfolioFile } from '../../main/services/portfolio-files'
import { prepareRun } from '../../main/services/run-preparation'
import { RunCancelledError } from '../../main/runs/run-protocol'
import { createThreadRunner } from '../../main/runs/thread-runner'
import { createScenarioCatalog } from '../../main/services/scenario-catalog'
import { EXIT, refusedFile, UsageError, type CliContext } from '../context'
import { looksLikeFile, readUserFile } from '../files'
import { LANG_OPTION, withVenueCatalog } from '../store'
import { textIn, type CliKey } from '../messages'
import { forPeople as h, printResult, type OutputFormat } from '../output'
import type { Command } from './command'

/** The worker entry beside this module: TypeScript under tsx, the bundled .cjs when built. */
function workerEntry(): string {
  return __filename.endsWith('.ts') ? resolve(__dirname, '../../main/runs/run-worker.ts') : join(__dirname, 'run-worker.cjs')
}

export function loadScenario(ctx: CliContext, idOrFile: string) {
  if (looksLikeFile(idOrFile)) {
    const { text } = readUserFile(ctx, idOrFile)
    const r = parseScenarioText(text)
    if (!r.ok) throw new UsageError(`${idOrFile}: ${r.issues.length} problem(s)`, r.issues.map((i) => `${idOrFile}: ${describeIssue(i)}`))
    return r.value
  }
  const r = createScenarioCatalog(join(ctx.resourcesDir, 'scenarios')).get(idOrFile)
  if (!r.ok) throw new UsageError(r.issues[0].message)
  return r.value.doc
}

function progressBar(ctx: CliContext) {
  let last = -1
  const every = ctx.stderrIsTty ? 1 : 10
  return (p: { step: number; steps: number; t: string }) => {
    const pct = p.steps ? Math.floor((100 * p.step) / p.steps) : 100
    if (Math.floor(pct / every) === Math.floor(last / every)) return
    last = pct
    const filled = Math.round(pct / 4)
    const bar = `[${'#'.repeat(filled)}${' '.repeat(25 - filled)}] ${String(pct).padStart(3)}%  ${p.t}`
    ctx.stderr(ctx.stderrIsTty ? `\r${bar}` : `${bar}\n`)
  }
}

export function summaryText(r: RunResult, say: (key: CliKey, params?: Record<string, string | number>) => string): string {
  const s = r.summary
  const lines = [
    say('runHead', { book: r.portfolioName, scenario: r.scenarioId, seed: r.seed, venue: s.venue, crowd: s.crowdSize, verdict: say(s.survived ? 'survived' : 'liquidated') }) + (s.scenarioRequested ? say('runAsked', { asked: s.scenarioRequested }) : ''),
    say('runCalibrated', { yes: say(s.calibrated ? 'yes' : 'no'), note: s.calibrationNote }),
    say('runPrices', { how: say(s.pricing === 'book' ? 'pricesBook' : 'pricesHistorical') }),
    say('runCollateral', { how: say(s.collateralPricing === 'conversion' ? 'collateralConversion' : 'collateralMarket') }),
    say('runFirstCall', { t: s.firstMarginCall ?? '-' }),
    say('runFirstLiq', { t: s.firstLiquidation ?? '-' }),
    say('runEquity', { start: h(s.startEquity), end: h(s.finalEquity) }),
    say('runLoss', { price: h(s.loss.price), slippage: h(s.loss.slippage), fees: h(s.loss.fees), adl: h(s.loss.profitLostToAdl), total: h(s.loss.total) }),
    ...s.userAdl.map((a) => say('runAdl', { t: a.t, position: a.position, qty: h(a.qty), price: h(a.price), lost: h(a.profitLost) })),
    say('runCrowd', { liquidated: s.crowd.liquidatedAccounts, accounts: s.crowd.accounts, notional: h(s.crowd.liquidatedNotional), adl: s.crowd.adlCount }),
    say('runFund', { start: h(s.insuranceFund.start), end: h(s.insuranceFund.end), min: h(s.insuranceFund.min) }),
  ]
  return lines.join('\n')
}

export const runCommand: Command = {
  name: 'run',
  summary: 'Replay a scenario against a book: summary on stdout, every event to --events',
  usage:
    'cascade run <portfolio.json> --scenario <id|date|file> [--seed N] [--crowd N] [--historical-prices] [--collateral-pricing market|conversion] [--events out.jsonl] [--series out.json] [--db <path>] [--format json|text] [--lang en|ja|zh-CN] [--quiet]',
  options: {
    scenario: { type: 'string' },
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
    let seed: number | undefined
    if (typeof values.seed === 'string') {
      if (!/^\d{1,10}$/.test(values.seed) || Number(values.seed) > 2 ** 32 - 1) throw new UsageError(`--seed must be a whole number from 0 to 4294967295, got "${values.seed}"`)
      seed = Number(values.seed)
    }
    const { path, text } = readUserFile(ctx, file)
    const book = await withVenueCatalog(ctx, values.db as string | undefined, (venues) => readPortfolioFile(path, text, venues))
    if (!book.ok) throw refusedFile(file, 'cannot run', book.issues)
    const scenario = loadScenario(ctx, values.scenario)
    let crowd: number | undefined
    if (typeof values.crowd === 'string') {
      const n = Number(values.crowd)
      if (!/^\d{1,7}$/.test(values.crowd) || n < 1 || n > SCENARIO_LIMITS.crowdAccounts) {
        throw new UsageError(`--crowd must be a whole number of accounts from 1 to ${SCENARIO_LIMITS.crowdAccounts}, got "${values.crowd}"`)
      }
      crowd = n
    }
    const collateralPricing = values['collateral-pricing'] ?? 'market'
    if (collateralPricing !== 'market' && collateralPricing !== 'conversion') {
      throw new UsageError(`--collateral-pricing must be "market" or "conversion", got "${String(collateralPricing)}"`)
    }
    const pricing = values['historical-prices'] ? 'historical' : 'book'
    const presets = createScenarioCatalog(join(ctx.resourcesDir, 'scenarios'))
    const job = await withVenueCatalog(ctx, values.db as string | undefined, (venues) => prepareRun(book.value, scenario, { seed, pricing, collateralPricing, crowd }, venues, presets))
    if (!job.ok) throw refusedFile(file, `cannot run${job.stage === 'resolve' ? '' : ` under ${scenario.id}`}`, job.issues)

    const handle = createThreadRunner(workerEntry())({ ...job.value, runId: 'cli' }, values.quiet ? () => {} : progressBar(ctx))
    const onSigint = () => handle.cancel()
    process.once('SIGINT', onSigint)
    let result: RunResult
    try {
      result = await handle.result
    } catch (e) {
      if (e instanceof RunCancelledError) {
        ctx.stderr('\ncancelled\n')
        return 130
      }
      throw e
    } finally {
      process.off('SIGINT', onSigint)
      if (!values.quiet && ctx.stderrIsTty) ctx.stderr('\n')
    }
    if (typeof values.events === 'string') {
      const out = resolve(ctx.cwd, values.events)
      writeFileSync(out, eventsToJsonl(result.events))
      ctx.stderr(`wrote ${result.events.length} events to ${out}\n`)
    }
    if (typeof values.series === 'string') {
      const out = resolve(ctx.cwd, values.series)
      writeFileSync(out, `${JSON.stringify(result.series)}\n`)
      ctx.stderr(`wrote ${result.series.t.length} series samples to ${out}\n`)
    }
    printResult(ctx, values.format as OutputFormat, { portfolio: result.portfolioName, scenario: result.scenarioId, seed: result.seed, ...result.summary }, () => summaryText(result, textIn(values.lang)))
    return EXIT.ok
  },
}

export const scenariosCommand: Command = {
  name: 'scenarios',
  summary: 'List the shipped scenario presets',
  usage: 'cascade scenarios [--format json|text] [--lang en|ja|zh-CN]',
  options: { format: { type: 'string', default: 'json' }, ...LANG_OPTION },
  run(ctx, _positionals, values) {
    const list = createScenarioCatalog(join(ctx.resourcesDir, 'scenarios')).list()
    const say = textIn(values.lang)
    const where = (s: (typeof list)[number]) => say(s.kind === 'calibrated' ? 'scenarioCalibrated' : s.kind === 'date' ? 'scenarioDate' : 'scenarioWhatIf', { venue: s.venue ?? '' })
    printResult(ctx, values.format as OutputFormat, list, () => list.map((s) => say('scenarioLine', { id: s.id.padEnd(22), where: where(s), name: s.name, start: s.start, end: s.end, step: s.step })).join('\n'))
    return EXIT.ok
  },
}
