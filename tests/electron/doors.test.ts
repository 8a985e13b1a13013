// One verdict at every door (services/book-check.ts, docs/FORMATS.md §2.6): each bad book goes
// through the CLI's validate, import, metrics and run and the IPC's portfolio:import, save, get,
// metrics and run:start, and every door names the same fields with the same messages. The CLI
// exits 2; IPC refuses with `invalid-document`, except portfolio:save, which keeps a book the
// engine refuses as a draft and returns (and on every read, returns again) its problems.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { runCli } from '../../electron/cli/main'
import type { CliContext } from '../../electron/cli/context'
import { createCore } from '../../electron/main/core'
import { createThreadRunner } from '../../electron/main/runs/thread-runner'
import type { PortfolioRecord, PortfolioSummary } from '../../shared/ipc/channels'
import type { FieldIssue } from '../../shared/model/issues'
import type { Result } from '../../shared/ipc/result'

const root = join(__dirname, '../..')
const APP = 'file:///app/out/renderer/index.html'
const read = (name: string) => JSON.parse(readFileSync(join(root, 'resources/examples', name), 'utf8')) as Record<string, any>
const hedge = () => read('hedge-book.json')
const loop = () => read('usde-loop.json')

interface Case {
  name: string
  /** The file's text (a JSON number such as 1e-1000 can only be written as text). */
  text: string
  /** The document an editor would send over IPC for the same book. */
  doc: Record<string, any>
  expected: FieldIssue[]
  /** Refused by the format itself: never stored, not even as a draft. */
  schema?: true
}

function book(base: Record<string, any>, change: (d: Record<string, any>) => void): Pick<Case, 'text' | 'doc'> {
  change(base)
  return { text: JSON.stringify(base, null, 2), doc: base }
}

const BTC_BRACKET = 'notional 6,000,000 USDC is in bracket 1: 0 - 150,000,000'
const CASES: Case[] = [
  {
    name: 'leverage 1e9',
    ...book(hedge(), (d) => (d.positions[0].leverage = '1000000000')),
    expected: [{ path: 'positions[0].leverage', message: `at most 40x for BTC at this size, got 1000000000x (${BTC_BRACKET})` }],
  },
  {
    name: 'an unknown symbol',
    ...book(hedge(), (d) => (d.positions[0].symbol = 'FOOUSDT')),
    expected: [{ path: 'positions[0].symbol', message: 'unknown contract "FOOUSDT" for venue hyperliquid; known: BNB, BTC, DOGE, ETH, SOL, XRP' }],
  },
  {
    name: 'an unknown venue',
    ...book(hedge(), (d) => (d.venue = 'nowhere')),
    expected: [{ path: 'venue', message: 'unknown venue "nowhere"; known: aave-v3, binance, bitmex, bybit, hyperliquid, okx; import a profile first to use another' }],
  },
  {
    name: 'an unknown lending protocol',
    ...book(loop(), (d) => (d.defi = [{ id: 'd', protocol: 'compound', supplies: [{ asset: 'USDe', amount: '1' }], borrows: [] }])),
    expected: [{ path: 'defi[0].protocol', message: 'unknown protocol "compound" for venue aave-v3; known: aave-v3' }],
  },
  {
    name: 'an unknown loop asset',
    ...book(loop(), (d) => (d.loops[0].asset = 'FOO')),
    expected: [{ path: 'loops[0].asset', message: 'unknown asset "FOO" for protocol aave-v3; known: USDC, USDT, USDe, WBTC, WETH, sUSDe' }],
  },
  {
    name: 'LTV 0.99999 with 50 loops',
    ...book(loop(), (d) => Object.assign(d.loops[0], { ltv: '0.99999', loops: 50 })),
    expected: [{ path: 'loops[0].ltv', message: '0.99999 is above the maximum LTV 0.9 for USDe borrowing USDT on aave-v3 (e-mode 2 "sUSDe / USDe stablecoins")' }],
  },
  {
    name: 'qty 1e-1000',
    text: JSON.stringify(book(hedge(), (d) => (d.positions[0] = { ...d.positions[0], notional: undefined, qty: '@' })).doc, null, 2).replace('"@"', '1e-1000'),
    doc: book(hedge(), (d) => (d.positions[0] = { ...d.positions[0], notional: undefined, qty: `0.${'0'.repeat(999)}1` })).doc,
    expected: [{ path: 'positions[0].qty', message: 'is too small: a non-zero value must be at least 0.000000000000000001 (1e-18), got 1e-1000' }],
    schema: true,
  },
]

/** The findings a CLI run printed: `file: path: message` lines after the headline. */
function cliIssues(stderr: string, file: string): FieldIssue[] {
  return stderr
    .split('\n')
    .filter((l) => l.startsWith(`${file}: `))
    .map((l) => {
      const rest = l.slice(file.length + 2)
      const at = rest.indexOf(': ')
      return { path: rest.slice(0, at), message: rest.slice(at + 2) }
    })
}

/** The message up to what it quotes of the input (`got ...`): the part a door cannot change. */
const rule = (issues: FieldIssue[]) => issues.map((i) => ({ path: i.path, message: i.message.replace(/, got .*$/, '') }))

