import { execFileSync, spawnSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { COMMANDS, runCli } from '../../../electron/cli/main'
import type { CliContext } from '../../../electron/cli/context'
import { useTempDirs } from '../../temp-dir'

const root = join(__dirname, '../../..')
const example = join(root, 'tests/fixtures/portfolios/formats-example.json')
const tempDir = useTempDirs('cli')

function cli(argv: string[], cwd = root) {
  let stdout = ''
  let stderr = ''
  const ctx: CliContext = { cwd, env: { CASCADE_DATA_DIR: '/nonexistent/cascade-cli-test' /* never created: the CLI tests always name --db */ }, resourcesDir: join(root, 'resources'), stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) }
  return runCli(argv, ctx).then((code) => ({ code, stdout, stderr }))
}

describe('cascade CLI', () => {
  it('answers `<command> --help`, `-h` and `help <command>` with that command alone, exit 0; the what-if axes where it takes them', async () => {
    for (const c of COMMANDS) {
      for (const argv of [[c.name, '--help'], [c.name, 'a.json', '-h'], ['help', c.name]]) {
        const r = await cli(argv)
        expect(r.code, argv.join(' ')).toBe(0)
        expect(r.stderr).toBe('')
        expect(r.stdout).toContain(`usage: ${c.usage}`)
        expect(r.stdout.includes('collateral:ASSET=AMOUNT')).toBe(['set', 'x', 'axis'].some((o) => o in c.options))
      }
    }
    // After `--` it is a file name like any other.
    const r = await cli(['validate', '--', '--help'])
    expect(r.code).toBe(2)
    expect(r.stdout).toBe('')
  })

  it('refuses an output path it cannot write before doing any work: exit 2, the flag, the file and why', async () => {
    const dir = tempDir()
    const book = join(root, 'resources/examples/hedge-book.json')
    const cases: [string[], string][] = [
      [['montecarlo', book, '--scenario', '2025-10-10', '--draws', '2', '--out', join(dir, 'none', 'mc.json')], `--out ${join(dir, 'none', 'mc.json')}: the folder ${join(dir, 'none')} does not exist`],
      [['run', book, '--scenario', '2025-10-10', '--events', dir], `--events ${dir}: is a folder, not a file`],
      [['run', book, '--scenario', '2025-10-10', '--series', join(book, 'x.json')], `is not a folder`],
      [['export', 'abc', '--out', join(dir, 'none', 'a.json')], 'does not exist'],
    ]
    for (const [argv, message] of cases) {
      const r = await cli(argv)
      expect(r.code, argv.join(' ')).toBe(2)
      expect(r.stderr).toContain(message)
      expect(r.stderr).not.toContain('internal error')
      expect(r.stdout).toBe('')
    }
  })

  it('validate accepts the reference portfolio of docs/FORMATS.md §2.5', async () => {
    const r = await cli(['validate', example])
    expect(r.code).toBe(0)
    expect(JSON.parse(r.stdout)).toMatchObject({ valid: true, name: 'Hedge book', positions: 2 })
  })

  it('validate refuses a bad file with exit 2 and every error with its path on stderr', async () => {
    const dir = tempDir()
    const bad = join(dir, 'bad.json')
    writeFileSync(bad, readFileSync(example, 'utf8').replace('"40.98"', '"-3"').replace('"cross"', '"unified"'))
    const r = await cli(['validate', bad])
    expect(r.code).toBe(2)
    expect(r.stdout).toBe('')
    expect(r.stderr).toContain(`${bad}: positions[0].qty: must be a positive decimal, got "-3"`)
    expect(r.stderr).toContain(`${bad}: marginMode: must be one of "cross", "isolated", "portfolio", got "unified"`)
  })

  it('validate says when a file is missing or not JSON', async () => {
    expect((await cli(['validate', 'nope.json'])).stderr).toMatch(/nope.json: cannot read \(ENOENT\)/)
    const dir = tempDir()
    writeFileSync(join(dir, 'x.json'), '{oops')
    const r = await cli(['validate', 'x.json'], dir)
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/x.json: not valid JSON/)
  })

  it('import then export round-trips a book through a store file', async () => {
    const db = join(tempDir(), 'store.sqlite')
    const imported = await cli(['import', example, '--db', db])
    expect(imported.code).toBe(0)
    const { id } = JSON.parse(imported.stdout)
    const listed = await cli(['list', '--db', db])
    expect(JSON.parse(listed.stdout)).toEqual([expect.objectContaining({ id, name: 'Hedge book', positionCount: 2 })])
    const exported = await cli(['export', id, '--db', db])
    expect(exported.code).toBe(0)
    expect(JSON.parse(exported.stdout)).toEqual(JSON.parse(readFileSync(example, 'utf8')))
    expect((await cli(['export', 'missing', '--db', db])).code).toBe(2)
  })

  it('a store it cannot use (not a folder, another program\'s database) is exit 2 with the reason, never a stack trace', async () => {
    const r = await cli(['list', '--db', '/etc/passwd/cascade.sqlite'])
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/^cascade list: Cannot use the store \/etc\/passwd\/cascade.sqlite: .*choose another file \(--db\)\.\n$/)
    const foreign = join(tempDir(), 'other.sqlite')
    const db = new Database(foreign)
    db.exec('CREATE TABLE invoices (id INTEGER PRIMARY KEY)')
    db.close()
    const f = await cli(['import', example, '--db', foreign])
    expect(f.code).toBe(2)
    expect(f.stderr).toContain('is an SQLite database of another program (tables: invoices)')
    expect(f.stderr).not.toMatch(/\n\s+at /)
  })

  it('refuses unknown commands and options with exit 2', async () => {
    expect((await cli(['frobnicate'])).code).toBe(2)
    const r = await cli(['validate', example, '--colour'])
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/Unknown option '--colour'/)
  })

  it('venues lists the shipped profiles', async () => {
    const r = await cli(['venues'])
    expect(r.code).toBe(0)
    const ids = (JSON.parse(r.stdout) as Array<{ id: string }>).map((v) => v.id)
    expect(ids).toEqual(['aave-v3', 'binance', 'bitmex', 'bybit', 'hyperliquid', 'okx'])
    const scenarios = JSON.parse((await cli(['scenarios'])).stdout) as Array<{ id: string; kind: string; venue?: string; date: string }>
    expect(scenarios.map((s) => s.id)).toEqual(expect.arrayContaining(['2025-10-10', '2020-03-12', '2021-05-19']))
    expect(scenarios.find((s) => s.id === '2020-03-12-bitmex')).toMatchObject({ kind: 'calibrated', venue: 'bitmex', date: '2020-03-12' })
    expect(scenarios.find((s) => s.id === '2021-05-19')).toMatchObject({ kind: 'date', date: '2021-05-19' })
  })

  it("run refuses another venue's preset with the reason, and a bad --collateral-pricing, with exit 2", async () => {
    const other = await cli(['run', example, '--scenario', '2025-10-10-hyperliquid', '--quiet'])
    expect(other.code).toBe(2)
    expect(other.stdout).toBe('')
    expect(other.stderr).toContain('scenario: 2025-10-10-hyperliquid is calibrated for hyperliquid')
    expect(other.stderr).toContain('use 2025-10-10-binance or the date 2025-10-10')
    const bad = await cli(['run', example, '--scenario', '2025-10-10', '--collateral-pricing', 'spot', '--quiet'])
    expect(bad.code).toBe(2)
    expect(bad.stderr).toContain('--collateral-pricing must be "market" or "conversion"')
  })

  it('metrics prints exactly the fields of docs/FORMATS.md §5.2, and refuses bad input naming the path', async () => {
    const r = await cli(['metrics', example])
    expect(r.code).toBe(0)
    const m = JSON.parse(r.stdout)
    expect(Object.keys(m.account)).toEqual(['marginMode', 'walletBalance', 'unrealizedPnl', 'marginBalance', 'maintenanceMargin', 'marginRatio', 'uniMMR', 'effectiveLeverage', 'defiNetValue', 'equity'])
    expect(Object.keys(m.positions[0])).toEqual(['id', 'symbol', 'side', 'qty', 'notional', 'unrealizedPnl', 'mmr', 'maintenanceMargin', 'liquidationPrice', 'bankruptcyPrice', 'adl'])
    expect(m.defi.map((d: { id: string }) => d.id)).toEqual(['loop', 'usde'])
    expect(m.adlQueue.source).toBe('profile default crowd')
    const shocked = JSON.parse((await cli(['metrics', example, '--prices', 'BTC=100000'])).stdout)
    expect(shocked.positions[0].unrealizedPnl).toBe('-901560')
    const zero = await cli(['metrics', example, '--prices', 'BTC=0'])
    expect(zero.code).toBe(2)
    expect(zero.stderr).toContain('--prices.BTC: must be a positive decimal, got "0"')
    const dir = tempDir()
    const unknown = join(dir, 'unknown.json')
    writeFileSync(unknown, readFileSync(example, 'utf8').replace('DOGEUSDT', 'XYZUSDT'))
    const u = await cli(['metrics', unknown])
    expect(u.code).toBe(2)
    expect(u.stderr).toMatch(/positions\[1\]\.symbol: .*XYZUSDT/)
  })

  it('run replays a preset in a worker, prints the summary and writes every event as JSONL', async () => {
    const dir = tempDir()
    const events = join(dir, 'events.jsonl')
    const r = await cli(['run', join(root, 'resources/examples/hedge-book.json'), '--scenario', '2025-10-10', '--events', events, '--quiet'])
    expect(r.code).toBe(0)
    const summary = JSON.parse(r.stdout)
    // A date on a Hyperliquid book (the hedge book's venue) is Hyperliquid's preset for that date.
    expect(summary).toMatchObject({ scenario: '2025-10-10-hyperliquid', scenarioRequested: '2025-10-10', calibrated: true, collateralPricing: 'market', seed: 42 })
    expect(Object.keys(summary)).toEqual(expect.arrayContaining(['survived', 'firstMarginCall', 'firstLiquidation', 'finalEquity', 'loss', 'userAdl']))
    const lines = readFileSync(events, 'utf8').trim().split('\n').map((l) => JSON.parse(l))
    expect(lines[0]).toMatchObject({ id: 1 })
    expect(lines.every((e, i) => e.id === i + 1)).toBe(true)
    expect((await cli(['run', example, '--scenario', 'nope'])).stderr).toMatch(/unknown scenario "nope"/)
    expect((await cli(['run', example, '--scenario', '2025-10-10', '--seed', '-1'])).code).toBe(2)
  }, 60_000)

  it('run takes --crowd N, --series FILE and --historical-prices, and the summary says venue, pricing, crowd size and each asset\'s path', async () => {
    const dir = tempDir()
    const series = join(dir, 'series.json')
    const book = join(root, 'resources/examples/hedge-book.json')
    const r = await cli(['run', book, '--scenario', '2020-03-12', '--crowd', '3000', '--series', series, '--quiet'])
    expect(r.code).toBe(0)
    const s = JSON.parse(r.stdout)
    expect(s).toMatchObject({ venue: 'hyperliquid', pricing: 'book', crowdSize: 3000, startEquity: '700000', insuranceFunds: [{ id: 'hlp-liquidator' }, { id: 'hlp-liquidator-btc' }, { id: 'hlp-liquidator-eth' }, { id: 'hlp-liquidator-sol' }, { id: 'hlp-liquidator-doge' }], insuranceFundSource: 'venue' })
    expect(Object.keys(s.assets)).toEqual(expect.arrayContaining(['BTC', 'ETH', 'SOL']))
    expect(s.assets.SOL).toEqual({ start: '220', low: expect.any(String), lowAt: expect.any(String), end: expect.any(String) })
    expect(Object.keys(s.crowd)).toEqual(expect.arrayContaining(['adlAccounts', 'adlNotional', 'liquidations']))
    expect(Object.keys(JSON.parse(readFileSync(series, 'utf8')))).toContain('t')
    const hist = JSON.parse((await cli(['run', book, '--scenario', '2021-05-19', '--crowd', '3000', '--historical-prices', '--quiet'])).stdout)
    expect(hist.pricing).toBe('historical')
    expect(hist.assets.BTC.start).toBe('43000')
    for (const bad of ['0', '-5', '1.5', '3000000', 'many']) expect((await cli(['run', book, '--scenario', '2025-10-10', '--crowd', bad])).code, bad).toBe(2)
  }, 60_000)

  it('runs as a process via npm run cascade with the documented exit codes', () => {
    const okRun = spawnSync('npm', ['run', '-s', 'cascade', '--', 'validate', example], { cwd: root, encoding: 'utf8' })
    expect(okRun.status).toBe(0)
    const badRun = spawnSync('npm', ['run', '-s', 'cascade', '--', 'validate', join(root, 'package.json')], { cwd: root, encoding: 'utf8' })
    expect(badRun.status).toBe(2)
    expect(badRun.stderr).toContain('package.json: format: required: this does not look like a cascade.portfolio/1 document')
    expect(execFileSync('npm', ['run', '-s', 'cascade', '--', '--help'], { cwd: root, encoding: 'utf8' })).toContain('Usage: cascade')
  }, 60_000) // three processes, each compiling the sources when there is no fresh build
})
