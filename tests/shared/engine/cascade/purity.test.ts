// shared/engine/cascade runs in a worker thread (CLI) and an Electron utilityProcess (app): it
// imports only shared modules and decimal.js, never Node, Electron or DOM APIs (docs/CONVENTIONS.md §3).
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

const dir = join(__dirname, '../../../../shared/engine/cascade')
// With the user's account in user/.
const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'))

describe('shared/engine/cascade purity', () => {
  it.each(files)('%s imports only shared modules, with a header comment', (file) => {
    const source = readFileSync(join(dir, file), 'utf8')
    const imports = [...source.matchAll(/from\s+'([^']+)'/g)].map((m) => m[1])
    for (const spec of imports) expect(spec === 'decimal.js' || spec.startsWith('./') || spec.startsWith('../')).toBe(true)
    expect(source).not.toMatch(/\b(window|document|process|require|globalThis)\b[.(]/)
    expect(source).not.toMatch(/from 'node:|from 'electron'/)
    expect(source.startsWith('//')).toBe(true)
    expect(source).not.toMatch(/Math\.random\(/)
  })
})
