// cascade backup | restore | quarantine: the whole store from the command line (--db selects it).
// A backup is SQLite's online backup, so it is safe while the app has the store open. A restore
// checks the file before it replaces anything and keeps the replaced store beside it; the app, if
// it is running, keeps the store it opened until it restarts (restore from the app instead).
import { constants, copyFileSync, existsSync, mkdirSync, statSync } from 'node:fs'
import { basename, dirname, resolve } from 'node:path'
import { backupStore, discardCandidate, stageRestore, swapInRestore } from '../../main/store/backup'
import { storageFailure } from '../../main/store/database'
import { listQuarantine } from '../../main/store/quarantine'
import { databasePath, EXIT, UsageError, type CliContext } from '../context'
import { printResult, type OutputFormat } from '../output'
import { STORE_OPTIONS, withStore } from '../store'
import { textIn } from '../messages'
import { writeOutput } from '../files'
import type { Command } from './command'

const common = STORE_OPTIONS
/** "1 portfolio", "3 portfolios" in the command's language. */
const books = (say: ReturnType<typeof textIn>, n: number): string => (n === 1 ? say('booksOne') : say('books', { count: n }))

function existingStore(ctx: CliContext, dbFlag: string | undefined, what: string): string {
  const path = databasePath(ctx, dbFlag)
  if (!existsSync(path)) throw new UsageError(`no store at ${path}; nothing to ${what}`)
  return path
}

export const backupCommand: Command = {
  name: 'backup',
  summary: 'Copy the whole store to a new file (safe while the app is open)',
  usage: 'cascade backup <file> [--db <path>] [--format json|text] [--lang en|ja|zh-CN]',
  options: common,
  async run(ctx, positionals, values) {
    const [file] = positionals
    if (!file) throw new UsageError('backup needs the file to write')
    const dbFlag = values.db as string | undefined
    existingStore(ctx, dbFlag, 'back up')
    const dest = resolve(ctx.cwd, file)
    if (!existsSync(dirname(dest))) throw new UsageError(`${file}: the folder ${dirname(dest)} does not exist`)
    const result = await withStore(ctx, dbFlag, async (store) => {
      const { bytes } = await backupStore(store.db, dest)
      const portfolios = store.db.prepare<[], number>('SELECT count(*) FROM portfolios').pluck().get() ?? 0
      return { file: dest, bytes, portfolios }
    })
    printResult(ctx, values.format as OutputFormat, result, () => textIn(values.lang)('backedUp', { books: books(textIn(values.lang), result.portfolios), dest, bytes: result.bytes }))
    return EXIT.ok
  },
}

export const restoreCommand: Command = {
  name: 'restore',
  summary: 'Replace the store with a backup, once it checks out; the replaced store is kept beside it',
  usage: 'cascade restore <file> [--db <path>] [--format json|text] [--lang en|ja|zh-CN]',
  options: common,
  async run(ctx, positionals, values) {
    const [file] = positionals
    if (!file) throw new UsageError('restore needs the backup file to restore')
    const dbFlag = values.db as string | undefined
    const source = resolve(ctx.cwd, file)
    const target = databasePath(ctx, dbFlag)
    if (!existsSync(source) || !statSync(source).isFile()) throw new UsageError(`${file}: not a file`)
    if (source === target) throw new UsageError(`${file} is the store itself; restore another file`)
    let staged: ReturnType<typeof stageRestore>
    let keptAs: string | null
    try {
      mkdirSync(dirname(target), { recursive: true })
      staged = stageRestore(target, file, (path) => copyFileSync(source, path, constants.COPYFILE_EXCL))
      try {
        keptAs = swapInRestore(staged.candidate, target, new Date())
      } finally {
        discardCandidate(staged.candidate)
      }
    } catch (e) {
      // Storage that cannot be used (read-only folder, full disk) is bad input to fix, exit 2.
      throw storageFailure(e, target) ?? e
    }
    const { check } = staged
    // Opening it migrates an older schema and quarantines the rows the check found (a warning each).
    const portfolios = await withStore(ctx, dbFlag, (store) => store.db.prepare<[], number>('SELECT count(*) FROM portfolios').pluck().get() ?? 0)
    const result = { restored: source, store: target, keptAs, portfolios, quarantined: check.findings.length }
    printResult(ctx, values.format as OutputFormat, result, () =>
      [textIn(values.lang)('restored', { file: basename(source), target, books: books(textIn(values.lang), portfolios) }), keptAs ? textIn(values.lang)('restoredKept', { keptAs }) : textIn(values.lang)('restoredFresh')].join('\n'),
    )
    return EXIT.ok
  },
}

export const quarantineCommand: Command = {
  name: 'quarantine',
  summary: 'List the damaged rows moved into quarantine (with their reason); --export <n> prints one row as text',
  usage: 'cascade quarantine [--db <path>] [--format json|text] [--lang en|ja|zh-CN] [--export <n> [--out <file>]]',
  options: { ...common, export: { type: 'string' }, out: { type: 'string' } },
  async run(ctx, _positionals, values) {
    const dbFlag = values.db as string | undefined
    const rows = existsSync(databasePath(ctx, dbFlag)) ? await withStore(ctx, dbFlag, (store) => listQuarantine(store.db)) : []
    if (typeof values.export === 'string') {
      const row = rows.find((r) => String(r.id) === values.export)
      if (!row) throw new UsageError(`no quarantined row ${values.export} (see \`cascade quarantine\`)`)
      const text = `${JSON.stringify({ table: row.table, reason: row.reason, quarantinedAt: row.quarantinedAt, row: JSON.parse(row.text) as unknown }, null, 2)}\n`
      if (typeof values.out === 'string') {
        const out = resolve(ctx.cwd, values.out)
        writeOutput(out, text)
        ctx.stderr(`wrote ${out}\n`)
      } else ctx.stdout(text)
      return EXIT.ok
    }
    printResult(ctx, values.format as OutputFormat, rows, () =>
      rows.length ? rows.map((r) => `${r.id}  ${r.table}  ${r.rowId ?? '-'}  ${r.quarantinedAt}  ${r.reason}`).join('\n') : textIn(values.lang)('quarantineEmpty'),
    )
    return EXIT.ok
  },
}
