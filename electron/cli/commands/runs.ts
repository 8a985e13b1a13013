// cascade runs [list | rm ID]: the runs the app kept in the local store, and deleting one. A run
// still running in the app is refused (cancel it there first); one whose app has gone (quit or
// crashed mid-run) is first marked interrupted, as the app itself would on its next start.
import { isProcessAlive } from '../../main/runs/process-owner'
import { createRunRepository } from '../../main/store/run-repository'
import { databasePath, EXIT, UsageError } from '../context'
import { printResult, type OutputFormat } from '../output'
import { STORE_OPTIONS, withStore } from '../store'
import type { Command } from './command'

/** Every kept run is listed: the app's list stops at 200, a terminal need not. */
const ALL = 1_000_000

export const runsCommand: Command = {
  name: 'runs',
  summary: 'List the runs kept in the local store, or delete one (rm; not one still running)',
  usage: 'cascade runs [list | rm <id>] [--db <path>] [--format json|text]',
  options: STORE_OPTIONS,
  async run(ctx, positionals, values) {
    const db = values.db as string | undefined
    const format = values.format as OutputFormat
    const [verb = 'list', id, ...extra] = positionals
    if (verb === 'list') {
      if (id !== undefined) throw new UsageError('runs list takes no argument')
      const rows = await withStore(ctx, db, (store) => createRunRepository(store.db).list(ALL))
      printResult(ctx, format, rows, () =>
        rows.length
          ? rows.map((r) => `${r.id}  ${r.status.padEnd(9)} ${r.createdAt}  ${r.portfolioName} × ${r.scenarioId} seed ${r.seed}${r.survived === null ? '' : r.survived ? '  survived' : '  LIQUIDATED'}`).join('\n')
          : '(no runs)',
      )
      return EXIT.ok
    }
    if (verb !== 'rm') throw new UsageError(`unknown runs action "${verb}"; expected "list" or "rm"`)
    if (!id || extra.length) throw new UsageError('runs rm needs exactly one run id (see `cascade runs`)')
    const outcome = await withStore(ctx, db, (store) => {
      const repo = createRunRepository(store.db)
      repo.markInterrupted((owner) => !isProcessAlive(owner))
      return repo.delete(id)
    })
    if (outcome === 'not-found') throw new UsageError(`no run with id "${id}" in ${databasePath(ctx, db)}`)
    if (outcome === 'running') throw new UsageError(`run "${id}" is still running in the app; cancel it there first, then delete it`)
    printResult(ctx, format, { id, deleted: true }, () => `deleted run ${id}`)
    return EXIT.ok
  },
}
