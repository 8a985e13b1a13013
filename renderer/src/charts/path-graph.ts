// The liquidation-path graph (docs/MODEL.md §6.4): the events on the user's path as nodes,
// their `causes` as edges, laid out left to right by causal depth or by time. Crowd and market
// events of the same kind, contract and depth are merged into one node when there are several,
// so a cascade of thousands of crowd liquidations stays readable; the user's own events are
// always single, larger and labelled. Pure: model, layout and ECharts option are unit-tested; the
// words come from the `Translate` given (catalogue `events.kind.*` full names for the panel,
// legend and tooltips, `events.short.*` for labels on the graph).
import type { CascadeEvent, EventKind } from '../../../shared/model/run'
import { USER_ACCOUNT } from '../../../shared/model/run'
import type { Translate } from '../i18n'
import { eventNote } from '../i18n/engine-text'
import { compactUsd, integer, price, quantity, utcClock } from '../lib/format'
import { FONT, tooltipStyle, type ChartPalette } from './palette'
import type { ChartOption } from './types'

export type PathLayout = 'depth' | 'time'

/** The full name of an event kind: "Liquidation", "強制清算". */
export const kindLabel = (kind: EventKind, t: Translate): string => t(`events.kind.${kind}`)
/** The short name on the graph: "liq.", "清算". */
const kindShort = (kind: EventKind, t: Translate): string => t(`events.short.${kind}`)

/** Top-to-bottom order of kinds within a column or lane. */
const KIND_ORDER: EventKind[] = ['shock', 'depeg', 'depth', 'circuit-breaker', 'margin-call', 'liquidation', 'defi-liquidation', 'loop-unwind', 'bankrupt', 'insurance', 'adl']
const MARKET_KINDS = new Set<EventKind>(['shock', 'depth', 'depeg', 'circuit-breaker'])

/** Crowd and market groups of fewer events than this stay as single nodes. */
export const GROUP_MIN = 3

export interface PathNode {
  id: string
  kind: EventKind
  user: boolean
  /** One event, or the members of a merged group (in id order). */
  events: CascadeEvent[]
  depth: number
  /** Time of the first event, ms since the epoch. */
  t: number
  label: string
}

export interface PathEdge {
  source: string
  target: string
  /** The edge ends at one of the user's events. */
  toUser: boolean
}

export interface PathModel {
  nodes: PathNode[]
  edges: PathEdge[]
  /** Which node shows each event. */
  nodeOf: Map<number, string>
  maxDepth: number
}

export const isUserEvent = (e: CascadeEvent): boolean => e.account === USER_ACCOUNT

/**
 * Longest-path depth in a DAG: 0 for a key without parents, else one more than its deepest
 * parent. A cycle (which the engine never writes) is cut where it is found. Iterative, so a long
 * chain of crowd liquidations cannot overflow the stack.
 */
function dagDepths<K>(keys: Iterable<K>, parentsOf: (k: K) => readonly K[]): Map<K, number> {
  const depth = new Map<K, number>()
  const visiting = new Set<K>()
  for (const root of keys) {
    if (depth.has(root)) continue
    const stack: Array<{ id: K; next: number }> = [{ id: root, next: 0 }]
    visiting.add(root)
    while (stack.length) {
      const top = stack[stack.length - 1]
      const ps = parentsOf(top.id)
      if (top.next < ps.length) {
        const p = ps[top.next++]
        if (!depth.has(p) && !visiting.has(p)) {
          visiting.add(p)
          stack.push({ id: p, next: 0 })
        }
        continue
      }
      let d = 0
      for (const p of ps) {
        const pd = depth.get(p)
        if (pd !== undefined) d = Math.max(d, pd + 1)
      }
      depth.set(top.id, d)
      visiting.delete(top.id)
      stack.pop()
    }
  }
  return depth
}

/** Causal depth of every event: 0 without causes in the set, else one more than its deepest cause. */
export function causalDepths(events: readonly CascadeEvent[]): Map<number, number> {
  const causes = new Map(events.map((e) => [e.id, e.causes]))
  return dagDepths(
    events.map((e) => e.id),
    (id) => (causes.get(id) ?? []).filter((c) => causes.has(c)),
  )
}

