// cascade bottom <portfolio> --scenario <id|file>: the book at the bottom of a scenario's exogenous
// paths, exact (the app's whatif:metrics, docs/WHATIF.md): metrics at the start and at the point
// where the book is closest to liquidation, which positions the venue would close there. No crowd,
// impact, ADL or fund: `cascade run` is the answer with them.
import { bottomMetrics } from '../../../shared/engine/bottom'
import { join } from 'node:path'
import { readPortfolioFile } from '../../main/services/portfolio-files'
import { createScenarioCatalog } from '../../main/services/scenario-catalog'
import { resolveJob } from '../../main/services/run-preparation'
import { EXIT, refusedFile, UsageError } from '../context'
import { readUserFile } from '../files'
import { forPeople as h, printResult, type OutputFormat } from '../output'
import { withVenueCatalog } from '../store'
import type { Command } from './command'
import { findScenario } from './scenarios'

export const bottomCommand: Command = {
  name: 'bottom',
  summary: "The book's exact metrics at the bottom of a scenario's price paths (no crowd, no impact): what the what-if editor shows",
  usage: 'cascade bottom <portfolio.json> --scenario <id|date|file> [--historical-prices] [--collateral-pricing market|conversion] [--db <path>] [--format json|text]',
  options: { scenario: { type: 'string' }, 'historical-prices': { type: 'boolean' }, 'collateral-pricing': { type: 'string' }, db: { type: 'string' }, format: { type: 'string', default: 'json' } },
  async run(ctx, positionals, values) {
    const [file] = positionals
    if (!file) throw new UsageError('bottom needs a portfolio file')
    if (typeof values.scenario !== 'string') throw new UsageError('bottom needs --scenario <id|file> (see `cascade scenarios`)')
    const db = values.db as string | undefined
    const { path, text } = readUserFile(ctx, file)
    const book = await withVenueCatalog(ctx, db, (venues) => readPortfolioFile(path, text, venues))
    if (!book.ok) throw refusedFile(file, 'no metrics', book.issues)
    const scenario = findScenario(ctx, values.scenario, db)
    const pricing = values['historical-prices'] ? 'historical' : 'book'
    const collateralPricing = values['collateral-pricing'] ?? 'market'
    if (collateralPricing !== 'market' && collateralPricing !== 'conversion') {
      throw new UsageError(`--collateral-pricing must be "market" or "conversion", got "${String(collateralPricing)}"`)
    }
    // A date resolves as `cascade run` resolves it: the book's venue's preset, or its market there.
    const presets = createScenarioCatalog(join(ctx.resourcesDir, 'scenarios'))
    const r = await withVenueCatalog(ctx, db, (venues) => {
      const job = resolveJob(book.value, scenario, { pricing, collateralPricing }, venues, presets)
      return job.ok ? bottomMetrics(job.value) : job
    })
    if (!r.ok) throw refusedFile(file, `no metrics under ${scenario.id}`, r.issues)
    const m = r.value
    printResult(ctx, values.format as OutputFormat, m, () =>
      [
        `${book.value.name} under ${m.scenario.id}: ${m.state.toUpperCase()} at the bottom, ${m.at}`,
        `  equity        ${h(m.atStart.account.marginBalance)} -> ${h(m.atBottom.account.marginBalance)}`,
        `  margin ratio  ${h(m.atStart.account.marginRatio)} -> ${h(m.atBottom.account.marginRatio)}${m.atBottom.account.uniMMR !== null ? `   uniMMR ${h(m.atStart.account.uniMMR)} -> ${h(m.atBottom.account.uniMMR)}` : ''}`,
        `  risk (1 = liquidation line)  ${m.risk.start?.toFixed(4) ?? '-'} -> ${m.risk.bottom?.toFixed(4) ?? '-'}`,
        ...m.assets.map((a) => `  ${a.asset.padEnd(8)} ${h(a.start)} -> ${h(a.bottom)}`),
        ...(m.liquidatedPositions.length ? [`  liquidated    ${m.liquidatedPositions.join(', ')}`] : []),
        ...(m.liquidatedDefi.length ? [`  DeFi liquidated ${m.liquidatedDefi.join(', ')}`] : []),
      ].join('\n'),
    )
    return EXIT.ok
  },
}
