// cascade runs [list | rm ID]: the runs the app kept in the local store, and deleting one. A run
// still running in the app is refused (cancel it there first); one whose app has gone (quit or
// crashed mid-run) is first marked interrupted, as the app itself would on its next start.
import type { RunStatus } from '../../../shared/ipc/channels'
import { isProcessAlive } from '../../main/runs/process-owner'
import { createRunRepository } from '../../main/store/run-repository'
import { databasePath, EXIT, UsageError } from '../context'
import { textIn } from '../messages'
import { printResult, type OutputFormat } from '../output'
import { STORE_OPTIONS, withStore } from '../store'
import type { Command } from './command'

/** What a run's row can say it is (shared/ipc/channels.ts RunStatus). */
const RUN_STATUSES = ['running', 'done', 'failed', 'cancelled'] as const satisfies readonly RunStatus[]

/** Terminal columns a text takes: CJK characters are two wide, so padding counts them twice. */
const columns = (s: string): number => [...s].reduce((n, c) => n + (/[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\uff00-\uff60\uffe0-\uffe6]/.test(c) ? 2 : 1), 0)
const padColumns = (s: string, width: number): string => s + ' '.repeat(Math.max(0, width - columns(s)))

/** Every kept run is listed: the app's list stops at 200, a terminal need not. */
const ALL = 1_000_000

export const runsCommand: Command = {
  name: 'runs',
  summary: 'List the runs kept in the local store, or delete one (rm; not one still running)',
  usage: 'cascade runs [list | rm <id>] [--db <path>] [--format json|text] [--lang en|ja|zh-CN]',
  options: STORE_OPTIONS,
  async run(ctx, positionals, values) {
    const db = values.db as string | undefined
    const format = values.format as OutputFormat
    const [verb = 'list', id, ...extra] = positionals
    if (verb === 'list') {
      if (id !== undefined) throw new UsageError('runs list takes no argument')
      const rows = await withStore(ctx, db, (store) => createRunRepository(store.db).list(ALL))
      const say = textIn(values.lang)
      // Status words padded to the language's longest, so the timestamps line up.
      const width = Math.max(...RUN_STATUSES.map((s) => columns(say(`status.${s}`))))
      printResult(ctx, format, rows, () =>
        rows.length
          ? rows
              .map((r) =>
                say('runsLine', {
                  id: r.id,
                  status: padColumns(say(`status.${r.status}`), width),
                  created: r.createdAt,
                  book: r.portfolioName,
                  scenario: r.scenarioId,
                  seed: r.seed,
                  verdict: r.survived === null ? '' : `  ${say(r.survived ? 'survived' : 'liquidated')}`,
                }),
              )
              .join('\n')
          : say('runsEmpty'),
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
    printResult(ctx, format, { id, deleted: true }, () => textIn(values.lang)('runDeleted', { id }))
    return EXIT.ok
  },
}
