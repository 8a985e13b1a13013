// run:delete, run:report: what is done with a kept run once it has ended. A run still running is
// not deleted (its worker would write into a row that is gone); a report needs a result.
import { fail, ok } from '../../../shared/ipc/result'
import type { HandlerTable } from '../ipc/dispatcher'
import type { RunService } from '../runs/run-service'
import type { VenueSource } from '../services/book-check'
import { MAX_PRINTED_PAGE_BYTES, reportOfRun, venueFacts, type PrintToPdf } from '../services/run-report'
import type { RunRepository } from '../store/run-repository'

type RunLibraryHandlers = Pick<HandlerTable, 'run:delete' | 'run:report'>

const notFound = (id: string) => fail('not-found', `No run with id "${id}"`, { path: 'id' })

export function runLibraryHandlers(deps: {
  runs: RunRepository
  service: RunService
  venues: VenueSource
  version: string
  /** Absent where there is no printer (the CLI, the e2e bridge): a PDF is then refused with the reason. */
  printToPdf?: PrintToPdf
  now?: () => Date
}): RunLibraryHandlers {
  const { runs, service, venues } = deps
  const now = deps.now ?? (() => new Date())
  return {
    'run:delete': ({ id }) => {
      const r = runs.delete(id)
      if (r === 'not-found') return notFound(id)
      if (r === 'running') return fail('refused', `Run "${id}" is still running; cancel it first, then delete it`, { path: 'id' })
      return ok({ id })
    },
    'run:report': async ({ id, format, lang }) => {
      const rec = runs.get(id)
      if (!rec) return notFound(id)
      // A result this session could not save is still reported, as it is still shown and exported.
      const kept = service.unsaved(id)
      const summary = kept?.summary ?? rec.summary
      const series = kept?.series ?? rec.series
      const events = kept?.events ?? runs.events(id)
      if (!summary || !series || !events) return fail('refused', `Run "${id}" has no result to report (status ${rec.status})`, { path: 'id' })
      if (format === 'pdf' && !deps.printToPdf) return fail('refused', 'A PDF is printed by the desktop app; save the HTML report and print it from a browser instead', { path: 'format' })
      const report = reportOfRun(
        { book: rec.portfolio, scenario: rec.scenario, seed: rec.seed, summary, series, events, runId: id },
        { venue: venueFacts(venues, summary.venue), version: deps.version, lang: lang ?? 'en', now: now(), forPrint: format === 'pdf' },
      )
      if (format === 'html') return ok({ format: 'html' as const, fileName: report.fileName, text: report.html, inputHash: report.inputHash })
      const size = Buffer.byteLength(report.html)
      if (size > MAX_PRINTED_PAGE_BYTES) return fail('refused', `The report is too large to print here (${(size / 1e6).toFixed(1)} MB); save the HTML report and print it from a browser instead`, { path: 'format' })
      const bytes = await (deps.printToPdf as PrintToPdf)(report.html)
      return ok({ format: 'pdf' as const, fileName: report.fileName.replace(/\.html$/, '.pdf'), base64: Buffer.from(bytes).toString('base64'), inputHash: report.inputHash })
    },
  }
}
