// The `cascade.venue/1` format: shipped profiles validate, malformed ones are refused with paths.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { describeIssue } from '../../../shared/model/issues'
import type { ExchangeProfile } from '../../../shared/model/venue'
import { parseVenueText, resolveProfilePath, validateVenue, venueJsonSchema } from '../../../shared/schemas/venue'

const dir = join(__dirname, '../../../resources/venues')
const shipped = readdirSync(dir).filter((f) => f.endsWith('.json'))
const load = (id: string) => JSON.parse(readFileSync(join(dir, `${id}.json`), 'utf8')) as Record<string, any>

function issuesOf(doc: unknown): string[] {
  const r = validateVenue(doc)
  if (r.ok) throw new Error('expected the profile to be refused')
  return r.issues.map(describeIssue)
}

/** The reference venue profile of docs/FORMATS.md §3.4, verbatim. */
const formatsExample = {
  format: 'cascade.venue/1',
  id: 'binance',
  name: 'Binance USDⓈ-M, snapshot 2025-10',
  contracts: {
    BTCUSDT: {
      base: 'BTC',
      quote: 'USDT',
      brackets: [
        { notionalCap: '300000', maxLeverage: '150', mmr: '0.004' },
        { notionalCap: '800000', maxLeverage: '100', mmr: '0.005' },
      ],
    },
  },
  collateral: { BTC: [{ upToValue: '1000000', ratio: '0.95' }, { ratio: '0.9' }] },
  adl: { method: 'binance' },
  liquidation: { feeRate: '0.0125' },
  unified: { liquidationRatio: '1.05' },
  insuranceFund: '1000000000',
}

describe('shipped venue profiles', () => {
  it('ship binance, bybit, okx, hyperliquid, bitmex and aave-v3', () => {
    expect(shipped.sort()).toEqual(['aave-v3.json', 'binance.json', 'bitmex.json', 'bybit.json', 'hyperliquid.json', 'okx.json'])
  })

  it.each(shipped)('%s validates, its id matches its file name, and it cites sources', (file) => {
    const r = parseVenueText(readFileSync(join(dir, file), 'utf8'))
    if (!r.ok) throw new Error(r.issues.map(describeIssue).join('\n'))
    expect(`${r.value.id}.json`).toBe(file)
    expect(r.value.snapshot).toMatch(/^\d{4}-\d{2}/)
    expect(r.value.sources.length).toBeGreaterThan(0)
  })

  it('binance has brackets for BTC, ETH, SOL, DOGE and BNB, marks the built ones unconfirmed, and never types cum', () => {
    const b = load('binance') as ExchangeProfile
    expect(Object.keys(b.contracts)).toEqual(['BTCUSDT', 'ETHUSDT', 'SOLUSDT', 'DOGEUSDT', 'BNBUSDT'])
    const unconfirmed = b.unconfirmed.map((u) => u.path)
    for (const s of ['ETHUSDT', 'SOLUSDT', 'DOGEUSDT', 'BNBUSDT']) expect(unconfirmed).toContain(`contracts.${s}.brackets`)
    for (const file of shipped) expect(readFileSync(join(dir, file), 'utf8')).not.toMatch(/"cum"/)
  })

  it('carry the rules of docs/VENUE-RULES.md as data', () => {
    expect(load('binance').unified).toMatchObject({ liquidationRatio: '1.05', reduceOnlyRatio: '1.2', reminderRatio: '1.5', defaultCollateralRatio: '0.1' })
    expect(load('bybit').adl).toMatchObject({ method: 'bitmex', trigger: { kind: 'pnl-drawdown', windowSeconds: 28800, startBelow: '-0.3', stopAbove: '-0.25' } })
    expect(load('okx').adl).toMatchObject({ method: 'bitmex', closeAt: 'mark' })
    expect(load('hyperliquid')).toMatchObject({
      maintenanceRule: 'half-initial',
      adl: { method: 'hyperliquid' },
      liquidation: { partial: { aboveNotional: '100000', fraction: '0.2', cooldownSeconds: 30 }, backstop: { equityBelowMaintenance: { numerator: '2', denominator: '3' } } },
    })
    expect(load('aave-v3').lending).toMatchObject({ closeFactor: '0.5', fullCloseHealthFactor: '0.95', fullCloseBelowValue: '2000', minLeftoverValue: '1000' })
    expect(Object.keys(load('aave-v3').lending.reserves).sort()).toEqual(['USDC', 'USDT', 'USDe', 'WBTC', 'WETH', 'sUSDe'])
  })

  it('every unconfirmed path points at a field of its profile', () => {
    for (const file of shipped) {
      const doc = JSON.parse(readFileSync(join(dir, file), 'utf8'))
      for (const u of doc.unconfirmed) expect(resolveProfilePath(doc, u.path), `${file}: ${u.path}`).toBeDefined()
    }
  })
})

