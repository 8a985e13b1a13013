// cascade validate <file>: checks a portfolio file (.json, or a .csv of positions).
import { basename } from 'node:path'
import { describeIssue } from '../../../shared/model/issues'
import { readPortfolioFile } from '../../main/services/portfolio-files'
import { EXIT, UsageError } from '../context'
import { readUserFile } from '../files'
import { printResult, type OutputFormat } from '../output'
import type { Command } from './command'

export const validateCommand: Command = {
  name: 'validate',
  summary: 'Check a portfolio file; every problem is printed with its field path',
  usage: 'cascade validate <portfolio.json|positions.csv> [--format json|text]',
  options: { format: { type: 'string', default: 'json' } },
  run(ctx, positionals, values) {
    const [file] = positionals
    if (!file) throw new UsageError('validate needs a file')
    const { path, text } = readUserFile(ctx, file)
    const r = readPortfolioFile(path, text)
    if (!r.ok) {
      throw new UsageError(`${file}: ${r.issues.length} problem${r.issues.length === 1 ? '' : 's'}`, r.issues.map((i) => `${file}: ${describeIssue(i)}`))
    }
    const doc = r.value
    const summary = { valid: true, file: basename(path), format: doc.format, name: doc.name, venue: doc.venue, marginMode: doc.marginMode, positions: doc.positions.length, loops: doc.loops.length, defi: doc.defi.length }
    printResult(ctx, values.format as OutputFormat, summary, () => `${file}: valid ${doc.format} "${doc.name}" (${doc.positions.length} positions)`)
    return EXIT.ok
  },
}
