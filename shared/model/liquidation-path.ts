// The liquidation path (docs/MODEL.md §6): the user's events and every event they descend from,
// following `causes` back to the first shock. Pure, so the app and the CLI draw the same graph.
import { USER_ACCOUNT, type CascadeEvent } from './run'

/** Events in the causal ancestry of any user event, in id order. */
export function liquidationPath(events: readonly CascadeEvent[]): CascadeEvent[] {
  const byId = new Map(events.map((e) => [e.id, e]))
  const keep = new Set<number>()
  const stack = events.filter((e) => e.account === USER_ACCOUNT).map((e) => e.id)
  while (stack.length) {
    const id = stack.pop() as number
    if (keep.has(id)) continue
    keep.add(id)
    for (const cause of byId.get(id)?.causes ?? []) if (!keep.has(cause)) stack.push(cause)
  }
  return events.filter((e) => keep.has(e.id))
}

const CSV_COLUMNS = ['id', 't', 'kind', 'account', 'position', 'symbol', 'asset', 'side', 'qty', 'price', 'slippage'] as const
const CSV_TAIL = ['causes', 'note'] as const

/** One CSV cell: empty for nothing, quoted when it holds a quote, a comma or a line break. */
export function csvCell(v: unknown): string {
  if (v === undefined || v === null) return ''
  const text = typeof v === 'string' ? v : Array.isArray(v) ? v.join(' ') : typeof v === 'object' ? JSON.stringify(v) : String(v)
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

/**
 * Events as CSV: one row each, one column per amount any event carries (`amounts.<name>`, in order
 * of first appearance, empty where an event has none), `causes` as space-separated ids.
 */
export function eventsToCsv(events: readonly CascadeEvent[]): string {
  const amountKeys: string[] = []
  const seen = new Set<string>()
  for (const e of events) for (const k of Object.keys(e.amounts ?? {})) if (!seen.has(k)) seen.add(k), amountKeys.push(k)
  const header = [...CSV_COLUMNS, ...amountKeys.map((k) => `amounts.${k}`), ...CSV_TAIL]
  const rows = events.map((e) =>
    [...CSV_COLUMNS.map((c) => csvCell(e[c])), ...amountKeys.map((k) => csvCell(e.amounts?.[k])), ...CSV_TAIL.map((c) => csvCell(e[c]))].join(','),
  )
  return `${header.map(csvCell).join(',')}\n${rows.join('\n')}${rows.length ? '\n' : ''}`
}

/** Events as JSONL: one JSON object a line (`cascade run --events`). */
export const eventsToJsonl = (events: readonly CascadeEvent[]): string => events.map((e) => JSON.stringify(e)).join('\n') + (events.length ? '\n' : '')
