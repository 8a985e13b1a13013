// The CSV exports of positions the import recognises, by their header (docs/FORMATS.md §2.4):
// Cascade's own `symbol,side,qty,entryPrice,leverage`, and each venue's documented position fields
// as its positions list names them. Headers are compared normalised (case, spaces and punctuation
// ignored: `entryPrice`, `Entry Price`, `entry_price` are one column), so a spreadsheet's
// re-export is still recognised. What each venue's columns mean, with the page they come from, is
// the table in docs/FORMATS.md §2.4; the fixtures in tests/fixtures/venue-csv/ are built from it.

export type CsvFormatId = 'cascade' | 'binance' | 'bybit' | 'okx' | 'hyperliquid'

/** What a row of any format says, before it is a position. */
export type CsvField =
  | 'symbol'
  | 'side'
  | 'positionSide'
  | 'qty'
  | 'notional'
  | 'signedQty'
  | 'contracts'
  | 'ctVal'
  | 'entryPrice'
  | 'leverage'
  | 'mark'
  | 'marginMode'
  | 'isolatedMargin'

export interface CsvFormat {
  id: CsvFormatId
  /** The venue whose export this is: the import's guess. Null: the file does not say (Cascade's own). */
  venue: string | null
  /** Normalised header names that identify the format; all must be present. */
  signature: string[]
  /** Normalised header names of each field, the first present one is read. */
  columns: Partial<Record<CsvField, string[]>>
  /** Fields a file must have (each inner list: one of them). */
  required: CsvField[][]
  /** The quote asset when the symbol names none (Hyperliquid's `BTC`). */
  defaultQuote?: string
  /** Words of the margin-mode column: cross or isolated. */
  modes?: Record<string, 'cross' | 'isolated'>
}

/** `Entry Price`, `entry_price`, `entryPrice` -> `entryprice`. */
export const normaliseHeader = (h: string): string => h.toLowerCase().replace(/[^a-z0-9]/g, '')

const CROSS_ISOLATED = { cross: 'cross', crossed: 'cross', isolated: 'isolated', fixed: 'isolated' } as const

/** Detection tries these in order: the most specific signature first. */
export const CSV_FORMATS: readonly CsvFormat[] = [
  {
    // OKX GET /api/v5/account/positions: `pos` is in contracts (times `ctVal`), signed in net mode.
    id: 'okx',
    venue: 'okx',
    signature: ['instid', 'pos'],
    columns: {
      symbol: ['instid'],
      contracts: ['pos'],
      ctVal: ['ctval'],
      positionSide: ['posside'],
      entryPrice: ['avgpx'],
      leverage: ['lever'],
      mark: ['markpx'],
      marginMode: ['mgnmode'],
      isolatedMargin: ['margin'],
    },
    required: [['symbol'], ['contracts'], ['entryPrice'], ['leverage']],
    modes: CROSS_ISOLATED,
  },
  {
    // Hyperliquid clearinghouseState.assetPositions[].position, flattened (`leverage.type`, `leverage.value`).
    id: 'hyperliquid',
    venue: 'hyperliquid',
    signature: ['coin', 'szi'],
    columns: {
      symbol: ['coin'],
      signedQty: ['szi'],
      entryPrice: ['entrypx'],
      leverage: ['leveragevalue', 'leverage'],
      marginMode: ['leveragetype'],
      mark: ['markpx', 'markprice'],
      isolatedMargin: ['marginused'],
    },
    required: [['symbol'], ['signedQty'], ['entryPrice'], ['leverage']],
    defaultQuote: 'USDC',
    modes: CROSS_ISOLATED,
  },
  {
    // Binance USDⓈ-M GET /fapi/v2/positionRisk: `positionAmt` signed (negative short).
    id: 'binance',
    venue: 'binance',
    signature: ['symbol', 'positionamt'],
    columns: {
      symbol: ['symbol'],
      signedQty: ['positionamt'],
      positionSide: ['positionside'],
      entryPrice: ['entryprice'],
      leverage: ['leverage'],
      mark: ['markprice'],
      marginMode: ['margintype'],
      isolatedMargin: ['isolatedwallet', 'isolatedmargin'],
    },
    required: [['symbol'], ['signedQty'], ['entryPrice'], ['leverage']],
    modes: CROSS_ISOLATED,
  },
  {
    // Bybit GET /v5/position/list (linear): `side` Buy/Sell, `size` unsigned, `tradeMode` 0 cross / 1 isolated.
    id: 'bybit',
    venue: 'bybit',
    signature: ['symbol', 'side', 'size', 'avgprice'],
    columns: {
      symbol: ['symbol'],
      side: ['side'],
      qty: ['size'],
      entryPrice: ['avgprice'],
      leverage: ['leverage'],
      mark: ['markprice'],
      marginMode: ['trademode'],
      isolatedMargin: ['positionbalance'],
    },
    required: [['symbol'], ['side'], ['qty'], ['entryPrice'], ['leverage']],
    modes: { '0': 'cross', '1': 'isolated', ...CROSS_ISOLATED },
  },
  {
    // Cascade's own (docs/FORMATS.md §2.4): any column order, optional mark and margin columns.
    id: 'cascade',
    venue: null,
    signature: ['symbol', 'side'],
    columns: {
      symbol: ['symbol'],
      side: ['side'],
      qty: ['qty'],
      notional: ['notional'],
      entryPrice: ['entryprice'],
      leverage: ['leverage'],
      mark: ['mark', 'markprice'],
      marginMode: ['marginmode'],
      isolatedMargin: ['isolatedmargin'],
    },
    required: [['symbol'], ['side'], ['qty', 'notional'], ['entryPrice'], ['leverage']],
    modes: CROSS_ISOLATED,
  },
]

/** The header Cascade's own format asks for, in the words of its error message. */
export const CASCADE_HEADER = 'symbol,side,qty,entryPrice,leverage'

/** Quote assets a venue symbol may end in, longest first (`BTCUSDT` -> BTC / USDT). */
const QUOTES = ['FDUSD', 'USDT', 'USDC', 'BUSD', 'USDE', 'USD']

/** Base and quote of a symbol as a file writes it: `BTCUSDT`, `BTC-USDT-SWAP`, `BTC` (with `defaultQuote`). */
export function splitSymbol(symbol: string, defaultQuote?: string): { base: string; quote: string } | null {
  const s = symbol.toUpperCase()
  const parts = s.split(/[-_/]/).filter(Boolean)
  if (parts.length >= 2) return { base: parts[0], quote: parts[1] }
  for (const q of QUOTES) if (s.length > q.length && s.endsWith(q)) return { base: s.slice(0, -q.length), quote: q }
  return defaultQuote && s ? { base: s, quote: defaultQuote } : null
}

/**
 * Contract sizes of OKX instruments whose `pos` counts contracts, when the file has no `ctVal`
 * column: only figures OKX publishes. BTC-USDT-SWAP: "Contract Size | 0.01BTC"
 * (https://www.okx.com/help/7053456733325). Any other instrument needs the file's `ctVal`.
 */
export const OKX_CONTRACT_VALUES: Readonly<Record<string, string>> = { 'BTC-USDT-SWAP': '0.01' }
