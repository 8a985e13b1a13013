// `npm run bench`: prints one JSON object of figures. Each bench module measures one thing;
// `--only metrics` (or cascade, bigBooks, studies, whatif, sweepJob) runs one of them. Figures, not pass/fail: issues name targets.
import { cpus } from 'node:os'
import { benchBigBooks } from './big-books'
import { benchCascade } from './cascade'
import { benchMetrics } from './metrics'
import { benchStudies } from './studies'
import { benchWhatif } from './whatif'
import { benchSweepJob } from './sweep-job'

const benches: Record<string, () => Promise<Record<string, unknown>>> = {
  metrics: benchMetrics,
  cascade: benchCascade,
  bigBooks: benchBigBooks,
  studies: benchStudies,
  whatif: benchWhatif,
  sweepJob: benchSweepJob,
}

async function main(): Promise<void> {
  const only = process.argv.indexOf('--only')
  const names = only >= 0 ? [process.argv[only + 1]] : Object.keys(benches)
  const unknown = names.filter((n) => !(n in benches))
  if (unknown.length) {
    process.stderr.write(`unknown bench ${unknown.join(', ')}; known: ${Object.keys(benches).join(', ')}\n`)
    process.exitCode = 2
    return
  }
  const figures: Record<string, unknown> = {
    machine: { node: process.version, cpus: cpus().length, cpu: cpus()[0]?.model ?? 'unknown' },
  }
  for (const name of names) {
    process.stderr.write(`bench ${name}...\n`)
    figures[name] = await benches[name]()
  }
  process.stdout.write(`${JSON.stringify(figures, null, 2)}\n`)
}

void main()
