// Properties on random books (fast-check): what the formulas promise must hold everywhere, not
// only on the worked examples.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { computeMetrics, healthFactorText, maintenanceMarginText, triggerPriceText } from '../../../../shared/engine'
import type { Portfolio, Position } from '../../../../shared/model/portfolio'
import type { ExchangeProfile } from '../../../../shared/model/venue'
import { book, D, exchange } from './support'

const binance = exchange('binance')
const aave = binance.defi['aave-v3']
const CONTRACTS = ['BTCUSDT', 'ETHUSDT', 'SOLUSDT', 'DOGEUSDT', 'BNBUSDT'] as const
const BASE_PRICE: Record<string, string> = { BTC: '100000', ETH: '4000', SOL: '200', DOGE: '0.25', BNB: '900' }
const REL = new D('1e-20')
/** Runs per property; raise it (CASCADE_FC_RUNS=2000) for a deeper search. */
const RUNS = Number(process.env.CASCADE_FC_RUNS ?? 60)
const TIMEOUT = 30_000 + RUNS * 100

/** A decimal string `units x 10^-scale` built from integers only. */
const decimal = (min: number, max: number, scale: number) => fc.integer({ min, max }).map((n) => new D(String(n)).div(new D(10).pow(scale)).toFixed())

/** |a - b| <= 1e-20 x |reference| (or absolute 1e-20 when the reference is 0). */
function close(a: string, b: string, reference: string): boolean {
  const tol = new D(reference).abs().mul(REL)
  return new D(a).sub(b).abs().lte(tol.isZero() ? REL : tol)
}

/** One position per contract (so moving one base moves one position), notionals of 1k-5M at entry. */
const positions = fc.uniqueArray(fc.constantFrom(...CONTRACTS), { minLength: 1, maxLength: 5 }).chain((symbols) =>
  fc.tuple(
    ...symbols.map((symbol) =>
      fc.record({
        side: fc.constantFrom('long' as const, 'short' as const),
        notional: decimal(1000, 5_000_000, 0),
        entryMove: decimal(70, 130, 2), // entry = reference price x 0.70 .. 1.30
        symbol: fc.constant(symbol),
      }),
    ),
  ),
)

function randomBook(mode: Portfolio['marginMode'], wallet: string, specs: { side: 'long' | 'short'; notional: string; entryMove: string; symbol: string }[]): Portfolio {
  const ps: Position[] = specs.map((s, i) => {
    const base = binance.contracts[s.symbol].base
    return { id: `p${i}`, symbol: s.symbol, side: s.side, notional: s.notional, entryPrice: new D(BASE_PRICE[base]).mul(s.entryMove).toFixed(), leverage: '1' }
  })
  return book({ marginMode: mode, prices: { ...BASE_PRICE }, wallet: [{ asset: 'USDT', amount: wallet }], positions: ps })
}

function run(doc: Portfolio, venue: ExchangeProfile = binance, prices?: Record<string, string>) {
  const r = computeMetrics(doc, venue, { prices })
  if (!r.ok) throw new Error(JSON.stringify(r.issues))
  return r.value
}

