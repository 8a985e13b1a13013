// The `cascade.venue/1` schema and validator (docs/FORMATS.md §3). One source of truth: the JSON Schema in
// venue.schema.json is generated from this file (a test keeps it current). Beyond shapes it checks
// what would make the engine's figures wrong: bracket order, mmr below the initial margin rate,
// marginal collateral tiers, peg cycles, Aave's LT x bonus <= 1, and that every `unconfirmed`
// path points at a real field.
import { ASSET_CLASSES } from '../model/asset-class'
import { z } from 'zod'
import type { FieldIssue } from '../model/issues'
import {
  ADL_CLOSE_AT,
  ADL_METHODS,
  FEE_RECIPIENTS,
  REMAINDER_RECIPIENTS,
  MAINTENANCE_RULES,
  USD,
  VENUE_FORMAT,
  VENUE_KINDS,
  type VenueProfile,
} from '../model/venue'
import { checkDecimal, decimalField } from './decimal-field'
import { documentFormat, type DocumentResult } from './document-format'
import { idField } from './id-field'
import { numberFromText } from './json-text'
import { ASSET_PATTERN, SYMBOL_PATTERN } from './portfolio'
import { dec, ONE } from '../decimal'

const id = idField()
const asset = z.string().regex(ASSET_PATTERN, { error: 'must be an asset ticker such as BTC or USDe' })
const symbol = z.string().regex(SYMBOL_PATTERN, { error: 'must be a contract symbol such as BTCUSDT' })
const wholeNumber = (min: number, max: number) =>
  z.preprocess(numberFromText, z.number().int({ error: 'must be a whole number' }).min(min).max(max))

/** A rate in [0, 1] (collateral ratios, fees, shares): `decimalField` has no closed interval. */
function rateField() {
  return z
    .unknown()
    .transform((input, ctx): string => {
      const r = checkDecimal(input, 'nonNegative')
      if (!r.ok) {
        ctx.addIssue({ code: 'custom', message: r.message.replace('a decimal >= 0', 'a decimal between 0 and 1'), input })
        return z.NEVER
      }
      if (dec(r.value).gt(ONE)) {
        ctx.addIssue({ code: 'custom', message: `must be a decimal between 0 and 1, got ${JSON.stringify(r.value)}`, input })
        return z.NEVER
      }
      return r.value
    })
    .meta({
      'x-cascade-decimal': 'rate',
      description: 'a decimal between 0 and 1 (inclusive), as a string such as "0.95"',
      anyOf: [{ type: 'string', pattern: '^(0(\\.[0-9]+)?|1(\\.0+)?)$' }, { type: 'number', minimum: 0, maximum: 1 }],
    })
}

const source = z.strictObject({ url: z.url({ error: 'must be a URL' }).optional(), about: z.string().min(1).max(400) })
const unconfirmed = z.strictObject({ path: z.string().min(1).max(300), note: z.string().min(1).max(500) })
const peg = z.strictObject({
  to: z.string().refine((v) => v === USD || ASSET_PATTERN.test(v), { error: 'must be "USD" or an asset ticker' }),
  ratio: decimalField('positive'),
})
const fraction = z.strictObject({ numerator: decimalField('positive'), denominator: decimalField('positive') })

const bracket = z.strictObject({
  notionalCap: decimalField('positive').optional(),
  maxLeverage: decimalField('positive'),
  mmr: decimalField('unitInterval').optional(),
})
const contract = z.strictObject({ base: asset, quote: asset, brackets: z.array(bracket).min(1).max(100) })
const collateralTier = z.strictObject({
  upToValue: decimalField('positive').optional(),
  upToQty: decimalField('positive').optional(),
  ratio: rateField(),
})

const unified = z.strictObject({
  liquidationRatio: decimalField('positive'),
  reduceOnlyRatio: decimalField('positive').optional(),
  reminderRatio: decimalField('positive').optional(),
  defaultCollateralRatio: rateField().optional(),
  loanMmr: decimalField('unitInterval').optional(),
  ratioDisplay: z.strictObject({ name: z.string().min(1).max(40), form: z.enum(['ratio', 'percent', 'inverse-percent']) }).optional(),
})

