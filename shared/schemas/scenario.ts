// The `cascade.scenario/1` schema and validator (docs/FORMATS.md §4). One source of truth:
// scenario.schema.json is generated from this file (a test keeps it current). Field shapes are
// checked by zod; rules that tie fields together (times inside the window, known assets,
// increasing depth, leverage within the maintenance rate) by `checkScenarioRules` below.
import { ASSET_CLASSES } from '../model/asset-class'
import Decimal from 'decimal.js'
import { z } from 'zod'
import {
  CALIBRATION_METRICS,
  COLLATERAL_INDEX_METHODS,
  COLLATERAL_PRICING,
  DEPEG_SCOPES,
  NUMERAIRE,
  SCENARIO_DEFAULTS,
  SCENARIO_FORMAT,
  durationMs,
  isoTimeMs,
  type PathPoint,
  type Range,
  type Scenario,
} from '../model/scenario'
import { decimalField } from './decimal-field'
import { documentFormat, type DocumentResult } from './document-format'
import { idField } from './id-field'
import { numberFromText } from './json-text'
import { shown } from './shown-input'
import { ASSET_PATTERN, SYMBOL_PATTERN } from './portfolio'

/** Ceilings that keep a run inside its time budget and a file inside reason. */
export const SCENARIO_LIMITS = {
  /** 200k steps = 55 h at 1 s: beyond it a scenario wants a coarser step. */
  steps: 200_000,
  pathPoints: 10_000,
  shocks: 500,
  assets: 500,
  depthBands: 8,
  crowdAccounts: 2_000_000,
  cohortAccounts: 1_000_000,
  contracts: 500,
  calibration: 100,
  inputs: 200,
  outages: 100,
} as const

const ISO_EXAMPLE = '2025-10-10T20:00:00Z'

/** A string field checked by a parser, with the "must be X, got Y" wording of the other formats. */
function parsedText(parse: (s: string) => number | null, expected: string, pattern: RegExp) {
  return z
    .unknown()
    .transform((input, ctx): string => {
      if (typeof input === 'string' && parse(input) !== null) return input
      ctx.addIssue({ code: 'custom', message: `must be ${expected}, got ${shown(input)}`, input })
      return z.NEVER
    })
    .meta({ type: 'string', pattern: pattern.source, description: expected })
}

const isoTime = parsedText(isoTimeMs, `an ISO UTC time such as ${ISO_EXAMPLE}`, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/)
const duration = parsedText(durationMs, 'a duration such as "1s", "500ms", "5m" or "1h"', /^[1-9][0-9]{0,8}(ms|s|m|h)$/)
const asset = z.string().regex(ASSET_PATTERN, { error: 'must be an asset ticker such as BTC or USDe' })
const id = idField()
const wholeNumber = (min: number, max: number) =>
  z.preprocess(numberFromText, z.number().int({ error: 'must be a whole number' }).min(min).max(max))

const pathOf = (value: ReturnType<typeof decimalField>) => z.array(z.tuple([isoTime, value])).min(1).max(SCENARIO_LIMITS.pathPoints)
const weights = z.record(asset, decimalField('positive'))
const range = (rule: 'positive' | 'unitInterval') => z.strictObject({ min: decimalField(rule), max: decimalField(rule) })
const wholeRange = (min: number, max: number) => z.strictObject({ min: wholeNumber(min, max), max: wholeNumber(min, max) })

const leverage = z.strictObject({
  median: decimalField('positive'),
  sigma: decimalField('nonNegative'),
  min: decimalField('positive'),
  max: decimalField('positive'),
})

const size = z.discriminatedUnion('distribution', [
  z.strictObject({ distribution: z.literal('pareto'), alpha: decimalField('positive'), maxRatio: decimalField('positive') }),
  z.strictObject({ distribution: z.literal('lognormal'), sigma: decimalField('positive') }),
])

