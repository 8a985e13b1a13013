// cascade import | export | list: the local store from the command line (--db selects the file).
import { resolve } from 'node:path'
import { bookProblems, checkStoredBook } from '../../main/services/book-check'
import { exportFileName, isCsvFile, readPortfolioFile } from '../../main/services/portfolio-files'
import { importPositionsFile } from '../../main/services/positions-import'
import { IMPORT_OPTIONS, IMPORT_USAGE, importOptionsFrom, reportImportNotes } from '../import-options'
import { createPortfolioRepository, type PortfolioRepository } from '../../main/store/portfolio-repository'
import { databasePath, EXIT, refusedFile, UsageError, type CliContext } from '../context'
import { readUserFile, writeOutput } from '../files'
import { STORE_OPTIONS, storeCatalog, withStore } from '../store'
import { textIn } from '../messages'
import { printResult, type OutputFormat } from '../output'
import type { Command } from './command'

const withRepository = <T>(ctx: CliContext, dbFlag: string | undefined, use: (repo: PortfolioRepository) => T): Promise<T> =>
  withStore(ctx, dbFlag, (store) => use(createPortfolioRepository(store.db)))

const common = STORE_OPTIONS

export const importCommand: Command = {
  name: 'import',
  summary: 'Import a portfolio file (.json, or a .csv of positions: Cascade\'s or a Binance, Bybit, OKX or Hyperliquid export) into the local store',
  usage: `cascade import <file> [--db <path>] ${IMPORT_USAGE} [--lang en|ja|zh-CN]`,
  options: { ...common, ...IMPORT_OPTIONS },
  async run(ctx, positionals, values) {
    const [file] = positionals
    if (!file) throw new UsageError('import needs a file')
    const options = importOptionsFrom(values)
    const { path, text } = readUserFile(ctx, file)
    const rec = await withStore(ctx, values.db as string | undefined, (store) => {
      const venues = storeCatalog(ctx, store)
      let doc
      if (isCsvFile(path)) {
        // The one CSV path the app's preview shares (services/positions-import.ts).
        const r = importPositionsFile(path, text, options, venues)
        if (!r.ok) throw refusedFile(file, 'not imported', r.issues)
        reportImportNotes(ctx, file, r.preview)
        doc = r.value
      } else {
        const parsed = readPortfolioFile(path, text, venues)
        if (!parsed.ok) throw refusedFile(file, 'not imported', parsed.issues)
        doc = parsed.value
      }
      // The verdict every door gives (services/book-check.ts): a book the engine refuses is not imported.
      const verdict = checkStoredBook(doc, venues)
      if (!verdict.ok) throw refusedFile(file, 'not imported', verdict.issues)
      return createPortfolioRepository(store.db).create(doc)
    })
    printResult(ctx, values.format as OutputFormat, { id: rec.id, name: rec.name }, () => textIn(values.lang)('bookImported', { name: rec.name, id: rec.id }))
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
      writeOutput(out, text)
      ctx.stderr(`wrote ${out}\n`)
    } else ctx.stdout(text)
    return EXIT.ok
  },
}

export const listCommand: Command = {
  name: 'list',
  summary: 'List the portfolios in the local store',
  usage: 'cascade list [--db <path>] [--format json|text] [--lang en|ja|zh-CN]',
  options: common,
  async run(ctx, _positionals, values) {
    const rows = await withStore(ctx, values.db as string | undefined, (store) => {
      const venues = storeCatalog(ctx, store)
      return createPortfolioRepository(store.db)
        .records()
        .map(({ id, name, venue, marginMode, positionCount, updatedAt, doc }) => ({ id, name, venue, marginMode, positionCount, updatedAt, problemCount: bookProblems(doc, venues).length }))
    })
    const say = textIn(values.lang)
    const draft = (n: number) => (n === 0 ? '' : n === 1 ? say('listDraftOne') : say('listDraft', { count: n }))
    printResult(ctx, values.format as OutputFormat, rows, () =>
      rows.length
        ? rows.map((r) => say('listLine', { id: r.id, name: r.name, venue: r.venue, mode: say(`mode.${r.marginMode}`), count: r.positionCount, draft: draft(r.problemCount), file: exportFileName(r.name) })).join('\n')
        : say('listEmpty'),
    )
    return EXIT.ok
  },
}
