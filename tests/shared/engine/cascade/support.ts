// Test helpers for the cascade run: shipped presets, profiles and example books read through their
// real validators, a small fast scenario (a 30-minute crash with every cohort, thin books, a small
// fund) for property tests, and random books over it.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import fc from 'fast-check'
import { mulberry32 } from '../../../../shared/engine/account/prng'
import type { Portfolio, Position } from '../../../../shared/model/portfolio'
import type { Scenario } from '../../../../shared/model/scenario'
import type { VenueProfile } from '../../../../shared/model/venue'
import { validatePortfolio } from '../../../../shared/schemas/portfolio'
import { parseScenarioText, validateScenario } from '../../../../shared/schemas/scenario'
import { parseVenueText } from '../../../../shared/schemas/venue'

const root = join(__dirname, '../../../..')

export function preset(id: string): Scenario {
  const r = parseScenarioText(readFileSync(join(root, 'resources/scenarios', `${id}.json`), 'utf8'))
  if (!r.ok) throw new Error(`${id}: ${JSON.stringify(r.issues)}`)
  return r.value
}

export function profile(id: string): VenueProfile {
  const r = parseVenueText(readFileSync(join(root, 'resources/venues', `${id}.json`), 'utf8'))
  if (!r.ok) throw new Error(`${id}: ${JSON.stringify(r.issues)}`)
  return r.value
}

export function exampleBook(name: string): Portfolio {
  const r = validatePortfolio(JSON.parse(readFileSync(join(root, 'resources/examples', `${name}.json`), 'utf8')))
  if (!r.ok) throw new Error(`${name}: ${JSON.stringify(r.issues)}`)
  return r.value
}

/**
 * The hedge book as it shipped on Binance before it moved to Hyperliquid (resources/examples/README.md):
 * BTC and ETH long, a DOGE short hedge, 9M DOGE as collateral in a unified account. Worked examples
 * on Binance's rules are written against it.
 */
export function binanceHedgeBook(): Portfolio {
  return {
    format: 'cascade.portfolio/1',
    name: 'Hedge book (BTC and ETH long, DOGE short hedge, DOGE collateral)',
    venue: 'binance',
    marginMode: 'portfolio',
    prices: { BTC: '122000', ETH: '4350', DOGE: '0.25' },
    wallet: [{ asset: 'DOGE', amount: '9000000' }],
    positions: [
      { id: 'btc', symbol: 'BTCUSDT', side: 'long', notional: '5000000', entryPrice: '122000', leverage: '3' },
      { id: 'doge', symbol: 'DOGEUSDT', side: 'short', notional: '500000', entryPrice: '0.25', leverage: '15' },
      { id: 'eth', symbol: 'ETHUSDT', side: 'long', notional: '1000000', entryPrice: '4350', leverage: '5' },
    ],
    loans: [],
    defi: [],
    loops: [],
  }
}

export function emptyBook(venue = 'binance'): Portfolio {
  return { format: 'cascade.portfolio/1', name: 'empty', venue, marginMode: 'cross', prices: {}, wallet: [], positions: [], loans: [], defi: [], loops: [] }
}

const T = (hhmm: string) => `2025-10-10T${hhmm}:00Z`

