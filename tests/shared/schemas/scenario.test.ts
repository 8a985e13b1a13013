// The scenario format (docs/FORMATS.md §4): the reference example (docs/FORMATS.md §4.4) validates, every rule
// names the path of the bad field, and the shipped JSON Schema is the generated one.
import { readFileSync, writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { describeIssue } from '../../../shared/model/issues'
import { SCENARIO_DEFAULTS } from '../../../shared/model/scenario'
import { parseScenarioText, scenarioJsonSchema, validateScenario } from '../../../shared/schemas/scenario'

/** The reference scenario of docs/FORMATS.md §4.4, verbatim. */
const FORMATS_EXAMPLE = `{
  "format": "cascade.scenario/1",
  "id": "2025-10-10", "name": "Tariff crash replay",
  "start": "2025-10-10T20:00:00Z", "end": "2025-10-10T22:30:00Z", "step": "1s",
  "prices": { "BTC": "122000", "ETH": "4350", "SOL": "220", "DOGE": "0.25", "USDe": "1" },
  "shocks": [ { "asset": "BTC", "path": [ ["2025-10-10T21:20:00Z", "-0.12"] ] } ],
  "depth": { "BTC": { "0.01": "30000000", "0.02": "55000000" } },
  "makerWithdrawal": [ ["2025-10-10T20:40:00Z", "1"], ["2025-10-10T21:20:00Z", "0.02"],
                       ["2025-10-10T21:35:00Z", "0.9"] ],
  "collateralPricing": "book",
  "insuranceFund": "400000000",
  "circuitBreaker": null,
  "crowd": { "accounts": 100000, "longShare": "0.87", "seed": 42 }
}`

function base(): Record<string, any> {
  return JSON.parse(FORMATS_EXAMPLE)
}

function issuesOf(doc: unknown): string[] {
  const r = validateScenario(doc)
  return r.ok ? [] : r.issues.map(describeIssue)
}

function withChange(change: (d: Record<string, any>) => void): string[] {
  const d = base()
  change(d)
  return issuesOf(d)
}

describe('cascade.scenario/1', () => {
  it('accepts the reference scenario of docs/FORMATS.md §4.4 and fills in the documented defaults', () => {
    const r = parseScenarioText(FORMATS_EXAMPLE)
    expect(r.ok).toBe(true)
    if (!r.ok) return
    expect(r.value.pegs).toEqual({})
    expect(r.value.depegs).toEqual([])
    expect(r.value.resilienceHalfLife).toBe(SCENARIO_DEFAULTS.resilienceHalfLife)
    expect(r.value.crowd.leverage).toEqual(SCENARIO_DEFAULTS.leverage)
    expect(r.value.crowd.contracts).toEqual({})
    expect(r.value.calibration).toEqual([])
  })

  it('keeps JSON numbers exact and normalises decimals', () => {
    const text = FORMATS_EXAMPLE.replace('"insuranceFund": "400000000"', '"insuranceFund": 4.0e8').replace('"ETH": "4350"', '"ETH": 4350.5')
    const r = parseScenarioText(text)
    expect(r.ok).toBe(true)
    if (r.ok) {
      expect(r.value.insuranceFund).toBe('400000000')
      expect(r.value.prices.ETH).toBe('4350.5')
    }
  })

  it('refuses another version with a clear message', () => {
    expect(withChange((d) => (d.format = 'cascade.scenario/2'))).toEqual([
      'format: unsupported version "cascade.scenario/2": this Cascade reads cascade.scenario/1',
    ])
    expect(issuesOf([])).toEqual(['must be a JSON object (a cascade.scenario/1 document)'])
  })

  it('reports bad JSON, unknown fields and missing fields by path', () => {
    expect(parseScenarioText('{ "format": ').ok).toBe(false)
    expect(withChange((d) => (d.crowd.colour = 'red'))).toEqual(['crowd.colour: unknown field'])
    expect(withChange((d) => delete d.collateralPricing)).toEqual(['collateralPricing: required: one of "book", "oracle"'])
    expect(withChange((d) => (d.collateralPricing = 'mid'))).toEqual(['collateralPricing: must be one of "book", "oracle", got "mid"'])
  })

  describe('time', () => {
    it('names a shock time outside the window by its path', () => {
      const issues = withChange((d) => d.shocks[0].path.push(['2025-10-10T21:25:00Z', '-0.1'], ['2025-10-11T00:00:00Z', '-0.1']))
      expect(issues).toHaveLength(1)
      expect(issues[0]).toMatch(/^shocks\[0\]\.path\[2\]\[0\]: must be an ISO time inside start\.\.end/)
    })

    it('refuses a shock point at start (a path starts at 0 there)', () => {
      expect(withChange((d) => d.shocks[0].path.unshift(['2025-10-10T20:00:00Z', '0']))[0]).toMatch(/^shocks\[0\]\.path\[0\]\[0\]: .*after start/)
    })

    it('requires increasing times', () => {
      const issues = withChange((d) => (d.makerWithdrawal[2][0] = '2025-10-10T21:00:00Z'))
      expect(issues).toEqual(['makerWithdrawal[2][0]: times must increase: 2025-10-10T21:00:00Z is not after the previous point'])
    })

    it('requires ISO UTC times that exist', () => {
      expect(withChange((d) => (d.start = '2025-10-10 20:00'))[0]).toBe('start: must be an ISO UTC time such as 2025-10-10T20:00:00Z, got "2025-10-10 20:00"')
      expect(withChange((d) => (d.start = '2025-02-30T20:00:00Z'))[0]).toMatch(/^start: must be an ISO UTC time/)
      expect(withChange((d) => (d.start = '2025-10-10T20:00:00+02:00'))[0]).toMatch(/^start: must be an ISO UTC time/)
    })

    it('requires end after start', () => {
      expect(withChange((d) => (d.end = '2025-10-10T19:00:00Z'))).toEqual(['end: must be after start (2025-10-10T20:00:00Z), got "2025-10-10T19:00:00Z"'])
    })

    it('requires a step that divides the window and bounds the step count', () => {
      expect(withChange((d) => (d.step = '7s'))[0]).toBe('step: must divide the window 2025-10-10T20:00:00Z..2025-10-10T22:30:00Z (9000 s) into whole steps, got "7s"')
      expect(withChange((d) => (d.step = '1ms'))[0]).toMatch(/^step: gives 9000000 steps; at most 200000/)
      expect(withChange((d) => (d.step = '1 s'))[0]).toMatch(/^step: must be a duration/)
      expect(withChange((d) => (d.step = '500ms'))).toEqual([])
    })
  })

  describe('assets and paths', () => {
    it('requires shocks on priced assets, above -100%, one per asset', () => {
      expect(withChange((d) => (d.shocks[0].asset = 'XRP'))).toEqual(['shocks[0].asset: must be an asset of prices, got "XRP"'])
      expect(withChange((d) => (d.shocks[0].path[0][1] = '-1'))).toEqual(['shocks[0].path[0][1]: must be a relative move above -1 (a price stays positive), got "-1"'])
      expect(withChange((d) => d.shocks.push({ asset: 'BTC', path: [['2025-10-10T21:00:00Z', '-0.05']] }))).toEqual([
        'shocks[1].asset: duplicate shock for "BTC" (also shocks[0])',
      ])
      expect(withChange((d) => (d.shocks[0].path[0][1] = 'minus ten'))[0]).toBe('shocks[0].path[0][1]: must be a decimal, got "minus ten"')
    })

    it('checks pegs and depegs', () => {
      const peg = (d: Record<string, any>) => {
        delete d.prices.USDe
        d.pegs = { USDe: { to: 'USD', ratio: '1' }, WBETH: { to: 'ETH', ratio: '1.08' } }
        d.depegs = [{ asset: 'USDe', path: [['2025-10-10T21:43:00Z', '0.35'], ['2025-10-10T22:16:00Z', '0']] }]
      }
      expect(withChange(peg)).toEqual([])
      const r = validateScenario((() => { const d = base(); peg(d); return d })())
      expect(r.ok && r.value.depegs[0].scope).toBe('venue')
      expect(withChange((d) => { peg(d); d.prices.USDe = '1' })).toEqual([
        'pegs.USDe: "USDe" is also in prices: a pegged asset\'s start price comes from its peg, remove it from prices',
      ])
      expect(withChange((d) => { peg(d); d.pegs.BNSOL = { to: 'JTO', ratio: '1' } })).toEqual(['pegs.BNSOL.to: must be "USD" or an asset of prices, got "JTO"'])
      expect(withChange((d) => { peg(d); d.depegs[0].path[0][1] = '1' })).toEqual(['depegs[0].path[0][1]: must be a depeg fraction below 1, got "1"'])
      expect(withChange((d) => { peg(d); d.depegs[0].asset = 'BTC' })).toEqual(['depegs[0].asset: must be an asset of pegs, got "BTC"'])
      expect(withChange((d) => { peg(d); d.shocks.push({ asset: 'USDe', path: [['2025-10-10T21:00:00Z', '-0.3']] }) })).toEqual([
        'shocks[1].asset: must be an asset of prices (a pegged asset moves through depegs), got "USDe"',
      ])
    })

    it('checks depth bands: known asset, distances, cumulative growth', () => {
      expect(withChange((d) => (d.depth.XRP = { '0.01': '1' }))).toEqual(['depth.XRP: must be an asset of prices or pegs, got "XRP"'])
      expect(withChange((d) => (d.depth.BTC['0.05'] = '50000000'))).toEqual([
        'depth.BTC.0.05: must be more than the depth within "0.02" (depth is cumulative), got "50000000"',
      ])
      expect(withChange((d) => (d.depth.BTC['1%'] = '50000000'))).toEqual(['depth.BTC.1%: must be a relative distance between 0 and 0.5 such as "0.01", got "1%"'])
      expect(withChange((d) => (d.depth.BTC['0.02'] = '-3'))).toEqual(['depth.BTC.0.02: must be a positive decimal, got "-3"'])
      expect(withChange((d) => (d.makerWithdrawal[1][1] = '0'))).toEqual(['makerWithdrawal[1][1]: must be a positive decimal, got "0"'])
    })

    it('checks impact models', () => {
      expect(withChange((d) => (d.impactModel = { BTC: { model: 'sqrt', sigma: '0.03', dailyVolume: '20000000000', y: '1' } }))).toEqual([])
      expect(withChange((d) => (d.impactModel = { ETH: { model: 'book' } }))).toEqual(['impactModel.ETH.model: "book" needs depth.ETH'])
      expect(withChange((d) => (d.impactModel = { BTC: { model: 'sqrt', sigma: '0.03', y: '1' } }))).toEqual(['impactModel.BTC.dailyVolume: must be a positive decimal, got nothing'])
    })

    it('checks the circuit breaker', () => {
      expect(withChange((d) => (d.circuitBreaker = { moveFraction: '0.1', windowSeconds: 300, haltSeconds: 120 }))).toEqual([])
      expect(withChange((d) => (d.circuitBreaker = { moveFraction: '1.5', windowSeconds: 0, haltSeconds: 120 }))).toEqual([
        'circuitBreaker.moveFraction: must be a decimal between 0 and 1 (exclusive), got "1.5"',
        'circuitBreaker.windowSeconds: must be at least 1, got 0',
      ])
    })
  })

  describe('crowd', () => {
    const contracts = { BTCUSDT: { base: 'BTC', openInterest: '40000000000' } }

    it('accepts contracts and checks the leverage against the maintenance rate', () => {
      expect(withChange((d) => (d.crowd.contracts = contracts))).toEqual([])
      expect(withChange((d) => (d.crowd.contracts = { BTCUSDT: { ...contracts.BTCUSDT, base: 'USDT' } }))).toEqual([
        'crowd.contracts.BTCUSDT.base: must be an asset of prices, got "USDT"',
      ])
      expect(withChange((d) => (d.crowd.maintenanceMarginRate = '0.01'))).toEqual(['crowd.leverage.max: must be at most 1/(2 x maintenanceMarginRate) = 50, got "100"'])
      expect(withChange((d) => (d.crowd.leverage = { median: '200', sigma: '1', min: '1', max: '100' }))).toEqual(['crowd.leverage.median: must lie between min and max, got "200"'])
      expect(withChange((d) => (d.crowd.longShare = '1.2'))).toEqual(['crowd.longShare: must be a decimal between 0 and 1, got "1.2"'])
      expect(withChange((d) => (d.crowd.crossShare = '1.5'))).toEqual(['crowd.crossShare: must be a decimal between 0 and 1, got "1.5"'])
      expect(withChange((d) => (d.crowd.hedgedShare = '2'))).toEqual(['crowd.hedgedShare: must be a decimal between 0 and 1, got "2"'])
      expect(withChange((d) => (d.crowd.hedgedShare = '-0.1')).length).toBe(1)
      expect(withChange((d) => ((d.crowd.crossShare = '1'), (d.crowd.hedgedShare = '0.25')))).toEqual([])
      expect(withChange((d) => (d.crowd.accounts = 2.5))).toEqual(['crowd.accounts: must be a whole number, got 2.5'])
      expect(withChange((d) => (d.crowd.seed = -1))).toEqual(['crowd.seed: must be at least 0, got -1'])
    })

    it('needs two traders per contract and account shares that add up', () => {
      const two = { BTCUSDT: contracts.BTCUSDT, ETHUSDT: { base: 'ETH', openInterest: '1000', accountShare: '0.3' } }
      expect(withChange((d) => ((d.crowd.contracts = two), (d.crowd.accounts = 3)))).toEqual([
        'crowd.accounts: must be at least 2 per contract (4 for 2 contracts), got 3',
      ])
      expect(withChange((d) => (d.crowd.contracts = two))).toEqual([])
      // A count the field refuses is refused once, for what it is.
      expect(withChange((d) => ((d.crowd.contracts = two), (d.crowd.accounts = -1)))).toEqual(['crowd.accounts: must be at least 0, got -1'])
      expect(withChange((d) => (d.crowd.contracts = { ...two, BTCUSDT: { ...two.BTCUSDT, accountShare: '0.6' } }))).toEqual([
        'crowd.contracts: accountShare values must sum to 1 when every contract gives one, got 0.9',
      ])
      expect(withChange((d) => (d.crowd.contracts = { ...two, ETHUSDT: { ...two.ETHUSDT, accountShare: '1.5' } }))).toEqual([
        'crowd.contracts: accountShare values must sum to at most 1, got 1.5',
      ])
    })

    it('checks cohorts: loop shape, weights, market-maker leverage', () => {
      const loopers = { accounts: 100, capital: '1000000000', asset: 'USDe', borrow: 'USDT', ltv: { min: '0.7', max: '0.9' }, loops: { min: 3, max: 5 }, liquidationThreshold: '0.93' }
      expect(withChange((d) => (d.crowd.loopers = loopers))).toEqual([])
      expect(withChange((d) => (d.crowd.loopers = { ...loopers, liquidationThreshold: '0.85' }))).toEqual([
        'crowd.loopers.ltv.max: must be below liquidationThreshold (0.85), got "0.9"',
      ])
      const mm = { accounts: 10, inventoryValue: '1000000000', inventory: { SOL: '0.6', DOGE: '0.4' }, leverage: { min: '1.5', max: '2.5' }, collateralRates: { SOL: '0.8', DOGE: '0.6' }, liquidationRatio: '1.05' }
      expect(withChange((d) => (d.crowd.marketMakers = mm))).toEqual([])
      expect(withChange((d) => (d.crowd.marketMakers = { ...mm, inventory: { SOL: '0.6', DOGE: '0.3' } }))).toEqual([
        'crowd.marketMakers.inventory: weights must sum to 1, got 0.9',
      ])
      expect(withChange((d) => (d.crowd.marketMakers = { ...mm, leverage: { min: '1.5', max: '6' } }))[0]).toMatch(
        /^crowd\.marketMakers\.leverage\.max: accounts at this leverage start below liquidationRatio/,
      )
    })
  })

  it('checks calibration targets', () => {
    const target = { metric: 'liquidatedNotionalUsd', target: '19130000000', relativeTolerance: '0.25', source: 'docs/CRASH-MECHANICS.md §9' }
    expect(withChange((d) => (d.calibration = [target]))).toEqual([])
    expect(withChange((d) => (d.calibration = [{ ...target, absoluteTolerance: '1' }]))).toEqual([
      'calibration[0].relativeTolerance: give exactly one of relativeTolerance and absoluteTolerance',
    ])
    expect(withChange((d) => (d.calibration = [{ ...target, metric: 'troughMove' }]))).toEqual(['calibration[0].asset: required for "troughMove"'])
    // An asset narrows the ADL notional to that asset's contracts; other totals take none.
    expect(withChange((d) => (d.calibration = [{ ...target, metric: 'adlNotionalUsd', asset: 'BTC' }]))).toEqual([])
    expect(withChange((d) => (d.calibration = [{ ...target, metric: 'adlNotionalUsd', asset: 'XYZ' }]))[0]).toMatch(/^calibration\[0\]\.asset: must be an asset of prices or pegs/)
    expect(withChange((d) => (d.calibration = [{ ...target, asset: 'BTC' }]))).toEqual([
      'calibration[0].asset: only allowed for price metrics (troughMove, minPrice) and adlNotionalUsd',
    ])
    // A fund id narrows the funds' change to that fund; no other metric takes one.
    expect(withChange((d) => (d.calibration = [{ ...target, metric: 'insuranceFundChangeUsd', fund: 'btc-eth-bnb' }]))).toEqual([])
    expect(withChange((d) => (d.calibration = [{ ...target, fund: 'btc-eth-bnb' }]))).toEqual(['calibration[0].fund: only allowed for insuranceFundChangeUsd'])
    expect(withChange((d) => (d.calibration = [{ ...target, metric: 'insuranceFundChangeUsd', fund: '../funds' }]))[0]).toMatch(/^calibration\[0\]\.fund: must be an id/)
  })

  it('ships the generated JSON Schema', () => {
    const file = resolve(import.meta.dirname, '../../../shared/schemas/scenario.schema.json')
    if (process.env.UPDATE_SCHEMAS) writeFileSync(file, `${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`)
    const committed = JSON.parse(readFileSync(file, 'utf8'))
    expect(committed).toEqual(scenarioJsonSchema())
  })
})
