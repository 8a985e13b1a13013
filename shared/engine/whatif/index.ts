// Public surface of the what-if tools (docs/DECISIONS.md): the axes every tool shares, applied to a
// book and a scenario; Monte Carlo draws and statistics; sweeps (Monte Carlo, grid) with their
// shards and merge; reverse stress (solve). Pure TypeScript like the rest of the engine: the pool
// of workers that runs the tasks lives in electron/main/studies/.
export { AXIS_HELP, AXIS_KINDS, canonicalSet, checkValue, parseAssignments, parseAxis, parseRange, setPath, validateSet, MAX_AXIS_POINTS, type Axis, type AxisKind, type AxisRange, type AxisSet } from './axes'
export { applySet, extremeOf, mainShape, nameAddedRows } from './apply'
export { prepareWhatIf, type Ready, type WhatIfBase } from './prepare'
export { CrowdCache, DEFAULT_CROWD_CACHE_BYTES, crowdKey, type CrowdCacheStats } from './crowd-cache'
export { FAILURE_KINDS, outcomeOf, positionIds } from './outcome'
export { drawKey, drawOf, modelFor, MODEL_DEFAULTS, withOverrides, type Draw } from './draws'
export { equityDistribution, expectedShortfall, histogram, quantile, wilson } from './stats'
export { gridReport, mergeParts, mergeTiming, monteCarloReport, shardTasks, sweepReport, taskCount, taskOf, type Shard, type SweepRequest, type SweepTask } from './sweep'
export { niceStep, SAFE_SIDE, solveAxis, type SolveOutcome, type SolveSpec, type Verdict } from './solve'
export { runTask, TaskRefusedError } from './run-task'
export { studyToCsv } from './csv'