/** A 30-minute crash at 2 s steps with every cohort: fast enough to run many times. */
export function miniScenario(over: { accounts?: number; seed?: number; insuranceFund?: string; drop?: number; circuitBreaker?: boolean } = {}): Scenario {
  const drop = over.drop ?? 0.25
  const path = (scale: number, rebound: number) => [
    [T('20:05'), String(-0.1 * drop * scale)],
    [T('20:12'), String(-0.6 * drop * scale)],
    [T('20:18'), String(-drop * scale)],
    [T('20:25'), String(-drop * scale * rebound)],
  ]
  const doc = {
    format: 'cascade.scenario/1',
    id: 'mini',
    name: 'Mini crash',
    start: T('20:00'),
    end: T('20:30'),
    step: '2s',
    prices: { BTC: '100000', ETH: '4000', DOGE: '0.2', SOL: '200', USDT: '1' },
    pegs: { USDe: { to: 'USD', ratio: '1' }, WBETH: { to: 'ETH', ratio: '1.05' } },
    shocks: [
      { asset: 'BTC', path: path(0.6, 0.7) },
      { asset: 'ETH', path: path(0.8, 0.7) },
      { asset: 'SOL', path: path(1.2, 0.6) },
      { asset: 'DOGE', path: path(2.4, 0.5) },
    ],
    depth: {
      BTC: { '0.01': '150000000', '0.02': '260000000', '0.05': '600000000' },
      ETH: { '0.01': '80000000', '0.02': '140000000', '0.05': '300000000' },
      SOL: { '0.01': '20000000', '0.02': '36000000', '0.05': '80000000' },
      DOGE: { '0.01': '6000000', '0.02': '11000000', '0.05': '24000000' },
      USDe: { '0.01': '2000000', '0.02': '3500000', '0.05': '7000000' },
      WBETH: { '0.01': '800000', '0.02': '1400000', '0.05': '3000000' },
    },
    makerWithdrawal: [[T('20:05'), '1'], [T('20:18'), '0.1'], [T('20:25'), '0.8']],
    collateralPricing: 'book',
    insuranceFund: over.insuranceFund ?? '3000000',
    circuitBreaker: over.circuitBreaker ? { moveFraction: '0.08', windowSeconds: 60, haltSeconds: 30 } : null,
    crowd: {
      accounts: over.accounts ?? 2000,
      longShare: '0.85',
      seed: over.seed ?? 7,
      leverage: { median: '5', sigma: '0.8', min: '1', max: '50' },
      contracts: {
        BTCUSDT: { base: 'BTC', openInterest: '3000000000' },
        ETHUSDT: { base: 'ETH', openInterest: '1500000000' },
        SOLUSDT: { base: 'SOL', openInterest: '300000000', maintenanceMarginRate: '0.01' },
        DOGEUSDT: { base: 'DOGE', openInterest: '150000000', maintenanceMarginRate: '0.01' },
      },
      loopers: { accounts: 50, capital: '1000000', asset: 'USDe', borrow: 'USDT', ltv: { min: '0.7', max: '0.85' }, loops: { min: 2, max: 5 }, liquidationThreshold: '0.9' },
      whales: {
        accounts: 8,
        collateralValue: '20000000',
        collateral: { SOL: '0.5', DOGE: '0.5' },
        loanLtv: { min: '0.35', max: '0.55' },
        liquidationThreshold: '0.75',
        loop: { asset: 'USDe', ltv: { min: '0.7', max: '0.85' }, loops: { min: 2, max: 4 }, liquidationThreshold: '0.9' },
      },
      marketMakers: {
        accounts: 6,
        inventoryValue: '40000000',
        inventory: { SOL: '0.4', DOGE: '0.3', WBETH: '0.2', USDe: '0.1' },
        leverage: { min: '1.5', max: '2.5' },
        collateralRates: { SOL: '0.85', DOGE: '0.8', WBETH: '0.95', USDe: '0.95' },
        liquidationRatio: '1.05',
      },
    },
  }
  const r = validateScenario(doc)
  if (!r.ok) throw new Error(JSON.stringify(r.issues))
  return r.value
}

export function position(p: Partial<Position> & Pick<Position, 'id' | 'symbol' | 'side' | 'entryPrice'>): Position {
  return { notional: '100000', leverage: '5', ...p }
}

const dec = (x: number, places = 2) => x.toFixed(places).replace(/\.?0+$/, '')

