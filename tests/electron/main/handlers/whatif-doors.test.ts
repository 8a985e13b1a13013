// Saved what-ifs and the book at the bottom, through both doors on one store file: the app's
// scenario:save/rename/delete and whatif:metrics, and `cascade scenarios save|rename|rm` and
// `cascade bottom`. Same verdicts, same figures; presets stay read-only; a saved what-if runs
// from the CLI by its id.
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { runCli } from '../../../../electron/cli/main'
import type { CliContext } from '../../../../electron/cli/context'
import { createCore, type Core } from '../../../../electron/main/core'
import type { Runner } from '../../../../electron/main/runs/run-protocol'
import type { ScenarioSummary } from '../../../../shared/ipc/channels'
import type { Result } from '../../../../shared/ipc/result'
import type { BottomMetrics } from '../../../../shared/model/bottom'
import { useTempDirs } from '../../../temp-dir'

const root = join(__dirname, '../../../..')
const APP = 'file:///app/'
const tempDir = useTempDirs('whatif-doors')
const cores: Core[] = []
afterEach(() => cores.splice(0).forEach((c) => c.close()))

const neverRuns: Runner = () => ({ result: new Promise<never>(() => {}), cancel: () => {} })
const preset = () => JSON.parse(readFileSync(join(root, 'resources/scenarios/2025-10-10.json'), 'utf8')) as Record<string, any>
const hedgeFile = join(root, 'resources/examples/hedge-book.json')
const hedge = () => JSON.parse(readFileSync(hedgeFile, 'utf8')) as Record<string, any>

function app(dir: string) {
  const core = createCore({ dataDir: dir, databasePath: join(dir, 'cascade.sqlite'), resourcesDir: join(root, 'resources'), version: 'test', trustedOrigins: [APP], runner: neverRuns })
  cores.push(core)
  return <T>(channel: string, payload?: unknown) => core.invoke(channel, payload, APP) as Promise<Result<T>>
}

function cli(argv: string[], cwd: string) {
  let stdout = ''
  let stderr = ''
  const ctx: CliContext = { cwd, env: { CASCADE_DATA_DIR: '/nonexistent/cascade-whatif-test' }, resourcesDir: join(root, 'resources'), stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) }
  return runCli(argv, ctx).then((code) => ({ code, stdout, stderr }))
}

