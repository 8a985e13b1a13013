// Venue CSV exports made into books: each venue's documented columns recognised (fixtures in
// tests/fixtures/venue-csv, built from docs/FORMATS.md §2.4), the venue and margin mode guessed,
// per-row verdicts on the file's line and column, good rows imported, marks from the file or asked.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createVenueCatalog } from '../../../../electron/main/services/venue-catalog'
import { importPositionsFile, previewPositionsImport } from '../../../../electron/main/services/positions-import'
import { readPortfolioFile } from '../../../../electron/main/services/portfolio-files'

const venues = createVenueCatalog(join(__dirname, '../../../../resources/venues'))
const fixture = (name: string) => readFileSync(join(__dirname, '../../../fixtures/venue-csv', name), 'utf8')
const preview = (name: string, options = {}) => {
  const r = previewPositionsImport(name, fixture(name), options, venues)
  if (!r.ok) throw new Error(JSON.stringify(r.issues))
  return r.value
}
const issuesOf = (p: ReturnType<typeof preview>) => p.rows.flatMap((r) => r.issues.map((i) => `${i.path}: ${i.message}`))

describe('Binance positionRisk export', () => {
  const p = preview('binance-positions.csv')
  it('is recognised, guessed as binance cross, flat rows left out', () => {
    expect(p).toMatchObject({ format: 'binance', guess: { venue: 'binance', marginMode: 'cross', mixedModes: false }, venue: 'binance', marginMode: 'cross', flatRows: 1, goodRows: 2 })
  })
  it('reads signed sizes as sides, exactly', () => {
    expect(p.rows.map((r) => r.position && [r.position.symbol, r.position.side, r.position.qty, r.position.entryPrice, r.position.leverage])).toEqual([
      ['BTCUSDT', 'long', '2.5', '121500', '5'],
      ['ETHUSDT', 'short', '40', '4350', '10'],
      ['DOGEUSDT', 'short', '500000', '0.25', '100'],
    ])
  })
  it("puts the engine's leverage cap on the row's own line and column", () => {
    expect(issuesOf(p)).toEqual([expect.stringMatching(/^line 5\.leverage: at most 50x for DOGEUSDT at this size, got 100x/)])
  })
  it('takes the marks from the file (markPrice); USDT is pegged, so not asked', () => {
    expect(p.marks).toEqual([
      { asset: 'BTC', fromFile: '122000', value: '122000' },
      { asset: 'ETH', fromFile: '4300', value: '4300' },
    ])
  })
  it('refuses the file while a row has a problem, imports the good rows with skipInvalid', () => {
    const refused = importPositionsFile('binance-positions.csv', fixture('binance-positions.csv'), {}, venues)
    expect(refused.ok).toBe(false)
    const r = importPositionsFile('binance-positions.csv', fixture('binance-positions.csv'), { skipInvalid: true }, venues)
    expect(r.ok && r.value).toMatchObject({
      name: 'binance-positions',
      venue: 'binance',
      marginMode: 'cross',
      prices: { BTC: '122000', ETH: '4300' },
      positions: [
        { id: 'p1', symbol: 'BTCUSDT', side: 'long', qty: '2.5' },
        { id: 'p2', symbol: 'ETHUSDT', side: 'short', qty: '40' },
      ],
    })
  })
})

describe('Bybit position list export', () => {
  const p = preview('bybit-positions.csv')
  it('is recognised with tradeMode 1 as isolated; positionBalance is the isolated margin', () => {
    expect(p).toMatchObject({ format: 'bybit', guess: { venue: 'bybit', marginMode: 'isolated' }, marginMode: 'isolated', goodRows: 2 })
    expect(p.rows[0].position).toEqual({ id: 'p1', symbol: 'BTCUSDT', side: 'long', qty: '1.5', entryPrice: '121000', leverage: '10', isolatedMargin: '18150' })
    expect(p.rows[1].position?.side).toBe('short')
  })
  it('a contract the venue does not list is refused on its row', () => {
    expect(issuesOf(p)).toEqual([expect.stringMatching(/^line 4\.symbol: unknown contract "XRPUSDT" for venue bybit/)])
  })
  it('the margin mode chosen wins over the guess (isolated margin then dropped)', () => {
    const cross = preview('bybit-positions.csv', { marginMode: 'cross' })
    expect(cross.marginMode).toBe('cross')
    expect(cross.rows[0].position?.isolatedMargin).toBeUndefined()
  })
})

