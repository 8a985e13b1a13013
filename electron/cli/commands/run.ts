// cascade run <portfolio> --scenario <id|file>: the full cascade in a worker thread, progress on
// stderr, the summary on stdout and every event to --events as JSONL. Ctrl-C cancels.
import { writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { describeIssue } from '../../../shared/model/issues'
import { eventsToJsonl } from '../../../shared/model/liquidation-path'
import type { RunResult } from '../../../shared/model/run'
import { parseScenarioText } from '../../../shared/schemas/scenario'
import { readPortfolioFile } from '../../main/services/portfolio-files'
import { prepareRun } from '../../main/services/run-preparation'
import { createScenarioCatalog } from '../../main/services/scenario-catalog'
import { EXIT, refusedFile, UsageError, type CliContext } from '../context'
import { looksLikeFile, readUserFile } from '../files'
import { withVenueCatalog } from '../store'
import { forPeople as h, printResult, type OutputFormat } from '../output'
import { runInWorker, seedFlag, withCrowdFlag } from '../run-job'
import type { Command } from './command'

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
    `  crowd              ${s.crowd.liquidatedAccounts} of ${s.crowd.accounts} accounts liquidated, ${h(s.crowd.liquidatedNotional)} USD, ${s.crowd.adlCount} ADL`,
    `  insurance fund     ${h(s.insuranceFund.start)} -> ${h(s.insuranceFund.end)} (min ${h(s.insuranceFund.min)})`,
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
    const seed = seedFlag(values.seed)
    const { path, text } = readUserFile(ctx, file)
    const book = readPortfolioFile(path, text)
    if (!book.ok) throw refusedFile(file, 'cannot run', book.issues)
    const scenario = withCrowdFlag(loadScenario(ctx, values.scenario), values.crowd)
    const pricing = values['historical-prices'] ? 'historical' : 'book'
    const job = await withVenueCatalog(ctx, values.db as string | undefined, (venues) => prepareRun(book.value, scenario, { seed, pricing }, venues))
    if (!job.ok) throw refusedFile(file, `cannot run${job.stage === 'cascade' ? ` under ${scenario.id}` : ''}`, job.issues)

    const result = await runInWorker(ctx, job.value, Boolean(values.quiet))
    if (result === 'cancelled') return 130
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