function subject(e: CascadeEvent): string {
  return e.position ?? e.symbol ?? e.asset ?? (e.account === USER_ACCOUNT ? '' : e.account)
}

/** A node's short label: "ADL doge" (the user's), "shock BTC", "liq. BTCUSDT". */
function singleLabel(e: CascadeEvent, t: Translate): string {
  if (isUserEvent(e)) return `${kindShort(e.kind, t)} ${subject(e)}`.trim()
  return `${kindShort(e.kind, t)} ${e.asset ?? e.symbol ?? ''}`.trim()
}

/**
 * Which node an event belongs to. Crowd and market events: one group per causal depth, kind,
 * contract (or asset) and side, used when it has `GROUP_MIN` members. The user's events: one
 * group per kind, position and time step (an ADL fills against several bankrupt accounts at
 * once; those fills are one deleveraging of the position), used from two members.
 */
function groupKey(e: CascadeEvent, depth: number): string {
  if (isUserEvent(e)) return `u|${e.kind}|${e.position ?? ''}|${e.t}`
  return `${depth}|${e.kind}|${e.symbol ?? e.asset ?? ''}|${e.side ?? ''}`
}

function groupLabel(e: CascadeEvent, n: number, t: Translate): string {
  if (isUserEvent(e)) return `${kindShort(e.kind, t)} ${subject(e)} ×${n}`.replace(/\s+/g, ' ')
  const what = e.symbol ?? e.asset ?? ''
  return `${integer(n)}× ${kindShort(e.kind, t)}${what ? ` ${what}` : ''}${e.side ? ` ${t(`events.sideShort.${e.side}`)}` : ''}`
}

/** Longest-path depth of each node over the edges (a cycle is cut where it is found). */
function nodeDepths(ids: readonly string[], edges: readonly PathEdge[]): Map<string, number> {
  const parents = new Map<string, string[]>()
  for (const e of edges) {
    const p = parents.get(e.target)
    if (p) p.push(e.source)
    else parents.set(e.target, [e.source])
  }
  return dagDepths(ids, (id) => parents.get(id) ?? [])
}

/** Builds the graph model: nodes (single events or merged groups) and deduplicated edges. */
export function buildPathModel(events: readonly CascadeEvent[], t: Translate): PathModel {
  const sorted = [...events].sort((a, b) => a.id - b.id)
  const depths = causalDepths(sorted)
  const groups = new Map<string, CascadeEvent[]>()
  for (const e of sorted) {
    const key = groupKey(e, depths.get(e.id) ?? 0)
    const g = groups.get(key)
    if (g) g.push(e)
    else groups.set(key, [e])
  }
  const nodes: PathNode[] = []
  const nodeOf = new Map<number, string>()
  const made = new Set<string>()
  for (const e of sorted) {
    const key = groupKey(e, depths.get(e.id) ?? 0)
    const members = groups.get(key) as CascadeEvent[]
    const user = isUserEvent(e)
    if (members.length >= (user ? 2 : GROUP_MIN)) {
      const id = `g:${key}`
      nodeOf.set(e.id, id)
      if (made.has(id)) continue
      made.add(id)
      nodes.push({ id, kind: e.kind, user, events: members, depth: 0, t: Math.min(...members.map((m) => Date.parse(m.t))), label: groupLabel(e, members.length, t) })
      continue
    }
    const id = `e:${e.id}`
    nodeOf.set(e.id, id)
    nodes.push({ id, kind: e.kind, user, events: [e], depth: 0, t: Date.parse(e.t), label: singleLabel(e, t) })
  }
  const edges: PathEdge[] = []
  const seen = new Set<string>()
  const userNodes = new Set(nodes.filter((n) => n.user).map((n) => n.id))
  for (const e of sorted) {
    const target = nodeOf.get(e.id) as string
    for (const c of e.causes) {
      const source = nodeOf.get(c)
      if (source === undefined || source === target) continue
      const key = `${source}>${target}`
      if (seen.has(key)) continue
      seen.add(key)
      edges.push({ source, target, toUser: userNodes.has(target) })
    }
  }
  // Columns follow the merged graph, so every edge runs left to right even across groups.
  const d = nodeDepths(nodes.map((n) => n.id), edges)
  for (const n of nodes) n.depth = d.get(n.id) ?? 0
  const maxDepth = nodes.reduce((m, n) => Math.max(m, n.depth), 0)
  return { nodes, edges, nodeOf, maxDepth }
}

