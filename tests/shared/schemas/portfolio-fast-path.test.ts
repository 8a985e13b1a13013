// The fast path of validatePortfolio answers only for documents the zod schema accepts, with the
// value the schema gives, key for key in its order; everything else (every refusal) it leaves to
// the schema. Checked on the bad-input fixtures and on random valid documents broken at random.
import { describe, expect, it } from 'vitest'
import { benchBook } from '../../../bench/metrics'
import { mulberry32 } from '../../../shared/engine/account/prng'
import { ASSET_CLASSES } from '../../../shared/model/asset-class'
import { fastPortfolio } from '../../../shared/schemas/portfolio-fast-path'
import { portfolioSchema, validatePortfolio } from '../../../shared/schemas/portfolio'
import { example, malformed } from './portfolio-malformed'

/** A value's exact shape as text: key order, undefined, -0, prototypes and holes all show. */
function exact(v: unknown): string {
  if (v === undefined) return 'undefined'
  if (typeof v === 'number') return Object.is(v, -0) ? '-0' : String(v)
  if (typeof v !== 'object' || v === null) return JSON.stringify(v)
  if (Array.isArray(v)) {
    const items: string[] = []
    for (let i = 0; i < v.length; i++) items.push(i in v ? exact(v[i]) : 'hole')
    return `[${items.join(',')}]`
  }
  const proto = Object.getPrototypeOf(v) === Object.prototype ? '' : '!proto'
  return `${proto}{${Reflect.ownKeys(v)
    .map((k) => `${String(k)}:${exact((v as Record<string | symbol, unknown>)[k])}`)
    .join(',')}}`
}

/** The fast path's answer held to the schema's: null, or the schema's accepted value exactly. */
function agrees(doc: unknown): 'fast' | 'schema' {
  const fast = fastPortfolio(doc as object)
  const zod = portfolioSchema.safeParse(doc, { reportInput: true })
  if (fast === null) return 'schema'
  expect(zod.success, `fast path accepted what the schema refuses: ${zod.success ? '' : JSON.stringify(zod.error.issues.slice(0, 2))}`).toBe(true)
  expect(exact(fast)).toBe(exact(zod.data))
  return 'fast'
}

describe('validatePortfolio fast path', () => {
  it('answers for the reference example and the bench books, with the schema value', () => {
    expect(agrees(example())).toBe('fast')
    for (const mode of ['cross', 'isolated', 'portfolio'] as const) {
      for (const size of ['notional', 'qty'] as const) expect(agrees(JSON.parse(JSON.stringify(benchBook(60, mode, size, 7))))).toBe('fast')
    }
  })

  it.each(malformed)('leaves %s to the schema (same issues through validatePortfolio)', (_what, mutate) => {
    const doc = example()
    const replaced = mutate(doc)
    const input = replaced === undefined ? doc : replaced
    if (typeof input === 'object' && input !== null && !Array.isArray(input)) expect(agrees(input)).toBe('schema')
    expect(validatePortfolio(input).ok).toBe(false)
  })

  it('agrees with the schema on random valid documents broken at random', () => {
    const random = mulberry32(9)
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]
    const counts = { fast: 0, schema: 0 }
    const tally = (doc: unknown) => counts[agrees(doc)]++
    for (let n = 0; n < 3000; n++) {
      const doc = validDocument(random, pick)
      if (n < 300) expect(agrees(JSON.parse(JSON.stringify(doc)))).toBe('fast')
      const broken = JSON.parse(JSON.stringify(doc)) as Record<string, unknown>
      const times = 1 + Math.floor(random() * 3)
      for (let k = 0; k < times; k++) breakOne(broken, random, pick)
      tally(broken)
    }
    // Both branches are exercised: most breakages go to the schema, harmless ones (a name with
    // spaces, a decimal spelt "007.50", a zero-loop count) stay on the fast path.
    expect(counts.schema).toBeGreaterThan(1500)
    expect(counts.fast).toBeGreaterThan(100)
  })

  it('remembers accepted positions by index only while they are the same to the schema', () => {
    // The path remembers each index's last accepted position (a book comes back at every tick as a
    // fresh copy). A copy of the last book, broken in one of its positions, must still get the
    // schema's verdict: a key added with `undefined`, a field changed, a mode that refuses a field,
    // a duplicate id.
    const random = mulberry32(11)
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]
    const counts = { fast: 0, schema: 0 }
    for (let n = 0; n < 1500; n++) {
      const doc = validDocument(random, pick)
      const text = JSON.stringify(doc)
      expect(agrees(JSON.parse(text))).toBe('fast')
      expect(agrees(JSON.parse(text))).toBe('fast')
      const broken = JSON.parse(text) as Record<string, any>
      const positions = broken.positions as Record<string, unknown>[]
      const p = pick(positions)
      switch (Math.floor(random() * 7)) {
        case 6:
          // A duplicate id in a list of the same length as the last one found unique.
          if (positions.length > 1) positions[positions.length - 1].id = positions[0].id
          break
        case 0:
          p[pick(['qty', 'notional', 'isolatedMargin', 'leverage'])] = undefined
          break
        case 1:
          p[pick(['qty', 'notional', 'isolatedMargin', 'entryPrice', 'leverage', 'id', 'symbol', 'side'])] = pick(VALUES)
          break
        case 2:
          broken.marginMode = pick(['cross', 'isolated', 'portfolio'])
          break
        case 3:
          delete p[pick(['qty', 'notional', 'isolatedMargin', 'entryPrice', 'leverage', 'id'])]
          break
        case 4:
          p.extra = '1'
          break
        default:
          positions.push({ ...positions[0] })
      }
      counts[agrees(broken)]++
    }
    expect(counts.schema).toBeGreaterThan(600)
    expect(counts.fast).toBeGreaterThan(100)
  })
})

