// `cascade validate` / `cascade import` of venue CSV exports: the same verdicts as the app's preview
// (services/positions-import.ts), exit 2 with every row's problem, --skip-invalid imports the good
// rows and lists the others, --venue/--margin-mode/--prices choose as the preview does.
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runCli } from '../../../electron/cli/main'
import type { CliContext } from '../../../electron/cli/context'
import { useTempDirs } from '../../temp-dir'

const root = join(__dirname, '../../..')
const csv = (name: string) => join(root, 'tests/fixtures/venue-csv', name)
const tempDir = useTempDirs('cli-csv')

function cli(argv: string[]) {
  let stdout = ''
  let stderr = ''
  const ctx: CliContext = { cwd: root, env: { CASCADE_DATA_DIR: '/nonexistent/cascade-cli-test' }, resourcesDir: join(root, 'resources'), stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) }
  return runCli(argv, ctx).then((code) => ({ code, stdout, stderr }))
}

describe('cascade with venue CSV exports', () => {
  it('validate refuses a Binance export while a row breaks the venue, naming its line and column', async () => {
    const r = await cli(['validate', csv('binance-positions.csv')])
    expect(r.code).toBe(2)
    expect(r.stderr).toContain(`${csv('binance-positions.csv')}: line 5.leverage: at most 50x for DOGEUSDT at this size, got 100x`)
  })

  it('validate --skip-invalid accepts the good rows, guessed venue and mode', async () => {
    const r = await cli(['validate', csv('binance-positions.csv'), '--skip-invalid'])
    expect(r.code).toBe(0)
    expect(JSON.parse(r.stdout)).toMatchObject({ valid: true, venue: 'binance', marginMode: 'cross', positions: 2 })
  })

  it('import --skip-invalid stores the good rows with the file marks and lists the rows left out', async () => {
    const db = join(tempDir(), 'store.sqlite')
    const r = await cli(['import', csv('binance-positions.csv'), '--skip-invalid', '--db', db])
    expect(r.code).toBe(0)
    expect(r.stderr).toContain('skipped: line 5.leverage: at most 50x')
    expect(r.stderr).toContain('1 row(s) with a size of zero left out')
    const { id } = JSON.parse(r.stdout)
    const doc = JSON.parse((await cli(['export', id, '--db', db])).stdout)
    expect(doc).toMatchObject({ venue: 'binance', marginMode: 'cross', prices: { BTC: '122000', ETH: '4300' } })
    expect(doc.positions.map((p: { symbol: string; side: string; qty: string }) => `${p.symbol} ${p.side} ${p.qty}`)).toEqual(['BTCUSDT long 2.5', 'ETHUSDT short 40'])
  })

  it('a Hyperliquid export without marks imports and says which marks to give; --prices gives them', async () => {
    const db = join(tempDir(), 'store.sqlite')
    const bare = await cli(['import', csv('hyperliquid-positions.csv'), '--db', db])
    expect(bare.code).toBe(0)
    expect(bare.stderr).toContain('no mark for BTC, ETH')
    const priced = await cli(['import', csv('hyperliquid-positions.csv'), '--prices', 'BTC=122000,ETH=4300', '--name', 'HL', '--db', db])
    expect(priced.stderr).not.toContain('no mark')
    const doc = JSON.parse((await cli(['export', JSON.parse(priced.stdout).id, '--db', db])).stdout)
    expect(doc).toMatchObject({ name: 'HL', venue: 'hyperliquid', prices: { BTC: '122000', ETH: '4300' } })
  })

  it('--venue and --margin-mode choose; a bad choice is exit 2', async () => {
    const moved = await cli(['validate', csv('bybit-positions.csv'), '--venue', 'binance', '--margin-mode', 'cross', '--skip-invalid'])
    expect(moved.code).toBe(0)
    expect(JSON.parse(moved.stdout)).toMatchObject({ venue: 'binance', marginMode: 'cross', positions: 2 })
    expect((await cli(['validate', csv('bybit-positions.csv'), '--margin-mode', 'sideways'])).code).toBe(2)
    const unknown = await cli(['validate', csv('bybit-positions.csv'), '--venue', 'nowhere'])
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toMatch(/: venue: /)
  })
})
