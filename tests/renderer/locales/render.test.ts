// Every message of every catalogue compiles and renders in vue-i18n (a stray "@", "|" or brace would
// break a message at run time, in one language only), and the shipped texts the catalogues translate
// (scenario presets in shared/i18n, example books, venue terms) are still the texts that ship: a
// changed preset then shows its own words, never a stale translation (renderer/src/i18n/presets.ts).
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import en from '../../../renderer/src/locales/en.json'
import scenarioTexts from '../../../shared/i18n/scenario-names.json'
import { presetKey } from '../../../renderer/src/i18n/presets'
import { tEn, tJa, tZh } from '../translate'

type Catalogue = { [key: string]: string | Catalogue }
function keys(c: Catalogue, prefix = ''): string[] {
  return Object.entries(c).flatMap(([k, v]) => (typeof v === 'string' ? [`${prefix}${k}`] : keys(v, `${prefix}${k}.`)))
}

const root = join(__dirname, '../../..')
const json = (dir: string) => readdirSync(join(root, dir)).filter((f) => f.endsWith('.json')).map((f) => ({ file: f, doc: JSON.parse(readFileSync(join(root, dir, f), 'utf8')) }))

describe('catalogue messages', () => {
  const all = keys(en as Catalogue)
  for (const [name, t] of [['en', tEn], ['ja', tJa], ['zh-CN', tZh]] as const) {
    it(`${name}: every message renders, every placeholder filled`, () => {
      const named = new Proxy({}, { get: (_t, p) => (typeof p === 'string' ? `<${p}>` : undefined), has: () => true })
      for (const key of all) {
        const out = t(key, named as Record<string, unknown>, 2)
        expect({ key, out: /[{}]/.test(out.replace(/\{'[^']*'\}/g, '')) || out === key }).toEqual({ key, out: false })
      }
    })
  }
})

describe('shipped texts the catalogues translate', () => {
  const presets = en.presets as unknown as { template: Record<string, { name: string }>; venueTerm: Record<string, string> }

  it('scenario presets (shared/i18n/scenario-names.json, which the run report reads too): every one, in every language', () => {
    const shipped = json('resources/scenarios')
    expect(Object.keys(scenarioTexts.scenarios).sort()).toEqual(shipped.map(({ doc }) => doc.id).sort())
    for (const { doc } of shipped) {
      const texts = (scenarioTexts.scenarios as Record<string, Record<string, { name: string; description: string }>>)[doc.id]
      expect(texts.en).toEqual({ name: doc.name, description: doc.description })
      for (const lang of ['ja', 'zh-CN']) expect(texts[lang].name.length * texts[lang].description.length, `${doc.id} ${lang}`).toBeGreaterThan(0)
    }
  })

  it('example books', () => {
    for (const { file, doc } of json('resources/examples')) expect(presets.template[presetKey(file.replace(/\.json$/, ''))]).toEqual({ name: doc.name })
  })

  it("each venue's term for its account ratio", () => {
    const names = json('resources/venues').map(({ doc }) => doc.unified?.ratioDisplay?.name).filter(Boolean)
    expect(names.length).toBeGreaterThanOrEqual(3)
    for (const n of names) expect(presets.venueTerm[presetKey(n)]).toBe(n)
  })
})