describe('saved what-ifs at both doors', () => {
  it('save, list, rename, run by id from the CLI, delete; the other door sees each change', async () => {
    const dir = tempDir()
    const db = join(dir, 'cascade.sqlite')
    const call = app(dir)
    const doc = { ...preset(), id: 'whatif-a', name: 'ETH -20%', shocks: [{ asset: 'ETH', path: [['2025-10-10T21:20:00Z', '-0.2']] }] }
    const saved = await call<ScenarioSummary>('scenario:save', { doc })
    expect(saved).toMatchObject({ ok: true, value: { id: 'whatif-a', name: 'ETH -20%', source: 'saved' } })

    const listed = JSON.parse((await cli(['scenarios', '--db', db], dir)).stdout) as ScenarioSummary[]
    expect(listed.find((s) => s.id === 'whatif-a')).toMatchObject({ source: 'saved', name: 'ETH -20%' })

    const renamed = await call<ScenarioSummary>('scenario:rename', { id: 'whatif-a', name: '  ETH minus 20%  ' })
    expect(renamed.ok && renamed.value.name).toBe('ETH minus 20%')
    const got = await call<{ doc: { name: string } }>('scenario:get', { id: 'whatif-a' })
    // The name lives in the document too.
    expect(got.ok && got.value.doc.name).toBe('ETH minus 20%')

    const cliRename = await cli(['scenarios', 'rename', 'whatif-a', 'From the CLI', '--db', db], dir)
    expect(cliRename.code).toBe(0)
    const list = await call<ScenarioSummary[]>('scenario:list')
    expect(list.ok && list.value.find((s) => s.id === 'whatif-a')?.name).toBe('From the CLI')

    // The bottom by id from the CLI equals the app's figures for the same book and document.
    const fromCli = JSON.parse((await cli(['bottom', hedgeFile, '--scenario', 'whatif-a', '--db', db], dir)).stdout) as BottomMetrics
    const fromApp = await call<BottomMetrics>('whatif:metrics', { doc: hedge(), scenario: { ...doc, name: 'From the CLI' } })
    expect(fromApp.ok && fromApp.value).toEqual(fromCli)
    expect(fromCli.assets.find((a) => a.asset === 'ETH')?.bottom).toBe('3480') // 4,350 x 0.8

    const removed = await call('scenario:delete', { id: 'whatif-a' })
    expect(removed).toEqual({ ok: true, value: { id: 'whatif-a' } })
    const again = await cli(['scenarios', 'rm', 'whatif-a', '--db', db], dir)
    expect(again.code).toBe(2)
    expect(again.stderr).toContain('No saved scenario with id "whatif-a"')
  })

  it('presets are read-only at both doors, with the same words', async () => {
    const dir = tempDir()
    const db = join(dir, 'cascade.sqlite')
    const call = app(dir)
    for (const [channel, payload, argv] of [
      ['scenario:rename', { id: '2025-10-10', name: 'Mine' }, ['scenarios', 'rename', '2025-10-10', 'Mine']],
      ['scenario:delete', { id: '2025-10-10' }, ['scenarios', 'rm', '2025-10-10']],
    ] as const) {
      const r = await call(channel, payload)
      expect(r.ok).toBe(false)
      const c = await cli([...argv, '--db', db], dir)
      expect(c.code).toBe(2)
      expect(!r.ok && c.stderr).toContain(!r.ok ? r.error.message : '')
      expect(!r.ok && r.error.message).toMatch(/shipped preset/)
    }
    const file = join(dir, 'preset.json')
    writeFileSync(file, JSON.stringify(preset()))
    const c = await cli(['scenarios', 'save', file, '--db', db], dir)
    const r = await call('scenario:save', { doc: preset() })
    expect(c.code).toBe(2)
    expect(!r.ok && c.stderr).toContain(!r.ok ? r.error.message : '')
  })

  it("scenario:get for a venue gives what a run of a book there uses: a date's preset, its market sized to the venue, another venue's preset refused", async () => {
    const call = app(tempDir())
    const binance = await call<{ id: string; doc: { venue?: string } }>('scenario:get', { id: '2025-10-10', venue: 'binance' })
    expect(binance.ok && [binance.value.id, binance.value.doc.venue]).toEqual(['2025-10-10-binance', 'binance'])
    const okx = await call<{ id: string; name: string; doc: { venue?: string; calibration: unknown[] } }>('scenario:get', { id: '2025-10-10', venue: 'okx' })
    expect(okx.ok && okx.value.name).toMatch(/not calibrated/)
    expect(okx.ok && okx.value.doc.calibration).toEqual([])
    const other = await call('scenario:get', { id: '2025-10-10-bybit', venue: 'binance' })
    expect(!other.ok && other.error.code).toBe('invalid-document')
    expect(!other.ok && other.error.message).toMatch(/calibrated for bybit/)
  })

  it('a bad rename or a bad what-if is refused with the field path', async () => {
    const dir = tempDir()
    const call = app(dir)
    await call('scenario:save', { doc: { ...preset(), id: 'mine' } })
    const empty = await call('scenario:rename', { id: 'mine', name: '   ' })
    expect(!empty.ok && empty.error).toMatchObject({ code: 'invalid-document', path: 'name' })
    const missing = await call('scenario:rename', { id: 'nope', name: 'x' })
    expect(!missing.ok && missing.error.code).toBe('not-found')
    const bad = await call('whatif:metrics', { doc: hedge(), scenario: { ...preset(), shocks: [{ asset: 'BTC', path: [['2025-10-10T21:20:00Z', '-1.5']] }] } })
    expect(!bad.ok && bad.error).toMatchObject({ code: 'invalid-document', path: 'scenario.shocks[0].path[0][1]' })
    const badBook = await call('whatif:metrics', { doc: { ...hedge(), venue: 'nowhere' }, scenario: preset() })
    expect(!badBook.ok && badBook.error).toMatchObject({ code: 'invalid-document', path: 'venue' })
  })
})
