// The venue catalogue: shipped profiles and imported ones by id, imports validated and capped,
// clear refusals. Ids are never paths: a path-like id reads nothing.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { openStore, type OpenedStore } from '../../../../electron/main/store/database'
import { createVenueRepository } from '../../../../electron/main/store/venue-repository'
import { createVenueCatalog, MAX_VENUE_PROFILE_CHARS } from '../../../../electron/main/services/venue-catalog'
import { computeMetrics } from '../../../../shared/engine'
import { describeIssue } from '../../../../shared/model/issues'

const shippedDir = join(__dirname, '../../../../resources/venues')
const catalog = createVenueCatalog(shippedDir)
const example = JSON.parse(readFileSync(join(__dirname, '../../../fixtures/portfolios/formats-example.json'), 'utf8'))
const shippedText = (id: string) => readFileSync(join(shippedDir, `${id}.json`), 'utf8')

/** A copy of a shipped profile under another id, as a user would import it. */
function myProfile(id = 'my-binance', edit: (p: Record<string, any>) => void = () => {}): string {
  const p = JSON.parse(shippedText('binance'))
  p.id = id
  p.liquidation.feeRate = '0.015'
  edit(p)
  return JSON.stringify(p)
}

let stores: OpenedStore[] = []
function storeCatalog() {
  const store = openStore(':memory:')
  stores.push(store)
  return { store, catalog: createVenueCatalog(shippedDir, createVenueRepository(store.db)) }
}
afterEach(() => {
  for (const s of stores) s.db.close()
  stores = []
})

describe('the shipped venue catalogue', () => {
  it('lists every shipped profile with id, name, snapshot, contract symbols and source', () => {
    const list = catalog.list()
    expect(list.map((v) => v.id)).toEqual(['aave-v3', 'binance', 'bitmex', 'bybit', 'hyperliquid', 'okx'])
    expect(list.find((v) => v.id === 'binance')).toEqual({
      id: 'binance',
      conversionPricingSince: '2025-10-14',
      name: 'Binance USDⓈ-M futures and Portfolio Margin, snapshot 2025-10',
      kind: 'exchange',
      snapshot: '2025-10',
      symbols: ['BTCUSDT', 'ETHUSDT', 'SOLUSDT', 'DOGEUSDT', 'BNBUSDT'],
      source: 'shipped',
      accountRatio: { name: 'uniMMR', form: 'ratio' },
    })
    expect(list.find((v) => v.id === 'aave-v3')?.symbols).toEqual([])
    // Each unified venue's own term for the account ratio (docs/I18N.md §5); none without unified rules.
    expect(list.find((v) => v.id === 'bybit')?.accountRatio).toEqual({ name: 'Account MM Rate', form: 'inverse-percent' })
    expect(list.find((v) => v.id === 'okx')?.accountRatio).toEqual({ name: 'Margin ratio', form: 'percent' })
    expect(list.find((v) => v.id === 'hyperliquid')?.accountRatio).toBeUndefined()
  })

  it('gets a profile by id with the lending protocols attached, so a book with DeFi positions prices', () => {
    const r = catalog.get('binance')
    if (!r.ok) throw new Error(JSON.stringify(r.issues))
    expect(r.value.kind === 'exchange' && Object.keys(r.value.defi)).toEqual(['aave-v3'])
    expect(r.value.unconfirmed.map((u) => u.path)).toContain('defi.aave-v3.reserves')
    const m = computeMetrics(example, r.value)
    expect(m.ok && m.value.defi.map((d) => d.id)).toEqual(['loop', 'usde'])
  })

  it('names the known ids for an unknown one', () => {
    const r = catalog.get('kraken')
    expect(!r.ok && r.issues.map(describeIssue)).toEqual(['unknown venue "kraken"; known: aave-v3, binance, bitmex, bybit, hyperliquid, okx; import a profile first to use another'])
  })

  it('never reads a file for a path-like id: a real profile file, /etc/passwd or a directory are unknown ids', () => {
    const realFile = join(shippedDir, 'binance.json')
    for (const id of [realFile, '/etc/passwd', '../resources/venues/binance.json', 'binance.json', shippedDir, 'C:\\Windows\\win.ini']) {
      const r = catalog.get(id)
      expect(r.ok, id).toBe(false)
      expect(!r.ok && r.issues[0].message, id).toMatch(/^unknown venue/)
      expect(!r.ok && r.issues[0].message).not.toMatch(/root:|JSON|ENOENT|EISDIR/)
    }
  })

  it('a shipped profile that is broken is a bug and says which file', () => {
    expect(() => createVenueCatalog(join(__dirname, '../../../fixtures/portfolios')).list()).toThrow(/shipped venue profile .*\.json is invalid/)
  })

  it('an empty or missing directory lists nothing', () => {
    expect(createVenueCatalog('/nonexistent-dir').list()).toEqual([])
  })
})

