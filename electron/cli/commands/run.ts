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
import { withVenueCatalog } from '../store'
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

function summaryText(r: RunResult): string {
  const s = r.summary
  const lines = [
    `${r.portfolioName} under ${r.scenarioId} (seed ${r.seed}, ${s.venue}, crowd ${s.crowdSize}): ${s.survived ? 'SURVIVED' : 'LIQUIDATED'}`,
    `  prices             ${s.pricing === 'book' ? "the scenario's moves from your book's marks" : "your book RE-PRICED at the scenario's historical start prices"}`,
    `  first margin call  ${s.firstMarginCall ?? '-'}`,
    `  first liquidation  ${s.firstLiquidation ?? '-'}`,
    `  equity             ${h(s.startEquity)} -> ${h(s.finalEquity)}`,
    `  loss               price ${h(s.loss.price)}, slippage ${h(s.loss.slippage)}, fees ${h(s.loss.fees)}, profit lost to ADL ${h(s.loss.profitLostToAdl)} (total ${h(s.loss.total)})`,
    ...s.userAdl.map((a) => `  ADL                ${a.t} ${a.position} ${h(a.qty)} @ ${h(a.price)} (profit lost ${h(a.profitLost)})`),
    `  crowd              ${s.crowd.liquidatedAccounts} of ${s.crowd.accounts} accounts liquidated, ${h(s.crowd.liquidatedNotional)} USD, ${s.crowd.adlCount} ADL, ${s.crowd.rehedges} re-hedged`,
    `  insurance fund     ${h(s.insuranceFund.start)} -> ${h(s.insuranceFund.end)} (min ${h(s.insuranceFund.min)}), ${s.insuranceFundSource === 'scenario' ? "WHAT-IF: the scenario's size" : "the venue profile's"}`,
    ...(s.insuranceFunds.length > 1 ? s.insuranceFunds.map((f) => `    ${f.id.padEnd(17)}${h(f.start)} -> ${h(f.end)} (min ${h(f.min)})`) : []),
  ]
  return lines.join('\n')
}

export const runCommand: Command = {
  name: 'run',
  summary: 'Replay a scenario against a book: summary on stdout, every event to --events',
  usage: 'cascade run <portfolio.json> --scenario <id|file> [--seed N] [--crowd N] [--historical-prices] [--events out.jsonl] [--series out.json] [--db <path>] [--format json|text] [--quiet]',
  options: { scenario: { type: 'string' }, db: { type: 'string' }, 'historical-prices': { type: 'boolean' }, seed: { type: 'string' }, crowd: { type: 'string' }, events: { type: 'string' }, series: { type: 'string' }, format: { type: 'string', default: 'json' }, quiet: { type: 'boolean' } },
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
    const book = readPortfolioFile(path, text)
    if (!book.ok) throw refusedFile(file, 'cannot run', book.issues)
    const loaded = loadScenario(ctx, values.scenario)
    let scenario = loaded
    if (typeof values.crowd === 'string') {
      const n = Number(values.crowd)
      if (!/^\d{1,7}$/.test(values.crowd) || n < 1 || n > SCENARIO_LIMITS.crowdAccounts) {
        throw new UsageError(`--crowd must be a whole number of accounts from 1 to ${SCENARIO_LIMITS.crowdAccounts}, got "${values.crowd}"`)
      }
      scenario = { ...loaded, crowd: { ...loaded.crowd, accounts: n } }
    }
    const pricing = values['historical-prices'] ? 'historical' : 'book'
    const job = await withVenueCatalog(ctx, values.db as string | undefined, (venues) => prepareRun(book.value, scenario, { seed, pricing }, venues))
    if (!job.ok) throw refusedFile(file, `cannot run${job.stage === 'cascade' ? ` under ${scenario.id}` : ''}`, job.issues)

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
    printResult(ctx, values.format as OutputFormat, { portfolio: result.portfolioName, scenario: result.scenarioId, seed: result.seed, ...result.summary }, () => summaryText(result))
    return EXIT.ok
  },
}

export const scenariosCommand: Command = {
  name: 'scenarios',
  summary: 'List the shipped scenario presets',
  usage: 'cascade scenarios [--format json|text]',
  options: { format: { type: 'string', default: 'json' } },
  run(ctx, _positionals, values) {
    const list = createScenarioCatalog(join(ctx.resourcesDir, 'scenarios')).list()
    printResult(ctx, values.format as OutputFormat, list, () => list.map((s) => `${s.id.padEnd(12)} ${s.name} (${s.start} .. ${s.end}, step ${s.step})`).join('\n'))
    return EXIT.ok
  },
}