const adlTrigger = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('insurance-shortfall') }),
  z.strictObject({
    kind: z.literal('pnl-drawdown'),
    windowSeconds: wholeNumber(1, 31_536_000),
    startBelow: decimalField('any'),
    stopAbove: decimalField('any'),
  }),
  z.strictObject({
    kind: z.literal('fund-threshold'),
    windowSeconds: wholeNumber(1, 31_536_000),
    dropShare: rateField(),
    minDrop: decimalField('nonNegative'),
  }),
  z.strictObject({ kind: z.literal('negative-equity') }),
])

const defaultCrowd = z.strictObject({
  size: wholeNumber(1, 100_000),
  seed: wholeNumber(0, 4_294_967_295),
  longShare: rateField(),
  minLeverage: decimalField('positive'),
  maxLeverage: decimalField('positive'),
  entrySpread: decimalField('unitInterval'),
  medianNotional: decimalField('positive'),
  maxNotional: decimalField('positive'),
})

const adl = z.strictObject({
  method: z.enum(ADL_METHODS),
  closeAt: z.enum(ADL_CLOSE_AT).default('bankruptcy'),
  trigger: adlTrigger.default({ kind: 'insurance-shortfall' }),
  defaultCrowd: defaultCrowd.optional(),
})

const liquidation = z.strictObject({
  feeRate: rateField(),
  feeTo: z.enum(FEE_RECIPIENTS).optional(),
  remainderTo: z.enum(REMAINDER_RECIPIENTS).optional(),
  partial: z
    .strictObject({ aboveNotional: decimalField('positive'), fraction: decimalField('unitInterval'), cooldownSeconds: wholeNumber(0, 86_400) })
    .optional(),
  backstop: z.strictObject({ equityBelowMaintenance: fraction, maintenanceReturned: z.boolean() }).optional(),
})

const markPrice = z.discriminatedUnion('method', [
  z.strictObject({ method: z.literal('median-ema-basis'), emaSeconds: wholeNumber(1, 86_400) }),
  z.strictObject({ method: z.literal('median-ma-basis'), windowSeconds: wholeNumber(1, 86_400) }),
  z.strictObject({ method: z.literal('index') }),
])

const insurance = z.strictObject({
  defaultFundId: id.optional(),
  funds: z
    .array(z.strictObject({ id, contracts: z.array(symbol).min(1).max(500), balance: decimalField('nonNegative') }))
    .max(100)
    .optional(),
  takeoverLimit: z
    .discriminatedUnion('kind', [z.strictObject({ kind: z.literal('net-notional'), share: decimalField('positive') }), z.strictObject({ kind: z.literal('maintenance') })])
    .optional(),
  offload: z.strictObject({ depthShare: rateField(), intervalSeconds: wholeNumber(1, 86_400), exit: z.enum(['taker', 'passive']).optional() }).optional(),
})

const conversionPricing = z.strictObject({
  since: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'must be a date such as 2025-10-14' }),
  about: z.string().min(1).max(1000),
  assets: z.record(
    asset,
    z.discriminatedUnion('method', [
      z.strictObject({ method: z.literal('conversion') }),
      z.strictObject({ method: z.literal('floor'), floor: rateField() }),
    ]),
  ),
})

const reserve = z.strictObject({
  ltv: rateField(),
  liquidationThreshold: decimalField('unitInterval'),
  liquidationBonus: decimalField('positive'),
  protocolFee: rateField(),
})
const eMode = z.strictObject({
  id: wholeNumber(1, 255),
  label: z.string().min(1).max(100),
  collateral: z.array(asset).min(1).max(100),
  borrowable: z.array(asset).min(1).max(100),
  ltv: rateField(),
  liquidationThreshold: decimalField('unitInterval'),
  liquidationBonus: decimalField('positive'),
})
const lendingParams = z.strictObject({
  closeFactor: decimalField('unitInterval'),
  fullCloseHealthFactor: decimalField('positive'),
  fullCloseBelowValue: decimalField('nonNegative'),
  minLeftoverValue: decimalField('nonNegative'),
  reserves: z.record(asset, reserve),
  eModes: z.array(eMode).max(50).default([]),
})

const header = {
  format: z.literal(VENUE_FORMAT),
  id,
  name: z.string().trim().min(1).max(200),
  snapshot: z.string().min(1).max(40).default('undated'),
  sources: z.array(source).max(200).default([]),
  unconfirmed: z.array(unconfirmed).max(500).default([]),
  pegs: z.record(asset, peg).default({}),
}