/** Random books over the mini scenario's assets, in every margin mode, with loops sometimes. */
export const randomBook: fc.Arbitrary<Portfolio> = fc
  .record({
    mode: fc.constantFrom('cross', 'isolated', 'portfolio'),
    positions: fc.array(
      fc.record({
        symbol: fc.constantFrom('BTCUSDT', 'ETHUSDT', 'DOGEUSDT', 'SOLUSDT'),
        side: fc.constantFrom('long', 'short'),
        notional: fc.integer({ min: 10_000, max: 3_000_000 }),
        leverage: fc.integer({ min: 1, max: 10 }),
        entryShift: fc.double({ min: -0.05, max: 0.05, noNaN: true }),
      }),
      { minLength: 0, maxLength: 4 },
    ),
    usdt: fc.integer({ min: 50_000, max: 3_000_000 }),
    doge: fc.integer({ min: 0, max: 5_000_000 }),
    loop: fc.boolean(),
  })
  .map((r): Portfolio => {
    const start: Record<string, number> = { BTCUSDT: 100000, ETHUSDT: 4000, DOGEUSDT: 0.2, SOLUSDT: 200 }
    const mode = r.mode as Portfolio['marginMode']
    return {
      format: 'cascade.portfolio/1',
      name: 'random',
      venue: 'binance',
      marginMode: mode,
      prices: {},
      wallet: [{ asset: 'USDT', amount: String(r.usdt) }, ...(r.doge > 0 && mode !== 'isolated' ? [{ asset: 'DOGE', amount: String(r.doge) }] : [])],
      positions: r.positions.map((p, i) => ({
        id: `p${i}`,
        symbol: p.symbol,
        side: p.side as 'long' | 'short',
        notional: String(p.notional),
        entryPrice: dec(start[p.symbol] * (1 + p.entryShift), p.symbol === 'DOGEUSDT' ? 5 : 2),
        leverage: String(p.leverage),
      })),
      loans: [],
      defi: [],
      loops: r.loop ? [{ id: 'loop', capital: '50000', asset: 'USDe', borrow: 'USDT', ltv: '0.8', loops: 4 }] : [],
    }
  })

/**
 * A seeded book of `positions` positions over the mini scenario's contracts (both sides, entries
 * within +-5%, 5k-300k notional, 1-10x) with `usdt` and 2M DOGE in the wallet (none in isolated
 * mode): big books for the user's account bookkeeping (liquidations one by one, ADL of the user).
 */
/** The random book moved to a venue: Hyperliquid names contracts by base and has no portfolio margin. */
export function onVenueOf(book: Portfolio, venue: string): Portfolio {
  if (venue !== 'hyperliquid') return { ...book, venue }
  // Hyperliquid's perpetuals take USDC only as margin (its profile's marginAssets): the book's USDT
  // becomes USDC and its other wallet assets stay out.
  const wallet = book.wallet.filter((w) => w.asset === 'USDT').map((w) => ({ ...w, asset: 'USDC' }))
  return { ...book, venue, marginMode: book.marginMode === 'portfolio' ? 'cross' : book.marginMode, wallet, positions: book.positions.map((p) => ({ ...p, symbol: p.symbol.replace('USDT', '') })) }
}

export function bigRandomBook(positions: number, mode: Portfolio['marginMode'], seed: number, usdt: number): Portfolio {
  const random = mulberry32(seed)
  const start: [string, number, number][] = [['BTCUSDT', 100000, 2], ['ETHUSDT', 4000, 2], ['DOGEUSDT', 0.2, 5], ['SOLUSDT', 200, 3]]
  const list: Position[] = []
  for (let i = 0; i < positions; i++) {
    const [symbol, price, places] = start[Math.floor(random() * start.length)]
    list.push({
      id: `p${i}`,
      symbol,
      side: random() < 0.65 ? 'long' : 'short',
      notional: String(Math.round(5000 + random() * 295_000)),
      entryPrice: (price * (0.95 + 0.1 * random())).toFixed(places),
      leverage: String(1 + Math.floor(random() * 10)),
    })
  }
  return {
    format: 'cascade.portfolio/1',
    name: `big random ${positions}`,
    venue: 'binance',
    marginMode: mode,
    prices: {},
    wallet: [{ asset: 'USDT', amount: String(usdt) }, ...(mode !== 'isolated' ? [{ asset: 'DOGE', amount: '2000000' }] : [])],
    positions: list,
    loans: [],
    defi: [],
    loops: [],
  }
}
