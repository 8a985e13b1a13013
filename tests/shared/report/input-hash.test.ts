// The report's input hash: SHA-256 as FIPS 180-4 defines it (test vectors, and node:crypto on any
// text, multi-byte included), canonical JSON as RFC 8785 writes it, and a hash that follows the
// meaning of the inputs, not their spelling.
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { canonicalJson } from '../../../shared/report/canonical-json'
import { runInputHash, runInputsText, type RunInputs } from '../../../shared/report/input-hash'
import { sha256OfText, utf8 } from '../../../shared/report/sha256'
import { parsePortfolioText } from '../../../shared/schemas/portfolio'
import { parseScenarioText } from '../../../shared/schemas/scenario'

const root = join(__dirname, '../../..')

describe('sha256', () => {
  it('gives the FIPS 180-4 test vectors', { timeout: 60_000 }, () => {
    expect(sha256OfText('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855')
    expect(sha256OfText('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad')
    expect(sha256OfText('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')).toBe('248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1')
    expect(sha256OfText('a'.repeat(1_000_000))).toBe('cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0')
  })

  it('agrees with node:crypto on any text, across block boundaries and in every UTF-8 width', { timeout: 60_000 }, () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (s) => {
        expect(sha256OfText(s)).toBe(createHash('sha256').update(s, 'utf8').digest('hex'))
      }),
      { numRuns: 200 },
    )
    for (const n of [55, 56, 63, 64, 65, 119, 120]) expect(sha256OfText('x'.repeat(n))).toBe(createHash('sha256').update('x'.repeat(n)).digest('hex'))
  })

  it('encodes UTF-8 as TextEncoder does (lone surrogates become U+FFFD)', () => {
    for (const s of ['強制清算', '自动减仓 ✓', '𝔘', 'a\ud800b']) expect(Array.from(utf8(s))).toEqual(Array.from(new TextEncoder().encode(s)))
  })
})

describe('canonical JSON (RFC 8785)', () => {
  it('sorts keys by UTF-16 code units, drops undefined members, writes no whitespace', () => {
    expect(canonicalJson({ b: 1, a: [1, 'x', null, true], c: { z: undefined, y: '€' } })).toBe('{"a":[1,"x",null,true],"b":1,"c":{"y":"€"}}')
    // RFC 8785 §3.2.3's example order: "\r", "1", "\u0080", "\u00f6", "\u20ac", "\ud83d\ude00", "\ufb33".
    const keys = ['\u20ac', '\r', '\ufb33', '1', '\ud83d\ude00', '\u0080', '\u00f6']
    const text = canonicalJson(Object.fromEntries(keys.map((k, i) => [k, i])))
    expect(text.indexOf('"\\r"')).toBeLessThan(text.indexOf('"1"'))
    expect(text.indexOf('"1"')).toBeLessThan(text.indexOf('"\u0080"'))
    expect(text.indexOf('"\u20ac"')).toBeLessThan(text.indexOf('"\ud83d\ude00"'))
    expect(text.indexOf('"\ud83d\ude00"')).toBeLessThan(text.indexOf('"\ufb33"'))
  })

  it('writes numbers in their shortest round-trip form and refuses what JSON cannot hold', () => {
    expect(canonicalJson([1e21, 1e-7, 0.1, -0, 42, 4294967295])).toBe('[1e+21,1e-7,0.1,0,42,4294967295]')
    expect(() => canonicalJson({ a: [1, Number.NaN] })).toThrow('a[1] is not a finite number')
    expect(() => canonicalJson({ f: () => 1 })).toThrow('f cannot be written')
  })

  it('reads back as the same value, whatever the key order it was given in', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        const text = canonicalJson(v)
        expect(canonicalJson(JSON.parse(text))).toBe(text)
        expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(v)))
      }),
    )
  })
})

describe('the run input hash', () => {
  const book = parsePortfolioText(readFileSync(join(root, 'resources/examples/hedge-book.json'), 'utf8'))
  const scenario = parseScenarioText(readFileSync(join(root, 'resources/scenarios/2025-10-10.json'), 'utf8'))
  if (!book.ok || !scenario.ok) throw new Error('fixtures do not parse')
  const inputs: RunInputs = { book: book.value, scenario: scenario.value, seed: 28, options: { pricing: 'book' } }

  it('hashes the canonical text of book, scenario, seed and options under the format tag', () => {
    const text = runInputsText(inputs)
    expect(text.startsWith('{"book":{')).toBe(true)
    expect(text).toContain('"format":"cascade.run-input/1","options":{"pricing":"book"},"scenario":{')
    expect(text.endsWith(',"seed":28}')).toBe(true)
    expect(runInputHash(inputs)).toBe(createHash('sha256').update(text, 'utf8').digest('hex'))
  })

  it('is the same for the same inputs spelled differently (key order, a JSON round trip)', () => {
    const reordered = JSON.parse(JSON.stringify({ options: inputs.options, seed: 28, scenario: Object.fromEntries(Object.entries(scenario.value).reverse()), book: Object.fromEntries(Object.entries(book.value).reverse()) }))
    expect(runInputHash(reordered)).toBe(runInputHash(inputs))
  })

  it('changes with anything the engine reads: the seed, the pricing, a quantity, a shock', () => {
    const base = runInputHash(inputs)
    expect(runInputHash({ ...inputs, seed: 29 })).not.toBe(base)
    expect(runInputHash({ ...inputs, options: { pricing: 'historical' } })).not.toBe(base)
    const positions = inputs.book.positions.map((p, i) => (i === 0 ? { ...p, leverage: String(Number(p.leverage) + 1) } : p))
    expect(runInputHash({ ...inputs, book: { ...inputs.book, positions } })).not.toBe(base)
    expect(runInputHash({ ...inputs, scenario: { ...inputs.scenario, insuranceFund: '1' } })).not.toBe(base)
  })
})
