// The typed IPC contract: channel names (`domain:verb`), request and reply types, and the
// main->renderer event map. Dependency-free on purpose: the sandboxed preload imports it.
import type { BottomMetrics } from '../model/bottom'
import type { FieldIssue } from '../model/issues'
import type { MetricsReport } from '../model/metrics'
import type { MarginMode, Portfolio } from '../model/portfolio'
import type { ImportOptions, ImportPreview } from '../model/positions-import'
import type { PositionCalcReport } from '../model/position-calc'
import type { CascadeEvent, RunProgress, RunSeries, RunSummary } from '../model/run'
import type { Scenario } from '../model/scenario'
import type { Proportion, StudyKind, StudyReport } from '../model/study'
import type { Result } from './result'

export interface PortfolioSummary {
  id: string
  name: string
  venue: string
  marginMode: MarginMode
  positionCount: number
  updatedAt: string
  /**
   * How many findings the engine has on the book against today's venue catalogue (unknown
   * symbol, leverage above its bracket, ...): a book with any is a draft. Worked out on every
   * read, never stored, so importing a venue profile can turn a draft into a book.
   */
  problemCount: number
}

export interface PortfolioRecord extends PortfolioSummary {
  createdAt: string
  doc: Portfolio
  /** The findings behind `problemCount`, each with its field path (`positions[0].leverage`). */
  problems: FieldIssue[]
}

export interface VenueSummary {
  id: string
  name: string
  /** `exchange` (perpetuals, margin) or `lending` (Aave-style reserves). */
  kind: 'exchange' | 'lending'
  /** Date of the rule snapshot the profile was built from, e.g. "2025-10". */
  snapshot: string
  /** Contract symbols the profile has brackets for. */
  symbols: string[]
  /** Shipped with the app, or imported by the user (stored in the local store). */
  source: 'shipped' | 'imported'
  /** The date since which the venue offers a conversion-rate collateral index (`conversionPricing`), when it does. */
  conversionPricingSince?: string
  /** The venue's term and form for the account-level ratio in portfolio margin (its `unified.ratioDisplay`); absent without unified rules. */
  accountRatio?: { name: string; form: 'ratio' | 'percent' | 'inverse-percent' }
}

/**
 * Something the user must be told about the store: a corrupt file moved aside (the whole store),
 * damaged rows moved into quarantine (the rest of the store stays in use), a restore (and where
 * the replaced store was kept).
 */
export interface StoreNotice {
  kind: 'corrupt-database-moved' | 'rows-quarantined' | 'store-restored'
  message: string
  movedTo?: string
  /** Rows moved into quarantine, and why (one line each, `<table> <id>: <reason>`, capped). */
  count?: number
  reasons?: string[]
}

/** A row moved out of its table because it was damaged (`store:quarantine`, `cascade quarantine`). */
export interface QuarantinedRow {
  id: number
  /** The table it came from: portfolios, scenarios, runs or venue_profiles. */
  table: string
  /** Its id there (null when even that was unreadable). */
  rowId: string | null
  reason: string
  quarantinedAt: string
  /** The whole row as it was, as JSON text (BLOB columns as `{"base64": ...}`), so nothing is lost. */
  text: string
}

/** A copy of the whole store made with SQLite's online backup, as bytes the renderer saves. */
export interface StoreBackup {
  fileName: string
  base64: string
  bytes: number
}

/** A store that replaced the open one (`store:restore`), and where the replaced file was kept. */
export interface StoreRestored {
  /** Books in the restored store. */
  portfolios: number
  keptAs: string | null
  notices: StoreNotice[]
}

export interface AppInfo {
  name: string
  version: string
  dataDir: string
  databasePath: string
  notices: StoreNotice[]
}

export interface ExportedFile {
  fileName: string
  text: string
}

/** An example book shipped in resources/examples/, offered as "New from template". */
export interface PortfolioTemplate {
  id: string
  name: string
  venue: string
  marginMode: MarginMode
  doc: Portfolio
}

export interface ScenarioSummary {
  id: string
  name: string
  /** `preset` ships with Cascade (read-only); `saved` is a what-if the user stored. */
  source: 'preset' | 'saved'
  /**
   * `calibrated`: a crash calibrated for one venue (`venue`), runnable on that venue only; `date`: a
   * date's market, which picks the date's preset for the book's venue or runs uncalibrated there;
   * `what-if`: a scenario that names no venue (docs/FORMATS.md §4.5).
   */
  kind: 'calibrated' | 'date' | 'what-if'
  /** The venue a calibrated preset is for. */
  venue?: string
  /** The crash date (the UTC day the window starts). */
  date: string
  start: string
  end: string
  step: string
  description?: string
}

