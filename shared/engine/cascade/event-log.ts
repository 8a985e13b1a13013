// Events (docs/MODEL.md §6): every state change, with ids 1..n and the causal links that make the
// liquidation path. Every event carries the time of the step that emitted it, so ids and times
// rise together.
//
// The crowd is large, so its events are aggregated (docs/CASCADE-NOTES.md "Events"): one event per
// key (kind, asset, side) per aggregation window gathers the crowd's liquidations, ADL and
// insurance flows. An aggregate is emitted at the end of its window, or at once when a later
// event needs to cite it as a cause, so nothing in the user's causal chain is ever dropped.
//
// A log that keeps the user's events only (`'user'`, what a study asks for: it reads the user's
// events and the summary) still numbers every event as the full log does, and flushes the same
// aggregates at the same moments in the same order, so the user's events keep their ids, times and
// causes; the others are counted, never built (no figures summed, no text formatted).
import { USER_ACCOUNT, type CascadeEvent, type EventKind } from '../../model/run'
import type { Side } from '../../model/portfolio'
import { plain } from './format'

/** `flushAll` with nothing pending (every window end of a quiet run): shared, never written to. */
const NO_IDS: readonly number[] = Object.freeze([])

/** At most this many causes per event: the path stays readable (the nearest causes are kept). */
export const MAX_CAUSES = 8

export type EventFields = Omit<CascadeEvent, 'id' | 't' | 'kind' | 'account' | 'causes'>

/** Which events a log keeps: every one, or the user's only (ids and causes as in the full log). */
export type EventsKept = 'all' | 'user'

/**
 * Running sums of one aggregate, turned into an event when flushed. Every field is always present
 * (undefined when absent), so every pending aggregate has one shape: made and read once per key
 * per step, a spread of the head with optional fields was the log's largest cost.
 */
interface Pending {
  kind: EventKind
  account: string
  position: string | undefined
  asset: string | undefined
  symbol: string | undefined
  side: Side | undefined
  accounts: number
  qty: number
  /** sum(qty x price): the average price is this / qty. */
  value: number
  /** sum(qty x price x slippage). */
  slip: number
  sums: Map<string, number>
  /** Values that replace rather than add (a balance at the time of the event). */
  values: Map<string, number>
  causes: number[]
  /** Aggregates this one cites, resolved (flushed first) when it is emitted. */
  causeKeys: string[]
  since: string
  note: string
}

/** What a log keeping the user's events only holds of a pending aggregate: what its flush cites. */
interface Counted {
  causeKeys: string[]
}

export class EventLog {
  /** The events kept, ids ascending (every event unless the log keeps the user's only). */
  readonly events: CascadeEvent[] = []
  /** Events emitted so far, kept or not: the last id given. */
  count = 0
  /** False when only the user's events are kept: callers may skip building what would be dropped. */
  readonly detailed: boolean
  private seconds = 0
  private iso: string | null = null

  /** `isoOf` turns run seconds into the ISO time events carry. */
  constructor(
    private readonly isoOf: (seconds: number) => string,
    kept: EventsKept = 'all',
  ) {
    this.detailed = kept === 'all'
  }

  /** Moves to the step at `seconds` since the start (its ISO text is made only when needed). */
  setTime(seconds: number): void {
    this.seconds = seconds
    this.iso = null
  }

  /** ISO time of any moment of the run, in seconds since the start. */
  timeAt(seconds: number): string {
    return this.isoOf(seconds)
  }

  /** ISO time of the current step. */
  get t(): string {
    if (this.iso === null) this.iso = this.isoOf(this.seconds)
    return this.iso
  }
  private readonly pending = new Map<string, Pending | Counted>()
  /** Last event id emitted for each aggregate key. */
  private readonly lastId = new Map<string, number>()

  emit(kind: EventKind, account: string, fields: EventFields, causes: readonly number[]): number {
    const id = ++this.count
    if (this.detailed || account === USER_ACCOUNT) this.events.push({ id, t: this.t, kind, account, ...fields, causes: tidyCauses(causes, id) })
    return id
  }

  /** The kept event with this id (every id of the user's events is kept). */
  byId(id: number): CascadeEvent | undefined {
    if (this.detailed) return this.events[id - 1]
    const ev = this.events
    let lo = 0
    let hi = ev.length - 1
    while (lo <= hi) {
      const mid = (lo + hi) >> 1
      const at = ev[mid].id
      if (at === id) return ev[mid]
      if (at < id) lo = mid + 1
      else hi = mid - 1
    }
    return undefined
  }

