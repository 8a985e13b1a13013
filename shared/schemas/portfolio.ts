// The `cascade.portfolio/1` schema and validator (FORMATS.md). One source of truth: the JSON
// Schema in portfolio.schema.json is generated from this file (a test keeps it current).
import { z } from 'zod'
import type { FieldIssue } from '../model/issues'
import { MARGIN_MODES, PORTFOLIO_FORMAT, SIDES, type Portfolio } from '../model/portfolio'
import { decimalField } from './decimal-field'
import { toFieldIssues } from './issue-messages'
import { numberFromText, parseJsonExact } from './json-text'

/** Asset tickers as venues print them: BTC, USDT, USDe, 1000PEPE. */
export const ASSET_PATTERN = /^[A-Za-z0-9]{1,20}$/
/** Contract symbols: BTCUSDT, 1000PEPEUSDT. */
export const SYMBOL_PATTERN = /^[A-Z0-9]{2,30}$/
const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/

const asset = z.string().regex(ASSET_PATTERN, { error: 'must be an asset ticker such as BTC or USDe' })
const id = z.string().regex(ID_PATTERN, { error: 'must be an id of letters, digits, ".", "_" or "-" (at most 64)' })
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
  protocol: z.string().min(1).max(100),
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

/** Generous ceilings: a book is edited by hand or exported from a venue, never millions of rows. */
export const LIMITS = { positions: 5000, walletAssets: 500, loans: 500, defi: 200, loops: 200, prices: 2000 } as const

export const portfolioSchema = z
  .strictObject({
    format: z.literal(PORTFOLIO_FORMAT),
    name: z.string().trim().min(1).max(200),
    venue: z.string().min(1).max(1000),
    marginMode: z.enum(MARGIN_MODES),
    prices: z.record(asset, decimalField('positive')).default({}),
    wallet: z.array(assetAmount).max(LIMITS.walletAssets).default([]),
    positions: z.array(position).max(LIMITS.positions).default([]),
    loans: z.array(assetAmount).max(LIMITS.loans).default([]),
    defi: z.array(defiPosition).max(LIMITS.defi).default([]),
    loops: z.array(loop).max(LIMITS.loops).default([]),
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

/** Reads a versioned header first so a newer file gets "unsupported version" rather than noise. */
function checkFormatHeader(input: unknown): FieldIssue | null {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return { path: '', message: 'must be a JSON object (a cascade.portfolio/1 document)' }
  }
  const format = (input as { format?: unknown }).format
  if (format === undefined) {
    return { path: 'format', message: `required: this does not look like a ${PORTFOLIO_FORMAT} document` }
  }
  if (typeof format === 'string' && format.startsWith('cascade.portfolio/') && format !== PORTFOLIO_FORMAT) {
    return { path: 'format', message: `unsupported version "${format}": this Cascade reads ${PORTFOLIO_FORMAT}` }
  }
  return null
}

export type PortfolioResult = { ok: true; value: Portfolio } | { ok: false; issues: FieldIssue[] }

/** Validates a parsed document (from IPC or a file); the value comes back normalised. */
export function validatePortfolio(input: unknown): PortfolioResult {
  const header = checkFormatHeader(input)
  if (header) return { ok: false, issues: [header] }
  const r = portfolioSchema.safeParse(input, { reportInput: true })
  if (r.success) return { ok: true, value: r.data as Portfolio }
  return { ok: false, issues: toFieldIssues(r.error) }
}

/** Validates the text of a `.json` portfolio file. */
export function parsePortfolioText(text: string): PortfolioResult {
  const parsed = parseJsonExact(text)
  return parsed.ok ? validatePortfolio(parsed.value) : parsed
}

export function portfolioJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(portfolioSchema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>
  return {
    ...schema,
    $id: 'https://cascade.local/schemas/cascade.portfolio-1.schema.json',
    title: 'Cascade portfolio (cascade.portfolio/1)',
    description: 'A book: venue, margin mode, wallet, perpetual positions, loans, DeFi positions and loops. Decimals are strings.',
  }
}
