// The three catalogues hold the same keys with the same placeholders, and no message is empty: a
// key missing in one language would show English (or the key) to a Tokyo or Shanghai trader.
import { describe, expect, it } from 'vitest'
import en from '../../../renderer/src/locales/en.json'
import ja from '../../../renderer/src/locales/ja.json'
import zhCN from '../../../renderer/src/locales/zh-CN.json'

type Catalogue = { [key: string]: string | Catalogue }

function flatten(catalogue: Catalogue, prefix = ''): Map<string, string> {
  const out = new Map<string, string>()
  for (const [key, value] of Object.entries(catalogue)) {
    const path = prefix ? `${prefix}.${key}` : key
    if (typeof value === 'string') out.set(path, value)
    else for (const [k, v] of flatten(value, path)) out.set(k, v)
  }
  return out
}

// The distinct names: an English plural repeats a name in each form ("1 position | {count} positions"
// has {count} once, "{name} ... | {name} ..." twice) that a language without plural forms writes once.
const placeholders = (message: string): string[] => [...new Set([...message.matchAll(/\{\s*([A-Za-z0-9_]+)\s*\}/g)].map((m) => m[1]!))].sort()

const english = flatten(en as Catalogue)
const others = { ja: flatten(ja as Catalogue), 'zh-CN': flatten(zhCN as Catalogue) }

describe('locale catalogues', () => {
  it('English has messages', () => {
    expect(english.size).toBeGreaterThan(0)
  })

  for (const [name, catalogue] of Object.entries(others)) {
    it(`${name} has exactly the English keys`, () => {
      expect([...catalogue.keys()].sort()).toEqual([...english.keys()].sort())
    })

    it(`${name} keeps every placeholder of the English message`, () => {
      for (const [key, message] of english) {
        const translated = catalogue.get(key)
        if (translated === undefined) continue
        expect({ key, placeholders: placeholders(translated) }).toEqual({ key, placeholders: placeholders(message) })
      }
    })
  }

  it('no message is empty', () => {
    for (const catalogue of [english, ...Object.values(others)]) for (const [key, message] of catalogue) expect({ key, empty: message.trim() === '' }).toEqual({ key, empty: false })
  })
})
