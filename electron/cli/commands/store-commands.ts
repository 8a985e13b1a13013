// cascade import | export | list: the local store from the command line (--db selects the file).
import { writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describeIssue } from '../../../shared/model/issues'
import { exportFileName, readPortfolioFile } from '../../main/services/portfolio-files'
import { createPortfolioRepository, type PortfolioRepository } from '../../main/store/portfolio-repository'
import { databasePath, EXIT, UsageError, type CliContext } from '../context'
import { readUserFile } from '../files'
import { withStore } from '../store'
import { printResult, type OutputFormat } from '../output'
import type { Command } from './command'

const withRepository = <T>(ctx: CliContext, dbFlag: string | undefined, use: (repo: PortfolioRepository) => T): Promise<T> =>
  withStore(ctx, dbFlag, (store) => use(createPortfolioRepository(store.db)))

const common = { db: { type: 'string' }, format: { type: 'string', default: 'json' } } as const

export const importCommand: Command = {
  name: 'import',
  summary: 'Import a portfolio file (.json or .csv of positions) into the local store',
  usage: 'cascade import <file> [--db <path>]',
  options: common,
  async run(ctx, positionals, values) {
    const [file] = positionals
    if (!file) throw new UsageError('import needs a file')
    const { path, text } = readUserFile(ctx, file)
    const parsed = readPortfolioFile(path, text)
    if (!parsed.ok) throw new UsageError(`${file}: not imported`, parsed.issues.map((i) => `${file}: ${describeIssue(i)}`))
    const rec = await withRepository(ctx, values.db as string | undefined, (repo) => repo.create(parsed.value))
    printResult(ctx, values.format as OutputFormat, { id: rec.id, name: rec.name }, () => `imported "${rec.name}" as ${rec.id}`)
    return EXIT.ok
  },
}

export const exportCommand: Command = {
  name: 'export',
  summary: 'Print (or write with --out) a stored portfolio as a cascade.portfolio/1 file',
  usage: 'cascade export <id> [--db <path>] [--out <file>]',
  options: { ...common, out: { type: 'string' } },
  async run(ctx, positionals, values) {
    const [id] = positionals
    if (!id) throw new UsageError('export needs a portfolio id (see `cascade list`)')
    const rec = await withRepository(ctx, values.db as string | undefined, (repo) => repo.get(id))
    if (!rec) throw new UsageError(`no portfolio with id "${id}" in ${databasePath(ctx, values.db as string | undefined)}`)
    const text = `${JSON.stringify(rec.doc, null, 2)}\n`
    if (typeof values.out === 'string') {
      const out = resolve(ctx.cwd, values.out)
      writeFileSync(out, text)
      ctx.stderr(`wrote ${out}\n`)
    } else ctx.stdout(text)
    return EXIT.ok
  },
}

export const listCommand: Command = {
  name: 'list',
  summary: 'List the portfolios in the local store',
  usage: 'cascade list [--db <path>] [--format json|text]',
  options: common,
  async run(ctx, _positionals, values) {
    const rows = await withRepository(ctx, values.db as string | undefined, (repo) => repo.list())
    printResult(ctx, values.format as OutputFormat, rows, () =>
      rows.length ? rows.map((r) => `${r.id}  ${r.name}  (${r.venue}, ${r.marginMode}, ${r.positionCount} positions) -> ${exportFileName(r.name)}`).join('\n') : '(no portfolios)',
    )
    return EXIT.ok
  },
}
