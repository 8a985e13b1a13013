// The choices a CSV of positions needs, from the command line (docs/FORMATS.md §2.4, §5.1):
// `--venue ID`, `--margin-mode cross|isolated|portfolio`, `--prices BTC=122000,...` (marks over
// the file's), `--skip-invalid` (import the good rows, list the others), `--name TEXT`. The app's
// import preview sends the same options (`portfolio:import`), so both doors give one verdict.
import { describeIssue } from '../../shared/model/issues'
import { MARGIN_MODES, type MarginMode } from '../../shared/model/portfolio'
import type { ImportOptions, ImportPreview } from '../../shared/model/positions-import'
import { parsePricesFlag } from './commands/metrics'
import { UsageError, type CliContext } from './context'

export const IMPORT_OPTIONS = {
  venue: { type: 'string' },
  'margin-mode': { type: 'string' },
  prices: { type: 'string' },
  'skip-invalid': { type: 'boolean' },
  name: { type: 'string' },
} as const

export const IMPORT_USAGE = '[--venue <id>] [--margin-mode cross|isolated|portfolio] [--prices BTC=122000,...] [--skip-invalid] [--name <text>]'

export function importOptionsFrom(values: Record<string, unknown>): ImportOptions {
  const out: ImportOptions = {}
  if (typeof values.venue === 'string') out.venue = values.venue
  const mode = values['margin-mode']
  if (typeof mode === 'string') {
    if (!(MARGIN_MODES as readonly string[]).includes(mode)) throw new UsageError(`--margin-mode must be one of ${MARGIN_MODES.join(', ')}, got "${mode}"`)
    out.marginMode = mode as MarginMode
  }
  if (typeof values.prices === 'string') {
    const flags = parsePricesFlag(values.prices)
    if (flags.issues.length) throw new UsageError('bad --prices', flags.issues.map(describeIssue))
    out.prices = flags.prices
  }
  if (values['skip-invalid'] === true) out.skipInvalid = true
  if (typeof values.name === 'string') out.name = values.name
  return out
}

/** What a CSV import left out or still lacks, on stderr: the rows skipped with why, the marks to give. */
export function reportImportNotes(ctx: CliContext, file: string, preview: ImportPreview): void {
  for (const r of preview.rows) for (const i of r.issues) ctx.stderr(`${file}: skipped: ${describeIssue(i)}\n`)
  if (preview.flatRows) ctx.stderr(`${file}: ${preview.flatRows} row(s) with a size of zero left out\n`)
  const missing = preview.marks.filter((m) => m.value === null).map((m) => m.asset)
  if (missing.length) ctx.stderr(`${file}: no mark for ${missing.join(', ')}: metrics will ask for it (--prices ${missing.map((a) => `${a}=...`).join(',')})\n`)
}