describe('cross margin, on random books', () => {
  it('at each liquidation price, margin balance equals maintenance margin (to 1e-20 relative)', () => {
    let checked = 0 // cases the guard let through: a property that skips every case proves nothing
    fc.assert(
      fc.property(decimal(1000, 20_000_000, 2), positions, (wallet, specs) => {
        const doc = randomBook('cross', wallet, specs)
        const m = run(doc)
        m.positions.forEach((p, i) => {
          if (p.liquidationPrice === null) return
          const base = binance.contracts[doc.positions[i].symbol].base
          const at = run(doc, binance, { [base]: p.liquidationPrice })
          expect(close(at.account.marginBalance, at.account.maintenanceMargin, at.account.maintenanceMargin)).toBe(true)
          checked++
        })
      }),
      { numRuns: RUNS },
    )
    expect(checked).toBeGreaterThan(0)
  }, TIMEOUT)

  it('at each bankruptcy price, margin balance is zero', () => {
    let checked = 0 // cases the guard let through: a property that skips every case proves nothing
    fc.assert(
      fc.property(decimal(1000, 20_000_000, 2), positions, (wallet, specs) => {
        const doc = randomBook('cross', wallet, specs)
        const m = run(doc)
        m.positions.forEach((p, i) => {
          if (p.bankruptcyPrice === null) return
          const base = binance.contracts[doc.positions[i].symbol].base
          const at = run(doc, binance, { [base]: p.bankruptcyPrice })
          expect(close(at.account.marginBalance, '0', m.account.walletBalance)).toBe(true)
          checked++
        })
      }),
      { numRuns: RUNS },
    )
    expect(checked).toBeGreaterThan(0)
  }, TIMEOUT)

  it("a long's liquidation price falls as the wallet balance rises", () => {
    let checked = 0 // cases the guard let through: a property that skips every case proves nothing
    fc.assert(
      fc.property(decimal(1000, 5_000_000, 2), decimal(1, 1_000_000, 2), positions, (wallet, extra, specs) => {
        const longs = specs.map((s) => ({ ...s, side: 'long' as const }))
        const before = run(randomBook('cross', wallet, longs))
        const after = run(randomBook('cross', new D(wallet).add(extra).toFixed(), longs))
        before.positions.forEach((p, i) => {
          const next = after.positions[i].liquidationPrice
          if (p.liquidationPrice === null) expect(next).toBeNull()
          else if (next !== null) {
            expect(new D(next).lt(p.liquidationPrice)).toBe(true)
            checked++
          }
        })
      }),
      { numRuns: RUNS },
    )
    expect(checked).toBeGreaterThan(0)
  }, TIMEOUT)
})

describe('isolated margin, on random books', () => {
  it("at the liquidation price the position's isolated margin plus PnL equals its maintenance margin", () => {
    let checked = 0 // cases the guard let through: a property that skips every case proves nothing
    fc.assert(
      fc.property(positions, decimal(1, 20, 0), (specs, leverage) => {
        const doc = randomBook('isolated', '0', specs)
        doc.positions = doc.positions.map((p) => ({ ...p, leverage: '1', isolatedMargin: new D(p.notional as string).div(leverage).toFixed() }))
        const m = run(doc)
        m.positions.forEach((p, i) => {
          if (p.liquidationPrice === null) return
          const base = binance.contracts[doc.positions[i].symbol].base
          const at = run(doc, binance, { [base]: p.liquidationPrice }).positions[i]
          const marginBalance = new D(doc.positions[i].isolatedMargin as string).add(at.unrealizedPnl)
          expect(close(marginBalance.toFixed(), at.maintenanceMargin, at.maintenanceMargin)).toBe(true)
          checked++
        })
      }),
      { numRuns: RUNS },
    )
    expect(checked).toBeGreaterThan(0)
  }, TIMEOUT)
})