type Ctx = z.core.$RefinementCtx
type Path = (string | number)[]
const issue = (ctx: Ctx, path: Path, message: string) => ctx.addIssue({ code: 'custom', path, message })

export const exchangeSchema = z
  .strictObject({
    ...header,
    kind: z.literal('exchange').default('exchange'),
    maintenanceRule: z.enum(MAINTENANCE_RULES).default('table'),
    contracts: z.record(symbol, contract),
    collateral: z.record(asset, z.array(collateralTier).min(1).max(50)).default({}),
    marginAssets: z.array(asset).min(1).max(50).optional(),
    unified: unified.optional(),
    adl,
    liquidation,
    markPrice: markPrice.optional(),
    insuranceFund: decimalField('nonNegative'),
    insurance: insurance.optional(),
    conversionPricing: conversionPricing.optional(),
    defi: z.record(id, lendingParams).default({}),
    assetClasses: z.record(asset, z.enum(ASSET_CLASSES)).optional(),
  })
  .superRefine((doc, ctx) => {
    for (const [sym, c] of Object.entries(doc.contracts)) checkBrackets(ctx, ['contracts', sym, 'brackets'], c.brackets, doc.maintenanceRule)
    for (const [a, tiers] of Object.entries(doc.collateral)) checkTiers(ctx, ['collateral', a], tiers)
    if (doc.unified) checkUnified(ctx, doc.unified)
    checkAdl(ctx, doc.adl)
    if (doc.insurance) checkInsurance(ctx, doc.insurance, doc.contracts)
    for (const [p, params] of Object.entries(doc.defi)) checkLending(ctx, ['defi', p], params)
    checkPegs(ctx, doc.pegs)
    if (doc.conversionPricing) {
      for (const a of Object.keys(doc.conversionPricing.assets)) {
        if (!(a in doc.pegs)) issue(ctx, ['conversionPricing', 'assets', a], `"${a}" has no peg in pegs: a conversion or floor index prices an asset against its peg`)
      }
    }
    checkUnconfirmedPaths(ctx, doc)
  })

export const lendingSchema = z
  .strictObject({ ...header, kind: z.literal('lending'), lending: lendingParams })
  .superRefine((doc, ctx) => {
    checkLending(ctx, ['lending'], doc.lending)
    checkPegs(ctx, doc.pegs)
    checkUnconfirmedPaths(ctx, doc)
  })

/** Both kinds, for the generated JSON Schema; validation dispatches on `kind` for clear paths. */
export const venueSchema = z.union([exchangeSchema, lendingSchema])

function checkBrackets(ctx: Ctx, path: Path, brackets: z.output<typeof bracket>[], rule: string): void {
  brackets.forEach((b, i) => {
    const last = i === brackets.length - 1
    if (!last && b.notionalCap === undefined) issue(ctx, [...path, i, 'notionalCap'], 'required (only the last bracket may be open-ended)')
    if (i > 0) {
      const prev = brackets[i - 1]
      if (b.notionalCap !== undefined && prev.notionalCap !== undefined && dec(b.notionalCap).lte(dec(prev.notionalCap))) {
        issue(ctx, [...path, i, 'notionalCap'], `must be above the previous cap ${prev.notionalCap}, got "${b.notionalCap}"`)
      }
      if (b.mmr !== undefined && prev.mmr !== undefined && dec(b.mmr).lt(dec(prev.mmr))) {
        issue(ctx, [...path, i, 'mmr'], `must not be below the previous bracket's mmr ${prev.mmr}, got "${b.mmr}"`)
      }
    }
    if (rule === 'table' && b.mmr === undefined) issue(ctx, [...path, i, 'mmr'], 'required (maintenanceRule is "table")')
    if (rule === 'half-initial' && b.mmr !== undefined) issue(ctx, [...path, i, 'mmr'], 'must be absent: maintenanceRule "half-initial" derives it from maxLeverage')
    // A bracket whose maintenance rate is not below its initial rate 1/maxLeverage would be
    // liquidatable the moment it opened at full leverage.
    if (b.mmr !== undefined && dec(b.mmr).mul(dec(b.maxLeverage)).gte(ONE)) {
      issue(ctx, [...path, i, 'mmr'], `must be below the initial margin rate 1/${b.maxLeverage}, got "${b.mmr}"`)
    }
  })
}