describe('OKX positions export', () => {
  const p = preview('okx-positions.csv')
  it('maps BTC-USDT-SWAP to the profile contract and counts contracts at the published 0.01 BTC', () => {
    expect(p).toMatchObject({ format: 'okx', venue: 'okx', marginMode: 'cross' })
    expect(p.rows[0].position).toMatchObject({ symbol: 'BTCUSDT', side: 'long', qty: '2.5', entryPrice: '121800', leverage: '3' })
  })
  it('an instrument without a published contract value asks for the ctVal column', () => {
    expect(issuesOf(p)).toEqual(['line 3.pos: counts contracts of ETH-USDT-SWAP, whose contract value is unknown: add OKX\'s ctVal column (GET /api/v5/public/instruments)'])
  })
  it('reads ctVal when the file has it, and sides from posSide in long/short mode', () => {
    const text = 'instId,posSide,pos,avgPx,lever,mgnMode,ctVal\nETH-USDT-SWAP,short,300,4380,5,isolated,0.1\n'
    const r = previewPositionsImport('okx.csv', text, {}, venues)
    expect(r.ok && r.value.rows[0].position).toEqual({ id: 'p1', symbol: 'ETHUSDT', side: 'short', qty: '30', entryPrice: '4380', leverage: '5' })
    expect(r.ok && r.value.marginMode).toBe('isolated')
  })
})

describe('Hyperliquid clearinghouse export', () => {
  const p = preview('hyperliquid-positions.csv')
  it('is recognised; coins map to the USDC contracts; signed szi gives the side', () => {
    expect(p).toMatchObject({ format: 'hyperliquid', venue: 'hyperliquid', marginMode: 'cross', flatRows: 1, goodRows: 2 })
    expect(p.rows.map((r) => [r.position?.symbol, r.position?.side, r.position?.qty])).toEqual([
      ['BTC', 'long', '3.2'],
      ['ETH', 'short', '50'],
    ])
  })
  it('has no mark column, so the marks are asked for; given ones fill them', () => {
    expect(p.marks).toEqual([
      { asset: 'BTC', fromFile: null, value: null },
      { asset: 'ETH', fromFile: null, value: null },
    ])
    const given = preview('hyperliquid-positions.csv', { prices: { BTC: '122000' } })
    expect(given.marks[0]).toEqual({ asset: 'BTC', fromFile: null, value: '122000' })
  })
  it('moved to another venue, contracts are matched by base and quote (no BTC/USDC on Binance)', () => {
    const onBinance = preview('hyperliquid-positions.csv', { venue: 'binance' })
    expect(onBinance.rows[0].issues[0]?.message).toMatch(/unknown contract "BTC" for venue binance/)
  })
})

describe('every door reads a CSV the same way', () => {
  it('readPortfolioFile (CLI validate/import, app import) gives the import verdict', () => {
    const r = readPortfolioFile('b.csv', fixture('binance-positions.csv'), venues, { skipInvalid: true })
    expect(r.ok && r.value.positions.length).toBe(2)
    const refused = readPortfolioFile('b.csv', fixture('binance-positions.csv'), venues)
    expect(!refused.ok && refused.issues.map((i) => i.path)).toEqual(['line 5.leverage'])
  })

  it('Cascade\'s own header, thousands separators and a mark column', () => {
    const text = 'symbol,side,qty,entryPrice,leverage,markPrice\nBTCUSDT,long,"1,000",121500,2x,"122,000"\n'
    const r = importPositionsFile('mine.csv', text, {}, venues)
    expect(r.ok && r.value).toMatchObject({ venue: 'binance', prices: { BTC: '122000' }, positions: [{ symbol: 'BTCUSDT', qty: '1000', leverage: '2' }] })
  })

  it('a header no format knows is refused whole, naming what is expected', () => {
    const r = previewPositionsImport('x.csv', 'a,b,c\n1,2,3\n', {}, venues)
    expect(!r.ok && r.issues[0].message).toMatch(/^header not recognised: expected symbol,side,qty,entryPrice,leverage/)
  })

  it('a bad mark given by the user is a problem of the book', () => {
    const p = preview('hyperliquid-positions.csv', { prices: { BTC: '-1' } })
    expect(p.bookIssues).toEqual([{ path: 'prices.BTC', message: 'must be a positive decimal, got "-1"' }])
    expect(importPositionsFile('h.csv', fixture('hyperliquid-positions.csv'), { prices: { BTC: '-1' } }, venues).ok).toBe(false)
  })

  it('an unknown venue is a problem of the book', () => {
    const p = preview('binance-positions.csv', { venue: 'nowhere' })
    expect(p.bookIssues.map((i) => i.path)).toEqual(['venue'])
  })
})