const contract = z.strictObject({
  base: asset,
  openInterest: decimalField('positive'),
  longShare: decimalField('nonNegative').optional(),
  accountShare: decimalField('positive').optional(),
  leverage: leverage.optional(),
  maintenanceMarginRate: decimalField('unitInterval').optional(),
  venueContract: z.string().regex(SYMBOL_PATTERN, { error: 'must be a contract symbol such as DOGE or DOGEUSDT' }).optional(),
})

const loopers = z.strictObject({
  accounts: wholeNumber(1, SCENARIO_LIMITS.cohortAccounts),
  capital: decimalField('positive'),
  asset,
  borrow: asset,
  ltv: range('unitInterval'),
  loops: wholeRange(0, 50),
  liquidationThreshold: decimalField('unitInterval'),
})

const whales = z.strictObject({
  accounts: wholeNumber(1, SCENARIO_LIMITS.cohortAccounts),
  collateralValue: decimalField('positive'),
  collateral: weights,
  loanLtv: range('unitInterval'),
  liquidationThreshold: decimalField('unitInterval'),
  loop: z.strictObject({ asset, ltv: range('unitInterval'), loops: wholeRange(0, 50), liquidationThreshold: decimalField('unitInterval') }),
})

const marketMakers = z.strictObject({
  accounts: wholeNumber(1, SCENARIO_LIMITS.cohortAccounts),
  inventoryValue: decimalField('positive'),
  inventory: weights,
  leverage: range('positive'),
  collateralRates: z.record(asset, decimalField('positive')).default({}),
  liquidationRatio: decimalField('positive'),
})

const crowd = z.strictObject({
  accounts: wholeNumber(0, SCENARIO_LIMITS.crowdAccounts),
  longShare: decimalField('nonNegative'),
  seed: wholeNumber(0, 0xffffffff),
  leverage: leverage.default({ ...SCENARIO_DEFAULTS.leverage }),
  size: size.default({ ...SCENARIO_DEFAULTS.size }),
  entry: z.strictObject({ spread: decimalField('nonNegative'), drift: decimalField('any') }).default({ ...SCENARIO_DEFAULTS.entry }),
  maintenanceMarginRate: decimalField('unitInterval').default(SCENARIO_DEFAULTS.maintenanceMarginRate),
  maxAccountShare: decimalField('unitInterval').default(SCENARIO_DEFAULTS.maxAccountShare),
  tail: z.strictObject({ population: wholeNumber(2, SCENARIO_LIMITS.crowdAccounts), top: decimalField('unitInterval') }).optional(),
  crossShare: decimalField('nonNegative').optional(),
  hedgedShare: decimalField('nonNegative').optional(),
  contracts: z.record(z.string().regex(SYMBOL_PATTERN, { error: 'must be a contract symbol such as BTCUSDT' }), contract).default({}),
  loopers: loopers.optional(),
  whales: whales.optional(),
  marketMakers: marketMakers.optional(),
})

const impactModel = z.discriminatedUnion('model', [
  z.strictObject({ model: z.literal('book'), resilienceHalfLife: duration.optional() }),
  z.strictObject({
    model: z.literal('sqrt'),
    sigma: decimalField('positive'),
    dailyVolume: decimalField('positive'),
    y: decimalField('positive'),
    resilienceHalfLife: duration.optional(),
  }),
])

const calibrationTarget = z.strictObject({
  metric: z.enum(CALIBRATION_METRICS),
  asset: asset.optional(),
  fund: id.optional(),
  target: decimalField('any'),
  relativeTolerance: decimalField('positive').optional(),
  absoluteTolerance: decimalField('positive').optional(),
  source: z.string().trim().min(1).max(1000),
  url: z.url({ error: 'must be a URL' }).max(1000).optional(),
  status: z.literal('open').optional(),
  atLeast: z.boolean().optional(),
})

const inputFigure = z.strictObject({
  field: z.string().trim().min(1).max(300),
  value: z.string().trim().min(1).max(300),
  source: z.string().trim().min(1).max(1000),
  url: z.url({ error: 'must be a URL' }).max(1000).optional(),
})

const venueShare = z.strictObject({
  share: decimalField('unitInterval'),
  source: z.string().trim().min(1).max(1000),
  url: z.url({ error: 'must be a URL' }).max(1000).optional(),
})