function checkTiers(ctx: Ctx, path: Path, tiers: z.output<typeof collateralTier>[]): void {
  const byValue = tiers.some((t) => t.upToValue !== undefined)
  tiers.forEach((t, i) => {
    const bound = t.upToValue ?? t.upToQty
    const last = i === tiers.length - 1
    if (t.upToValue !== undefined && t.upToQty !== undefined) issue(ctx, [...path, i, 'upToQty'], 'give upToValue or upToQty, not both')
    else if (byValue && t.upToQty !== undefined) issue(ctx, [...path, i, 'upToQty'], 'all tiers of an asset must use the same bound (upToValue)')
    if (last && bound !== undefined) issue(ctx, [...path, i], 'the last tier must have no upper bound (it takes the rest)')
    if (!last && bound === undefined) issue(ctx, [...path, i], 'needs upToValue or upToQty (only the last tier is open-ended)')
    const prev = i > 0 ? (tiers[i - 1].upToValue ?? tiers[i - 1].upToQty) : undefined
    if (bound !== undefined && prev !== undefined && dec(bound).lte(dec(prev))) {
      issue(ctx, [...path, i, t.upToValue !== undefined ? 'upToValue' : 'upToQty'], `must be above the previous bound ${prev}, got "${bound}"`)
    }
  })
}

function checkUnified(ctx: Ctx, u: z.output<typeof unified>): void {
  const order: [keyof typeof u, keyof typeof u][] = [
    ['liquidationRatio', 'reduceOnlyRatio'],
    ['reduceOnlyRatio', 'reminderRatio'],
  ]
  for (const [lo, hi] of order) {
    const a = u[lo]
    const b = u[hi]
    if (typeof a === 'string' && typeof b === 'string' && dec(b).lt(dec(a))) issue(ctx, ['unified', hi], `must not be below ${lo} ${a}, got "${b}"`)
  }
}

function checkAdl(ctx: Ctx, a: z.output<typeof adl>): void {
  if (a.trigger.kind === 'pnl-drawdown' && dec(a.trigger.startBelow).gte(dec(a.trigger.stopAbove))) {
    issue(ctx, ['adl', 'trigger', 'stopAbove'], `must be above startBelow ${a.trigger.startBelow}, got "${a.trigger.stopAbove}"`)
  }
  const c = a.defaultCrowd
  if (c && dec(c.minLeverage).gt(dec(c.maxLeverage))) issue(ctx, ['adl', 'defaultCrowd', 'maxLeverage'], `must not be below minLeverage ${c.minLeverage}, got "${c.maxLeverage}"`)
  if (c && dec(c.medianNotional).gt(dec(c.maxNotional))) issue(ctx, ['adl', 'defaultCrowd', 'maxNotional'], `must not be below medianNotional ${c.medianNotional}, got "${c.maxNotional}"`)
}

function checkInsurance(ctx: Ctx, ins: z.output<typeof insurance>, contracts: Record<string, unknown>): void {
  const seen = new Map<string, string>()
  const ids = new Set([ins.defaultFundId ?? 'insurance'])
  ;(ins.funds ?? []).forEach((f, i) => {
    if (ids.has(f.id)) issue(ctx, ['insurance', 'funds', i, 'id'], `fund id "${f.id}" is used twice (the profile's insuranceFund is "${ins.defaultFundId ?? 'insurance'}")`)
    ids.add(f.id)
    f.contracts.forEach((c, j) => {
      if (!(c in contracts)) issue(ctx, ['insurance', 'funds', i, 'contracts', j], `unknown contract "${c}"; known: ${Object.keys(contracts).join(', ')}`)
      const other = seen.get(c)
      if (other !== undefined) issue(ctx, ['insurance', 'funds', i, 'contracts', j], `"${c}" is already served by fund "${other}"`)
      seen.set(c, f.id)
    })
  })
}