describe('every door gives the same verdict', () => {
  // One folder for the whole table: the store and the files live across its rows.
  const dir = mkdtempSync(join(tmpdir(), 'cascade-doors-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))
  const core = createCore({
    dataDir: dir,
    databasePath: ':memory:',
    resourcesDir: join(root, 'resources'),
    version: '0.0.0-test',
    trustedOrigins: ['file:///app/out/renderer/'],
    runner: createThreadRunner(join(root, 'electron/main/runs/run-worker.ts')),
  })
  afterAll(() => core.close())
  const ipc = <T>(channel: string, payload: unknown) => core.invoke(channel, payload, APP) as Promise<Result<T>>

  function cli(argv: string[]) {
    let stdout = ''
    let stderr = ''
    const ctx: CliContext = { cwd: dir, env: { CASCADE_DATA_DIR: join(dir, 'data') }, resourcesDir: join(root, 'resources'), stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) }
    return runCli(argv, ctx).then((code) => ({ code, stdout, stderr }))
  }

  it.each(CASES)('$name', async (c) => {
    const file = join(dir, `${c.name.replace(/\W+/g, '-')}.json`)
    writeFileSync(file, c.text)
    const db = join(dir, 'store.sqlite')

    for (const argv of [['validate', file], ['import', file, '--db', db], ['metrics', file], ['run', file, '--scenario', '2025-10-10', '--quiet']]) {
      const r = await cli(argv)
      expect(r.code, `cascade ${argv[0]}`).toBe(2)
      expect(r.stdout, `cascade ${argv[0]}`).toBe('')
      expect(cliIssues(r.stderr, file), `cascade ${argv[0]}:\n${r.stderr}`).toEqual(c.expected)
    }
    expect(JSON.parse((await cli(['list', '--db', db])).stdout)).toEqual([])

    const refusedWith = (r: Result<unknown>, door: string, exact = true) => {
      expect(r.ok, door).toBe(false)
      if (r.ok) return
      expect(r.error.code, door).toBe('invalid-document')
      expect(r.error.path, door).toBe(c.expected[0].path)
      expect(exact ? r.error.issues : rule(r.error.issues ?? []), door).toEqual(exact ? c.expected : rule(c.expected))
    }
    refusedWith(await ipc('portfolio:import', { fileName: 'book.json', text: c.text }), 'portfolio:import')
    // Over IPC a decimal is a string (the 1,002-digit spelling of 1e-1000): the rule is the same, the quoted input is not.
    refusedWith(await ipc('portfolio:metrics', { doc: c.doc }), 'portfolio:metrics', !c.schema)

    const saved = await ipc<PortfolioRecord>('portfolio:save', { doc: c.doc })
    if (c.schema) {
      refusedWith(saved, 'portfolio:save', false)
      return
    }
    // Saved as a draft: the edits are kept, and every read says why the engine refuses the book.
    expect(saved.ok && saved.value.problems, 'portfolio:save').toEqual(c.expected)
    expect(saved.ok && saved.value.problemCount).toBe(c.expected.length)
    if (!saved.ok) return
    const id = saved.value.id
    const got = await ipc<PortfolioRecord>('portfolio:get', { id })
    expect(got.ok && got.value.problems, 'portfolio:get').toEqual(c.expected)
    const listed = await ipc<PortfolioSummary[]>('portfolio:list', undefined)
    expect(listed.ok && listed.value.find((p) => p.id === id)?.problemCount, 'portfolio:list').toBe(c.expected.length)
    const run = await ipc('run:start', { portfolioId: id, scenarioId: '2025-10-10' })
    refusedWith(run, 'run:start')
    expect(!run.ok && run.error.message).toBe(`${saved.value.name}: ${c.expected[0].path}: ${c.expected[0].message}`)
    await ipc('portfolio:delete', { id })
  })

  it('a loop at exactly the maximum LTV with 50 loops is accepted everywhere it is checked', async () => {
    const { doc, text } = book(loop(), (d) => Object.assign(d.loops[0], { ltv: '0.9', loops: 50 }))
    const file = join(dir, 'max-ltv.json')
    writeFileSync(file, text)
    expect((await cli(['validate', file])).code).toBe(0)
    expect((await cli(['metrics', file])).code).toBe(0)
    const saved = await ipc<PortfolioRecord>('portfolio:save', { doc })
    expect(saved.ok && saved.value.problems).toEqual([])
    expect((await ipc('portfolio:metrics', { doc })).ok).toBe(true)
  })

  it('a draft stops being one when it is fixed, and the CLI lists it as a draft until then', async () => {
    const db = join(dir, 'drafts.sqlite')
    const bad = book(hedge(), (d) => (d.positions[0].leverage = '200')).doc
    const saved = await ipc<PortfolioRecord>('portfolio:save', { doc: bad })
    if (!saved.ok) throw new Error(saved.error.message)
    expect(saved.value.problemCount).toBe(1)
    const fixed = await ipc<PortfolioRecord>('portfolio:save', { id: saved.value.id, doc: { ...bad, positions: bad.positions.map((p: any, i: number) => (i ? p : { ...p, leverage: '3' })) } })
    expect(fixed.ok && fixed.value.problems).toEqual([])
    // The CLI's own store: `list` marks a draft the same way (a book saved from another tool).
    const file = join(dir, 'ok.json')
    writeFileSync(file, JSON.stringify(hedge()))
    const imported = await cli(['import', file, '--db', db])
    expect(imported.code).toBe(0)
    expect(JSON.parse((await cli(['list', '--db', db])).stdout)).toEqual([expect.objectContaining({ problemCount: 0 })])
  })
})