describe('profiles the user imports', () => {
  it('are validated, stored under their id, listed as imported and priced like shipped ones', () => {
    const { catalog: c } = storeCatalog()
    const r = c.import(myProfile(), 'my-binance.json')
    expect(r).toEqual({ ok: true, value: expect.objectContaining({ id: 'my-binance', source: 'imported', created: true }) })
    expect(c.list().find((v) => v.id === 'my-binance')?.source).toBe('imported')
    const got = c.get('my-binance')
    expect(got.ok && got.value.kind === 'exchange' && got.value.liquidation.feeRate).toBe('0.015')
    expect(got.ok && got.value.kind === 'exchange' && 'aave-v3' in got.value.defi).toBe(true)
    const m = computeMetrics({ ...example, venue: 'my-binance' }, got.ok ? got.value : (undefined as never))
    expect(m.ok).toBe(true)
  })

  it('a second import of the same id replaces the first, and says so', () => {
    const { catalog: c } = storeCatalog()
    c.import(myProfile(), 'a.json')
    const again = c.import(myProfile('my-binance', (p) => (p.liquidation.feeRate = '0.02')), 'b.json')
    expect(again.ok && again.value.created).toBe(false)
    const got = c.get('my-binance')
    expect(got.ok && got.value.kind === 'exchange' && got.value.liquidation.feeRate).toBe('0.02')
  })

  it('refuses a shipped id, a bad profile (with field paths), and an oversized file, storing nothing', () => {
    const { store, catalog: c } = storeCatalog()
    const shipped = c.import(shippedText('binance'), 'binance.json')
    expect(!shipped.ok && shipped.issues.map(describeIssue)).toEqual(['id: "binance" is a shipped profile and cannot be replaced; give your profile another id (in binance.json)'])
    const bad = c.import(
      myProfile('bad', (p) => {
        p.contracts.BTCUSDT.brackets[2].mmr = 'high'
        delete p.insuranceFund
      }),
      'bad.json',
    )
    expect(!bad.ok && bad.issues.map(describeIssue)).toEqual([
      'contracts.BTCUSDT.brackets[2].mmr: must be a decimal between 0 and 1 (exclusive), got "high" (in bad.json)',
      'insuranceFund: must be a decimal >= 0, got nothing (in bad.json)',
    ])
    const huge = c.import(' '.repeat(MAX_VENUE_PROFILE_CHARS + 1), 'huge.json')
    expect(!huge.ok && huge.issues[0].message).toMatch(/too large for a venue profile/)
    expect(c.import('{ "format": "cascade.venue/1", ', 'broken.json')).toMatchObject({ ok: false, issues: [{ message: expect.stringMatching(/^not valid JSON/) }] })
    expect(store.db.prepare('SELECT count(*) AS n FROM venue_profiles').get()).toEqual({ n: 0 })
  })

  it('a stored row edited behind the app is reported on get and left out of the list', () => {
    const { store, catalog: c } = storeCatalog()
    c.import(myProfile(), 'my.json')
    store.db.prepare("UPDATE venue_profiles SET document = json_set(document, '$.liquidation.feeRate', 'lots')").run()
    expect(c.list().map((v) => v.id)).not.toContain('my-binance')
    const r = c.get('my-binance')
    expect(!r.ok && describeIssue(r.issues[0])).toMatch(/^liquidation.feeRate: .*\(in imported profile "my-binance"\)$/)
  })
})