const collateralIndexRule = z.discriminatedUnion('method', [
  z.strictObject({ method: z.literal(COLLATERAL_INDEX_METHODS[0]) }),
  z.strictObject({ method: z.literal(COLLATERAL_INDEX_METHODS[1]), floor: decimalField('unitInterval') }),
])

export const scenarioSchema = z
  .strictObject({
    format: z.literal(SCENARIO_FORMAT),
    id,
    name: z.string().trim().min(1).max(200),
    description: z.string().max(4000).optional(),
    venue: idField('venue').optional(),
    start: isoTime,
    end: isoTime,
    step: duration,
    prices: z.record(asset, decimalField('positive')),
    pegs: z.record(asset, z.strictObject({ to: asset, ratio: decimalField('positive') })).default({}),
    shocks: z.array(z.strictObject({ asset, path: pathOf(decimalField('any')) })).max(SCENARIO_LIMITS.shocks).default([]),
    depegs: z
      .array(z.strictObject({ asset, scope: z.enum(DEPEG_SCOPES).default('venue'), path: pathOf(decimalField('nonNegative')) }))
      .max(SCENARIO_LIMITS.shocks)
      .default([]),
    depth: z.record(asset, z.record(z.string(), decimalField('positive'))).default({}),
    makerWithdrawal: z.array(z.tuple([isoTime, decimalField('positive')])).max(SCENARIO_LIMITS.pathPoints).default([]),
    makerWithdrawalByAsset: z.record(asset, pathOf(decimalField('positive'))).default({}),
    impactModel: z.record(asset, impactModel).default({}),
    resilienceHalfLife: duration.default(SCENARIO_DEFAULTS.resilienceHalfLife),
    farBookDensity: decimalField('positive').default(SCENARIO_DEFAULTS.farBookDensity),
    collateralPricing: z.enum(COLLATERAL_PRICING),
    insuranceFund: decimalField('nonNegative').optional(),
    circuitBreaker: z
      .strictObject({
        moveFraction: decimalField('unitInterval'),
        windowSeconds: wholeNumber(1, 86_400),
        haltSeconds: wholeNumber(1, 86_400),
      })
      .nullable()
      .default(null),
    outages: z
      .array(z.strictObject({ from: isoTime, to: isoTime, note: z.string().trim().min(1).max(400) }))
      .max(SCENARIO_LIMITS.outages)
      .default([]),
    collateralIndex: z.record(asset, collateralIndexRule).default({}),
    crowd,
    calibration: z.array(calibrationTarget).max(SCENARIO_LIMITS.calibration).default([]),
    inputs: z.array(inputFigure).max(SCENARIO_LIMITS.inputs).default([]),
    venueShares: z.record(z.union([z.literal('default'), idField()]), venueShare).optional(),
    classes: z.partialRecord(z.enum(ASSET_CLASSES), z.union([z.strictObject({ like: asset }), z.strictObject({ peg: z.string().min(1).max(20) })])).optional(),
  })
  .superRefine((doc, ctx) => {
    checkScenarioRules(doc as Scenario, (path, message) => ctx.addIssue({ code: 'custom', path, message }))
  })

type AddIssue = (path: (string | number)[], message: string) => void

/** Cross-field rules; each finding names the path of the field at fault. */
export function checkScenarioRules(doc: Scenario, add: AddIssue): void {
  const known = checkAssets(doc, add)
  const window = checkWindow(doc, add)
  if (window) checkPaths(doc, window, add)
  checkDepth(doc, known, add)
  checkImpactModels(doc, known, add)
  checkCrowd(doc, known, add)
  checkCalibration(doc, known, add)
  checkClasses(doc, known, add)
  if (window) checkOutages(doc, window, add)
  checkCollateralIndex(doc, known, add)
  if (doc.venueShares !== undefined && !doc.venueShares.default) {
    add(['venueShares', 'default'], 'required: the share of a venue the table does not list')
  }
  if (doc.venue !== undefined && doc.venueShares !== undefined) {
    add(['venueShares'], 'belongs to a date\'s market file, which names no venue: remove venue or venueShares')
  }
}

