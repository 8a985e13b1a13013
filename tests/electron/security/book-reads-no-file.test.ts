// A book's `venue` and a DeFi position's `protocol` are catalogue ids: no door (IPC, CLI, import)
// ever reads the file they might name. Each case would block (a FIFO), grow without bound
// (/dev/zero) or leak contents (/etc/passwd) if one did.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { runCli } from '../../../electron/cli/main'
import type { CliContext } from '../../../electron/cli/context'
import { createCore } from '../../../electron/main/core'
import { resolveJob } from '../../../electron/main/services/run-preparation'
import { createThreadRunner } from '../../../electron/main/runs/thread-runner'
import { createScenarioCatalog } from '../../../electron/main/services/scenario-catalog'
import { createVenueCatalog } from '../../../electron/main/services/venue-catalog'

const root = join(__dirname, '../../..')
const APP = 'file:///app/out/renderer/index.html'
const tmp = mkdtempSync(join(tmpdir(), 'cascade-nofile-'))
afterAll(() => rmSync(tmp, { recursive: true, force: true }))

const fifo = join(tmp, 'pipe')
execFileSync('mkfifo', [fifo])
const venueProfileFile = join(root, 'resources/venues/hyperliquid.json')
/** Paths a document might give that must never reach the file system: the schema refuses them. */
const HOSTILE = ['/etc/passwd', '/dev/zero', fifo, venueProfileFile, '../../etc/passwd', 'C:\\Windows\\win.ini']

const hedge = JSON.parse(readFileSync(join(root, 'resources/examples/hedge-book.json'), 'utf8'))
const usdeLoop = JSON.parse(readFileSync(join(root, 'resources/examples/usde-loop.json'), 'utf8'))
const withVenue = (venue: string) => ({ ...hedge, venue })
const withProtocol = (protocol: string) => ({
  ...usdeLoop,
  defi: [{ id: 'aave', protocol, supplies: [{ asset: 'USDe', amount: '1000' }], borrows: [] }],
})

function cli(argv: string[]) {
  let stdout = ''
  let stderr = ''
  const ctx: CliContext = { cwd: tmp, env: { CASCADE_DATA_DIR: join(tmp, 'data') }, resourcesDir: join(root, 'resources'), stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) }
  return runCli(argv, ctx).then((code) => ({ code, stdout, stderr }))
}

function bookFile(name: string, doc: unknown): string {
  const file = join(tmp, `${name}.json`)
  writeFileSync(file, JSON.stringify(doc))
  return file
}

describe('a book cannot make the app read a file', () => {
  const core = createCore({
    dataDir: tmp,
    databasePath: ':memory:',
    resourcesDir: join(root, 'resources'),
    version: '0.0.0-test',
    trustedOrigins: ['file:///app/out/renderer/'],
    runner: createThreadRunner(join(root, 'electron/main/runs/run-worker.ts')),
  })
  afterAll(() => core.close())

  it.each(HOSTILE)('IPC save, import and metrics refuse venue %s by its field path, quoting no file', async (venue) => {
    for (const [channel, payload] of [
      ['portfolio:save', { doc: withVenue(venue) }],
      ['portfolio:import', { fileName: 'book.json', text: JSON.stringify(withVenue(venue)) }],
      ['portfolio:metrics', { doc: withVenue(venue) }],
    ] as const) {
      const r = await core.invoke(channel, payload, APP)
      expect(r.ok, channel).toBe(false)
      if (r.ok) continue
      expect(r.error).toMatchObject({ code: 'invalid-document', path: 'venue' })
      expect(r.error.issues?.[0].message).toMatch(/^must be a venue id from the catalogue/)
      expect(JSON.stringify(r.error)).not.toMatch(/root:|ENOENT|EISDIR|not valid JSON|cascade\.venue/)
    }
  })

  it.each(HOSTILE)('IPC refuses DeFi protocol %s', async (protocol) => {
    const r = await core.invoke('portfolio:metrics', { doc: withProtocol(protocol) }, APP)
    expect(!r.ok && r.error).toMatchObject({ code: 'invalid-document', path: 'defi[0].protocol' })
  })

  it.each([...HOSTILE, 'binance.json'])('a stored book that names %s (written before ids were enforced, or id-shaped) resolves to "unknown venue", reading nothing', (venue) => {
    const catalog = createVenueCatalog(join(root, 'resources/venues'))
    const scenario = createScenarioCatalog(join(root, 'resources/scenarios')).get('2025-10-10')
    if (!scenario.ok) throw new Error('no preset')
    const job = resolveJob({ ...withProtocol(venue), venue }, scenario.value.doc, { seed: 1 }, catalog)
    expect(!job.ok && job.issues[0]).toMatchObject({ path: 'venue', message: expect.stringMatching(/^unknown venue/) })
    const lending = resolveJob({ ...withProtocol(venue), venue: hedge.venue }, scenario.value.doc, { seed: 1 }, catalog)
    expect(!lending.ok && lending.issues[0]).toMatchObject({ path: 'defi[0].protocol', message: expect.stringMatching(/^unknown protocol "/) })
  })

  it.each(HOSTILE)('CLI validate, import, metrics and run refuse venue %s with exit 2 and the field path', async (venue) => {
    const file = bookFile('hostile', withVenue(venue))
    for (const argv of [['validate', file], ['import', file, '--db', join(tmp, 'store.sqlite')], ['metrics', file], ['run', file, '--scenario', '2025-10-10', '--quiet']]) {
      const r = await cli(argv)
      expect(r.code, argv[0]).toBe(2)
      expect(r.stderr, argv[0]).toContain(`${file}: venue: must be a venue id from the catalogue`)
      expect(r.stderr).not.toMatch(/root:|ENOENT|not valid JSON/)
    }
  })

  it('CLI metrics and run refuse a DeFi protocol path with exit 2', async () => {
    const file = bookFile('hostile-defi', withProtocol('/etc/passwd'))
    for (const argv of [['metrics', file], ['validate', file]]) {
      const r = await cli(argv)
      expect(r.code).toBe(2)
      expect(r.stderr).toContain(`${file}: defi[0].protocol: must be a lending protocol id from the catalogue`)
    }
  })

  it('a profile file is read only when the user names it on the command line (--venue), and a FIFO there is refused', async () => {
    const book = bookFile('plain', hedge)
    const mine = JSON.parse(readFileSync(venueProfileFile, 'utf8'))
    mine.id = 'my-hyperliquid'
    const profile = bookFile('my-hyperliquid', mine)
    expect((await cli(['metrics', book, '--venue', profile])).code).toBe(0)
    const r = await cli(['metrics', book, '--venue', fifo])
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/not a file/)
  })
})
