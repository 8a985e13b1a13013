// Public surface of the crowd model (docs/MODEL.md §4): what the run loop imports.
export { Crowd, generateCrowd, generateCrowdFromSpec, type CrowdContract } from './generate-crowd'
export { COHORT, COHORT_NAMES, LEG_KIND, LEG_STATUS, driverOf, type Cohort, type CrowdLegs, type Driver, type LegKind } from './crowd-legs'
export { crowdSpecOf, startPricesOf, type CrowdOverrides, type CrowdSpec } from './crowd-spec'
export { LiquidationIndex } from './liquidation-index'
export { loopTotals } from './lending-cohorts'
export { Random, streamId } from './random'
export { argsort } from './argsort'
export { unifiedAccounts, unifiedCoverage } from './unified-accounts'
