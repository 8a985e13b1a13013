// The part a shard of a sweep writes, `cascade.sweep-part/1` (docs/FORMATS.md §7.4), checked before
// `cascade merge` trusts it: a part comes from another machine, so its shape is verified field by
// field, then mergeParts checks that the parts belong together.
import { z } from 'zod'
import type { SweepPart } from '../model/study'
import { EVENT_KINDS } from '../model/run'
import type { DocumentResult } from './document-format'
import { toFieldIssues } from './issue-messages'

/** The `format` of a shard's part. */
export const SWEEP_PART_FORMAT = 'cascade.sweep-part/1'

const name = z.string().max(200)
const set = z.record(z.string().max(64), z.string().max(64))
const count = z.number().int().min(0).max(100_000_000)
const finite = z.number().refine(Number.isFinite, { message: 'must be a finite number' })

const model = z.strictObject({
  reference: name.nullable(),
  referenceMove: finite,
  referenceSigma: finite,
  betas: z.record(name, finite),
  noiseSigma: finite,
  pegged: z.array(name).max(1000),
  depegProbability: finite,
  depegDepth: z.strictObject({ min: finite, max: finite }),
  withdrawalBase: finite,
  withdrawalSigma: finite,
  moveBounds: z.strictObject({ min: finite, max: finite }),
})

const inputs = {
  portfolio: name,
  fingerprint: z.string().regex(/^[0-9a-f]{64}$/),
  scenario: name,
  start: z.string().max(40),
  venue: name,
  pricing: z.enum(['book', 'historical']),
  crowd: count,
  set,
  positions: z.array(name).max(20_000),
}

const axis = z.strictObject({ axis: name, values: z.array(z.string().max(64)).min(1).max(256) })

const request = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('montecarlo'), ...inputs, seed: count, draws: count, model }),
  z.strictObject({ kind: z.literal('grid'), ...inputs, seed: count, x: axis, y: axis, draws: count.nullable(), model: model.nullable() }),
])

const binding = z.strictObject({
  position: name.nullable(),
  asset: name.nullable(),
  t: z.string().max(40),
  eventId: count,
  kind: z.enum(EVENT_KINDS),
  note: z.string().max(2000).nullable(),
})

const outcome = z.strictObject({
  survived: z.boolean(),
  finalEquity: z.string().regex(/^-?\d+(\.\d+)?$/),
  firstLiquidation: z.string().max(40).nullable(),
  adl: z.array(name).max(20_000),
  liquidated: z.array(name).max(20_000),
  binding: binding.nullable(),
})

const timing = z.strictObject({ wallMs: finite, runMs: finite, workers: count, runs: count, crowdsGenerated: count, crowdsReused: count, parts: count })

export const sweepPartSchema = z.strictObject({
  format: z.literal(SWEEP_PART_FORMAT),
  request,
  shard: z.strictObject({ index: count, count: count.min(1) }),
  tasks: count,
  rows: z.array(z.strictObject({ task: count, outcome })).max(10_000_000),
  timing: timing.optional(),
})

export function validateSweepPart(doc: unknown): DocumentResult<SweepPart> {
  const r = sweepPartSchema.safeParse(doc)
  return r.success ? { ok: true, value: r.data as SweepPart } : { ok: false, issues: toFieldIssues(r.error) }
}