describe('cascade.venue/1 validation', () => {
  it('accepts the reference profile of docs/FORMATS.md §3.4 and fills the defaults', () => {
    const r = validateVenue(formatsExample)
    expect(r.ok && r.value).toMatchObject({ kind: 'exchange', snapshot: 'undated', maintenanceRule: 'table', adl: { method: 'binance', closeAt: 'bankruptcy', trigger: { kind: 'insurance-shortfall' } }, defi: {} })
  })

  it('refuses a newer version by its header', () => {
    expect(issuesOf({ ...formatsExample, format: 'cascade.venue/2' })).toEqual(['format: unsupported version "cascade.venue/2": this Cascade reads cascade.venue/1'])
  })

  it('refuses an unknown kind', () => {
    expect(issuesOf({ ...formatsExample, kind: 'dex' })).toEqual(['kind: must be one of "exchange", "lending", got "dex"'])
  })

  it('refuses shapes with paths: bad decimals, unknown methods, unknown fields', () => {
    const doc = structuredClone(formatsExample) as Record<string, any>
    doc.contracts.BTCUSDT.brackets[1].mmr = '-0.005'
    doc.adl.method = 'okx'
    doc.liquidation.feeRate = '2'
    doc.insuranceFund = 'lots'
    doc.contracts.BTCUSDT.brackets[0].cum = '0'
    expect(issuesOf(doc)).toEqual([
      'contracts.BTCUSDT.brackets[0].cum: unknown field',
      'contracts.BTCUSDT.brackets[1].mmr: must be a decimal between 0 and 1 (exclusive), got "-0.005"',
      'adl.method: must be one of "binance", "bitmex", "hyperliquid", got "okx"',
      'liquidation.feeRate: must be a decimal between 0 and 1, got "2"',
      'insuranceFund: must be a decimal >= 0, got "lots"',
    ])
  })

  it('refuses brackets out of order, without a cap, or with mmr at the initial rate', () => {
    const doc = structuredClone(formatsExample) as Record<string, any>
    doc.contracts.BTCUSDT.brackets = [
      { maxLeverage: '150', mmr: '0.004' },
      { notionalCap: '100', maxLeverage: '100', mmr: '0.003' },
      { notionalCap: '50', maxLeverage: '50', mmr: '0.02' },
    ]
    expect(issuesOf(doc)).toEqual([
      'contracts.BTCUSDT.brackets[0].notionalCap: required (only the last bracket may be open-ended)',
      'contracts.BTCUSDT.brackets[1].mmr: must not be below the previous bracket\'s mmr 0.004, got "0.003"',
      'contracts.BTCUSDT.brackets[2].notionalCap: must be above the previous cap 100, got "50"',
      'contracts.BTCUSDT.brackets[2].mmr: must be below the initial margin rate 1/50, got "0.02"',
    ])
  })

  it('refuses collateral tiers that are not marginal brackets', () => {
    const doc = structuredClone(formatsExample) as Record<string, any>
    doc.collateral.BTC = [{ ratio: '0.95' }, { upToValue: '10', upToQty: '1', ratio: '0.9' }]
    expect(issuesOf(doc)).toEqual([
      'collateral.BTC[0]: needs upToValue or upToQty (only the last tier is open-ended)',
      'collateral.BTC[1].upToQty: give upToValue or upToQty, not both',
      'collateral.BTC[1]: the last tier must have no upper bound (it takes the rest)',
    ])
  })

  it('refuses a peg cycle and unconfirmed paths that point at nothing', () => {
    const doc = { ...formatsExample, pegs: { A: { to: 'B', ratio: '1' }, B: { to: 'A', ratio: '1' } }, unconfirmed: [{ path: 'contracts.ETHUSDT', note: 'x' }] }
    expect(issuesOf(doc)).toEqual([
      'pegs.A.to: pegs form a cycle: A -> B -> A',
      'pegs.B.to: pegs form a cycle: B -> A -> B',
      'unconfirmed[0].path: points at nothing in this profile: "contracts.ETHUSDT"',
    ])
  })

  it('refuses lending reserves that Aave would refuse', () => {
    const doc = load('aave-v3')
    doc.lending.reserves.USDe.ltv = '0.8'
    doc.lending.reserves.WETH.liquidationBonus = '1.25'
    doc.lending.eModes[0].borrowable.push('GHO')
    expect(issuesOf(doc)).toEqual([
      'lending.reserves.USDe.ltv: must not be above liquidationThreshold 0.75, got "0.8"',
      'lending.reserves.WETH.liquidationBonus: liquidationThreshold x liquidationBonus must be at most 1, got 0.83 x 1.25',
      'lending.eModes[0].borrowable[2]: unknown reserve "GHO"; known: USDe, sUSDe, USDT, USDC, WETH, WBTC',
    ])
  })

  it('half-initial profiles derive mmr and must not state it', () => {
    const doc = load('hyperliquid')
    doc.contracts.BTC.brackets[0].mmr = '0.0125'
    expect(issuesOf(doc)).toEqual(['contracts.BTC.brackets[0].mmr: must be absent: maintenanceRule "half-initial" derives it from maxLeverage'])
  })

  it('reads JSON numbers exactly and refuses text that is not JSON', () => {
    const text = JSON.stringify(formatsExample).replace('"1000000000"', '1e9')
    expect(parseVenueText(text).ok && (parseVenueText(text) as { value: { insuranceFund: string } }).value.insuranceFund).toBe('1000000000')
    expect(parseVenueText('{').ok).toBe(false)
  })

  it('ships a JSON Schema generated from the validator', () => {
    const file = join(__dirname, '../../../shared/schemas/venue.schema.json')
    const generated = `${JSON.stringify(venueJsonSchema(), null, 2)}\n`
    if (process.env.UPDATE_SCHEMAS) writeFileSync(file, generated)
    expect(readFileSync(file, 'utf8')).toBe(generated)
  })
})