/** Outages lie in the window, end after they start and do not overlap. */
function checkOutages(doc: Scenario, window: Window, add: AddIssue): void {
  let previousEnd = -Infinity
  doc.outages.forEach((o, i) => {
    const from = isoTimeMs(o.from)
    const to = isoTimeMs(o.to)
    if (from === null || to === null) return
    if (from < window.start || to > window.end) add(['outages', i, 'from'], `must lie inside start..end, got ${o.from}..${o.to}`)
    else if (to <= from) add(['outages', i, 'to'], `must be after from (${o.from}), got ${shown(o.to)}`)
    else if (from < previousEnd) add(['outages', i, 'from'], 'outages must be in time order and not overlap')
    previousEnd = Math.max(previousEnd, to)
  })
}

/** A conversion or floor rule prices an asset against its peg, so the asset must be pegged. */
function checkCollateralIndex(doc: Scenario, known: Set<string>, add: AddIssue): void {
  for (const name of Object.keys(doc.collateralIndex)) {
    if (!known.has(name)) add(['collateralIndex', name], `must be an asset of prices or pegs, got ${shown(name)}`)
    else if (!(name in doc.pegs)) add(['collateralIndex', name], `"${name}" has no peg: a conversion or floor rule prices an asset against its peg (pegs.${name})`)
  }
}

/** A class moves `like` an asset the preset prices (not a pegged one), or pegs to a known asset or USD. */
function checkClasses(doc: Scenario, known: Set<string>, add: AddIssue): void {
  for (const [name, spec] of Object.entries(doc.classes ?? {})) {
    if (!spec) continue
    if ('like' in spec) {
      if (!(spec.like in doc.prices)) add(['classes', name, 'like'], `must be an asset of prices, got ${shown(spec.like)}`)
    } else if (spec.peg !== NUMERAIRE && !known.has(spec.peg) && !Object.values(doc.classes ?? {}).some((s) => s && 'like' in s)) {
      add(['classes', name, 'peg'], `must be "${NUMERAIRE}" or an asset of prices or pegs, got ${shown(spec.peg)}`)
    }
  }
}

/** Assets that exist in this scenario: priced ones and pegged ones. */
function checkAssets(doc: Scenario, add: AddIssue): Set<string> {
  const priced = new Set(Object.keys(doc.prices))
  if (priced.size === 0) add(['prices'], 'needs at least one asset price')
  if (priced.size + Object.keys(doc.pegs).length > SCENARIO_LIMITS.assets) add(['prices'], `too many assets (at most ${SCENARIO_LIMITS.assets} with pegs)`)
  for (const [name, peg] of Object.entries(doc.pegs)) {
    if (priced.has(name)) add(['pegs', name], `"${name}" is also in prices: a pegged asset's start price comes from its peg, remove it from prices`)
    if (name === NUMERAIRE) add(['pegs', name], `"${NUMERAIRE}" is the unit of account and cannot be pegged`)
    if (peg.to !== NUMERAIRE && !priced.has(peg.to)) {
      add(['pegs', name, 'to'], `must be "${NUMERAIRE}" or an asset of prices, got ${shown(peg.to)}`)
    }
  }
  return new Set([...priced, ...Object.keys(doc.pegs)])
}

interface Window {
  start: number
  end: number
}

function checkWindow(doc: Scenario, add: AddIssue): Window | null {
  const start = isoTimeMs(doc.start)
  const end = isoTimeMs(doc.end)
  const step = durationMs(doc.step)
  if (start === null || end === null || step === null) return null
  if (end <= start) {
    add(['end'], `must be after start (${doc.start}), got ${shown(doc.end)}`)
    return null
  }
  const span = end - start
  if (span % step !== 0) add(['step'], `must divide the window ${doc.start}..${doc.end} (${span / 1000} s) into whole steps, got ${shown(doc.step)}`)
  else if (span / step > SCENARIO_LIMITS.steps) {
    add(['step'], `gives ${span / step} steps; at most ${SCENARIO_LIMITS.steps}: use a coarser step or a shorter window`)
  }
  return { start, end }
}