describe('portfolio margin, on random books', () => {
  const held = fc.record({ BTC: decimal(0, 50, 1), ETH: decimal(0, 500, 1), loan: decimal(0, 2_000_000, 0) })
  const portfolioBook = (wallet: string, specs: Parameters<typeof randomBook>[2], h: { BTC: string; ETH: string; loan: string }) => {
    const doc = randomBook('portfolio', wallet, specs)
    doc.wallet.push({ asset: 'BTC', amount: h.BTC }, { asset: 'ETH', amount: h.ETH })
    doc.loans = [{ asset: 'USDT', amount: h.loan }]
    return doc
  }
  /** Tiers whose ratio rises with value: f is then not concave and the engine walks every piece. */
  const bumpy: ExchangeProfile = {
    ...binance,
    collateral: {
      ...binance.collateral,
      BTC: [{ upToValue: '500000', ratio: '0.5' }, { upToValue: '2000000', ratio: '0.9' }, { ratio: '0.7' }],
      USDT: [{ upToValue: '1000000', ratio: '0.8' }, { ratio: '1' }],
    },
  }

  for (const [label, venue] of [['tiers that fall with value (concave)', binance], ['tiers that rise with value (general walk)', bumpy]] as const) {
    it(`at each liquidation price uniMMR equals the profile's liquidation ratio: ${label}`, () => {
      let checked = 0 // cases the guard let through: a property that skips every case proves nothing
      fc.assert(
        fc.property(decimal(1000, 5_000_000, 0), positions, held, (wallet, specs, h) => {
          const doc = portfolioBook(wallet, specs, h)
          const m = run(doc, venue)
          m.positions.forEach((p, i) => {
            if (p.liquidationPrice === null) return
            const base = binance.contracts[doc.positions[i].symbol].base
            const at = run(doc, venue, { [base]: p.liquidationPrice })
            expect(close(at.account.uniMMR as string, binance.unified!.liquidationRatio, '1')).toBe(true)
            checked++
          })
        }),
        { numRuns: RUNS },
      )
      expect(checked).toBeGreaterThan(0)
    }, TIMEOUT)
  }

  it('at each bankruptcy price the account equity (margin balance) is zero', () => {
    let checked = 0 // cases the guard let through: a property that skips every case proves nothing
    fc.assert(
      fc.property(decimal(1000, 5_000_000, 0), positions, held, (wallet, specs, h) => {
        const doc = portfolioBook(wallet, specs, h)
        const m = run(doc)
        m.positions.forEach((p, i) => {
          if (p.bankruptcyPrice === null) return
          const base = binance.contracts[doc.positions[i].symbol].base
          const at = run(doc, binance, { [base]: p.bankruptcyPrice })
          expect(close(at.account.marginBalance, '0', m.account.marginBalance)).toBe(true)
          checked++
        })
      }),
      { numRuns: RUNS },
    )
    expect(checked).toBeGreaterThan(0)
  }, TIMEOUT)
})

describe('DeFi, on random positions', () => {
  it('the health factor is 1 at each trigger price', () => {
    const assets = Object.keys(aave.reserves)
    const amount = decimal(1, 1_000_000, 2)
    const prices = { USDe: '1', sUSDe: '1.19', USDT: '1', USDC: '1', WETH: '4000', WBTC: '100000' } as Record<string, string>
    let checked = 0 // cases the guard let through: a property that skips every case proves nothing
    fc.assert(
      fc.property(
        fc.array(fc.record({ asset: fc.constantFrom(...assets), amount }), { minLength: 1, maxLength: 3 }),
        fc.array(fc.record({ asset: fc.constantFrom(...assets), amount }), { minLength: 1, maxLength: 2 }),
        (supplies, borrows) => {
          const pos = { supplies, borrows }
          for (const s of supplies) {
            const p = triggerPriceText(pos, aave, prices, s.asset)
            if (p === null) continue
            const hf = healthFactorText(pos, aave, { ...prices, [s.asset]: p }) as string
            expect(close(hf, '1', '1')).toBe(true)
            checked++
          }
        },
      ),
      { numRuns: RUNS * 3 },
    )
    expect(checked).toBeGreaterThan(0)
  }, TIMEOUT)
})

describe('bracket boundaries, on every shipped contract', () => {
  const contracts = ['binance', 'bybit', 'okx', 'hyperliquid'].flatMap((id) => {
    const v = exchange(id)
    return Object.entries(v.contracts).map(([symbol, c]) => ({ id, symbol, c, rule: v.maintenanceRule }))
  })

  it('a notional exactly at a cap is in that bracket, a hair above is in the next, and MM agrees on both sides', () => {
    let checked = 0 // cases the guard let through: a property that skips every case proves nothing
    fc.assert(
      fc.property(fc.constantFrom(...contracts), fc.nat(), ({ c, rule }, k) => {
        const capped = c.brackets.filter((b) => b.notionalCap !== undefined)
        if (capped.length < 2) return
        const i = k % (capped.length - 1)
        const cap = capped[i].notionalCap as string
        const at = maintenanceMarginText(c, cap, rule)
        const above = maintenanceMarginText(c, new D(cap).add('1e-12').toFixed(), rule)
        expect(at.level).toBe(i + 1)
        expect(above.level).toBe(i + 2)
        const viaUpper = new D(cap).mul(above.mmr).sub(above.cum)
        expect(viaUpper.toFixed()).toBe(new D(at.maintenanceMargin).toFixed())
        checked++
      }),
      { numRuns: RUNS * 3 },
    )
    expect(checked).toBeGreaterThan(0)
  }, TIMEOUT)
})
