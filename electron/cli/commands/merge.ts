// cascade merge PART...: the parts of a sharded sweep (`--shard i/N` on each machine) put back
// together into exactly the report the unsharded sweep prints (docs/SCALE-OUT.md). Timing, the one
// field that is not a function of the inputs, is the parts' work summed and their longest wall time.
import { mergeParts, sweepReport } from '../../../shared/engine/whatif'
import { describeIssue } from '../../../shared/model/issues'
import type { SweepPart } from '../../../shared/model/study'
import { validateSweepPart } from '../../../shared/schemas/sweep-part'
import { EXIT, UsageError } from '../context'
import { readUserFile } from '../files'
import type { Command } from './command'
import { emitJson } from './study-options'

export const mergeCommand: Command = {
  name: 'merge',
  summary: 'Combine the parts of a sharded montecarlo or grid into the report of the whole sweep',
  usage: 'cascade merge <part.json>... [--out FILE] [--no-timing]',
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
      const r = validateSweepPart(doc)
      if (!r.ok) throw new UsageError(`${file}: not a sweep part: ${r.issues.length} problem(s)`, r.issues.slice(0, 20).map((i) => `${file}: ${describeIssue(i)}`))
      parts.push({ name: file, part: r.value })
    }
    const merged = mergeParts(parts)
    if (!merged.ok) throw new UsageError(`cannot merge: ${merged.issues.length} problem(s)`, merged.issues.map(describeIssue))
    emitJson(ctx, values, sweepReport(merged.request, merged.outcomes, merged.timing))
    return EXIT.ok
  },
}