/**
 * Path times lie in the window and increase. Shock and depeg paths start from an implicit 0
 * at `start`, so their points must come after it.
 */
function checkPathTimes(path: PathPoint[], base: (string | number)[], window: Window, afterStart: boolean, add: AddIssue): void {
  let previous = -Infinity
  path.forEach(([time], i) => {
    const t = isoTimeMs(time)
    if (t === null) return
    const where = [...base, i, 0]
    if (t < window.start || t > window.end || (afterStart && t === window.start)) {
      add(where, `must be an ISO time inside start..end${afterStart ? ' and after start (the path starts at 0 there)' : ''}, got ${shown(time)}`)
    } else if (t <= previous) add(where, `times must increase: ${time} is not after the previous point`)
    previous = Math.max(previous, t)
  })
}

function checkPaths(doc: Scenario, window: Window, add: AddIssue): void {
  const shocked = new Map<string, number>()
  doc.shocks.forEach((shock, i) => {
    checkPathTimes(shock.path, ['shocks', i, 'path'], window, true, add)
    if (!(shock.asset in doc.prices)) {
      const hint = shock.asset in doc.pegs ? ' (a pegged asset moves through depegs)' : ''
      add(['shocks', i, 'asset'], `must be an asset of prices${hint}, got ${shown(shock.asset)}`)
    }
    const first = shocked.get(shock.asset)
    if (first !== undefined) add(['shocks', i, 'asset'], `duplicate shock for "${shock.asset}" (also shocks[${first}])`)
    else shocked.set(shock.asset, i)
    shock.path.forEach(([, move], j) => {
      if (Number(move) <= -1) add(['shocks', i, 'path', j, 1], `must be a relative move above -1 (a price stays positive), got "${move}"`)
    })
  })
  const depegged = new Map<string, number>()
  doc.depegs.forEach((depeg, i) => {
    checkPathTimes(depeg.path, ['depegs', i, 'path'], window, true, add)
    if (!(depeg.asset in doc.pegs)) add(['depegs', i, 'asset'], `must be an asset of pegs, got ${shown(depeg.asset)}`)
    const first = depegged.get(depeg.asset)
    if (first !== undefined) add(['depegs', i, 'asset'], `duplicate depeg for "${depeg.asset}" (also depegs[${first}])`)
    else depegged.set(depeg.asset, i)
    depeg.path.forEach(([, fraction], j) => {
      if (Number(fraction) >= 1) add(['depegs', i, 'path', j, 1], `must be a depeg fraction below 1, got "${fraction}"`)
    })
  })
  checkPathTimes(doc.makerWithdrawal, ['makerWithdrawal'], window, false, add)
  for (const [name, path] of Object.entries(doc.makerWithdrawalByAsset)) {
    checkPathTimes(path, ['makerWithdrawalByAsset', name], window, false, add)
  }
}

const DISTANCE = /^0\.[0-9]+$/

function checkDepth(doc: Scenario, known: Set<string>, add: AddIssue): void {
  for (const [name, bands] of Object.entries(doc.depth)) {
    if (!known.has(name)) add(['depth', name], `must be an asset of prices or pegs, got ${shown(name)}`)
    const entries = Object.entries(bands)
    if (entries.length === 0) add(['depth', name], 'needs at least one band such as "0.01"')
    if (entries.length > SCENARIO_LIMITS.depthBands) add(['depth', name], `has too many bands (at most ${SCENARIO_LIMITS.depthBands})`)
    const parsed: [number, number, string][] = []
    for (const [key, usd] of entries) {
      if (!DISTANCE.test(key) || Number(key) <= 0 || Number(key) >= 0.5) {
        add(['depth', name, key], `must be a relative distance between 0 and 0.5 such as "0.01", got ${shown(key)}`)
      } else parsed.push([Number(key), Number(usd), key])
    }
    parsed.sort((a, b) => a[0] - b[0])
    for (let i = 1; i < parsed.length; i++) {
      if (parsed[i][0] === parsed[i - 1][0]) add(['depth', name, parsed[i][2]], `repeats the distance of "${parsed[i - 1][2]}"`)
      else if (parsed[i][1] <= parsed[i - 1][1]) {
        add(['depth', name, parsed[i][2]], `must be more than the depth within "${parsed[i - 1][2]}" (depth is cumulative), got "${bands[parsed[i][2]]}"`)
      }
    }
  }
  for (const name of Object.keys(doc.makerWithdrawalByAsset)) {
    if (!known.has(name)) add(['makerWithdrawalByAsset', name], `must be an asset of prices or pegs, got ${shown(name)}`)
  }
}

