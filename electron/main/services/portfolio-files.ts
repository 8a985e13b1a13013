// Books as files: reading an imported `.json` or `.csv`, the name an export is saved under, and the
// example books shipped as templates. Used by the IPC handlers and the CLI alike.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { basename, extname, join } from 'node:path'
import type { PortfolioTemplate } from '../../../shared/ipc/channels'
import type { ImportOptions } from '../../../shared/model/positions-import'
import { parsePortfolioText, type PortfolioResult } from '../../../shared/schemas/portfolio'
import type { VenueSource } from './book-check'
import { importPositionsFile } from './positions-import'

export const isCsvFile = (fileName: string): boolean => extname(fileName).toLowerCase() === '.csv'

/**
 * Reads an imported file by its extension: `.csv` is a positions table (Cascade's or a venue's
 * export) made into a book for the venue and margin mode chosen in `options` (services/positions-import.ts),
 * anything else a `cascade.portfolio/1` JSON document, which carries its own.
 */
export function readPortfolioFile(fileName: string, text: string, venues: VenueSource, options: ImportOptions = {}): PortfolioResult {
  if (isCsvFile(fileName)) {
    const r = importPositionsFile(fileName, text, options, venues)
    return r.ok ? { ok: true, value: r.value } : r
  }
  return parsePortfolioText(text)
}

/** A file name safe on every OS, from the book's name. */
export function exportFileName(name: string): string {
  const safe = name.replace(/[^A-Za-z0-9._ -]+/g, '_').trim().replace(/\s+/g, '-').slice(0, 80)
  return `${safe || 'portfolio'}.cascade.json`
}

/** The example books in `dir`, each validated; a broken shipped file is a bug, so it throws. */
export function loadTemplates(dir: string): PortfolioTemplate[] {
  if (!existsSync(dir)) return []
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => {
      const r = parsePortfolioText(readFileSync(join(dir, f), 'utf8'))
      if (!r.ok) throw new Error(`shipped example ${f} is invalid: ${r.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`)
      return { id: basename(f, '.json'), name: r.value.name, venue: r.value.venue, marginMode: r.value.marginMode, doc: r.value }
    })
}