function checkLending(ctx: Ctx, path: Path, l: z.output<typeof lendingParams>): void {
  const params = [
    ...Object.entries(l.reserves).map(([a, r]) => ({ path: [...path, 'reserves', a], ...r })),
    ...l.eModes.map((e, i) => ({ path: [...path, 'eModes', i], ...e })),
  ]
  for (const p of params) {
    if (dec(p.ltv).gt(dec(p.liquidationThreshold))) issue(ctx, [...p.path, 'ltv'], `must not be above liquidationThreshold ${p.liquidationThreshold}, got "${p.ltv}"`)
    if (dec(p.liquidationBonus).lt(ONE)) issue(ctx, [...p.path, 'liquidationBonus'], `must be a multiplier of at least 1 (1.05 = 5% bonus), got "${p.liquidationBonus}"`)
    // Aave's configurator refuses LT x bonus > 100%: a liquidation would seize more than the collateral.
    else if (dec(p.liquidationThreshold).mul(dec(p.liquidationBonus)).gt(ONE)) {
      issue(ctx, [...p.path, 'liquidationBonus'], `liquidationThreshold x liquidationBonus must be at most 1, got ${p.liquidationThreshold} x ${p.liquidationBonus}`)
    }
  }
  l.eModes.forEach((e, i) => {
    for (const list of ['collateral', 'borrowable'] as const) {
      e[list].forEach((a, j) => {
        if (!(a in l.reserves)) issue(ctx, [...path, 'eModes', i, list, j], `unknown reserve "${a}"; known: ${Object.keys(l.reserves).join(', ')}`)
      })
    }
  })
}

function checkPegs(ctx: Ctx, pegs: Record<string, { to: string }>): void {
  for (const start of Object.keys(pegs)) {
    const seen = [start]
    let at = pegs[start].to
    while (at !== USD && pegs[at]) {
      if (seen.includes(at)) {
        issue(ctx, ['pegs', start, 'to'], `pegs form a cycle: ${[...seen, at].join(' -> ')}`)
        break
      }
      seen.push(at)
      at = pegs[at].to
    }
  }
}

/** `contracts.ETHUSDT.brackets[2].mmr` -> the value there, or undefined. */
export function resolveProfilePath(doc: unknown, path: string): unknown {
  let at: unknown = doc
  for (const part of path.split('.')) {
    const m = /^([^[\]]+)((?:\[\d+\])*)$/.exec(part)
    if (!m || typeof at !== 'object' || at === null) return undefined
    at = (at as Record<string, unknown>)[m[1]]
    for (const idx of m[2].match(/\d+/g) ?? []) {
      if (!Array.isArray(at)) return undefined
      at = at[Number(idx)]
    }
  }
  return at
}

function checkUnconfirmedPaths(ctx: Ctx, doc: { unconfirmed: { path: string }[] }): void {
  doc.unconfirmed.forEach((u, i) => {
    if (resolveProfilePath(doc, u.path) === undefined) issue(ctx, ['unconfirmed', i, 'path'], `points at nothing in this profile: "${u.path}"`)
  })
}

/** A profile's `kind` picks its schema, so an unknown kind is refused before the body. */
function checkKind(input: object): FieldIssue | null {
  const { kind } = input as { kind?: unknown }
  if (kind !== undefined && !(VENUE_KINDS as readonly unknown[]).includes(kind)) {
    return { path: 'kind', message: `must be one of ${VENUE_KINDS.map((k) => JSON.stringify(k)).join(', ')}, got ${JSON.stringify(kind)}` }
  }
  return null
}

const venueFormat = documentFormat<VenueProfile>({
  format: VENUE_FORMAT,
  schemaFor: (input) => ((input as { kind?: unknown }).kind === 'lending' ? lendingSchema : exchangeSchema),
  jsonSchemaSource: venueSchema,
  checkHeader: checkKind,
  title: 'Cascade venue profile (cascade.venue/1)',
  description:
    'An exchange (perpetual brackets, collateral tiers, ADL, liquidation rules) or a lending protocol (Aave-style reserves). Decimals are strings; bracket `cum` is derived, never written.',
})

export type VenueResult = DocumentResult<VenueProfile>

/** Validates a parsed profile; the value comes back normalised with defaults filled in. */
export const validateVenue = venueFormat.validate
/** Validates the text of a `.json` venue profile. */
export const parseVenueText = venueFormat.parseText
export const venueJsonSchema = venueFormat.jsonSchema
