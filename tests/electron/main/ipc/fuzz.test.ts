// Fuzz every IPC channel through the real core (in-memory store): at least 1,000 payloads a channel,
// arbitrary values and near-misses of valid requests (wrong types, huge strings, deep nesting,
// prototype-pollution keys, NaN/Infinity, very long arrays). Every reply is a `{ok}` value; an error
// has a known code and stays short whatever the payload size; nothing is left running.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { APP_BASE } from '../../../../electron/main/app-scheme'
import { createCore, type Core } from '../../../../electron/main/core'
import type { Runner } from '../../../../electron/main/runs/run-protocol'
import type { SpawnStudyWorker } from '../../../../electron/main/studies/study-pool'
import type { StudyWorkerMessage } from '../../../../electron/main/studies/study-protocol'
import { CHANNELS, type Channel } from '../../../../shared/ipc/channels'
import { MAX_REPLY_ISSUES, type ErrorCode, type Result } from '../../../../shared/ipc/result'

const APP_URL = `${APP_BASE}index.html`
const ROOT = join(__dirname, '../../../..')
const resourcesDir = join(ROOT, 'resources')
const PAYLOADS_PER_CHANNEL = 1_000
const CODES: readonly ErrorCode[] = ['invalid-payload', 'invalid-document', 'not-found', 'forbidden', 'unknown-channel', 'internal', 'refused']
/** An error reply: a message and a path, and at most MAX_REPLY_ISSUES + 1 findings of a short message each. */
const MAX_MESSAGE_CHARS = 300
const MAX_ERROR_REPLY_CHARS = 1_000 + (MAX_REPLY_ISSUES + 1) * (MAX_MESSAGE_CHARS + 100)
/** No single request may take long, whatever its size (the slowest seen here is a few ms). */
const MAX_INVOKE_MS = 1_000

const readJson = (path: string): unknown => JSON.parse(readFileSync(join(resourcesDir, path), 'utf8'))
const BOOK = readJson('examples/hedge-book.json') as Record<string, unknown>
const SCENARIO = readJson('scenarios/2025-10-10.json') as Record<string, unknown>
const VENUE = readJson('venues/binance.json') as Record<string, unknown>

// Values built once and shared by reference: generating them per payload would cost more than the call.
const HUGE = 'x'.repeat(5_000_000)
const deep = (depth: number, wrap: (v: unknown) => unknown): unknown => {
  let v: unknown = 'bottom'
  for (let i = 0; i < depth; i++) v = wrap(v)
  return v
}
const DEEP_ARRAY = deep(100_000, (v) => [v])
const DEEP_OBJECT = deep(100_000, (v) => ({ a: v }))
const DEEP_POSITIONS = deep(10_000, (v) => ({ positions: [v] }))
const LONG_ARRAY = new Array<number>(1_000_000).fill(0)
const LONG_OBJECTS = Array.from({ length: 100_000 }, (_, i) => ({ id: `p${i}`, symbol: 'BTCUSDT', side: 'long', qty: '-1', entryPrice: 'x', leverage: 0 }))
const WIDE_OBJECT = Object.fromEntries(Array.from({ length: 100_000 }, (_, i) => [`k${i}`, i]))
const CYCLE: Record<string, unknown> = { id: 'x', doc: {} }
;(CYCLE.doc as Record<string, unknown>).self = CYCLE
const MAP_SET = { doc: new Map<unknown, unknown>([[{ k: 1 }, new Set([1, 'a', DEEP_ARRAY])]]) }
const PROTO_KEYS = [
  JSON.parse('{"__proto__": {"polluted": "yes"}}'),
  JSON.parse('{"constructor": {"prototype": {"polluted": "yes"}}}'),
  JSON.parse('{"__proto__": {"polluted": "yes"}, "id": "x", "doc": {"__proto__": {"polluted": "yes"}}}'),
  Object.assign(Object.create(null), { id: 'x', polluted: 'yes' }),
  { toString: 'not a function', valueOf: 'nope', hasOwnProperty: 'nope' },
]

