// The user's book as it is stored and exchanged: the `cascade.portfolio/1` document (docs/FORMATS.md §2).
// Every decimal is a string so no figure is ever rounded through a float.
import type { AssetClass } from './asset-class'

/** A decimal carried as its exact string form, e.g. "0.004". */
export type DecimalString = string

export const PORTFOLIO_FORMAT = 'cascade.portfolio/1' as const
export const MARGIN_MODES = ['cross', 'isolated', 'portfolio'] as const
export type MarginMode = (typeof MARGIN_MODES)[number]
export const SIDES = ['long', 'short'] as const
export type Side = (typeof SIDES)[number]

export interface AssetAmount {
  asset: string
  amount: DecimalString
}

/** A perpetual position; exactly one of `qty` (base units) or `notional` (quote) is given. */
export interface Position {
  id: string
  symbol: string
  side: Side
  qty?: DecimalString
  notional?: DecimalString
  entryPrice: DecimalString
  leverage: DecimalString
  isolatedMargin?: DecimalString
}

export interface DefiPosition {
  id: string
  protocol: string
  supplies: AssetAmount[]
  borrows: AssetAmount[]
}

/** A recursive supply/borrow loop, expanded by the engine's loop builder (docs/MODEL.md §1). */
export interface Loop {
  id: string
  capital: DecimalString
  asset: string
  borrow: string
  ltv: DecimalString
  loops: number
}

export interface Portfolio {
  format: typeof PORTFOLIO_FORMAT
  name: string
  venue: string
  marginMode: MarginMode
  prices: Record<string, DecimalString>
  wallet: AssetAmount[]
  positions: Position[]
  loans: AssetAmount[]
  defi: DefiPosition[]
  loops: Loop[]
  /** The class of an asset a crash preset may not name (`PEPE: small-cap-alt`); overrides the venue profile's. */
  assetClasses?: Record<string, AssetClass>
}

/** An empty, valid book: what "New portfolio" starts from. */
export function emptyPortfolio(name: string, venue = 'binance'): Portfolio {
  return {
    format: PORTFOLIO_FORMAT,
    name,
    venue,
    marginMode: 'cross',
    prices: {},
    wallet: [],
    positions: [],
    loans: [],
    defi: [],
    loops: [],
  }
}