type Random = () => number
type Pick = <T>(xs: readonly T[]) => T

const DECIMALS = ['1', '0.5', '122000', '0.00001', '007.50', '3.000', '0', '-0', '-2', '1e3', '.5', '5.', '', ' 1', '999999999999999999', '1000000000000000000', '0.000000000000000001', '1.2345678901234567890123456789012345']

/** A valid book: a few positions, sometimes DeFi positions, loops, asset classes and isolated margins. */
function validDocument(random: Random, pick: Pick): Record<string, unknown> {
  const mode = pick(['cross', 'isolated', 'portfolio'] as const)
  const doc = benchBook(1 + Math.floor(random() * 12), mode, pick(['notional', 'qty'] as const), Math.floor(random() * 1e6)) as unknown as Record<string, any>
  if (random() < 0.3) delete doc.loans
  if (random() < 0.3) delete doc.defi
  if (random() < 0.2) doc.loops = []
  if (mode === 'isolated') for (const p of doc.positions) if (random() < 0.5) p.isolatedMargin = pick(['100', '2500.5', '0.01'])
  if (random() < 0.4) {
    doc.defi = [{ id: 'aave', protocol: 'aave-v3', supplies: [{ asset: 'USDe', amount: '1000' }], borrows: random() < 0.5 ? [] : [{ asset: 'USDT', amount: '0' }] }]
  }
  if (random() < 0.3) doc.assetClasses = { PEPE: pick(ASSET_CLASSES), WIF: pick(ASSET_CLASSES) }
  if (random() < 0.2) doc.name = '  padded name  '
  return doc
}

const VALUES: readonly unknown[] = [
  undefined, null, true, 0, -0, 1, 2.5, 51, -1, Number.NaN, 1e21, '', ' ', 'x', 'x'.repeat(210), 'long', 'short', 'buy', 'cross', 'isolated', 'portfolio',
  'BTC', 'btcusdt', 'BTCUSDT', 'BTC/USD', '../etc/passwd', 'aave-v3', 'USDT', 'USDe', 'large-cap-alt', 'cascade.portfolio/1', 'cascade.portfolio/2',
  ...DECIMALS, {}, [], [1], { __jsonNumber: '1e3' }, { __jsonNumber: '2' }, new Date(0),
]

/** Every place in the document a value could be replaced, deleted or added. */
function places(v: unknown, path: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  out.push(path)
  if (typeof v === 'object' && v !== null) for (const k of Object.keys(v)) places((v as Record<string, unknown>)[k], [...path, Array.isArray(v) ? Number(k) : k], out)
  return out
}

function at(doc: unknown, path: readonly (string | number)[]): any {
  let v: any = doc
  for (const k of path) v = v?.[k]
  return v
}

/** One random breakage (some of which leave the document valid). */
function breakOne(doc: Record<string, any>, random: Random, pick: Pick): void {
  const all = places(doc)
  const path = pick(all.slice(1))
  const parent = at(doc, path.slice(0, -1))
  const key = path[path.length - 1]
  const container = typeof parent === 'object' && parent !== null ? parent : doc
  switch (Math.floor(random() * 12)) {
    case 0:
    case 1:
    case 2:
      container[key] = pick(VALUES)
      return
    case 3:
      container[key] = pick(DECIMALS)
      return
    case 4:
      if (Array.isArray(container)) container.splice(Number(key), 1)
      else delete container[key]
      return
    case 5:
      container[pick(['extra', 'qyt', 'notional', 'qty', 'isolatedMargin', 'assetClasses', '__proto__', 'constructor', '1000'])] = pick(VALUES)
      return
    case 6: {
      const list = pick(['positions', 'defi', 'loops'] as const)
      const items = doc[list]
      if (Array.isArray(items) && items.length > 1 && typeof items[1] === 'object' && items[1] !== null) items[1].id = items[0]?.id
      return
    }
    case 7: {
      // Objects that are not plain: a null prototype, a class instance, a symbol or non-enumerable key.
      const target = at(doc, path)
      if (typeof target !== 'object' || target === null || Array.isArray(target)) return
      const how = Math.floor(random() * 4)
      if (how === 0) container[key] = Object.assign(Object.create(null), target)
      else if (how === 1) container[key] = Object.assign(new (class Thing {})(), target)
      else if (how === 2) target[Symbol('s')] = '1'
      else Object.defineProperty(target, 'hidden', { value: '1', enumerable: false })
      return
    }
    case 8: {
      // An own "__proto__" key, as JSON.parse makes one.
      const target = at(doc, path)
      if (typeof target === 'object' && target !== null && !Array.isArray(target)) Object.assign(target, JSON.parse('{"__proto__": "1"}'))
      return
    }
    case 9: {
      const list = at(doc, path)
      if (Array.isArray(list)) {
        if (random() < 0.5) list.length += 2
        else while (list.length <= 101) list.push(list[0] ?? {})
      }
      return
    }
    case 10:
      if (Array.isArray(doc.positions) && doc.positions.length) {
        const p = doc.positions[0]
        if (typeof p === 'object' && p !== null) {
          if (p.qty === undefined) p.qty = '1'
          else p.notional = '1000'
        }
      }
      return
    default:
      doc.name = pick(['  ', ' trimmed ', 'x'.repeat(200), ` ${'x'.repeat(200)} `, 'x'.repeat(201)])
  }
}