function checkImpactModels(doc: Scenario, known: Set<string>, add: AddIssue): void {
  for (const [name, model] of Object.entries(doc.impactModel)) {
    if (!known.has(name)) add(['impactModel', name], `must be an asset of prices or pegs, got ${shown(name)}`)
    else if (model.model === 'book' && !(name in doc.depth)) add(['impactModel', name, 'model'], `"book" needs depth.${name}`)
  }
}

function checkRange(r: Range, path: (string | number)[], add: AddIssue): void {
  if (Number(r.min) > Number(r.max)) add([...path, 'min'], `must be at most max (${r.max}), got "${r.min}"`)
}

function checkWeights(w: Record<string, string>, path: (string | number)[], known: Set<string>, add: AddIssue): void {
  const names = Object.keys(w)
  if (names.length === 0) add(path, 'needs at least one asset weight')
  for (const name of names) if (!known.has(name)) add([...path, name], `must be an asset of prices or pegs, got ${shown(name)}`)
  // Exact decimal sum: "0.1" + "0.2" + "0.7" is 1, not 0.9999999999999999.
  const sum = Object.values(w).reduce((s, v) => s.plus(v), new Decimal(0))
  if (names.length > 0 && !sum.eq(1)) add(path, `weights must sum to 1, got ${sum.toString()}`)
}

