// A small synthetic run of the 10/11 hedge book (docs/MODEL.md §6.4): a BTC shock and thin
// books liquidate the crowd, the fund draws down, the user's DOGE short hedge is ADL'd at 21:15
// and the unhedged BTC long is liquidated at 21:20. Built by hand for the chart builders' tests.
import type { Portfolio } from '../../../shared/model/portfolio'
import type { CascadeEvent, RunResult, RunSeries } from '../../../shared/model/run'

export const BOOK: Portfolio = {
  format: 'cascade.portfolio/1',
  name: 'Hedge book',
  venue: 'binance',
  marginMode: 'cross',
  prices: { BTC: '122000', DOGE: '0.25' },
  wallet: [{ asset: 'USDT', amount: '2000000' }],
  positions: [
    { id: 'btc', symbol: 'BTCUSDT', side: 'long', qty: '40.98', entryPrice: '122000', leverage: '3' },
    { id: 'doge', symbol: 'DOGEUSDT', side: 'short', notional: '500000', entryPrice: '0.25', leverage: '15' },
  ],
  loans: [],
  defi: [],
  loops: [],
}

const T = (hhmm: string): string => `2025-10-10T${hhmm}:00.000Z`

function ev(e: Omit<CascadeEvent, 'causes'> & { causes?: number[] }): CascadeEvent {
  return { causes: [], ...e }
}

export const EVENTS: CascadeEvent[] = [
  ev({ id: 1, t: T('20:40'), kind: 'shock', account: 'market', asset: 'BTC', price: '119560' }),
  ev({ id: 2, t: T('20:40'), kind: 'depth', account: 'market', asset: 'BTC', amounts: { multiplier: '0.5' } }),
  // Three crowd longs on BTC at the same causal depth: merged into one node.
  ev({ id: 3, t: T('21:00'), kind: 'liquidation', account: 'c000001', symbol: 'BTCUSDT', side: 'long', qty: '10', price: '110000', amounts: { notional: '1100000' }, causes: [1, 2] }),
  ev({ id: 4, t: T('21:02'), kind: 'liquidation', account: 'c000002', symbol: 'BTCUSDT', side: 'long', qty: '5', price: '109000', amounts: { notional: '545000' }, causes: [1, 2] }),
  ev({ id: 5, t: T('21:04'), kind: 'liquidation', account: 'c000003', symbol: 'BTCUSDT', side: 'long', qty: '2', price: '108000', amounts: { notional: '216000' }, causes: [1] }),
  ev({ id: 6, t: T('21:10'), kind: 'insurance', account: 'insurance-fund', amounts: { shortfall: '50000', fundBalance: '0' }, causes: [3, 4, 5] }),
  ev({ id: 7, t: T('21:10'), kind: 'margin-call', account: 'user', amounts: { marginRatio: '0.82' }, causes: [1] }),
  ev({ id: 8, t: T('21:15'), kind: 'adl', account: 'user', position: 'doge', symbol: 'DOGEUSDT', side: 'short', qty: '2000000', price: '0.19', amounts: { profitLost: '120000' }, causes: [6] }),
  ev({ id: 9, t: T('21:20'), kind: 'liquidation', account: 'user', position: 'btc', symbol: 'BTCUSDT', side: 'long', qty: '40.98', price: '104500', slippage: '0.031', amounts: { notional: '4282410', fee: '53530' }, causes: [8, 7] }),
]

/** 20:00 to 22:00 every 10 minutes (13 steps). */
function series(): RunSeries {
  const t: string[] = []
  for (let m = 0; m <= 120; m += 10) t.push(new Date(Date.parse(T('20:00')) + m * 60_000).toISOString())
  const n = t.length
  return {
    t,
    prices: {
      BTC: [122000, 122000, 122000, 122000, 119560, 115000, 110000, 108000, 105000, 107000, 109000, 110000, 111000],
      DOGE: [0.25, 0.25, 0.25, 0.25, 0.24, 0.22, 0.2, 0.19, 0.18, 0.19, 0.2, 0.2, 0.2],
      USDT: new Array(n).fill(1),
      ETH: new Array(n).fill(4300),
    },
    depth: { BTC: [3e7, 3e7, 3e7, 3e7, 1.5e7, 1e6, 6e5, 6e5, 6e5, 2.7e7, 2.7e7, 2.7e7, 2.7e7], DOGE: new Array(n).fill(0) },
    insuranceFund: [4e8, 4e8, 4e8, 4e8, 4e8, 3e8, 2e8, 1e8, 1e8, 1e8, 1e8, 1e8, 1e8],
    openInterest: new Array(n).fill(7e10),
    user: {
      equity: [1.9e6, 1.9e6, 1.9e6, 1.9e6, 1.8e6, 1.6e6, 1.4e6, 1.2e6, 0, 0, 0, 0, 0],
      marginRatio: [0.024, 0.024, 0.024, 0.024, 0.05, 0.2, 0.5, 0.82, Number.POSITIVE_INFINITY, 0, 0, 0, 0],
      effectiveLeverage: new Array(n).fill(2.9),
      adlLights: {
        btc: [1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0],
        doge: [1, 1, 1, 1, 2, 3, 5, 5, 0, 0, 0, 0, 0],
      },
    },
  }
}

export function runResult(): RunResult {
  return {
    portfolioName: BOOK.name,
    scenarioId: '2025-10-10',
    seed: 42,
    series: series(),
    events: EVENTS,
    summary: {
      venue: 'binance',
      pricing: 'book',
      collateralPricing: 'market',
      calibrated: true,
      calibrationNote: '2025-10-10-binance is calibrated for binance',
      crowdSize: 3,
      survived: false,
      firstMarginCall: T('21:10'),
      firstLiquidation: T('21:20'),
      startEquity: '1900000',
      finalEquity: '0',
      loss: { price: '1512000', slippage: '212000', fees: '56000', profitLostToAdl: '120000', total: '1900000' },
      firstAdlAt: T('21:15'),
      userAdl: [{ eventId: 8, t: T('21:15'), position: 'doge', qty: '2000000', price: '0.19', profitLost: '120000' }],
      crowd: {
        accounts: 3,
        liquidatedAccounts: 3,
        liquidatedNotional: '1861000',
        liquidatedLongShare: '1',
        adlCount: 1,
        adlAccounts: 1,
        adlNotional: '380000',
        liquidations: 3,
        rehedges: 1,
        openInterest: { start: '5000000', end: '3000000' },
        absorbedBy: { insuranceFund: '50000', adl: '120000', unrecovered: '0' },
      },
      insuranceFund: { start: '400000000', end: '100000000', min: '100000000' },
      insuranceFunds: [{ id: 'insurance', start: '400000000', min: '100000000', end: '100000000' }],
      insuranceFundSource: 'venue',
      assets: { DOGE: { start: '0.25', low: '0.17', lowAt: T('21:20'), end: '0.19' } },
      steps: 13,
      elapsedMs: 3,
    },
  }
}