const kindRank = (k: EventKind): number => KIND_ORDER.indexOf(k)

/** Orders nodes within a column: the user's first, then by kind, then by time. */
function columnOrder(a: PathNode, b: PathNode): number {
  if (a.user !== b.user) return a.user ? -1 : 1
  return kindRank(a.kind) - kindRank(b.kind) || a.t - b.t || a.id.localeCompare(b.id)
}

/** The distinct event times of the model (ms), in order: the columns of the time layout. */
export function timeColumns(model: PathModel): number[] {
  return [...new Set(model.nodes.map((n) => n.t))].sort((a, b) => a - b)
}

/**
 * Positions as [x, y] with y growing downwards: one column per causal depth (`depth`) or per
 * distinct event time (`time`, evenly spaced so a burst of events at 21:19 is as readable as the
 * shocks an hour before; the axis names each column's time). Each column is ordered by where its
 * causes sit (a barycentre pass keeps edges short), the user's events first, and centred.
 */
export function layoutPath(model: PathModel, mode: PathLayout): Map<string, [number, number]> {
  const pos = new Map<string, [number, number]>()
  const times = mode === 'time' ? timeColumns(model) : []
  const timeIndex = new Map(times.map((t, i) => [t, i]))
  const columnOf = (n: PathNode): number => (mode === 'time' ? (timeIndex.get(n.t) as number) : n.depth)
  const columns = new Map<number, PathNode[]>()
  for (const n of model.nodes) {
    const c = columns.get(columnOf(n))
    if (c) c.push(n)
    else columns.set(columnOf(n), [n])
  }
  const parents = new Map<string, string[]>()
  for (const e of model.edges) {
    const p = parents.get(e.target)
    if (p) p.push(e.source)
    else parents.set(e.target, [e.source])
  }
  const last = mode === 'time' ? times.length - 1 : model.maxDepth
  for (let d = 0; d <= last; d++) {
    const col = columns.get(d) ?? []
    const bary = (n: PathNode): number => {
      const ys = (parents.get(n.id) ?? []).map((p) => pos.get(p)?.[1]).filter((y): y is number => y !== undefined)
      return ys.length ? ys.reduce((s, y) => s + y, 0) / ys.length : 0
    }
    const ordered = d === 0 ? [...col].sort(columnOrder) : [...col].sort((a, b) => (a.user !== b.user ? (a.user ? -1 : 1) : bary(a) - bary(b) || columnOrder(a, b)))
    ordered.forEach((n, i) => pos.set(n.id, [d, i - (ordered.length - 1) / 2]))
  }
  return pos
}

const esc = (s: string): string => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] as string)

/** Whose an event is, in words: "your position doge", "your account", or the crowd account's id. */
function owner(e: CascadeEvent, t: Translate): string {
  if (!isUserEvent(e)) return esc(e.account)
  return e.position ? t('path.yourPosition', { id: esc(e.position) }) : t('path.yourAccount')
}

