// shared/engine/account is the exact half of the engine: it may import only decimal.js and shared
// modules, and builds every Decimal from a string, never from a float (docs/CONVENTIONS.md §3, §1).
import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

const engineDir = join(__dirname, '../../../../shared/engine/account')
// market/, crowd/ and cascade/ are float64 by design (docs/CONVENTIONS.md §1); what every part of the
// engine may import is checked for all of them in tests/architecture/layers.test.ts.
// With the engine's entry (../index.ts) and its Decimal set-up.
const files = [...readdirSync(engineDir).filter((f) => f.endsWith('.ts')), '../index.ts', '../../decimal.ts']
const sharedDir = join(engineDir, '../..')

describe('shared/engine/account purity', () => {
  it.each(files)('%s imports only decimal.js and relative shared modules', (file) => {
    const source = readFileSync(join(engineDir, file), 'utf8')
    const imports = [...source.matchAll(/from\s+'([^']+)'/g)].map((m) => m[1])
    // Relative imports stay in shared/ (which layer may import which: tests/architecture/layers.test.ts).
    for (const spec of imports) expect(spec === 'decimal.js' || (spec.startsWith('.') && resolve(engineDir, dirname(file), spec).startsWith(sharedDir))).toBe(true)
    expect(source).not.toMatch(/\b(window|document|process|require)\b[.(]/)
  })

  it.each(files)('%s builds no Decimal from a number literal', (file) => {
    const source = readFileSync(join(engineDir, file), 'utf8')
    expect(source).not.toMatch(/new D\(\s*-?\d/)
    expect(source).not.toMatch(/\bdec\(\s*-?\d/)
    // Nor hands a number to a Decimal method (`.add(1)` builds a Decimal from a number too).
    expect(source).not.toMatch(/\.(gt|gte|lt|lte|eq|add|sub|mul|div|cmp|plus|minus|times)\(\s*-?\d/)
  })

  it('uses one configured Decimal: precision 34, half-even', async () => {
    const { D } = await import('../../../../shared/decimal')
    expect(D.precision).toBe(34)
    expect(D.rounding).toBe(D.ROUND_HALF_EVEN)
  })
})
