// cascade merge PART...: the parts of a sharded sweep (`--shard i/N` on each machine) put back
// together into exactly the report the unsharded sweep prints (docs/SCALE-OUT.md). Timing, the one
// field that is not a function of the inputs, is the parts' work summed and their longest wall time.
import { mergeParts, sweepReport } from '../../../shared/engine/whatif'
import { describeIssue } from '../../../shared/model/issues'
import type { SweepPart } from '../../../shared/model/study'
import { SWEEP_PART_FORMAT, validateSweepPart } from '../../../shared/schemas/sweep-part'
import { EXIT, UsageError } from '../context'
import { readUserFile } from '../files'
import type { Command } from './command'
import { emitJson } from './study-options'
import { gridText } from './grid'
import { monteCarloText } from './montecarlo'

export const mergeCommand: Command = {
  name: 'merge',
  summary: 'Combine the parts of a sharded montecarlo or grid into the report of the whole sweep',
  usage: 'cascade merge <part.json>... [--out FILE] [--no-timing] [--format json|text]',
  options: { out: { type: 'string' }, 'no-timing': { type: 'boolean' }, format: { type: 'string', default: 'json' } },
  run(ctx, positionals, values) {
    if (positionals.length === 0) throw new UsageError('merge needs the part files of one sweep')
    const parts: { name: string; part: SweepPart }[] = []
    for (const file of positionals) {
      const { text } = readUserFile(ctx, file)
      let doc: unknown
      try {
        doc = JSON.parse(text)
      } catch (e) {
        throw new UsageError(`${file}: not JSON (${(e as Error).message})`)
      }
      // Another Cascade document (a whole report, a book) is named as such, not listed field by field.
      const format = doc !== null && typeof doc === 'object' ? (doc as { format?: unknown }).format : undefined
      if (typeof format === 'string' && format !== SWEEP_PART_FORMAT) throw new UsageError(`${file}: not a sweep part (it is ${format.slice(0, 60)}); merge takes the files written with --shard`)
      const r = validateSweepPart(doc)
      if (!r.ok) throw new UsageError(`${file}: not a sweep part: ${r.issues.length} problem(s)`, r.issues.slice(0, 20).map((i) => `${file}: ${describeIssue(i)}`))
      parts.push({ name: file, part: r.value })
    }
    const merged = mergeParts(parts)
    if (!merged.ok) throw new UsageError(`cannot merge: ${merged.issues.length} problem(s)`, merged.issues.map(describeIssue))
    const report = sweepReport(merged.request, merged.outcomes, merged.timing)
    emitJson(ctx, values, report, () => (report.format === 'cascade.montecarlo/1' ? monteCarloText(report) : gridText(report)))
    return EXIT.ok
  },
}
