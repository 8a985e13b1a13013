// A run's report from what the app stored or the CLI just ran: the same page either way
// (shared/report), with the venue named from the catalogue and only the events on the user's
// liquidation path. The app prints it to PDF through an injected printer (Electron's, in
// electron/main/index.ts); everything else here runs without Electron.
import { liquidationPath } from '../../../shared/model/liquidation-path'
import type { Portfolio } from '../../../shared/model/portfolio'
import type { CascadeEvent, RunSeries, RunSummary } from '../../../shared/model/run'
import type { Scenario } from '../../../shared/model/scenario'
import { buildReport, type Report, type ReportInput, type SetValue } from '../../../shared/report/report-html'
import type { ReportLang } from '../../../shared/report/report-strings'
import type { VenueSource } from './book-check'

/** Prints a self-contained HTML page to PDF bytes (the app: an offscreen window's `printToPDF`). */
export type PrintToPdf = (html: string) => Promise<Uint8Array>

/**
 * The largest page handed to the printer. The app loads it as a base64 `data:` URL (no file, no
 * server), and Chromium takes URLs of at most 2 MB; a printed report leaves the inputs out, so
 * only a book of thousands of positions comes near this.
 */
export const MAX_PRINTED_PAGE_BYTES = 1_400_000

export interface ReportedRun {
  book: Portfolio
  scenario: Scenario
  seed: number
  summary: RunSummary
  series: RunSeries
  /** Every event of the run (or at least the user's liquidation path). */
  events: readonly CascadeEvent[]
  set?: readonly SetValue[]
  runId?: string | null
}

/** The venue as the report names it: from the catalogue, or just its id when the profile is gone. */
export function venueFacts(venues: VenueSource, id: string): ReportInput['venue'] {
  const r = venues.get(id)
  if (!r.ok) return { id, name: id, snapshot: 'unknown', unconfirmed: 0 }
  return { id, name: r.value.name, snapshot: r.value.snapshot, unconfirmed: r.value.unconfirmed.length }
}

export function reportOfRun(run: ReportedRun, ctx: { venue: ReportInput['venue']; version: string; lang: ReportLang; now: Date; forPrint?: boolean }): Report {
  return buildReport({
    lang: ctx.lang,
    inputs: { book: run.book, scenario: run.scenario, seed: run.seed, options: { pricing: run.summary.pricing ?? 'book', collateralPricing: run.summary.collateralPricing } },
    set: run.set,
    summary: run.summary,
    series: run.series,
    pathEvents: liquidationPath(run.events),
    venue: ctx.venue,
    generator: `Cascade ${ctx.version}`,
    generatedAt: ctx.now.toISOString(),
    runId: run.runId ?? null,
    embedInputs: !ctx.forPrint,
  })
}
