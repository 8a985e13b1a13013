// `cascade report` (the app's report, from the CLI: same page module, same input hash for the same
// inputs as the app's stored run) and `cascade runs [rm]` (the app's kept runs; never one running).
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { CliContext } from '../../../electron/cli/context'
import { runCli } from '../../../electron/cli/main'
import { createCore } from '../../../electron/main/core'
import { createThreadRunner } from '../../../electron/main/runs/thread-runner'
import { openStore } from '../../../electron/main/store/database'
import { createRunRepository } from '../../../electron/main/store/run-repository'
import { emptyPortfolio } from '../../../shared/model/portfolio'
import { runInputHash } from '../../../shared/report/input-hash'
import { parsePortfolioText } from '../../../shared/schemas/portfolio'
import { parseScenarioText } from '../../../shared/schemas/scenario'
import { useTempDirs } from '../../temp-dir'

const root = join(__dirname, '../../..')
const hedge = join(root, 'resources/examples/hedge-book.json')
const tempDir = useTempDirs('cli-report')

function cli(argv: string[], cwd = root) {
  let stdout = ''
  let stderr = ''
  const ctx: CliContext = { cwd, env: { CASCADE_DATA_DIR: '/nonexistent/cascade-cli-test' }, resourcesDir: join(root, 'resources'), stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) }
  return runCli(argv, ctx).then((code) => ({ code, stdout, stderr }))
}

describe('cascade report', () => {
  it('runs the book and writes the report, with the hash the app gives the same inputs', async () => {
    const dir = tempDir()
    const r = await cli(['report', hedge, '--scenario', '2025-10-10', '--seed', '28', '--out', 'hedge.html', '--quiet'], dir)
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    const reply = JSON.parse(r.stdout)
    expect(reply).toMatchObject({ out: join(dir, 'hedge.html'), portfolio: expect.stringMatching(/^Hedge book/), scenario: '2025-10-10-hyperliquid', scenarioRequested: '2025-10-10', seed: 28, set: {} })
    const html = readFileSync(join(dir, 'hedge.html'), 'utf8')
    expect(html).toContain(`<span class="hash" data-testid="input-hash">${reply.inputHash}</span>`)
    expect(html).toContain(`data-verdict="${reply.survived ? 'survived' : 'liquidated'}"`)
    expect(html).toContain('none (the scenario as named)')
    expect(html).toMatch(/<meta name="generator" content="Cascade \d+\.\d+\.\d+">/)

    const book = parsePortfolioText(readFileSync(hedge, 'utf8'))
    const scenario = parseScenarioText(readFileSync(join(root, 'resources/scenarios/2025-10-10-hyperliquid.json'), 'utf8'))
    if (!book.ok || !scenario.ok) throw new Error('fixtures')
    // The date on a Hyperliquid book runs Hyperliquid's preset, and that is what the hash covers.
    expect(reply.inputHash).toBe(runInputHash({ book: book.value, scenario: scenario.value, seed: 28, options: { pricing: 'book' } }))

    // The same book saved in the app and run there: its report carries the same hash.
    const APP = 'file:///app/'
    const core = createCore({ dataDir: dir, databasePath: ':memory:', resourcesDir: join(root, 'resources'), version: 'test', trustedOrigins: [APP], runner: createThreadRunner(join(root, 'electron/main/runs/run-worker.ts')), externalChangesEveryMs: 0 })
    const saved = await core.invoke('portfolio:save', { doc: JSON.parse(readFileSync(hedge, 'utf8')) }, APP)
    const started = await core.invoke('run:start', { portfolioId: (saved as { value: { id: string } }).value.id, scenarioId: '2025-10-10', seed: 28 }, APP)
    await core.idle()
    const app = await core.invoke('run:report', { id: (started as { value: { id: string } }).value.id, format: 'html' }, APP)
    core.close()
    expect(app.ok && (app.value as { inputHash: string }).inputHash).toBe(reply.inputHash)
  }, 120_000)

  it('writes in --lang, and says so in the command it prints for re-running', async () => {
    const dir = tempDir()
    const r = await cli(['report', hedge, '--scenario', '2025-10-10', '--seed', '42', '--crowd', '2000', '--lang', 'zh-CN', '--out', 'r.html', '--quiet', '--format', 'text'], dir)
    expect(r.code).toBe(0)
    // The text output is in the report's language too.
    expect(r.stdout).toMatch(/^已写入 .*r\.html\n {2}(存活|已强平)，输入的 SHA-256 [0-9a-f]{64}\n$/)
    const html = readFileSync(join(dir, 'r.html'), 'utf8')
    expect(html).toContain('<html lang="zh-CN">')
    expect(html).toContain('--seed 42 --lang zh-CN --out report.html')
    // --crowd is part of the scenario that ran, so of the hashed inputs.
    expect(html).toContain('&quot;accounts&quot;: 2000')
  }, 60_000)

  it('applies --set as cascade run does and lists the changes in the report', async () => {
    const dir = tempDir()
    const r = await cli(['report', hedge, '--scenario', '2025-10-10', '--seed', '42', '--crowd', '2000', '--set', 'shock:BTC=-0.2', '--out', 's.html', '--quiet'], dir)
    expect(r.stderr).toBe('')
    const reply = JSON.parse(r.stdout)
    expect(reply.set).toEqual({ 'shock:BTC': '-0.2' })
    const html = readFileSync(join(dir, 's.html'), 'utf8')
    expect(html).toContain('shock:BTC')
    expect(html).not.toContain('none (the scenario as named)')
    // The same flags on `cascade run` end at the same summary.
    const run = await cli(['run', hedge, '--scenario', '2025-10-10', '--seed', '42', '--crowd', '2000', '--set', 'shock:BTC=-0.2', '--quiet'], dir)
    expect(JSON.parse(run.stdout).survived).toBe(reply.survived)
  }, 60_000)

  it('refuses bad flags with exit 2, naming each', async () => {
    const bad = async (args: string[]) => {
      const r = await cli(['report', hedge, '--scenario', '2025-10-10', ...args])
      expect(r.code, args.join(' ')).toBe(2)
      return r.stderr
    }
    expect(await bad([])).toContain('report needs --out <file.html>')
    expect(await bad(['--out', 'r.pdf'])).toContain('report needs --out <file.html>')
    expect(await bad(['--out', 'r.html', '--lang', 'fr'])).toContain('--lang must be one of en, ja, zh-CN, got "fr"')
    expect(await bad(['--out', 'r.html', '--seed', '1.5'])).toContain('--seed must be a whole number')
    // The axes `cascade run` takes (docs/DECISIONS.md §1), each bad one named with its path.
    const syntax = await bad(['--out', 'r.html', '--set', 'nope', '--set', '1x=2', '--set', 'shock:BTC=', '--set', 'fund=1', '--set', 'fund=2'])
    expect(syntax).toContain('--set: 4 problems')
    expect(syntax).toContain('set: "nope" is not AXIS=VALUE')
    expect(syntax).toContain('set.1x: unknown axis "1x"')
    expect(syntax).toContain('set.shock:BTC: must be a number')
    expect(syntax).toContain('set.fund: axis fund is given twice')
    // Well formed, but not an asset of the pair: refused by name, never ignored.
    const unknown = await bad(['--out', 'r.html', '--set', 'shock:NOPE=-0.2'])
    expect(unknown).toContain('shock:NOPE')
  })
})

