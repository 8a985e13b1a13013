// Output conventions of the CLI: JSON on stdout by default, `--format text` for people.
import type { CliContext } from './context'

export type OutputFormat = 'json' | 'text'

export function printResult(ctx: CliContext, format: OutputFormat, value: unknown, asText: () => string): void {
  ctx.stdout(format === 'json' ? `${JSON.stringify(value, null, 2)}\n` : `${asText()}\n`)
}
