// The venue catalog: shipped profiles by id, a user's own file by path, clear refusals.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createVenueCatalog } from '../../../electron/main/venues'
import { computeMetrics } from '../../../shared/engine'
import { describeIssue } from '../../../shared/model/issues'

const shippedDir = join(__dirname, '../../../resources/venues')
const catalog = createVenueCatalog(shippedDir)
const example = JSON.parse(readFileSync(join(__dirname, '../../fixtures/portfolios/formats-example.json'), 'utf8'))

describe('createVenueCatalog', () => {
  it('lists every shipped profile with id, name, snapshot and contract symbols', () => {
    const list = catalog.list()
    expect(list.map((v) => v.id)).toEqual(['aave-v3', 'binance', 'bybit', 'hyperliquid', 'okx'])
    expect(list.find((v) => v.id === 'binance')).toEqual({
      id: 'binance',
      name: 'Binance USDⓈ-M futures and Portfolio Margin, snapshot 2025-10',
      kind: 'exchange',
      snapshot: '2025-10',
      symbols: ['BTCUSDT', 'ETHUSDT', 'SOLUSDT', 'DOGEUSDT', 'BNBUSDT'],
    })
    expect(list.find((v) => v.id === 'aave-v3')?.symbols).toEqual([])
  })

  it('gets a profile by id with the lending protocols attached, so the reference book of docs/FORMATS.md §2.5 prices', () => {
    const r = catalog.get('binance')
    if (!r.ok) throw new Error(JSON.stringify(r.issues))
    expect(r.value.kind === 'exchange' && Object.keys(r.value.defi)).toEqual(['aave-v3'])
    expect(r.value.unconfirmed.map((u) => u.path)).toContain('defi.aave-v3.reserves')
    const m = computeMetrics(example, r.value)
    expect(m.ok && m.value.defi.map((d) => d.id)).toEqual(['loop', 'usde'])
  })

  it('names the known ids for an unknown one', () => {
    const r = catalog.get('kraken')
    expect(!r.ok && r.issues.map(describeIssue)).toEqual([
      'venue: unknown venue "kraken"; known: aave-v3, binance, bybit, hyperliquid, okx; or give the path of a venue profile file',
    ])
  })

  it("accepts a user's own profile file anywhere an id is", () => {
    const dir = mkdtempSync(join(tmpdir(), 'cascade-venue-'))
    const mine = JSON.parse(readFileSync(join(shippedDir, 'binance.json'), 'utf8'))
    mine.id = 'my-binance'
    mine.liquidation.feeRate = '0.015'
    const file = join(dir, 'my-binance.json')
    writeFileSync(file, JSON.stringify(mine))
    const r = catalog.get(file)
    expect(r.ok && r.value.id).toBe('my-binance')
    expect(r.ok && r.value.kind === 'exchange' && 'aave-v3' in r.value.defi).toBe(true)
  })

  it('refuses a bad profile file with the paths of its bad fields', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cascade-venue-'))
    const bad = JSON.parse(readFileSync(join(shippedDir, 'bybit.json'), 'utf8'))
    bad.contracts.BTCUSDT.brackets[2].mmr = 'high'
    delete bad.insuranceFund
    const file = join(dir, 'bad.json')
    writeFileSync(file, JSON.stringify(bad))
    const r = catalog.get(file)
    expect(!r.ok && r.issues.map(describeIssue)).toEqual([
      'contracts.BTCUSDT.brackets[2].mmr: must be a decimal between 0 and 1 (exclusive), got "high" (in bad.json)',
      'insuranceFund: must be a decimal >= 0, got nothing (in bad.json)',
    ])
  })

  it('skips an invalid file in the list but explains it on get', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cascade-venues-'))
    writeFileSync(join(dir, 'broken.json'), '{ "format": "cascade.venue/1", ')
    writeFileSync(join(dir, 'aave-v3.json'), readFileSync(join(shippedDir, 'aave-v3.json')))
    const c = createVenueCatalog(dir)
    expect(c.list().map((v) => v.id)).toEqual(['aave-v3'])
    const r = c.get('broken')
    expect(!r.ok && r.issues[0].message).toMatch(/^not valid JSON/)
  })

  it('reports a file that cannot be read', () => {
    const r = catalog.get('/nonexistent/venue.json')
    expect(!r.ok && r.issues[0].message).toMatch(/^cannot read venue profile .*ENOENT/)
  })

  it('an empty or missing directory lists nothing', () => {
    expect(createVenueCatalog('/nonexistent-dir').list()).toEqual([])
  })
})