const weird: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(NaN, Infinity, -Infinity, -0, 2 ** 53 + 1, -1, 1e308, 2 ** 32, 0.5, '', ' ', '\u0000', '../../etc/passwd', 'C:\\Windows\\win.ini', 'file:///etc/passwd', null, undefined, true, [], {}),
  fc.constantFrom<unknown>(HUGE, 'y'.repeat(101), 'é'.repeat(20_001), DEEP_ARRAY, DEEP_OBJECT, DEEP_POSITIONS, LONG_ARRAY, LONG_OBJECTS, WIDE_OBJECT, CYCLE, MAP_SET),
  fc.constantFrom<unknown>(...PROTO_KEYS),
  fc.bigInt(),
  fc.date({ noInvalidDate: false }),
  fc.string({ maxLength: 200 }),
  fc.double(),
  fc.integer(),
  fc.anything({ maxDepth: 3 }),
)

interface Ids {
  book: string
  run: string
  study: string
}

/** Valid requests per channel, from the shipped examples and the ids of a seeded store. */
function templates(channel: Channel, ids: Ids): unknown[] {
  const chosen = (fileName: string, text: string) => ({ fileName, text })
  switch (channel) {
    case 'app:info':
    case 'venue:list':
    case 'portfolio:list':
    case 'portfolio:templates':
    case 'scenario:list':
    case 'run:list':
    case 'store:backup':
    case 'store:quarantine':
    case 'study:list':
      return [undefined, null]
    case 'store:restore':
      // Never a valid store: a restore that succeeded would swap the store under the fuzz.
      return [{ fileName: 'backup.sqlite', base64: Buffer.from('SQLite format 3\u0000 but not really').toString('base64') }]
    case 'venue:import':
      return [chosen('mine.json', JSON.stringify({ ...VENUE, id: 'fuzz-venue' })), { fileName: 'v.json', text: '{}' }]
    case 'portfolio:import':
      return [chosen('book.json', JSON.stringify(BOOK)), chosen('b.csv', 'symbol,side,qty,entryPrice,leverage\nBTCUSDT,long,1,60000,10\n')]
    case 'portfolio:importPreview':
      return [
        chosen('b.csv', 'symbol,positionAmt,entryPrice,leverage,markPrice\nBTCUSDT,-1,60000,10,61000\n'),
        { ...chosen('b.csv', 'coin,szi,entryPx,leverage\nBTC,1,60000,10\n'), options: { venue: 'hyperliquid', marginMode: 'cross', prices: { BTC: '61000' }, skipInvalid: true } },
      ]
    case 'portfolio:calculator':
      return [{ doc: BOOK }, { doc: BOOK, exits: Object.fromEntries((BOOK.positions as { id: string }[]).map((p) => [p.id, '50000'])) }]
    case 'portfolio:get':
    case 'portfolio:delete':
    case 'portfolio:duplicate':
    case 'portfolio:export':
      return [{ id: ids.book }]
    case 'portfolio:save':
      return [{ doc: BOOK }, { id: ids.book, doc: BOOK }]
    case 'portfolio:metrics':
      return [{ doc: BOOK, explain: true }, { doc: BOOK }]
    case 'scenario:get':
      return [{ id: '2025-10-10' }]
    case 'scenario:save':
      return [{ doc: { ...SCENARIO, id: 'fuzz-scenario' } }]
    case 'scenario:rename':
      return [{ id: 'fuzz-scenario', name: 'Renamed by the fuzz' }, { id: '2025-10-10', name: 'x' }]
    case 'scenario:delete':
      return [{ id: 'fuzz-scenario' }, { id: '2025-10-10' }]
    case 'whatif:metrics':
      return [{ doc: BOOK, scenario: SCENARIO }, { doc: BOOK, scenario: SCENARIO, pricing: 'historical' }]
    case 'run:start':
      return [{ portfolioId: ids.book, scenarioId: '2025-10-10', seed: 1 }, { portfolioId: ids.book, scenario: SCENARIO }]
    case 'run:cancel':
    case 'run:get':
      return [{ id: ids.run }]
    case 'run:export':
      return [{ id: ids.run, format: 'csv' }, { id: ids.run, format: 'jsonl' }]
    case 'study:start':
      return [
        { portfolioId: ids.book, scenarioId: '2025-10-10', seed: 1, crowd: 1000, model: { depegProbability: 0.2, betas: { ETH: 1.1 } }, study: { kind: 'montecarlo', draws: 2 } },
        { portfolioId: ids.book, scenario: SCENARIO, set: { 'shock:BTC': '-0.2' }, study: { kind: 'grid', x: { axis: 'shock:BTC', from: '-0.3', to: '0', count: 2 }, y: { axis: 'fund', from: '0', to: '1e8', count: 2 } } },
        { portfolioId: ids.book, scenarioId: '2025-10-10', pricing: 'historical', study: { kind: 'solve', axis: 'collateral:USDT', step: '1000', target: { p: 0.9, draws: 2 } } },
      ]
    case 'study:cancel':
    case 'study:get':
    case 'study:delete':
      return [{ id: ids.study }]
    case 'study:export':
      return [{ id: ids.study, format: 'csv' }, { id: ids.study, format: 'json' }]
    case 'run:delete':
      return [{ id: ids.run }]
    case 'run:report':
      return [{ id: ids.run, format: 'html' }, { id: ids.run, format: 'pdf', lang: 'ja' }]
  }
}

