// A venue's CSV of positions on its way into a book (docs/FORMATS.md §2.4): what the file says,
// row by row with each row's problems, and what the import would make of it for a venue and
// margin mode. Plain types shared by the parser (shared/schemas/positions-csv.ts), the service that
// checks rows against the venue (electron/main/services/positions-import.ts), the IPC contract and
// the renderer's preview.
import type { FieldIssue } from './issues'
import type { MarginMode, Position } from './portfolio'

export type ImportFormatId = 'cascade' | 'binance' | 'bybit' | 'okx' | 'hyperliquid'

/** What the user chooses (every field optional: the file's guess, then the defaults, fill the rest). */
export interface ImportOptions {
  venue?: string
  marginMode?: MarginMode
  /** Marks by asset, over those the file gives. */
  prices?: Record<string, string>
  /** Import the rows without problems and leave the others out (the app after its preview; `--skip-invalid`). */
  skipInvalid?: boolean
  /** The book's name (default: the file's name). */
  name?: string
}

export interface ImportRow {
  /** 1-based line of the file. */
  line: number
  /** The contract as the file names it. */
  fileSymbol: string
  /** The position this row becomes on the chosen venue (symbol mapped), or null when it cannot be read. */
  position: Position | null
  /** The mark the file gives for this row's contract, if any. */
  mark: string | null
  /** The row's own margin mode column, if the file has one. */
  marginMode: 'cross' | 'isolated' | null
  /** Every problem of the row, at `line N.<column>` (the file's own column name). */
  issues: FieldIssue[]
}

export interface ImportMark {
  asset: string
  /** From the file's mark column (the first row of the asset that has one). */
  fromFile: string | null
  /** What the book will hold: the user's, else the file's; null while missing. */
  value: string | null
}

export interface ImportPreview {
  fileName: string
  /** The book's name. */
  name: string
  format: ImportFormatId
  /** What the file suggests: its venue (null for Cascade's own format) and margin mode. */
  guess: { venue: string | null; marginMode: 'cross' | 'isolated' | null; mixedModes: boolean }
  /** The choice this preview was worked out for. */
  venue: string
  marginMode: MarginMode
  rows: ImportRow[]
  /** Rows with a size of zero (a venue lists every contract, flat ones too): left out, not errors. */
  flatRows: number
  /** Prices the book's assets need (neither given nor pegged by the venue), with where each comes from. */
  marks: ImportMark[]
  /** Problems of the whole book (venue, margin mode, a mark given): nothing is imported while any exist. */
  bookIssues: FieldIssue[]
  /** Rows that import as they are. */
  goodRows: number
}