function checkCrowd(doc: Scenario, known: Set<string>, add: AddIssue): void {
  const c = doc.crowd
  if (Number(c.longShare) > 1) add(['crowd', 'longShare'], `must be a decimal between 0 and 1, got "${c.longShare}"`)
  for (const key of ['crossShare', 'hedgedShare'] as const) {
    const v = c[key]
    if (v !== undefined && Number(v) > 1) add(['crowd', key], `must be a decimal between 0 and 1, got "${v}"`)
  }
  const checkLeverage = (lev: Scenario['crowd']['leverage'], mmr: string, path: (string | number)[]) => {
    if (Number(lev.min) < 1) add([...path, 'min'], `must be at least 1, got "${lev.min}"`)
    checkRange(lev, path, add)
    if (Number(lev.median) < Number(lev.min) || Number(lev.median) > Number(lev.max)) add([...path, 'median'], `must lie between min and max, got "${lev.median}"`)
    // Why: at leverage L the initial margin rate is 1/L; a venue keeps it at least twice the maintenance
    // rate (docs/VENUE-RULES.md §1.2: max leverage ~ 1/(2 x MMR)), otherwise a position opens already liquidated.
    const cap = 1 / (2 * Number(mmr))
    if (Number(lev.max) > cap + 1e-9) add([...path, 'max'], `must be at most 1/(2 x maintenanceMarginRate) = ${cap}, got "${lev.max}"`)
  }
  checkLeverage(c.leverage, c.maintenanceMarginRate, ['crowd', 'leverage'])
  if (c.size.distribution === 'pareto' && Number(c.size.maxRatio) <= 1) add(['crowd', 'size', 'maxRatio'], `must be more than 1, got "${c.size.maxRatio}"`)
  // The tail's order statistics are drawn from the Pareto law's quantile (shared/engine/crowd/tail.ts).
  if (c.tail && c.size.distribution !== 'pareto') add(['crowd', 'tail'], `needs crowd.size.distribution "pareto", got "${c.size.distribution}"`)
  const contracts = Object.entries(c.contracts)
  if (contracts.length > SCENARIO_LIMITS.contracts) add(['crowd', 'contracts'], `has too many entries (at most ${SCENARIO_LIMITS.contracts})`)
  // Every contract needs a long and a short trader for its open interest to be represented (a
  // count the field itself refuses, below 0 or not whole, is not refused twice).
  if (contracts.length > 0 && Number.isInteger(c.accounts) && c.accounts >= 0 && c.accounts < 2 * contracts.length) {
    add(['crowd', 'accounts'], `must be at least 2 per contract (${2 * contracts.length} for ${contracts.length} contracts), got ${c.accounts}`)
  }
  const shares = contracts.filter(([, k]) => k.accountShare !== undefined)
  const shareSum = shares.reduce((s, [, k]) => s.plus(k.accountShare!), new Decimal(0))
  if (shareSum.gt(1) || (shares.length === contracts.length && shares.length > 0 && !shareSum.eq(1))) {
    add(['crowd', 'contracts'], `accountShare values must sum to ${shares.length === contracts.length ? '1 when every contract gives one' : 'at most 1'}, got ${shareSum.toString()}`)
  }
  for (const [symbol, k] of contracts) {
    const path = ['crowd', 'contracts', symbol]
    if (!(k.base in doc.prices)) add([...path, 'base'], `must be an asset of prices, got ${shown(k.base)}`)
    if (k.longShare !== undefined && Number(k.longShare) > 1) add([...path, 'longShare'], `must be a decimal between 0 and 1, got "${k.longShare}"`)
    checkLeverage(k.leverage ?? c.leverage, k.maintenanceMarginRate ?? c.maintenanceMarginRate, [...path, k.leverage ? 'leverage' : 'maintenanceMarginRate'])
  }
  if (c.loopers) {
    const l = c.loopers
    const path = ['crowd', 'loopers']
    if (!known.has(l.asset)) add([...path, 'asset'], `must be an asset of prices or pegs, got ${shown(l.asset)}`)
    if (l.borrow === l.asset) add([...path, 'borrow'], 'must differ from the supplied asset')
    checkLoopShape(l.ltv, l.loops, l.liquidationThreshold, path, add)
  }
  if (c.whales) {
    const w = c.whales
    const path = ['crowd', 'whales']
    checkWeights(w.collateral, [...path, 'collateral'], known, add)
    checkRange(w.loanLtv, [...path, 'loanLtv'], add)
    if (Number(w.loanLtv.max) >= Number(w.liquidationThreshold)) add([...path, 'loanLtv', 'max'], `must be below liquidationThreshold (${w.liquidationThreshold}), got "${w.loanLtv.max}"`)
    if (!known.has(w.loop.asset)) add([...path, 'loop', 'asset'], `must be an asset of prices or pegs, got ${shown(w.loop.asset)}`)
    checkLoopShape(w.loop.ltv, w.loop.loops, w.loop.liquidationThreshold, [...path, 'loop'], add)
  }
  if (c.marketMakers) {
    const m = c.marketMakers
    const path = ['crowd', 'marketMakers']
    checkWeights(m.inventory, [...path, 'inventory'], known, add)
    checkRange(m.leverage, [...path, 'leverage'], add)
    if (Number(m.leverage.min) < 1) add([...path, 'leverage', 'min'], `must be at least 1, got "${m.leverage.min}"`)
    for (const [name, rate] of Object.entries(m.collateralRates)) {
      if (!known.has(name)) add([...path, 'collateralRates', name], `must be an asset of prices or pegs, got ${shown(name)}`)
      if (Number(rate) > 1) add([...path, 'collateralRates', name], `must be a collateral ratio between 0 and 1, got "${rate}"`)
    }
    if (Number(m.liquidationRatio) < 1) add([...path, 'liquidationRatio'], `must be at least 1, got "${m.liquidationRatio}"`)
    // Why: haircut inventory / liability at start = sum(w x rate) x L / (L - 1); an account must start
    // above the liquidation ratio, so the highest leverage is bounded.
    const haircut = Object.entries(m.inventory).reduce((s, [name, w]) => s + Number(w) * Number(m.collateralRates[name] ?? '1'), 0)
    const lev = Number(m.leverage.max)
    if (lev > 1 && (haircut * lev) / (lev - 1) <= Number(m.liquidationRatio)) {
      add([...path, 'leverage', 'max'], `accounts at this leverage start below liquidationRatio (haircut inventory ${(haircut * lev) / (lev - 1)} of the liability), got "${m.leverage.max}"`)
    }
  }
}