export interface ScenarioRecord extends ScenarioSummary {
  doc: Scenario
}

export type RunStatus = 'running' | 'done' | 'failed' | 'cancelled'

export interface RunListItem {
  id: string
  portfolioId: string | null
  portfolioName: string
  scenarioId: string
  scenarioName: string
  seed: number
  status: RunStatus
  error: string | null
  createdAt: string
  finishedAt: string | null
  survived: boolean | null
  finalEquity: string | null
}

/** A page of the run list: the runs after `after` (a run's createdAt and id) in the list's order. */
export interface RunListRequest {
  after?: { createdAt: string; id: string }
  limit?: number
}

export interface RunRecord extends RunListItem {
  portfolio: Portfolio
  scenario: Scenario
  summary: RunSummary | null
  series: RunSeries | null
  eventCount: number | null
}

/** A run as the app shows it: the record plus the events on the user's liquidation path. */
export interface RunView extends RunRecord {
  pathEvents: CascadeEvent[]
}

export interface RunStartRequest {
  portfolioId: string
  /** A preset or saved scenario id, or a whole (unsaved) scenario document. */
  scenarioId?: string
  scenario?: unknown
  seed?: number
  /** `book` (default): the scenario's moves applied to the book's marks; `historical`: the book re-priced at the scenario's start prices. */
  pricing?: 'book' | 'historical'
  /** What-if axes applied to the book and scenario (docs/DECISIONS.md §1), recorded in the summary. */
  set?: Record<string, string>
  /** `market` (default): collateral priced as the scenario prices it; `conversion`: the venue's conversion-rate index (Binance since 2025-10-14). */
  collateralPricing?: 'market' | 'conversion'
}

export interface RunFinished {
  runId: string
  status: Exclude<RunStatus, 'running'>
  error: string | null
}

/** One swept axis of a grid: `count` values from `from` to `to`, inclusive (docs/DECISIONS.md §1). */
export interface StudyAxisRange {
  axis: string
  from: string
  to: string
  count: number
}

/** What a study computes (docs/DECISIONS.md): Monte Carlo draws, a grid over two axes, or a solve along one. */
export type StudySpec =
  | { kind: 'montecarlo'; draws: number }
  | { kind: 'grid'; x: StudyAxisRange; y: StudyAxisRange; draws?: number }
  | { kind: 'solve'; axis: string; from?: string; to?: string; step?: string; probes?: number; target?: { p: number; draws: number } }

export interface StudyStartRequest {
  portfolioId: string
  /** A preset or saved scenario id, or a whole (unsaved) scenario document. */
  scenarioId?: string
  scenario?: unknown
  seed?: number
  /** Perpetual traders of the crowd; the scenario's own when absent. */
  crowd?: number
  pricing?: 'book' | 'historical'
  /** What-if axes every run of the study starts from: `{"shock:BTC": "-0.2", "fund": "200000000"}`. */
  set?: Record<string, string>
  /** A desk's own Monte Carlo figures: sigmas, depeg probability and depth, betas (docs/DECISIONS.md §2). */
  model?: Record<string, unknown>
  study: StudySpec
}

/** The few figures a list shows of a finished study. */
export type StudyGlance =
  | { kind: 'montecarlo'; liquidated: Proportion; draws: number }
  | { kind: 'grid'; cells: number; survivedCells: number; x: string; y: string }
  | { kind: 'solve'; axis: string; answer: string | null; monotone: boolean }

export interface StudyListItem {
  id: string
  kind: StudyKind
  portfolioId: string | null
  portfolioName: string
  scenarioId: string
  scenarioName: string
  seed: number
  status: RunStatus
  error: string | null
  createdAt: string
  finishedAt: string | null
  glance: StudyGlance | null
}

export interface StudyRecord extends StudyListItem {
  portfolio: Portfolio
  scenario: Scenario
  /** What the study ran: its sweep request (docs/FORMATS.md §7.4) or its solve plan. */
  request: unknown
  /** The report (docs/FORMATS.md §7), null until done. */
  result: StudyReport | null
}

export interface StudyProgress {
  studyId: string
  /** Runs done, and in all (null while a solve does not know how many rounds it needs). */
  done: number
  total: number | null
  phase: string
}

export interface StudyFinished {
  studyId: string
  status: Exclude<RunStatus, 'running'>
  error: string | null
}
/** Languages a report is written in (the app's languages). */
export type ReportLang = 'en' | 'ja' | 'zh-CN'

export interface RunReportRequest {
  id: string
  /** `html`: the self-contained page; `pdf`: the same page printed by the desktop app. */
  format: 'html' | 'pdf'
  lang?: ReportLang
}

