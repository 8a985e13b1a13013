// cascade report <portfolio> --scenario <id|date|file> --out FILE.html: runs the cascade as `cascade run`
// does and writes the run's one-page report (the app's report, from the same module:
// shared/report), in --lang. What-if changes come as --set AXIS=VALUE, the axes `cascade run` takes
// (docs/DECISIONS.md §1).
import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { isReportLang, REPORT_LANGS } from '../../../shared/report/report-strings'
import { readPortfolioFile } from '../../main/services/portfolio-files'
import { prepareRun } from '../../main/services/run-preparation'
import { createScenarioCatalog } from '../../main/services/scenario-catalog'
import { reportOfRun, venueFacts } from '../../main/services/run-report'
import { EXIT, refusedFile, UsageError, type CliContext } from '../context'
import { readUserFile, writeOutput } from '../files'
import { textIn } from '../messages'
import { printResult, type OutputFormat } from '../output'
import { collateralPricingFlag, crowdFlag, runInWorker, seedFlag } from '../run-job'
import { withVenueCatalog } from '../store'
import type { Command } from './command'
import { loadScenario } from './run'
import { parseSetOption, refused } from './study-options'

/** The package's version, read beside the resources (the source tree and the build both have it there). */
function cliVersion(ctx: CliContext): string {
  try {
    return (JSON.parse(readFileSync(join(ctx.resourcesDir, '..', 'package.json'), 'utf8')) as { version?: string }).version ?? 'unknown'
  } catch {
    return 'unknown'
  }
}

export const reportCommand: Command = {
  name: 'report',
  summary: 'Run a scenario against a book and write the one-page report (self-contained HTML with the input hash)',
  usage: 'cascade report <portfolio.json> --scenario <id|date|file> --out <file.html> [--seed N] [--crowd N] [--historical-prices] [--collateral-pricing market|conversion] [--set AXIS=VALUE ...] [--lang en|ja|zh-CN] [--db <path>] [--format json|text] [--quiet]',
  options: {
    scenario: { type: 'string' },
    out: { type: 'string' },
    seed: { type: 'string' },
    crowd: { type: 'string' },
    'historical-prices': { type: 'boolean' },
    'collateral-pricing': { type: 'string' },
    set: { type: 'string', multiple: true },
    lang: { type: 'string', default: 'en' },
    db: { type: 'string' },
    format: { type: 'string', default: 'json' },
    quiet: { type: 'boolean' },
  },
  async run(ctx, positionals, values) {
    const [file, ...extra] = positionals
    if (!file || extra.length) throw new UsageError('report needs exactly one portfolio file')
    if (typeof values.scenario !== 'string') throw new UsageError('report needs --scenario <id|file> (see `cascade scenarios`)')
    if (typeof values.out !== 'string' || !/\.html?$/i.test(values.out)) throw new UsageError('report needs --out <file.html>')
    if (!isReportLang(values.lang)) throw new UsageError(`--lang must be one of ${REPORT_LANGS.join(', ')}, got "${String(values.lang)}"`)
    const lang = values.lang
    const seed = seedFlag(values.seed)
    const set = parseSetOption(values.set)
    const { path, text } = readUserFile(ctx, file)
    const book = await withVenueCatalog(ctx, values.db as string | undefined, (venues) => readPortfolioFile(path, text, venues))
    if (!book.ok) throw refusedFile(file, 'cannot run', book.issues)
    const named = loadScenario(ctx, values.scenario, values.db as string | undefined)
    const pricing = values['historical-prices'] ? 'historical' : 'book'
    const crowd = crowdFlag(values.crowd)
    const collateralPricing = collateralPricingFlag(values['collateral-pricing'])
    const presets = createScenarioCatalog(join(ctx.resourcesDir, 'scenarios'))
    // The venue is named while the catalogue (and the store behind it) is open.
    const { job, venue } = await withVenueCatalog(ctx, values.db as string | undefined, (catalog) => ({ job: prepareRun(book.value, named, { seed, pricing, collateralPricing, crowd, set }, catalog, presets), venue: venueFacts(catalog, book.value.venue) }))
    if (!job.ok && job.stage === 'set') throw refused('--set', job.issues)
    if (!job.ok) throw refusedFile(file, `cannot run${job.stage === 'resolve' ? '' : ` under ${named.id}`}`, job.issues)
    const sets = Object.entries(job.value.set ?? {}).map(([axis, value]) => ({ axis, value }))

    const result = await runInWorker(ctx, job.value, Boolean(values.quiet))
    if (result === 'cancelled') return 130
    const report = reportOfRun(
      { book: job.value.portfolio, scenario: job.value.scenario, seed: job.value.seed, summary: result.summary, series: result.series, events: result.events, set: sets },
      { venue, version: cliVersion(ctx), lang, now: new Date() },
    )
    const out = resolve(ctx.cwd, values.out)
    writeOutput(out, report.html)
    // As `cascade run` prints them: the scenario that ran (and what was asked, when a date picked it), the set as an object.
    const reply = {
      out,
      inputHash: report.inputHash,
      portfolio: book.value.name,
      scenario: result.scenarioId,
      ...(result.scenarioId !== named.id ? { scenarioRequested: named.id } : {}),
      seed: job.value.seed,
      survived: result.summary.survived,
      set: job.value.set ?? {},
    }
    const say = textIn(lang)
    printResult(ctx, values.format as OutputFormat, reply, () => [say('reportWrote', { out }), say('reportOutcome', { verdict: say(result.summary.survived ? 'survived' : 'liquidated'), hash: report.inputHash })].join('\n'))
    return EXIT.ok
  },
}
