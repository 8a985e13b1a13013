// cascade venues: the venue profiles that ship, with ids and names.
import { join } from 'node:path'
import { createVenueCatalog } from '../../main/venues'
import { EXIT } from '../context'
import { printResult, type OutputFormat } from '../output'
import type { Command } from './command'

export const venuesCommand: Command = {
  name: 'venues',
  summary: 'List the shipped venue profiles',
  usage: 'cascade venues [--format json|text]',
  options: { format: { type: 'string', default: 'json' } },
  run(ctx, _positionals, values) {
    const venues = createVenueCatalog(join(ctx.resourcesDir, 'venues')).list()
    printResult(ctx, values.format as OutputFormat, venues, () => venues.map((v) => `${v.id.padEnd(14)} ${v.name} (snapshot ${v.snapshot})`).join('\n'))
    return EXIT.ok
  },
}
