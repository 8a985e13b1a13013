// What the position calculator returns (shared/engine/account/position-calculator.ts): per
// position, the venue's leverage cap at its entry size, the initial margin a venue calculator
// shows, and for an exit price the PnL and ROE. Decimal strings; `null` where a figure does not
// exist (a contract the venue does not list, no exit price given).

export interface ExitFigures {
  /** The exit price the figures are for, normalised. */
  price: string
  /** `(exit - entry) x qty x side`, in the contract's quote asset, fees excluded. */
  pnl: string
  /** `pnl / initialMargin`, a fraction (0.25 = 25%). */
  roe: string
}

export interface PositionCalc {
  id: string
  symbol: string
  /** The contract's quote asset (what `initialMargin` and `pnl` are counted in); null when unknown. */
  quote: string | null
  /** `qty x entryPrice / leverage`. */
  initialMargin: string
  /** Max leverage of the bracket the entry notional falls in; null for an unknown contract or a size past the last bracket. */
  maxLeverage: string | null
  /** 1-based bracket of the entry notional, with its range; null as for `maxLeverage`. */
  bracket: { level: number; floor: string; cap: string | null } | null
  exit: ExitFigures | null
}

export interface PositionCalcReport {
  positions: PositionCalc[]
}
