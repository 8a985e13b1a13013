// cascade validate <file>: checks a portfolio file (.json, or a .csv of positions): its format, then
// the verdict every door gives (services/book-check.ts: its venue in the catalogue, the engine's limits).
import { basename } from 'node:path'
import { checkStoredBook } from '../../main/services/book-check'
import { readPortfolioFile } from '../../main/services/portfolio-files'
import { IMPORT_OPTIONS, IMPORT_USAGE, importOptionsFrom } from '../import-options'
import { EXIT, refusedFile, UsageError } from '../context'
import { readUserFile } from '../files'
import { printResult, type OutputFormat } from '../output'
import { LANG_OPTION, withVenueCatalog } from '../store'
import { textIn } from '../messages'
import type { Command } from './command'

export const validateCommand: Command = {
  name: 'validate',
  summary: 'Check a portfolio file against its format and its venue\'s limits; every problem is printed with its field path',
  usage: `cascade validate <portfolio.json|positions.csv> [--db <path>] [--format json|text] ${IMPORT_USAGE} [--lang en|ja|zh-CN]`,
  options: { db: { type: 'string' }, format: { type: 'string', default: 'json' }, ...IMPORT_OPTIONS, ...LANG_OPTION },
  async run(ctx, positionals, values) {
    const [file] = positionals
    if (!file) throw new UsageError('validate needs a file')
    const options = importOptionsFrom(values)
    const { path, text } = readUserFile(ctx, file)
    const doc = await withVenueCatalog(ctx, values.db as string | undefined, (venues) => {
      const r = readPortfolioFile(path, text, venues, options)
      if (!r.ok) throw refusedFile(file, 'invalid', r.issues)
      const verdict = checkStoredBook(r.value, venues)
      if (!verdict.ok) throw refusedFile(file, 'invalid', verdict.issues)
      return r.value
    })
    const summary = { valid: true, file: basename(path), format: doc.format, name: doc.name, venue: doc.venue, marginMode: doc.marginMode, positions: doc.positions.length, loops: doc.loops.length, defi: doc.defi.length }
    const say = textIn(values.lang)
    printResult(ctx, values.format as OutputFormat, summary, () => say('valid', { file, format: doc.format, name: doc.name, count: doc.positions.length }))
    return EXIT.ok
  },
}
