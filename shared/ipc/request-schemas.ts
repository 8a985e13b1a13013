// Runtime schemas of every channel's request, checked on the main side before a handler runs.
// Documents inside a request (a portfolio) are checked by their own validator, so a bad
// document is `invalid-document` with field paths, a malformed request `invalid-payload`.
import { z } from 'zod'
import type { Channel } from './channels'
import { MAX_STORE_BYTES, RUN_LIST_PAGE } from './limits'

export { MAX_STORE_BYTES }

const id = z.string().min(1).max(100)
const none = z.union([z.undefined(), z.null()])
/** A file a user picks may be large, but not unbounded: 20 MB of text is far past any book. */
export const MAX_IMPORT_CHARS = 20_000_000
/** A file the user chose in a dialog, read by the renderer: its name (for messages) and text. */
const chosenFile = z.strictObject({
  fileName: z.string().min(1).max(1000),
  text: z.string().max(MAX_IMPORT_CHARS, { error: `file is too large (more than ${MAX_IMPORT_CHARS} characters)` }),
})

/** Bounded maps from the renderer: a book holds at most 5,000 positions and 500 assets. */
const boundedRecord = (key: z.ZodString, max: number) =>
  z.record(key, z.string().max(100)).refine((r) => Object.keys(r).length <= max, { error: `at most ${max} entries` })
/** The venue, margin mode and marks chosen for a CSV of positions (docs/FORMATS.md §2.4). */
const importOptions = z.strictObject({
  venue: id.optional(),
  marginMode: z.enum(['cross', 'isolated', 'portfolio']).optional(),
  prices: boundedRecord(z.string().max(40), 500).optional(),
  skipInvalid: z.boolean().optional(),
  name: z.string().max(200).optional(),
})
const fileToImport = chosenFile.extend({ options: importOptions.optional() })

const MAX_STORE_BASE64 = Math.ceil(MAX_STORE_BYTES / 3) * 4

// A study's what-if axes and values (`shock:BTC` = "-0.2"): checked in shape here, in meaning by the
// engine's own parser (shared/engine/whatif/axes.ts), which names the axis in its findings.
const axisName = z.string().min(1).max(64)
const axisValue = z.string().min(1).max(64)
const whatIfSet = z.record(axisName, axisValue).refine((r) => Object.keys(r).length <= 200, { error: 'at most 200 axes' })
const draws = z.number().int().min(1).max(1_000_000)
const axisRange = z.strictObject({ axis: axisName, from: axisValue, to: axisValue, count: z.number().int().min(1).max(256) })

export const requestSchemas = {
  'app:info': none,
  'venue:list': none,
  'venue:import': chosenFile,
  'portfolio:list': none,
  'portfolio:get': z.strictObject({ id }),
  'portfolio:save': z.strictObject({ id: id.optional(), doc: z.unknown() }),
  'portfolio:delete': z.strictObject({ id }),
  'portfolio:duplicate': z.strictObject({ id }),
  'portfolio:import': fileToImport,
  'portfolio:importPreview': fileToImport,
  'portfolio:export': z.strictObject({ id }),
  'portfolio:metrics': z.strictObject({ doc: z.unknown(), explain: z.boolean().optional() }),
  'portfolio:templates': none,
  'portfolio:calculator': z.strictObject({ doc: z.unknown(), exits: boundedRecord(id, 5000).optional() }),
  'scenario:list': none,
  'scenario:get': z.strictObject({ id, venue: id.optional() }),
  'scenario:save': z.strictObject({ doc: z.unknown() }),
  // The name's own rules (1-200 characters) are the scenario format's: the handler checks the renamed document.
  'scenario:rename': z.strictObject({ id, name: z.string().max(1000) }),
  'scenario:delete': z.strictObject({ id }),
  'whatif:metrics': z.strictObject({ doc: z.unknown(), scenario: z.unknown(), pricing: z.enum(['book', 'historical']).optional(), collateralPricing: z.enum(['market', 'conversion']).optional() }),
  'run:start': z.strictObject({
    portfolioId: id,
    scenarioId: id.optional(),
    scenario: z.unknown().optional(),
    seed: z.number().int().min(0).max(2 ** 32 - 1).optional(),
    pricing: z.enum(['book', 'historical']).optional(),
    set: whatIfSet.optional(),
    collateralPricing: z.enum(['market', 'conversion']).optional(),
  }),
  'run:cancel': z.strictObject({ id }),
  'run:get': z.strictObject({ id }),
  'run:list': z.union([none, z.strictObject({ after: z.strictObject({ createdAt: z.string().min(1).max(64), id }).optional(), limit: z.number().int().min(1).max(RUN_LIST_PAGE).optional() })]),
  'run:export': z.strictObject({ id, format: z.enum(['jsonl', 'csv']) }),
  'study:start': z.strictObject({
    portfolioId: id,
    scenarioId: id.optional(),
    scenario: z.unknown().optional(),
    seed: z.number().int().min(0).max(2 ** 32 - 1).optional(),
    crowd: z.number().int().min(1).max(10_000_000).optional(),
    pricing: z.enum(['book', 'historical']).optional(),
    set: whatIfSet.optional(),
    model: z.record(z.string().max(40), z.unknown()).optional(),
    study: z.discriminatedUnion('kind', [
      z.strictObject({ kind: z.literal('montecarlo'), draws: draws }),
      z.strictObject({ kind: z.literal('grid'), x: axisRange, y: axisRange, draws: draws.optional() }),
      z.strictObject({
        kind: z.literal('solve'),
        axis: axisName,
        from: axisValue.optional(),
        to: axisValue.optional(),
        step: axisValue.optional(),
        probes: z.number().int().min(1).max(256).optional(),
        target: z.strictObject({ p: z.number().gt(0).max(1), draws }).optional(),
      }),
    ]),
  }),
  'study:cancel': z.strictObject({ id }),
  'study:get': z.strictObject({ id }),
  'study:list': none,
  'study:delete': z.strictObject({ id }),
  'study:export': z.strictObject({ id, format: z.enum(['json', 'csv']) }),
  'run:delete': z.strictObject({ id }),
  'run:report': z.strictObject({ id, format: z.enum(['html', 'pdf']), lang: z.enum(['en', 'ja', 'zh-CN']).optional() }),
  'store:backup': none,
  'store:restore': z.strictObject({
    fileName: z.string().min(1).max(1000),
    // Larger files are refused by the renderer before it reads them (it says to use `cascade restore`).
    base64: z.string().max(MAX_STORE_BASE64).regex(/^[A-Za-z0-9+/]*={0,2}$/, { error: 'must be base64' }),
  }),
  'store:quarantine': none,
} satisfies Record<Channel, z.ZodType>
