// Public surface of the market model (docs/MODEL.md §3): what the run loop and the UI import.
export { Market, type AssetRef, type Fill, type OrderSide } from './market'
export { assetUniverse, marketSpecOf, type AssetSpec, type MarketSpec, type PegSpec } from './market-spec'
export type { BookModel } from './book'
export type { CircuitBreakerSpec } from './circuit-breaker'
export { PiecewiseLinearPath, type PathData } from './piecewise-path'
export { isoAt, secondsAt, timeGridOf, type TimeGrid } from './time-grid'