/** The tooltip of a node: what happened, when, to what, at what price. */
export function nodeTooltip(n: PathNode, t: Translate): string {
  const e = n.events[0]
  if (n.events.length > 1) {
    const t0 = utcClock(n.events[0].t)
    const t1 = utcClock(n.events[n.events.length - 1].t)
    const notional = n.events.reduce((s, x) => s + Number(x.amounts?.notional ?? 0), 0)
    const whose = n.user ? owner(e, t) : t('path.crowdMarket')
    const lines = [`<b>${esc(n.label)}</b>`, `${t0}${t1 !== t0 ? ` – ${t1}` : ''} UTC · ${t('path.events', { count: integer(n.events.length), whose }, n.events.length)}`]
    if (notional > 0) lines.push(t('path.notional', { value: compactUsd(notional) }))
    lines.push(`<span style="opacity:.7">${t('path.clickMembers')}</span>`)
    return lines.join('<br/>')
  }
  const lines = [`<b>${esc(kindLabel(e.kind, t))}</b> · ${utcClock(e.t)} UTC`, owner(e, t)]
  const what = [e.symbol ?? e.asset, e.side ? t(`side.${e.side}`) : undefined, e.qty !== undefined ? quantity(e.qty) : undefined, e.price !== undefined ? `@ ${price(e.price)}` : undefined].filter(Boolean)
  if (what.length) lines.push(esc(what.join(' ')))
  if (e.note) lines.push(`<i>${esc(eventNote(e.note))}</i>`)
  return lines.join('<br/>')
}

export interface PathGraphOptions {
  layout: PathLayout
  palette: ChartPalette
  t: Translate
  /** The canvas font for the app's language (palette.ts `chartFont`). */
  font?: string
  selectedId?: string | null
}

function symbolFor(n: PathNode): { symbol: string; size: number } {
  if (n.user) return { symbol: 'circle', size: 20 }
  if (n.events.length > 1) return { symbol: 'roundRect', size: Math.min(22, 10 + 3 * Math.log2(n.events.length)) }
  if (MARKET_KINDS.has(n.kind)) return { symbol: 'diamond', size: 13 }
  if (n.kind === 'insurance') return { symbol: 'rect', size: 11 }
  return { symbol: 'circle', size: 10 }
}

/** A graph this small labels every node; a bigger one only the user's, market shocks and groups. */
export const LABEL_ALL_UP_TO = 30

function labelled(n: PathNode, all: boolean): boolean {
  return all || n.user || n.events.length > 1 || MARKET_KINDS.has(n.kind)
}

