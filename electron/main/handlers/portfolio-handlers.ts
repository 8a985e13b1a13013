// portfolio:* — list, get, save, delete, duplicate, import and export of books.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { basename, extname, join } from 'node:path'
import type { PortfolioTemplate } from '../../../shared/ipc/channels'
import type { HandlerTable } from '../ipc/dispatcher'
import { fail, ok } from '../../../shared/ipc/result'
import { parsePortfolioText, validatePortfolio, type PortfolioResult } from '../../../shared/schemas/portfolio'
import { parsePositionsCsv } from '../../../shared/schemas/positions-csv'
import { computeMetrics } from '../../../shared/engine/account/metrics-report'
import type { VenueSource } from '../runs/resolve-job'
import type { PortfolioRepository } from '../store/portfolio-repository'

type PortfolioHandlers = Pick<
  HandlerTable,
  'portfolio:list' | 'portfolio:get' | 'portfolio:save' | 'portfolio:delete' | 'portfolio:duplicate' | 'portfolio:import' | 'portfolio:export' | 'portfolio:metrics' | 'portfolio:templates'
>

const notFound = (id: string) => fail('not-found', `No portfolio with id "${id}"`, { path: 'id' })

function refused(what: string, r: Extract<PortfolioResult, { ok: false }>) {
  const count = r.issues.length
  return fail('invalid-document', `${what}: ${count} problem${count === 1 ? '' : 's'}`, { path: r.issues[0]?.path, issues: r.issues })
}

/** Reads an imported file by its extension: `.csv` is a positions table, anything else JSON. */
export function readPortfolioFile(fileName: string, text: string): PortfolioResult {
  if (extname(fileName).toLowerCase() === '.csv') return parsePositionsCsv(text, basename(fileName, extname(fileName)) || 'Imported positions')
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

export function portfolioHandlers(repo: PortfolioRepository, venues: VenueSource, examplesDir: string): PortfolioHandlers {
  return {
    'portfolio:list': () => ok(repo.list()),
    'portfolio:get': ({ id }) => {
      const rec = repo.get(id)
      return rec ? ok(rec) : notFound(id)
    },
    'portfolio:save': ({ id, doc }) => {
      const checked = validatePortfolio(doc)
      if (!checked.ok) return refused('Portfolio not saved', checked)
      if (id === undefined) return ok(repo.create(checked.value))
      const rec = repo.replace(id, checked.value)
      return rec ? ok(rec) : notFound(id)
    },
    'portfolio:delete': ({ id }) => (repo.remove(id) ? ok({ id }) : notFound(id)),
    'portfolio:duplicate': ({ id }) => {
      const rec = repo.duplicate(id)
      return rec ? ok(rec) : notFound(id)
    },
    'portfolio:import': ({ fileName, text }) => {
      const parsed = readPortfolioFile(fileName, text)
      if (!parsed.ok) return refused(`${basename(fileName)} was not imported`, parsed)
      return ok(repo.create(parsed.value))
    },
    'portfolio:export': ({ id }) => {
      const rec = repo.get(id)
      if (!rec) return notFound(id)
      return ok({ fileName: exportFileName(rec.name), text: `${JSON.stringify(rec.doc, null, 2)}\n` })
    },
    'portfolio:templates': () => ok(loadTemplates(examplesDir)),
    'portfolio:metrics': ({ doc, explain }) => {
      const checked = validatePortfolio(doc)
      if (!checked.ok) return refused('No metrics', checked)
      const venue = venues.get(checked.value.venue)
      if (!venue.ok) return refused('No metrics', { ok: false, issues: venue.issues.map((i) => ({ path: 'venue', message: i.message })) })
      const metrics = computeMetrics(checked.value, venue.value, { explain, validated: true })
      return metrics.ok ? ok(metrics.value) : refused('No metrics', metrics)
    },
  }
}
