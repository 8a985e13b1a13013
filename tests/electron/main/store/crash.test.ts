// SIGKILL at random moments while a child process saves books in a loop (creates and replaces):
// afterwards the store opens, passes quick_check, and holds every save the child reported as
// committed with its exact document; a replace that was in flight holds the old or the new
// document whole, never a mix.
import { spawn } from 'node:child_process'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { openStore } from '../../../../electron/main/store/database'
import { createPortfolioRepository } from '../../../../electron/main/store/portfolio-repository'
import { useTempDirs } from '../../../temp-dir'
import { crashDoc } from './crash-docs'

const tempDir = useTempDirs('crash')
const opened: Database.Database[] = []
afterEach(() => opened.splice(0).forEach((db) => db.open && db.close()))

const CHILD = join(__dirname, 'crash-child.ts')
const MIN_SAVES = 200
const MIN_KILLS = 12
// Each life starts a child through tsx (seconds on a loaded 2-core machine): a generous bound, reached only when something is wrong.
const BUDGET_MS = 150_000

/** Mulberry32: the kill moments come from a seed the test prints, so a failure can be replayed. */
function random(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

interface Life {
  lines: string[]
  exit: { code: number | null; signal: NodeJS.Signals | null }
}

/** Starts the child, lets it save for `ms` after it is ready, then SIGKILLs it. */
function liveAndDie(dbPath: string, firstSeq: number, ms: number): Promise<Life> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dbPath, String(firstSeq)], { stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    let err = ''
    let timer: NodeJS.Timeout | undefined
    const guard = setTimeout(() => child.kill('SIGKILL'), 20_000) // a child that never gets ready
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk
      if (!timer && out.startsWith('ready\n')) timer = setTimeout(() => child.kill('SIGKILL'), ms)
    })
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk))
    child.on('error', reject)
    child.on('close', (code, signal) => {
      clearTimeout(guard)
      clearTimeout(timer)
      if (signal !== 'SIGKILL') return reject(new Error(`the child ended by itself (code ${code}): ${err.slice(0, 2000)}`))
      // A line cut by the kill (no newline yet) was never reported.
      const complete = out.slice(0, out.lastIndexOf('\n') + 1)
      resolve({ lines: complete.split('\n').filter((l) => l && l !== 'ready'), exit: { code, signal } })
    })
  })
}

describe('the store under SIGKILL', () => {
  it(`keeps every reported save across kills at random moments (at least ${MIN_SAVES} saves, ${MIN_KILLS} kills)`, { timeout: 180_000 }, async () => {
    const dbPath = join(tempDir(), 'crash.sqlite')
    const seed = Number(process.env.CRASH_SEED ?? Date.now() % 1_000_000)
    const rand = random(seed)
    /** id -> the seq of its last reported save, and the seq of a replace that began but was not reported. */
    const expected = new Map<string, { committed: number; inFlight?: number }>()
    let saves = 0
    let kills = 0
    let seq = 0
    const started = Date.now()
    while ((saves < MIN_SAVES || kills < MIN_KILLS) && Date.now() - started < BUDGET_MS) {
      const life = await liveAndDie(dbPath, seq, 5 + Math.floor(rand() * 300))
      kills++
      for (const line of life.lines) {
        const [kind, id, s] = line.split(' ')
        const n = Number(s)
        seq = Math.max(seq, n)
        if (kind === 'C') {
          expected.set(id, { committed: n })
          saves++
        } else if (kind === 'B') expected.get(id)!.inFlight = n
        else if (kind === 'R') {
          expected.set(id, { committed: n })
          saves++
        } else throw new Error(`unexpected line from the child: ${line}`)
      }
      seq += 1_000 // a killed child may have committed seqs it never reported: start the next one clear of them
    }
    console.log(`[crash] seed ${seed}: ${saves} reported saves, ${kills} SIGKILLs, ${expected.size} books, ${((Date.now() - started) / 1000).toFixed(1)} s`)
    expect(kills).toBeGreaterThanOrEqual(MIN_KILLS)
    expect(saves).toBeGreaterThanOrEqual(MIN_SAVES)

    const raw = new Database(dbPath)
    opened.push(raw)
    expect(raw.pragma('quick_check', { simple: true })).toBe('ok')
    raw.close()
    const store = openStore(dbPath)
    opened.push(store.db)
    expect(store.notices).toEqual([])
    const repo = createPortfolioRepository(store.db)
    for (const [id, { committed, inFlight }] of expected) {
      const rec = repo.get(id)
      expect(rec, `book ${id} (save ${committed}) is missing`).not.toBeNull()
      const stored = JSON.stringify(rec!.doc)
      const allowed = [committed, ...(inFlight !== undefined && inFlight > committed ? [inFlight] : [])].map((n) => JSON.stringify(crashDoc(n)))
      expect(allowed, `book ${id}: the stored document is not save ${committed}${inFlight ? ` nor ${inFlight}` : ''}`).toContain(stored)
    }
    // Every row is whole: each stored document parses and is one of the child's documents.
    for (const { id } of repo.list()) expect(repo.get(id)!.doc.name).toMatch(/^Crash book \d+$/)
  })
})