/** The ECharts option of the graph: a `graph` series on a cartesian grid (x = depth or time). */
export function buildPathGraphOption(model: PathModel, opts: PathGraphOptions): ChartOption {
  const p = opts.palette
  const t = opts.t
  const font = opts.font ?? FONT
  const pos = layoutPath(model, opts.layout)
  const kinds = KIND_ORDER.filter((k) => model.nodes.some((n) => n.kind === k))
  const categoryOf = new Map(kinds.map((k, i) => [k, i]))
  const ys = [...pos.values()].map(([, y]) => y)
  const yMin = ys.length ? Math.min(...ys) : 0
  const yMax = ys.length ? Math.max(...ys) : 1
  const tips = new Map(model.nodes.map((n) => [n.id, nodeTooltip(n, t)]))
  const labels = new Map(model.nodes.map((n) => [n.id, n.label]))
  const labelAll = model.nodes.length <= LABEL_ALL_UP_TO
  const userIds = new Set(model.nodes.filter((n) => n.user).map((n) => n.id))

  const data = model.nodes.map((n) => {
    const [x, y] = pos.get(n.id) as [number, number]
    const { symbol, size } = symbolFor(n)
    const selected = n.id === opts.selectedId
    return {
      name: n.id,
      value: [x, y],
      category: categoryOf.get(n.kind),
      symbol,
      symbolSize: selected ? size + 6 : size,
      itemStyle: {
        borderColor: selected ? p.accent : n.user ? p.textStrong : p.panel,
        borderWidth: selected ? 3 : n.user ? 2 : 1,
        shadowBlur: n.user ? 10 : 0,
        shadowColor: n.user ? p.kinds[n.kind] : 'transparent',
      },
      label: {
        show: labelled(n, labelAll) || selected,
        // The user's events: what and to which position, then the time, on two short lines.
        formatter: n.user ? `{u|${n.label}}\n{t|${utcClock(n.events[0].t).slice(0, 5)}}` : n.label,
        position: 'bottom' as const,
        distance: 4,
        color: n.user ? p.textStrong : p.muted,
        fontSize: 10,
        fontFamily: font,
        lineHeight: 13,
        rich: {
          u: { color: p.textStrong, fontWeight: 'bold' as const, fontSize: 11, fontFamily: font, lineHeight: 14 },
          t: { color: p.muted, fontSize: 10, fontFamily: font, lineHeight: 12 },
        },
      },
      z: n.user ? 3 : 2,
    }
  })

  // The user's own chain (one of its events causing the next) is drawn strongest, other causes of
  // its events in a lighter red, the rest of the cascade faint.
  const links = model.edges.map((e) => ({
    source: e.source,
    target: e.target,
    lineStyle:
      e.toUser && userIds.has(e.source)
        ? { color: p.short, width: 2.4, opacity: 1, curveness: 0.1 }
        : e.toUser
          ? { color: p.short, width: 1.2, opacity: 0.45, curveness: 0.12 }
          : { color: p.faint, width: 1, opacity: 0.55, curveness: 0.12 },
  }))

  const times = opts.layout === 'time' ? timeColumns(model) : []
  const spansDays = times.length > 0 && new Date(times[0]).toISOString().slice(0, 10) !== new Date(times[times.length - 1]).toISOString().slice(0, 10)
  const xAxis =
    opts.layout === 'time'
      ? {
          type: 'category' as const,
          data: times.map((t) => utcClock(new Date(t).toISOString(), spansDays)),
          boundaryGap: true,
          axisLine: { onZero: false, lineStyle: { color: p.axis } },
          axisTick: { alignWithLabel: true },
          axisLabel: { color: p.muted, fontSize: 10, fontFamily: font, hideOverlap: true },
          splitLine: { show: false },
          name: t('path.axisTime'),
          nameLocation: 'end' as const,
          nameTextStyle: { color: p.faint, fontSize: 10 },
        }
      : {
          type: 'value' as const,
          min: -0.35,
          max: model.maxDepth + 0.35,
          interval: 1,
          axisLine: { onZero: false, lineStyle: { color: p.axis } },
          axisTick: { show: false },
          axisLabel: { show: false },
          splitLine: { show: false },
          name: t('path.axisDepth'),
          nameLocation: 'end' as const,
          nameTextStyle: { color: p.faint, fontSize: 10 },
        }

  return {
    backgroundColor: 'transparent',
    animation: false,
    useUTC: true,
    textStyle: { fontFamily: font },
    legend: {
      top: 0,
      left: 0,
      itemWidth: 10,
      itemHeight: 10,
      textStyle: { color: p.muted, fontSize: 11 },
      data: kinds.map((k) => ({ name: kindLabel(k, t), itemStyle: { color: p.kinds[k] } })),
    },
    tooltip: {
      ...tooltipStyle(p, font),
      trigger: 'item',
      confine: true,
      formatter: (params: unknown) => {
        const q = params as { dataType?: string; data?: { name?: string; source?: string; target?: string } }
        if (q.dataType === 'edge') return `${esc(labels.get(q.data?.source ?? '') ?? '')}<br/>→ ${esc(labels.get(q.data?.target ?? '') ?? '')}`
        return tips.get(q.data?.name ?? '') ?? ''
      },
    },
    grid: { left: 24, right: 40, top: 34, bottom: 44 },
    xAxis,
    yAxis: { type: 'value', show: false, inverse: true, min: yMin - 0.6, max: yMax + 0.8 },
    series: [
      {
        type: 'graph',
        coordinateSystem: 'cartesian2d',
        layout: 'none',
        categories: kinds.map((k) => ({ name: kindLabel(k, t), itemStyle: { color: p.kinds[k] } })),
        edgeSymbol: ['none', 'arrow'],
        edgeSymbolSize: [0, 6],
        labelLayout: { hideOverlap: true },
        emphasis: { focus: 'adjacency', lineStyle: { width: 2.5 }, label: { show: true } },
        data,
        links,
      },
    ],
  }
}
