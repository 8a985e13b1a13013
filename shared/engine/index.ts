// The exact account-mechanics engine (docs/MODEL.md §1-2, §5.3): pure TypeScript on decimal.js, no
// Node, Electron or DOM imports, so the renderer, the main process and the CLI share it.
// Everything exported here takes and returns decimals as strings. (shared/engine/market/ and
// shared/engine/crowd/ are separate modules with their own entries.)
export { computeMetrics, type MetricsOptions } from './account/metrics-report'
export type { MetricsReport, MetricsResult, AccountMetrics, PositionMetrics, DefiMetrics, AdlQueueInfo } from '../model/metrics'
export {
  bracketTable,
  maintenanceMarginText,
  liquidationPriceText,
  bankruptcyPriceText,
  inverseBankruptcyPriceText,
  healthFactorText,
  triggerPriceText,
  adjustedValueText,
  adlScoreText,
  type BracketRowText,
  type LiquidationQuery,
  type AdlScoreQuery,
} from './account/text-api'
export { queuePercentiles, lightsFromPercentile, allocateDeleveraging, ADL_FORMULA, type QueueEntry, type Deleveraged } from './account/adl'
export { liquidateAaveStepText } from './account/aave-liquidation'
export { loopClosedForm, buildLoopPath, swapAtPrices, type LoopTotals, type LoopPath, type LoopSpec, type LoopStep, type SwapFunction } from './account/loop-builder'
export { mulberry32, hashString } from './account/prng'
export type { Explanation, ExplainMap } from '../model/explain'
export { positionCalculator, exitFigures, type PositionCalcResult } from './account/position-calculator'
export type { PositionCalc, PositionCalcReport, ExitFigures } from '../model/position-calc'