/** Every path into a value (object keys and array indexes), at most `limit` deep, the root included. */
function paths(v: unknown, limit = 4, at: (string | number)[] = []): (string | number)[][] {
  const out: (string | number)[][] = [at]
  if (at.length >= limit || v === null || typeof v !== 'object') return out
  const keys = Array.isArray(v) ? v.map((_, i) => i).slice(0, 5) : Object.keys(v)
  for (const k of keys) out.push(...paths((v as Record<string | number, unknown>)[k], limit, [...at, k]))
  return out
}

type Mutation = { kind: 'replace' | 'add' | 'remove'; key: string }

/** A copy of `base` with the value at `path` replaced, a key added beside it, or the key removed. */
function mutate(base: unknown, path: (string | number)[], m: Mutation, value: unknown): unknown {
  if (path.length === 0) {
    if (m.kind === 'replace') return value
    if (base === null || typeof base !== 'object' || Array.isArray(base)) return value
    const copy: Record<string, unknown> = { ...(base as Record<string, unknown>) }
    if (m.kind === 'add') Object.defineProperty(copy, m.key, { value, enumerable: true, configurable: true, writable: true })
    else delete copy[Object.keys(copy)[0] ?? '']
    return copy
  }
  const [head, ...rest] = path
  const copy = (Array.isArray(base) ? [...base] : { ...(base as Record<string, unknown>) }) as Record<string | number, unknown>
  copy[head] = mutate(copy[head], rest, m, value)
  return copy
}

function payloads(channel: Channel, ids: Ids): fc.Arbitrary<unknown> {
  const bases = templates(channel, ids)
  const nearMiss = fc
    .record({
      base: fc.constantFrom(...bases),
      pick: fc.nat(),
      m: fc.record({ kind: fc.constantFrom<Mutation['kind']>('replace', 'replace', 'add', 'remove'), key: fc.constantFrom('__proto__', 'constructor', 'prototype', 'extra', 'toString', 'id') }),
      value: weird,
    })
    .map(({ base, pick, m, value }) => {
      const all = paths(base)
      return mutate(base, all[pick % all.length], m, value)
    })
  const anything = fc.anything({ withBigInt: true, withDate: true, withMap: true, withSet: true, withTypedArray: true, withSparseArray: true, withNullPrototype: true, withBoxedValues: true, withObjectString: true, maxDepth: 4 })
  return fc.oneof({ weight: 3, arbitrary: anything }, { weight: 6, arbitrary: nearMiss }, { weight: 1, arbitrary: weird }, { weight: 1, arbitrary: fc.constantFrom(...bases) })
}

const NAMED = new Map<unknown, string>([[HUGE, 'HUGE'], [DEEP_ARRAY, 'DEEP_ARRAY'], [DEEP_OBJECT, 'DEEP_OBJECT'], [DEEP_POSITIONS, 'DEEP_POSITIONS'], [LONG_ARRAY, 'LONG_ARRAY'], [LONG_OBJECTS, 'LONG_OBJECTS'], [WIDE_OBJECT, 'WIDE_OBJECT']])
/** Which of the big shared values a payload holds (for the slow-request log). */
function label(v: unknown, depth = 0): string {
  if (NAMED.has(v)) return NAMED.get(v)!
  if (depth > 6 || v === null || typeof v !== 'object') return typeof v === 'string' && v.length > 1000 ? `string(${v.length})` : typeof v === 'number' && !Number.isFinite(v) ? String(v) : ''
  return Object.entries(v).map(([k, x]) => { const l = label(x, depth + 1); return l ? `${k.slice(0, 20)}:${l}` : '' }).filter(Boolean).join(' ')
}

