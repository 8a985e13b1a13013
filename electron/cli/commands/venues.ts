// cascade venues [import FILE]: the venue catalogue (shipped profiles and those imported into the
// store), and importing a profile file into it. Books name venues by these ids.
import { basename } from 'node:path'
import { describeIssue } from '../../../shared/model/issues'
import { EXIT, UsageError } from '../context'
import { readUserFile } from '../files'
import { printResult, type OutputFormat } from '../output'
import { STORE_OPTIONS, withVenueCatalog } from '../store'
import { textIn } from '../messages'
import type { Command } from './command'

export const venuesCommand: Command = {
  name: 'venues',
  summary: 'List the venue catalogue (shipped and imported profiles), or import a profile file into the store',
  usage: 'cascade venues [import <profile.json>] [--db <path>] [--format json|text] [--lang en|ja|zh-CN]',
  options: STORE_OPTIONS,
  async run(ctx, positionals, values) {
    const db = values.db as string | undefined
    const format = values.format as OutputFormat
    const [verb, file, ...extra] = positionals
    const say = textIn(values.lang)
    if (verb === undefined) {
      const venues = await withVenueCatalog(ctx, db, (catalog) => catalog.list())
      printResult(ctx, format, venues, () => venues.map((v) => say(v.source === 'imported' ? 'venueLineImported' : 'venueLine', { id: v.id.padEnd(14), name: v.name, snapshot: v.snapshot })).join('\n'))
      return EXIT.ok
    }
    if (verb !== 'import') throw new UsageError(`unknown venues action "${verb}"; expected "import" or nothing`)
    if (!file || extra.length) throw new UsageError('venues import needs exactly one profile file')
    const { text } = readUserFile(ctx, file)
    const r = await withVenueCatalog(ctx, db, (catalog) => catalog.import(text, basename(file)), { createStore: true })
    if (!r.ok) throw new UsageError(`${file}: not imported`, r.issues.map((i) => `${file}: ${describeIssue(i)}`))
    printResult(ctx, format, r.value, () => say(r.value.created ? 'venueImported' : 'venueReplaced', { id: r.value.id, name: r.value.name }))
    return EXIT.ok
  },
}
