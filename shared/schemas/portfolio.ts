// The `cascade.portfolio/1` schema and validator (docs/FORMATS.md §2). One source of truth: the JSON
// Schema in portfolio.schema.json is generated from this file (a test keeps it current).
import { z } from 'zod'
import { ASSET_CLASSES } from '../model/asset-class'
import { MARGIN_MODES, PORTFOLIO_FORMAT, SIDES, type Portfolio } from '../model/portfolio'
import { decimalField } from './decimal-field'
import { documentFormat, type DocumentResult } from './document-format'
import { idField } from './id-field'
import { numberFromText } from './json-text'

import { ASSET_PATTERN, LIMITS, SYMBOL_PATTERN } from './portfolio-fields'
import { fastPortfolio } from './portfolio-fast-path'

export { ASSET_PATTERN, LIMITS, SYMBOL_PATTERN } from './portfolio-fields'

const asset = z.string().regex(ASSET_PATTERN, { error: 'must be an asset ticker such as BTC or USDe' })
const id = idField()
const wholeNumber = (min: number, max: number) =>
  z.preprocess(numberFromText, z.number().int({ error: 'must be a whole number' }).min(min).max(max))

const assetAmount = z.strictObject({ asset, amount: decimalField('nonNegative') })

const position = z.strictObject({
  id,
  symbol: z.string().regex(SYMBOL_PATTERN, { error: 'must be a contract symbol such as BTCUSDT' }),
  side: z.enum(SIDES),
  qty: decimalField('positive').optional(),
  notional: decimalField('positive').optional(),
  entryPrice: decimalField('positive'),
  leverage: decimalField('positive'),
  isolatedMargin: decimalField('positive').optional(),
})

const defiPosition = z.strictObject({
  id,
  protocol: idField('lending protocol'),
  supplies: z.array(assetAmount).max(100),
  borrows: z.array(assetAmount).max(100),
})

const loop = z.strictObject({
  id,
  capital: decimalField('positive'),
  asset,
  borrow: asset,
  ltv: decimalField('unitInterval'),
  loops: wholeNumber(0, 50),
})

export const portfolioSchema = z
  .strictObject({
    format: z.literal(PORTFOLIO_FORMAT),
    name: z.string().trim().min(1).max(200),
    venue: idField('venue'),
    marginMode: z.enum(MARGIN_MODES),
    prices: z.record(asset, decimalField('positive')).default({}),
    wallet: z.array(assetAmount).max(LIMITS.walletAssets).default([]),
    positions: z.array(position).max(LIMITS.positions).default([]),
    loans: z.array(assetAmount).max(LIMITS.loans).default([]),
    defi: z.array(defiPosition).max(LIMITS.defi).default([]),
    loops: z.array(loop).max(LIMITS.loops).default([]),
    assetClasses: z.record(asset, z.enum(ASSET_CLASSES)).optional(),
  })
  .superRefine((doc, ctx) => {
    doc.positions.forEach((p, i) => {
      if (p.qty !== undefined && p.notional !== undefined) {
        ctx.addIssue({ code: 'custom', path: ['positions', i, 'notional'], message: 'give qty or notional, not both' })
      } else if (p.qty === undefined && p.notional === undefined) {
        ctx.addIssue({ code: 'custom', path: ['positions', i, 'qty'], message: 'required (or give notional instead)' })
      }
      if (p.isolatedMargin !== undefined && doc.marginMode !== 'isolated') {
        ctx.addIssue({ code: 'custom', path: ['positions', i, 'isolatedMargin'], message: `only allowed when marginMode is "isolated", not "${doc.marginMode}"` })
      }
    })
    for (const list of ['positions', 'defi', 'loops'] as const) {
      const seen = new Map<string, number>()
      doc[list].forEach((item, i) => {
        const first = seen.get(item.id)
        if (first !== undefined) ctx.addIssue({ code: 'custom', path: [list, i, 'id'], message: `duplicate id "${item.id}" (also ${list}[${first}])` })
        else seen.set(item.id, i)
      })
    }
    doc.loops.forEach((l, i) => {
      if (l.asset === l.borrow) ctx.addIssue({ code: 'custom', path: ['loops', i, 'borrow'], message: 'must differ from the supplied asset' })
    })
  })

const portfolioFormat = documentFormat<Portfolio>({
  format: PORTFOLIO_FORMAT,
  schemaFor: () => portfolioSchema,
  fast: fastPortfolio,
  jsonSchemaSource: portfolioSchema,
  formatRequired: true,
  title: 'Cascade portfolio (cascade.portfolio/1)',
  description: 'A book: venue, margin mode, wallet, perpetual positions, loans, DeFi positions and loops. Decimals are strings.',
})

export type PortfolioResult = DocumentResult<Portfolio>

/** Validates a parsed document (from IPC or a file); the value comes back normalised. */
export const validatePortfolio = portfolioFormat.validate
/** Validates the text of a `.json` portfolio file. */
export const parsePortfolioText = portfolioFormat.parseText
export const portfolioJsonSchema = portfolioFormat.jsonSchema
