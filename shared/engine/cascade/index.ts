// Public surface of the cascade run (docs/MODEL.md §5-6): `runCascade` replays a scenario against a
// book with the crowd, the liquidation waterfall and ADL, and returns events, series and a summary
// (shared/model/run.ts). Pure TypeScript: no Node, Electron or DOM API, so it runs in a worker
// thread (CLI) and an Electron utilityProcess (app). Design: docs/CASCADE-NOTES.md.
import type { FieldIssue } from '../../model/issues'
import type { CascadeInput } from './run-cascade'
import { prepareBook } from './validate'

export { runCascade, type CascadeHooks, type CascadeInput } from './run-cascade'

/**
 * What stops a run before it starts, each with the path of the field to fix, e.g.
 * `positions[1].symbol: base asset SHIB of SHIBUSDT is not priced by scenario 2025-10-10 ...`.
 * Empty when the run can start.
 */
export function validateCascadeInput(input: CascadeInput): FieldIssue[] {
  const r = prepareBook(input)
  return r.ok ? [] : r.issues
}