describe('fuzzing every IPC channel through the real core', () => {
  let core: Core
  let runsStarted = 0
  let studyWorkers = 0
  const ids: Ids = { book: '', run: '', study: '' }
  const figures: Record<string, { payloads: number; ms: number; slowestMs: number; errors: Record<string, number> }> = {}
  const started = Date.now()
  // Runs end at once: the fuzz checks the IPC door, not the engine (tests/electron/main/runs/ run it).
  const rejectingRunner: Runner = () => {
    runsStarted++
    return { result: Promise.reject(new Error('fuzz: runs end at once')), cancel: () => {} }
  }

  // Study workers that refuse every task at once, for the same reason.
  const refusingStudyWorker: SpawnStudyWorker = () => {
    studyWorkers++
    let listener: (m: StudyWorkerMessage) => void = () => {}
    return {
      post: (m) => {
        if (m.type === 'task') setTimeout(() => listener({ type: 'failed', task: m.task, message: 'fuzz: studies end at once' }), 0)
      },
      onMessage: (l) => (listener = l),
      onError: () => {},
      onExit: () => {},
      kill: () => {},
    }
  }

  beforeAll(async () => {
    core = createCore({ dataDir: '/tmp', databasePath: ':memory:', resourcesDir, version: '0.0.0-fuzz', trustedOrigins: [APP_BASE], runner: rejectingRunner, studyWorkers: refusingStudyWorker, studyWorkerCount: 2, externalChangesEveryMs: 0 })
  })

  afterAll(async () => {
    const timeout = new Promise<string>((resolve) => setTimeout(() => resolve('timeout'), 5_000).unref())
    expect(await Promise.race([core.idle().then(() => 'idle'), timeout])).toBe('idle')
    const list = await core.invoke('run:list', undefined, APP_URL)
    expect(list.ok && (list.value as { status: string }[]).filter((r) => r.status === 'running' || r.status === 'queued')).toEqual([])
    const studies = await core.invoke('study:list', undefined, APP_URL)
    expect(studies.ok && (studies.value as { status: string }[]).filter((r) => r.status === 'running')).toEqual([])
    core.close()
    const total = Object.values(figures).reduce((n, f) => n + f.payloads, 0)
    console.log(`[fuzz] ${total} payloads over ${Object.keys(figures).length} channels in ${((Date.now() - started) / 1000).toFixed(1)} s, ${runsStarted} runs started, ${studyWorkers} study workers (all ended)`)
    for (const [channel, f] of Object.entries(figures)) console.log(`[fuzz] ${channel}: ${f.payloads} payloads, ${f.ms} ms, slowest ${f.slowestMs} ms, errors ${JSON.stringify(f.errors)}`)
  })

  /** A fresh book and a (failed) run to aim the near-misses at; a previous channel may have deleted them. */
  async function seed(): Promise<void> {
    const saved = await core.invoke('portfolio:save', { doc: BOOK }, APP_URL)
    if (!saved.ok) throw new Error(saved.error.message)
    ids.book = (saved.value as { id: string }).id
    const run = await core.invoke('run:start', { portfolioId: ids.book, scenarioId: '2025-10-10', seed: 1 }, APP_URL)
    if (!run.ok) throw new Error(run.error.message)
    ids.run = (run.value as { id: string }).id
    const study = await core.invoke('study:start', { portfolioId: ids.book, scenarioId: '2025-10-10', crowd: 1000, study: { kind: 'montecarlo', draws: 2 } }, APP_URL)
    if (!study.ok) throw new Error(study.error.message)
    ids.study = (study.value as { id: string }).id
    await core.idle()
  }

  function checkReply(channel: string, payload: unknown, reply: Result<unknown>): void {
    if (process.env.FUZZ_DUMP && !reply.ok) {
      const long = (s: string) => s.length > 300
      if (long(reply.error.message) || (reply.error.issues ?? []).some((i) => long(i.message + i.path)) || reply.error.code === 'internal')
        console.log('[fuzz-dump]', channel, JSON.stringify(reply, (_k, v) => (typeof v === 'string' && v.length > 400 ? `${v.slice(0, 400)}...(${v.length})` : v)).slice(0, 1500))
    }
    expect(reply !== null && typeof reply === 'object' && typeof reply.ok === 'boolean', `${channel}: not a {ok} value`).toBe(true)
    if (reply.ok) return
    const { error } = reply
    expect(CODES, `${channel}: unknown code ${error.code}`).toContain(error.code)
    expect(error.message.length, `${channel}: message too long: ${error.message.slice(0, 200)}`).toBeLessThanOrEqual(MAX_MESSAGE_CHARS)
    expect(error.issues?.length ?? 0).toBeLessThanOrEqual(MAX_REPLY_ISSUES + 1)
    for (const issue of error.issues ?? []) expect(issue.message.length + issue.path.length, `${channel}: issue too long`).toBeLessThanOrEqual(MAX_MESSAGE_CHARS)
    expect(JSON.stringify(reply).length, `${channel}: reply too long`).toBeLessThanOrEqual(MAX_ERROR_REPLY_CHARS)
    if (error.code === 'internal') throw new Error(`${channel}: internal error for a fuzzed payload: ${error.message}`)
    void payload
  }

  it.each(CHANNELS)('%s: every payload gets a short {ok} reply, never a throw', { timeout: 30_000 }, async (channel) => {
    await seed()
    const f = (figures[channel] = { payloads: 0, ms: 0, slowestMs: 0, errors: {} as Record<string, number> })
    const t0 = Date.now()
    await fc.assert(
      fc.asyncProperty(payloads(channel, ids), async (payload) => {
        const t = performance.now()
        let reply: Result<unknown>
        try {
          reply = await core.invoke(channel, payload, APP_URL)
        } catch (e) {
          throw new Error(`${channel}: invoke threw ${e instanceof Error ? e.message : String(e)}`)
        }
        const ms = performance.now() - t
        f.payloads++
        if (process.env.FUZZ_DUMP && ms > 100) console.log('[fuzz-slow]', channel, Math.round(ms), 'ms', label(payload))
        f.slowestMs = Math.max(f.slowestMs, Math.round(ms))
        expect(ms, `${channel}: one request took ${Math.round(ms)} ms`).toBeLessThan(MAX_INVOKE_MS)
        checkReply(channel, payload, reply)
        if (!reply.ok) f.errors[reply.error.code] = (f.errors[reply.error.code] ?? 0) + 1
        expect(({} as Record<string, unknown>).polluted, 'Object.prototype was polluted').toBeUndefined()
      }),
      { numRuns: PAYLOADS_PER_CHANNEL, seed: Number(process.env.FUZZ_SEED ?? 20251010), endOnFailure: true },
    )
    f.ms = Date.now() - t0
    expect(f.payloads).toBeGreaterThanOrEqual(PAYLOADS_PER_CHANNEL)
  })

  it('refuses deep nesting, wide objects, long lists and cycles early, with the reason', async () => {
    const cases: [unknown, RegExp][] = [
      [{ doc: DEEP_ARRAY }, /nested too deep \(more than 32 levels\)/],
      [{ doc: DEEP_OBJECT }, /nested too deep/],
      [{ doc: DEEP_POSITIONS }, /nested too deep/],
      [CYCLE, /nested too deep/],
      [WIDE_OBJECT, /object has too many entries \(100000, at most 20000\)/],
      [{ doc: { positions: LONG_OBJECTS } }, /list has too many entries/],
      [{ doc: LONG_ARRAY }, /list has too many entries/],
      [{ doc: Array.from({ length: 200 }, () => Array.from({ length: 15_000 }, () => 0)) }, /request is too large \(more than 2000000 values\)/],
    ]
    // The reasons are the payload-limits pass's own (ipc/payload-limits.ts), which runs before the
    // schema: early refusal is shown by who refused, not by a clock (speed lives in npm run bench).
    for (const [payload, reason] of cases) {
      const reply = await core.invoke('portfolio:save', payload, APP_URL)
      expect(!reply.ok && reply.error.code).toBe('invalid-payload')
      expect(!reply.ok && reply.error.message).toMatch(reason)
    }
  })

  it('refuses every channel from a sender that is not our renderer, and an unknown channel, with a value', { timeout: 30_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom<string>(...CHANNELS, 'fs:readFile', '__proto__', 'constructor', ''), fc.oneof(fc.webUrl(), fc.string(), fc.constant('app://cascade.evil/'), fc.constant('file:///etc/passwd')), fc.anything(), async (channel, sender, payload) => {
        const reply = await core.invoke(channel, payload, sender)
        expect(reply.ok).toBe(false)
        expect(!reply.ok && reply.error.code).toBe('forbidden')
        expect(JSON.stringify(reply).length).toBeLessThan(1_000)
      }),
      { numRuns: 1_000, seed: 7 },
    )
    for (const channel of ['fs:readFile', '__proto__', 'constructor', 'toString', '']) {
      const reply = await core.invoke(channel, { path: '/etc/passwd' }, APP_URL)
      expect(!reply.ok && reply.error.code).toBe('unknown-channel')
    }
  })
})