/** A run's one-page report (docs/FORMATS.md §6) and the SHA-256 of its inputs. */
export type RunReportFile =
  | { format: 'html'; fileName: string; text: string; inputHash: string }
  | { format: 'pdf'; fileName: string; base64: string; inputHash: string }

/** Request and reply of every invoke channel. */
export interface InvokeMap {
  'app:info': { req: void; res: AppInfo }
  'venue:list': { req: void; res: VenueSummary[] }
  /** A `cascade.venue/1` profile the user chose in a file dialog, as text; stored under its id. */
  'venue:import': { req: { fileName: string; text: string }; res: VenueSummary & { created: boolean } }
  'portfolio:list': { req: void; res: PortfolioSummary[] }
  'portfolio:get': { req: { id: string }; res: PortfolioRecord }
  /** Creates when `id` is absent, otherwise replaces that portfolio's document. */
  'portfolio:save': { req: { id?: string; doc: Portfolio }; res: PortfolioRecord }
  'portfolio:delete': { req: { id: string }; res: { id: string } }
  'portfolio:duplicate': { req: { id: string }; res: PortfolioRecord }
  /**
   * A `.json` portfolio or a `.csv` of positions (Cascade's or a venue's export), as text the
   * renderer read from the file; `options` choose the venue, margin mode and marks of a CSV.
   */
  'portfolio:import': { req: { fileName: string; text: string; options?: ImportOptions }; res: PortfolioRecord }
  /** What importing a `.csv` of positions would make, row by row with each row's problems; nothing is stored. */
  'portfolio:importPreview': { req: { fileName: string; text: string; options?: ImportOptions }; res: ImportPreview }
  'portfolio:export': { req: { id: string }; res: ExportedFile }
  /** Live metrics of a (possibly unsaved) book on its venue; `explain` adds formulas and parameters. */
  'portfolio:metrics': { req: { doc: unknown; explain?: boolean }; res: MetricsReport }
  'portfolio:templates': { req: void; res: PortfolioTemplate[] }
  /** A venue calculator's figures per position (initial margin, leverage cap; PnL and ROE at `exits`, by position id). */
  'portfolio:calculator': { req: { doc: unknown; exits?: Record<string, string> }; res: PositionCalcReport }
  'scenario:list': { req: void; res: ScenarioSummary[] }
  /**
   * A preset or saved scenario; with `venue`, the one a book on that venue runs under (a date
   * resolved to the venue's preset or its market sized to the venue, docs/FORMATS.md §4.5).
   */
  'scenario:get': { req: { id: string; venue?: string }; res: ScenarioRecord }
  /** Saves a what-if under `doc.id`; preset ids are refused (save under a new id). */
  'scenario:save': { req: { doc: unknown }; res: ScenarioSummary }
  /** Renames a saved what-if (its document's `name`); presets are read-only. */
  'scenario:rename': { req: { id: string; name: string }; res: ScenarioSummary }
  /** Deletes a saved what-if; runs made with it keep their own copy. Presets are read-only. */
  'scenario:delete': { req: { id: string }; res: { id: string } }
  /**
   * A (possibly unsaved) book at the bottom of a (possibly unsaved) scenario's exogenous paths:
   * exact metrics, no crowd or impact (docs/WHATIF.md). The what-if editor asks on every change.
   */
  'whatif:metrics': { req: { doc: unknown; scenario: unknown; pricing?: 'book' | 'historical'; collateralPricing?: 'market' | 'conversion' }; res: BottomMetrics }
  /** Starts a run off the window's thread; progress and the end arrive as events. */
  'run:start': { req: RunStartRequest; res: RunListItem }
  'run:cancel': { req: { id: string }; res: { id: string } }
  'run:get': { req: { id: string }; res: RunView }
  /** Kept runs, newest first, a page at a time (at most limits.ts RUN_LIST_PAGE unless `limit` asks fewer). */
  'run:list': { req: RunListRequest | void; res: RunListItem[] }
  /** Every event of a run as JSONL (one JSON object a line) or CSV. */
  'run:export': { req: { id: string; format: 'jsonl' | 'csv' }; res: ExportedFile }
  /** Starts a study on every core (queued behind another); progress and the end arrive as events. */
  'study:start': { req: StudyStartRequest; res: StudyListItem }
  'study:cancel': { req: { id: string }; res: { id: string } }
  'study:get': { req: { id: string }; res: StudyRecord }
  'study:list': { req: void; res: StudyListItem[] }
  /** Removes a finished study (a running one is cancelled first). */
  'study:delete': { req: { id: string }; res: { id: string } }
  /** The report as JSON (docs/FORMATS.md §7), or CSV: one row per draw, grid cell or solve run. */
  'study:export': { req: { id: string; format: 'json' | 'csv' }; res: ExportedFile }
  /** Deletes a kept run (not one still running: cancel it first). */
  'run:delete': { req: { id: string }; res: { id: string } }
  /** A finished run's one-page report, as HTML or (desktop app only) PDF. */
  'run:report': { req: RunReportRequest; res: RunReportFile }
  /** The whole store as a file (SQLite online backup), returned as bytes: the renderer saves it as a download. */
  'store:backup': { req: void; res: StoreBackup }
  /** A backup the user chose, as base64 bytes: validated in a temp file, then it replaces the open store. */
  'store:restore': { req: { fileName: string; base64: string }; res: StoreRestored }
  /** Rows moved into quarantine because they were damaged, with their reason and raw text. */
  'store:quarantine': { req: void; res: QuarantinedRow[] }
}

