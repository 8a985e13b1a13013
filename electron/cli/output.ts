// Output conventions of the CLI: JSON on stdout by default, `--format text` for people.
import type { CliContext } from './context'

export type OutputFormat = 'json' | 'text'

export function printResult(ctx: CliContext, format: OutputFormat, value: unknown, asText: () => string): void {
  ctx.stdout(format === 'json' ? `${JSON.stringify(value, null, 2)}\n` : `${asText()}\n`)
}

/** A decimal string shortened for people (8 significant digits, thousands separators); JSON stays exact. */
export function forPeople(value: string | null | undefined): string {
  if (value === null || value === undefined) return '-'
  const n = Number(value)
  return Number.isFinite(n) ? n.toLocaleString('en-US', { maximumSignificantDigits: 8 }) : value
}