  /**
   * Adds one member to the aggregate `key`: `qty` at `price` (with `slippage`), named sums, and its
   * causes. `accounts` counts distinct members (one per crowd account).
   */
  add(
    key: string,
    head: { kind: EventKind; account: string; position?: string; asset?: string; symbol?: string; side?: Side; note: string },
    member: {
      accounts: number
      qty?: number
      price?: number
      slippage?: number
      sums?: Record<string, number>
      values?: Record<string, number>
      causes?: readonly number[]
      causeKeys?: readonly string[]
    },
  ): void {
    if (!this.detailed) return this.addCounted(key, member.causeKeys)
    let p = this.pending.get(key) as Pending | undefined
    if (!p) {
      p = {
        kind: head.kind,
        account: head.account,
        position: head.position,
        asset: head.asset,
        symbol: head.symbol,
        side: head.side,
        accounts: 0,
        qty: 0,
        value: 0,
        slip: 0,
        sums: new Map(),
        values: new Map(),
        causes: [],
        causeKeys: [],
        since: this.t,
        note: head.note,
      }
      this.pending.set(key, p)
    }
    if (member.values) for (const k in member.values) p.values.set(k, member.values[k])
    if (member.causeKeys) for (const k of member.causeKeys) if (k !== key && !p.causeKeys.includes(k)) p.causeKeys.push(k)
    p.accounts += member.accounts
    const q = member.qty ?? 0
    if (q > 0 && member.price !== undefined) {
      p.qty += q
      p.value += q * member.price
      p.slip += q * member.price * (member.slippage ?? 0)
    }
    if (member.sums) for (const k in member.sums) p.sums.set(k, (p.sums.get(k) ?? 0) + member.sums[k])
    if (member.causes) for (const c of member.causes) if (p.causes.length < MAX_CAUSES && !p.causes.includes(c)) p.causes.push(c)
  }

  /** Emits the aggregate now if it has members; returns its id, or the last id emitted for the key. */
  flush(key: string): number | null {
    const pending = this.pending.get(key)
    if (pending) {
      this.pending.delete(key)
      // Cited aggregates go first so their ids exist (they never cite this one back).
      const cited: number[] = []
      for (const k of pending.causeKeys) {
        const id = this.flush(k)
        if (id !== null) cited.push(id)
      }
      if (!this.detailed) {
        // Counted, not built: an aggregate is the crowd's or a fund's, never the user's.
        const id = ++this.count
        this.lastId.set(key, id)
        return id
      }
      const p = pending as Pending
      const amounts: Record<string, string> = { accounts: String(p.accounts) }
      if (p.qty > 0) amounts.notional = plain(p.value, 12)
      for (const [k, v] of p.sums) amounts[k] = plain(v, 12)
      for (const [k, v] of p.values) amounts[k] = plain(v, 12)
      // Assigned in the event's field order (its JSON's key order), only what is present.
      const fields = {} as EventFields
      if (p.position !== undefined) fields.position = p.position
      if (p.asset !== undefined) fields.asset = p.asset
      if (p.symbol !== undefined) fields.symbol = p.symbol
      if (p.side !== undefined) fields.side = p.side
      if (p.qty > 0) {
        fields.qty = plain(p.qty, 10)
        fields.price = plain(p.value / p.qty, 10)
        fields.slippage = plain(p.slip / p.value, 6)
      }
      fields.amounts = amounts
      fields.note = p.since === this.t ? p.note : `${p.note} since ${p.since}`
      const id = this.emit(p.kind, p.account, fields, [...p.causes, ...cited])
      this.lastId.set(key, id)
      return id
    }
    return this.lastId.get(key) ?? null
  }

  /** Emits every pending aggregate, in key order of creation (deterministic). */
  flushAll(): readonly number[] {
    if (this.pending.size === 0) return NO_IDS
    const ids: number[] = []
    for (const key of [...this.pending.keys()]) {
      const id = this.flush(key)
      if (id !== null) ids.push(id)
    }
    return ids
  }

  hasPending(key: string): boolean {
    return this.pending.has(key)
  }

  /** `add` in a log that keeps the user's events only: the aggregate is pending, with what its flush cites. */
  private addCounted(key: string, causeKeys: readonly string[] | undefined): void {
    let p = this.pending.get(key)
    if (!p) {
      p = { causeKeys: [] }
      this.pending.set(key, p)
    }
    if (causeKeys) for (const k of causeKeys) if (k !== key && !p.causeKeys.includes(k)) p.causeKeys.push(k)
  }
}

/**
 * Distinct, earlier ids only, ascending. Callers list the nearest causes first; beyond
 * MAX_CAUSES the later-listed (more distant) ones are dropped.
 */
function tidyCauses(causes: readonly number[], id: number): number[] {
  const out: number[] = []
  for (const c of causes) {
    if (out.length >= MAX_CAUSES) break
    if (c > 0 && c < id && !out.includes(c)) out.push(c)
  }
  return out.sort((a, b) => a - b)
}
