// `--lang`: the CLI's `--format text` output in English, Japanese or Chinese; JSON output is the
// same whatever the language, and an unknown language is bad input (exit 2).
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runCli } from '../../../electron/cli/main'
import type { CliContext } from '../../../electron/cli/context'
import { CLI_LANGS, CLI_MESSAGES, cliText, textIn } from '../../../electron/cli/messages'
import { summaryText } from '../../../electron/cli/commands/run'
import type { RunResult } from '../../../shared/model/run'
import { useTempDirs } from '../../temp-dir'

const root = join(__dirname, '../../..')
const example = join(root, 'tests/fixtures/portfolios/formats-example.json')
const hedge = join(root, 'resources/examples/hedge-book.json')
const tempDir = useTempDirs('cli-lang')

function cli(argv: string[]) {
  let stdout = ''
  let stderr = ''
  const ctx: CliContext = { cwd: root, env: { CASCADE_DATA_DIR: '/nonexistent/cascade-cli-test' }, resourcesDir: join(root, 'resources'), stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) }
  return runCli(argv, ctx).then((code) => ({ code, stdout, stderr }))
}

const placeholders = (s: string): string[] => [...new Set([...s.matchAll(/\{([A-Za-z0-9_]+)\}/g)].map((m) => m[1]!))].sort()

describe('cascade --lang', () => {
  it('has every English message, with the same placeholders, in each language', () => {
    const keys = Object.keys(CLI_MESSAGES.en).sort()
    for (const lang of CLI_LANGS) {
      expect(Object.keys(CLI_MESSAGES[lang]).sort()).toEqual(keys)
      for (const k of keys) expect({ k, p: placeholders(CLI_MESSAGES[lang][k as keyof typeof CLI_MESSAGES.en]) }).toEqual({ k, p: placeholders(CLI_MESSAGES.en[k as keyof typeof CLI_MESSAGES.en]) })
    }
    expect(cliText('ja', 'listDraft', { count: 3 })).toBe('  下書き: 問題 3 件')
  })

  it('validate --format text speaks the language asked for, English by default', async () => {
    const en = await cli(['validate', example, '--format', 'text'])
    expect(en.stdout).toBe(`${example}: valid cascade.portfolio/1 "Hedge book" (2 positions)\n`)
    const ja = await cli(['validate', example, '--format', 'text', '--lang', 'ja'])
    expect(ja.code).toBe(0)
    expect(ja.stdout).toBe(`${example}: 有効な cascade.portfolio/1「Hedge book」（ポジション 2 件）\n`)
    const zh = await cli(['validate', example, '--format', 'text', '--lang', 'zh-CN'])
    expect(zh.stdout).toBe(`${example}: 有效的 cascade.portfolio/1「Hedge book」（2 个仓位）\n`)
  })

  it('metrics --format text names the venue ratio and the sides in the language asked for', async () => {
    // A Binance book under portfolio margin (the formats example in a unified account).
    const unified = join(tempDir(), 'unified.json')
    writeFileSync(unified, JSON.stringify({ ...JSON.parse(readFileSync(example, 'utf8')), marginMode: 'portfolio' }))
    const ja = await cli(['metrics', unified, '--format', 'text', '--lang', 'ja'])
    expect(ja.code).toBe(0)
    expect(ja.stdout).toContain('統一アカウント（ポートフォリオマージン）')
    expect(ja.stdout).toContain('維持証拠金')
    expect(ja.stdout).toContain(' uniMMR ')
    expect(ja.stdout).toMatch(/btc\s+BTCUSDT\s+ロング 数量/)
    const zh = await cli(['metrics', unified, '--format', 'text', '--lang', 'zh-CN'])
    expect(zh.stdout).toContain('统一账户（组合保证金）')
    expect(zh.stdout).toMatch(/doge\s+DOGEUSDT\s+空 数量/)
    const bybit = await cli(['metrics', unified, '--venue', 'bybit', '--format', 'text'])
    // Bybit's own term for the account ratio (resources/venues/bybit.json unified.ratioDisplay).
    expect(bybit.stdout).toContain(' Account MM Rate ')
  })

  it('list and scenarios follow --lang; an empty store says so in the language', async () => {
    const db = join(tempDir(), 'c.sqlite')
    expect((await cli(['list', '--db', db, '--format', 'text', '--lang', 'zh-CN'])).stdout).toBe('（没有投资组合）\n')
    expect((await cli(['import', example, '--db', db, '--format', 'text', '--lang', 'ja'])).stdout).toMatch(/^「Hedge book」を [0-9a-f-]+ としてインポートしました\n$/)
    expect((await cli(['list', '--db', db, '--format', 'text', '--lang', 'ja'])).stdout).toMatch(/（binance、クロスマージン、ポジション 2 件） -> /)
    const scenarios = await cli(['scenarios', '--format', 'text', '--lang', 'ja'])
    expect(scenarios.stdout).toContain('2025-10-10')
    expect(scenarios.stdout).toContain('ステップ')
  })

  it('run --format text: the summary in the language asked for', () => {
    const result = {
      portfolioName: 'Hedge book',
      scenarioId: '2025-10-10',
      seed: 28,
      summary: {
        venue: 'binance',
        pricing: 'book',
        crowdSize: 100000,
        survived: false,
        firstMarginCall: '2025-10-10T21:19:44Z',
        firstLiquidation: '2025-10-10T21:19:44Z',
        startEquity: '2250000',
        finalEquity: '0',
        loss: { price: '2214154.04', slippage: '871.53', fees: '34974.43', profitLostToAdl: '0', total: '2250000' },
        userAdl: [],
        crowd: { accounts: 107838, liquidatedAccounts: 39924, liquidatedNotional: '21400000000', adlCount: 5938, rehedges: 4100 },
        insuranceFund: { start: '10000000', end: '0', min: '0' },
        insuranceFunds: [{ id: 'insurance', start: '10000000', end: '0', min: '0' }],
        insuranceFundSource: 'scenario',
      },
    } as unknown as RunResult
    const ja = summaryText(result, textIn('ja'))
    expect(ja.split('\n')[0]).toBe('Hedge book × 2025-10-10（シード 28、binance、市場参加者 100000）: 強制清算')
    expect(ja).toContain('  保険基金           10,000,000 -> 0（最小 0）、What-if: シナリオで指定した規模')
    expect(ja).toContain('再ヘッジ 4100 件')
    const zh = summaryText(result, textIn('zh-CN'))
    expect(zh).toContain('107838 个账户中 39924 个被强平')
    expect(summaryText(result, textIn('en')).split('\n')[0]).toBe('Hedge book under 2025-10-10 (seed 28, binance, crowd 100000): LIQUIDATED')
  })

  it('JSON output is the same in every language', async () => {
    const base = (await cli(['metrics', hedge])).stdout
    for (const lang of CLI_LANGS) expect((await cli(['metrics', hedge, '--lang', lang])).stdout).toBe(base)
    const scen = (await cli(['scenarios'])).stdout
    expect((await cli(['scenarios', '--lang', 'zh-CN'])).stdout).toBe(scen)
  })

  it('refuses a language it does not speak with exit 2', async () => {
    const r = await cli(['validate', example, '--format', 'text', '--lang', 'fr'])
    expect(r.code).toBe(2)
    expect(r.stdout).toBe('')
    expect(r.stderr).toContain('--lang must be one of en, ja, zh-CN, got "fr"')
  })
})