/** A loop stays healthy at start only if its threshold is above the LTV it borrows at (docs/VENUE-RULES.md §4.3). */
function checkLoopShape(ltv: Range, loops: { min: number; max: number }, threshold: string, path: (string | number)[], add: AddIssue): void {
  checkRange(ltv, [...path, 'ltv'], add)
  if (loops.min > loops.max) add([...path, 'loops', 'min'], `must be at most max (${loops.max}), got ${loops.min}`)
  if (Number(ltv.max) >= Number(threshold)) add([...path, 'ltv', 'max'], `must be below liquidationThreshold (${threshold}), got "${ltv.max}"`)
}

const PRICE_METRICS = new Set(['troughMove', 'minPrice'])
/** Metrics that may name an asset (then they measure that asset only). */
const PER_ASSET_METRICS = new Set(['adlNotionalUsd'])
const COUNT_METRICS = new Set(['adlCount', 'adlAccounts', 'liquidatedAccounts'])

function checkCalibration(doc: Scenario, known: Set<string>, add: AddIssue): void {
  doc.calibration.forEach((t, i) => {
    const path = ['calibration', i]
    if (t.asset === undefined) {
      if (PRICE_METRICS.has(t.metric)) add([...path, 'asset'], `required for "${t.metric}"`)
    } else if (!PRICE_METRICS.has(t.metric) && !PER_ASSET_METRICS.has(t.metric)) add([...path, 'asset'], `only allowed for price metrics (troughMove, minPrice) and adlNotionalUsd`)
    else if (!known.has(t.asset)) add([...path, 'asset'], `must be an asset of prices or pegs, got ${shown(t.asset)}`)
    if (t.fund !== undefined && t.metric !== 'insuranceFundChangeUsd') add([...path, 'fund'], 'only allowed for insuranceFundChangeUsd')
    if ((t.relativeTolerance === undefined) === (t.absoluteTolerance === undefined)) {
      add([...path, 'relativeTolerance'], 'give exactly one of relativeTolerance and absoluteTolerance')
    }
    if (t.metric === 'longShareOfLiquidations' && (Number(t.target) < 0 || Number(t.target) > 1)) {
      add([...path, 'target'], `must be a share between 0 and 1, got "${t.target}"`)
    }
    if (COUNT_METRICS.has(t.metric) && !(Number.isInteger(Number(t.target)) && Number(t.target) >= 0)) {
      add([...path, 'target'], `must be a whole number >= 0 for "${t.metric}", got "${t.target}"`)
    }
  })
}

const scenarioFormat = documentFormat<Scenario>({
  format: SCENARIO_FORMAT,
  schemaFor: () => scenarioSchema,
  jsonSchemaSource: scenarioSchema,
  title: 'Cascade scenario (cascade.scenario/1)',
  description:
    'A stress scenario: window and step, start prices, exogenous shock and depeg paths, book depth and maker withdrawal, ' +
    'impact models, collateral pricing, insurance fund, circuit breaker, the synthetic crowd and calibration targets. Decimals are strings.',
})

export type ScenarioResult = DocumentResult<Scenario>

/** Validates a parsed document (from IPC or a file); the value comes back normalised, defaults filled in. */
export const validateScenario = scenarioFormat.validate
/** Validates the text of a `.json` scenario file. */
export const parseScenarioText = scenarioFormat.parseText
export const scenarioJsonSchema = scenarioFormat.jsonSchema
