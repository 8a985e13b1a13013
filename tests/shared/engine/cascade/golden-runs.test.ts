// Golden runs: the SHA-256 of a run's exact JSON (events, series, summary; `elapsedMs` zeroed) for
// big seeded books in every margin mode and the hedge book under the 2025-10-10 preset. Written by
// the engine before the user's account was made incremental (docs/CASCADE-NOTES.md "Big books"):
// performance work must leave runs byte-identical, or say in that section why not (the held uPnL of
// a liquidation's bankruptcy price changed them once, on purpose; the unified margin call's note
// naming its line changed the two portfolio books' text on 2026-12-05, nothing else, checked by
// hashing the new runs with the old words put back). `GOLDEN_UPDATE=1 npx vitest run
// tests/shared/engine/cascade/golden-runs.test.ts` rewrites them (only for a deliberate change).
import { createHash } from 'node:crypto'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { runCascade, type CascadeInput } from '../../../../shared/engine/cascade'
import { bigRandomBook, exampleBook, miniScenario, preset, profile } from './support'

const file = join(__dirname, '../../../fixtures/cascade-golden.json')
const update = process.env.GOLDEN_UPDATE === '1'
const golden: Record<string, string> = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {}
const written: Record<string, string> = {}

const digest = (r: ReturnType<typeof runCascade>) => createHash('sha256').update(JSON.stringify({ ...r, summary: { ...r.summary, elapsedMs: 0 } })).digest('hex')

function mini(book: CascadeInput['portfolio'], over: Parameters<typeof miniScenario>[0] = {}): CascadeInput {
  return { portfolio: book, venue: profile('binance'), lending: profile('aave-v3'), scenario: miniScenario({ accounts: 2000, insuranceFund: '300000', ...over }) }
}

const cases: [string, () => CascadeInput][] = [
  ['cross-150-thin', () => mini(bigRandomBook(150, 'cross', 11, 300_000))],
  ['cross-150-call', () => mini(bigRandomBook(150, 'cross', 12, 3_000_000))],
  ['cross-150-breaker', () => mini(bigRandomBook(150, 'cross', 13, 1_000_000), { circuitBreaker: true })],
  ['portfolio-150-thin', () => mini(bigRandomBook(150, 'portfolio', 11, 300_000))],
  ['portfolio-150-call', () => mini(bigRandomBook(150, 'portfolio', 14, 3_000_000))],
  ['isolated-150', () => mini(bigRandomBook(150, 'isolated', 15, 300_000))],
  ['hedge-book-2025-10-10', () => ({ portfolio: exampleBook('hedge-book'), venue: profile('hyperliquid'), lending: profile('aave-v3'), scenario: preset('2025-10-10') })],
]

describe('golden runs', () => {
  for (const [name, input] of cases) {
    it(name, () => {
      const hash = digest(runCascade(input()))
      if (update) written[name] = hash
      else expect(hash).toBe(golden[name])
    }, 60_000)
  }
  afterAll(() => {
    if (update) writeFileSync(file, `${JSON.stringify(written, null, 2)}\n`)
  })
})