describe('cascade runs', () => {
  function storeWithRuns(path: string) {
    const store = openStore(path)
    const repo = createRunRepository(store.db)
    const scenario = JSON.parse(readFileSync(join(root, 'resources/scenarios/2025-10-10.json'), 'utf8'))
    const start = (owner: string) => repo.start({ owner, portfolioId: null, portfolio: emptyPortfolio('Book A'), scenario, seed: 1 })
    const live = start(`${process.pid}:live`)
    const ended = start(`${process.pid}:live`)
    repo.end(ended.id, 'failed', 'boom')
    // Left running by an app that crashed: its process is gone.
    const orphan = start('999999999:gone')
    store.db.close()
    return { live: live.id, ended: ended.id, orphan: orphan.id }
  }

  it('lists the kept runs and deletes an ended or orphaned one, never one still running', async () => {
    const db = join(tempDir(), 'store.sqlite')
    const ids = storeWithRuns(db)
    const listed = await cli(['runs', '--db', db])
    expect(listed.code).toBe(0)
    expect(JSON.parse(listed.stdout).map((r: { id: string }) => r.id).sort()).toEqual(Object.values(ids).sort())

    expect(await cli(['runs', 'rm', ids.ended, '--db', db])).toMatchObject({ code: 0, stdout: expect.stringContaining('"deleted": true') })
    const running = await cli(['runs', 'rm', ids.live, '--db', db])
    expect(running.code).toBe(2)
    expect(running.stderr).toContain(`run "${ids.live}" is still running in the app; cancel it there first`)
    expect((await cli(['runs', 'rm', ids.orphan, '--db', db])).code).toBe(0)
    const missing = await cli(['runs', 'rm', ids.ended, '--db', db])
    expect(missing.code).toBe(2)
    expect(missing.stderr).toContain(`no run with id "${ids.ended}"`)

    const text = await cli(['runs', 'list', '--db', db, '--format', 'text'])
    expect(text.stdout).toMatch(new RegExp(`^${ids.live} {2}running {3}\\S+ {2}Book A × 2025-10-10 seed 1\\n$`))
    // --lang: the statuses and words in the language, padded to line up in a terminal.
    const ja = await cli(['runs', 'list', '--db', db, '--format', 'text', '--lang', 'ja'])
    expect(ja.stdout).toMatch(new RegExp(`^${ids.live} {2}実行中 +\\S+ {2}Book A × 2025-10-10 シード 1\\n$`))
    expect((await cli(['runs', '--db', join(tempDir(), 'empty.sqlite'), '--format', 'text', '--lang', 'zh-CN'])).stdout).toBe('（没有运行记录）\n')
    expect((await cli(['runs', 'rm', '--db', db])).stderr).toContain('runs rm needs exactly one run id')
    expect((await cli(['runs', 'drop', '--db', db])).stderr).toContain('unknown runs action "drop"')
  })
})
