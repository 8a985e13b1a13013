// The book at the bottom of a scenario's exogenous paths, exact: the what-if editor's instant
// answer (docs/WHATIF.md). A full run (shared/engine/cascade) adds the crowd, impact, ADL and the fund.
export { bottomMetrics, venueFundsTotal, type BottomResult } from './bottom-metrics'
export { exogenousPaths, type ExogenousPaths, type ExogenousPrices } from './exogenous-prices'
