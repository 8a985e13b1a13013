// `cascade <command>`: the engine and store headless. JSON on stdout, messages on stderr,
// exit 0 on success, 2 on bad input, 1 on an internal error (docs/FORMATS.md §5.4).
import { parseArgs } from 'node:util'
import { resolve } from 'node:path'
import type { Command } from './commands/command'
import { validateCommand } from './commands/validate'
import { venuesCommand } from './commands/venues'
import { exportCommand, importCommand, listCommand } from './commands/store-commands'
import { backupCommand, quarantineCommand, restoreCommand } from './commands/backup-commands'
import { metricsCommand } from './commands/metrics'
import { runCommand } from './commands/run'
import { scenariosCommand } from './commands/scenarios'
import { bottomCommand } from './commands/bottom'
import { reportCommand } from './commands/report'
import { runsCommand } from './commands/runs'
import { montecarloCommand } from './commands/montecarlo'
import { gridCommand } from './commands/grid'
import { solveCommand } from './commands/solve'
import { mergeCommand } from './commands/merge'
import { EXIT, UsageError, type CliContext } from './context'
import { AXIS_HELP, AXIS_KINDS } from '../../shared/engine/whatif/axes'
import { CLI_LANGS, isCliLang } from './messages'
import { OUTPUT_FLAGS, outputPath } from './files'
import { SHARD_COUNT_VAR, SHARD_INDEX_VARS } from './commands/study-options'

export const COMMANDS: readonly Command[] = [validateCommand, metricsCommand, venuesCommand, scenariosCommand, runCommand, bottomCommand, reportCommand, runsCommand, montecarloCommand, solveCommand, gridCommand, mergeCommand, importCommand, exportCommand, listCommand, backupCommand, restoreCommand, quarantineCommand]

const EXIT_NOTE = 'Exit codes: 0 ok, 2 bad input, 1 internal error.'

function help(): string {
  const rows = COMMANDS.map((c) => `  ${c.usage}\n      ${c.summary}`).join('\n')
  return `Cascade: replay liquidation cascades against your own book.\n\nUsage: cascade <command> [options]\n\n${rows}\n\nOutput is JSON on stdout unless --format text (in English, or --lang ja / zh-CN, where a command takes them). ${EXIT_NOTE} \`cascade <command> --help\` shows one command.\n`
}

/** One command's help (`cascade <command> --help`, `-h`, or `cascade help <command>`); the what-if axes where it takes them. */
export function commandHelp(c: Command): string {
  const takesAxes = ['set', 'x', 'axis'].some((o) => o in c.options)
  const axes = takesAxes ? `\n\nWhat-if axes (--set AXIS=VALUE${'x' in c.options ? ', --x/--y AXIS=FROM:TO:N' : ''}${'axis' in c.options ? ', --axis AXIS' : ''}):\n${AXIS_KINDS.map((k) => `  ${AXIS_HELP[k]}`).join('\n')}` : ''
  const notes = [
    'shard' in c.options ? `--shard i/N runs shard i of N, counted from 0 (0/2 and 1/2 are the two halves); without it, --shards N (or ${SHARD_COUNT_VAR}=N) reads the index from ${SHARD_INDEX_VARS.join(', ')} (an array job's).` : '',
    'from' in c.options || 'set' in c.options || 'x' in c.options ? 'A value that starts with "-" goes after "=" (--from=-0.3, --set shock:BTC=-0.2 is fine as it is).' : '',
  ].filter(Boolean)
  const format = 'format' in c.options
  const lang = 'lang' in c.options
  const output = `Output is JSON on stdout${format ? ` unless --format text (in English${lang ? ', or --lang ja / zh-CN' : ''})` : ''}. ${EXIT_NOTE}`
  return `cascade ${c.name}: ${c.summary}\n\nusage: ${c.usage}${axes}\n\n${[...notes, output].join('\n')}\n`
}

/** Whether the arguments ask for help (before a `--`, after which everything is positional). */
function asksHelp(args: string[]): boolean {
  const end = args.indexOf('--')
  return (end < 0 ? args : args.slice(0, end)).some((a) => a === '--help' || a === '-h')
}

export async function runCli(argv: string[], ctx: CliContext): Promise<number> {
  const [name, ...rest] = argv
  if (name === 'help' && rest.length) return runCli([rest[0], '--help'], ctx)
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    ctx.stdout(help())
    return name ? EXIT.ok : EXIT.badInput
  }
  const command = COMMANDS.find((c) => c.name === name)
  if (!command) {
    ctx.stderr(`cascade: unknown command "${name}"\n\n${help()}`)
    return EXIT.badInput
  }
  if (asksHelp(rest)) {
    ctx.stdout(commandHelp(command))
    return EXIT.ok
  }
  try {
    const { values, positionals } = parseArgs({ args: rest, options: command.options, allowPositionals: true, strict: true })
    if ('format' in values && values.format !== 'json' && values.format !== 'text') throw new UsageError(`--format must be json or text, got "${String(values.format)}"`)
    if ('lang' in values && !isCliLang(values.lang)) throw new UsageError(`--lang must be one of ${CLI_LANGS.join(', ')}, got "${String(values.lang)}"`)
    // Files the command will write: checked before it works, not after.
    for (const flag of OUTPUT_FLAGS) if (typeof values[flag] === 'string') outputPath(ctx, values[flag], flag)
    return await command.run(ctx, positionals, values as Record<string, string | boolean | string[] | undefined>)
  } catch (e) {
    if (e instanceof UsageError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      ctx.stderr(`cascade ${name}: ${(e as Error).message}\n`)
      for (const line of e instanceof UsageError ? e.lines : []) ctx.stderr(`${line}\n`)
      if (!(e instanceof UsageError)) ctx.stderr(`usage: ${command.usage}\n`)
      return EXIT.badInput
    }
    if ((e as { name?: string }).name === 'StoreError') {
      ctx.stderr(`cascade ${name}: ${(e as Error).message}\n`)
      return EXIT.badInput
    }
    ctx.stderr(`cascade ${name}: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`)
    return EXIT.internal
  }
}

/** Resources sit two folders above both the source (electron/cli) and the build (out/cli). */
export function processContext(): CliContext {
  return {
    cwd: process.env.INIT_CWD && process.env.npm_lifecycle_event === 'cascade' ? process.env.INIT_CWD : process.cwd(),
    env: process.env,
    resourcesDir: resolve(__dirname, '../../resources'),
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    stderrIsTty: Boolean(process.stderr.isTTY),
  }
}

if (require.main === module) {
  runCli(process.argv.slice(2), processContext()).then((code) => {
    process.exitCode = code
  })
}
