// The shape of a CLI command. Options are parsed with node:util parseArgs (strict).
import type { ParseArgsConfig } from 'node:util'
import type { CliContext } from '../context'

export interface Command {
  name: string
  summary: string
  usage: string
  options: NonNullable<ParseArgsConfig['options']>
  run(ctx: CliContext, positionals: string[], values: Record<string, string | boolean | string[] | undefined>): Promise<number> | number
}