export type Channel = keyof InvokeMap
export type Req<C extends Channel> = InvokeMap[C]['req']
export type Res<C extends Channel> = InvokeMap[C]['res']

export const CHANNELS = [
  'app:info',
  'venue:list',
  'venue:import',
  'portfolio:list',
  'portfolio:get',
  'portfolio:save',
  'portfolio:delete',
  'portfolio:duplicate',
  'portfolio:import',
  'portfolio:importPreview',
  'portfolio:export',
  'portfolio:metrics',
  'portfolio:templates',
  'portfolio:calculator',
  'scenario:list',
  'scenario:get',
  'scenario:save',
  'scenario:rename',
  'scenario:delete',
  'whatif:metrics',
  'run:start',
  'run:cancel',
  'run:get',
  'run:list',
  'run:export',
  'study:start',
  'study:cancel',
  'study:get',
  'study:list',
  'study:delete',
  'study:export',
  'run:delete',
  'run:report',
  'store:backup',
  'store:restore',
  'store:quarantine',
] as const satisfies readonly Channel[]

/** A stored book was created, changed or removed (by any window, import or duplicate). */
export interface PortfolioChanged {
  id: string
  change: 'created' | 'updated' | 'deleted'
}

/** Events pushed from main to the renderer. */
export interface EventMap {
  'portfolio:changed': PortfolioChanged
  'run:progress': RunProgress
  'run:done': RunFinished
  'study:progress': StudyProgress
  'study:done': StudyFinished
  /** The store was replaced (a restore): every list must be fetched again. */
  'store:replaced': StoreRestored
}
export type EventName = keyof EventMap
export const EVENTS = ['portfolio:changed', 'run:progress', 'run:done', 'study:progress', 'study:done', 'store:replaced'] as const satisfies readonly EventName[]

/** Method name on `window.cascade` for a channel: `portfolio:list` -> `portfolioList`. */
export type MethodName<C extends string> = C extends `${infer D}:${infer V}` ? `${D}${Capitalize<V>}` : never
export type EventMethodName<E extends string> = `on${Capitalize<MethodName<E>>}`

export function methodName<C extends Channel>(channel: C): MethodName<C> {
  const [domain, verb] = channel.split(':') as [string, string]
  return `${domain}${verb[0].toUpperCase()}${verb.slice(1)}` as MethodName<C>
}

export function eventMethodName<E extends EventName>(event: E): EventMethodName<E> {
  const m = methodName(event as unknown as Channel) as string
  return `on${m[0].toUpperCase()}${m.slice(1)}` as EventMethodName<E>
}

type Invoker<C extends Channel> = Req<C> extends void ? () => Promise<Result<Res<C>>> : (req: Req<C>) => Promise<Result<Res<C>>>

/** What the preload exposes as `window.cascade`: one method per operation, `on*` unsubscribes. */
export type CascadeApi = { [C in Channel as MethodName<C>]: Invoker<C> } & {
  [E in EventName as EventMethodName<E>]: (listener: (payload: EventMap[E]) => void) => () => void
}

/**
 * Builds the API from a transport. The preload passes ipcRenderer; the e2e bridge passes HTTP.
 * Both get the same object, so the renderer cannot tell them apart.
 */
export function buildApi(
  invoke: (channel: Channel, payload: unknown) => Promise<Result<unknown>>,
  subscribe: (event: EventName, listener: (payload: unknown) => void) => () => void,
): CascadeApi {
  const api: Record<string, unknown> = {}
  for (const channel of CHANNELS) api[methodName(channel)] = (payload?: unknown) => invoke(channel, payload)
  for (const event of EVENTS) api[eventMethodName(event)] = (listener: (p: unknown) => void) => subscribe(event, listener)
  return api as CascadeApi
}
