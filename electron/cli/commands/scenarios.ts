// cascade scenarios [save FILE | rename ID NAME | rm ID]: the presets and the what-ifs saved in the
// store (the app's scenario:* channels, same verdicts: services/saved-scenarios.ts), and the
// lookup `run` and `bottom` use for --scenario (a file, a preset id, or a saved id).
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { describeIssue } from '../../../shared/model/issues'
import type { Scenario } from '../../../shared/model/scenario'
import { parseScenarioText } from '../../../shared/schemas/scenario'
import { createScenarioCatalog, type ScenarioCatalog } from '../../main/services/scenario-catalog'
import { deleteScenario, renameScenario, saveScenario, type SavedOutcome } from '../../main/services/saved-scenarios'
import { openStore } from '../../main/store/database'
import { createScenarioRepository, type ScenarioRepository } from '../../main/store/scenario-repository'
import { databasePath, EXIT, UsageError, type CliContext } from '../context'
import { looksLikeFile, readUserFile } from '../files'
import { textIn } from '../messages'
import { printResult, type OutputFormat } from '../output'
import { STORE_OPTIONS, withStore } from '../store'
import type { Command } from './command'

const presetsDir = (ctx: CliContext) => join(ctx.resourcesDir, 'scenarios')

/** The catalogue with the store's saved what-ifs when the store exists (reading never creates one). */
function withCatalog<T>(ctx: CliContext, dbFlag: string | undefined, use: (catalog: ScenarioCatalog) => T): T {
  const path = databasePath(ctx, dbFlag)
  if (!existsSync(path)) return use(createScenarioCatalog(presetsDir(ctx)))
  const store = openStore(path)
  for (const notice of store.notices) ctx.stderr(`warning: ${notice.message}\n`)
  try {
    return use(createScenarioCatalog(presetsDir(ctx), createScenarioRepository(store.db)))
  } finally {
    store.db.close()
  }
}

/** A scenario named on the command line: a file, a preset id or a what-if saved in the store. */
export function findScenario(ctx: CliContext, idOrFile: string, dbFlag?: string): Scenario {
  if (looksLikeFile(idOrFile)) {
    const { text } = readUserFile(ctx, idOrFile)
    const r = parseScenarioText(text)
    if (!r.ok) throw new UsageError(`${idOrFile}: ${r.issues.length} problem(s)`, r.issues.map((i) => `${idOrFile}: ${describeIssue(i)}`))
    return r.value
  }
  const r = withCatalog(ctx, dbFlag, (catalog) => catalog.get(idOrFile))
  if (!r.ok) throw new UsageError(r.issues[0].message)
  return r.value.doc
}

function outcome<T>(r: SavedOutcome<T>): T {
  // Findings the message already says are not repeated under it.
  if (!r.ok) throw new UsageError(r.message, r.issues.filter((i) => !r.message.includes(i.message)).map(describeIssue))
  return r.value
}

const edit = <T>(ctx: CliContext, dbFlag: string | undefined, use: (catalog: ScenarioCatalog, repo: ScenarioRepository) => SavedOutcome<T>): Promise<T> =>
  withStore(ctx, dbFlag, (store) => {
    const repo = createScenarioRepository(store.db)
    return outcome(use(createScenarioCatalog(presetsDir(ctx), repo), repo))
  })

export const scenariosCommand: Command = {
  name: 'scenarios',
  summary: 'List the scenario presets and the what-ifs saved in the store; save a scenario file, rename or remove a saved one',
  usage: 'cascade scenarios [save <scenario.json> | rename <id> <name> | rm <id>] [--db <path>] [--format json|text] [--lang en|ja|zh-CN]',
  options: STORE_OPTIONS,
  async run(ctx, positionals, values) {
    const db = values.db as string | undefined
    const format = values.format as OutputFormat
    const [verb, ...args] = positionals
    const need = (n: number, what: string) => {
      if (args.length !== n) throw new UsageError(`scenarios ${verb} needs ${what}`)
    }
    switch (verb) {
      case undefined: {
        const list = withCatalog(ctx, db, (catalog) => catalog.list())
        const say = textIn(values.lang)
        const where = (s: (typeof list)[number]) => say(s.kind === 'calibrated' ? 'scenarioCalibrated' : s.kind === 'date' ? 'scenarioDate' : 'scenarioWhatIf', { venue: s.venue ?? '' })
        printResult(ctx, format, list, () => list.map((s) => say('scenarioLine', { id: s.id.padEnd(22), where: where(s), name: s.name, start: s.start, end: s.end, step: s.step })).join('\n'))
        return EXIT.ok
      }
      case 'save': {
        need(1, 'exactly one scenario file')
        const { text } = readUserFile(ctx, args[0])
        const parsed = parseScenarioText(text)
        if (!parsed.ok) throw new UsageError(`${args[0]}: not saved: ${parsed.issues.length} problem(s)`, parsed.issues.map((i) => `${args[0]}: ${describeIssue(i)}`))
        const saved = await edit(ctx, db, (catalog, repo) => saveScenario(catalog, repo, parsed.value))
        printResult(ctx, format, saved, () => `saved "${saved.name}" as ${saved.id}`)
        return EXIT.ok
      }
      case 'rename': {
        need(2, 'an id and a new name')
        const renamed = await edit(ctx, db, (catalog, repo) => renameScenario(catalog, repo, args[0], args[1]))
        printResult(ctx, format, renamed, () => `renamed ${renamed.id} to "${renamed.name}"`)
        return EXIT.ok
      }
      case 'rm': {
        need(1, 'exactly one id')
        const removed = await edit(ctx, db, (catalog, repo) => deleteScenario(catalog, repo, args[0]))
        printResult(ctx, format, removed, () => `removed ${removed.id}`)
        return EXIT.ok
      }
      default:
        throw new UsageError(`unknown scenarios action "${verb}"; expected save, rename, rm or nothing`)
    }
  },
}
