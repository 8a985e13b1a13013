// Line charts as SVG text for the run report: drawn from the run's series with no library and no
// DOM, so the app's report and `cascade report` embed the same picture, it prints sharp at any
// size, and the page stays self-contained. Each line is thinned to the first, lowest, highest and
// last point of every pixel column, so a one-second crash still shows its trough.
import { esc } from './report-format'

export interface SvgLine {
  name: string
  color: string
  values: ReadonlyArray<number | null>
  axis?: 'left' | 'right'
  dashed?: boolean
  /** Fill under the line, faintly. */
  area?: boolean
}

export interface SvgAxis {
  /** A tick's label; `step` is the distance between ticks, so labels can carry just enough digits. */
  format: (v: number, step: number) => string
  /** Fixed ends; otherwise the data's range, rounded out to ticks. */
  min?: number
  max?: number
}

export interface SvgMarker {
  t: number
  color: string
  label: string
  dashed?: boolean
}

export interface SvgChartSpec {
  width: number
  height: number
  /** Time of each value, ms since the epoch. */
  t: readonly number[]
  lines: readonly SvgLine[]
  left: SvgAxis
  right?: SvgAxis
  markers?: readonly SvgMarker[]
  /** Horizontal reference lines (the 100% margin ratio). */
  guides?: ReadonlyArray<{ value: number; axis: 'left' | 'right'; color: string; label: string }>
  /** Accessible name of the picture. */
  title: string
}

/** Markers closer than this (px) share one label. */
const MARKER_CLUSTER_PX = 12

const PAD = { left: 58, right: 58, top: 26, bottom: 22 }
const FONT = "font-family=\"system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'Noto Sans CJK JP', 'Noto Sans CJK SC', sans-serif\""
const r1 = (v: number) => Math.round(v * 10) / 10

/** About `count` round tick values covering [min, max] (1, 2, 2.5, 5 × 10^k steps). */
export function niceTicks(min: number, max: number, count = 4): number[] {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return []
  if (min === max) {
    const pad = Math.abs(min) * 0.05 || 1
    min -= pad
    max += pad
  }
  const raw = (max - min) / count
  const mag = 10 ** Math.floor(Math.log10(raw))
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag
  // Ticks by index, never by adding steps: a span below a float's resolution at this magnitude
  // would otherwise never advance.
  const k0 = Math.floor(min / step)
  const k1 = Math.ceil(max / step)
  if (!(k1 - k0 <= 4 * count)) return [min, max]
  // Rounded to the step's own decimals, so 3 x 0.05 prints 0.15, not 0.15000000000000002.
  const dp = Math.min(100, Math.max(0, 1 - Math.floor(Math.log10(step))))
  const out: number[] = []
  for (let k = k0; k <= k1; k++) out.push(k === 0 ? 0 : Number((k * step).toFixed(dp)))
  return out
}

const MINUTE = 60_000
const TIME_STEPS = [1, 2, 5, 10, 15, 30, 60, 120, 180, 360, 720, 1440].map((m) => m * MINUTE)

/** Round UTC times across [t0, t1], at most `max` of them. */
export function timeTicks(t0: number, t1: number, max = 8): number[] {
  const step = TIME_STEPS.find((s) => (t1 - t0) / s <= max) ?? Math.ceil((t1 - t0) / max / (1440 * MINUTE)) * 1440 * MINUTE
  const out: number[] = []
  for (let t = Math.ceil(t0 / step) * step; t <= t1; t += step) out.push(t)
  return out
}

const pad2 = (n: number) => String(n).padStart(2, '0')
function clock(t: number, withDate: boolean): string {
  const d = new Date(t)
  const hm = `${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}`
  return withDate ? `${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())} ${hm}` : hm
}

/** Indexes to draw of a line: per pixel column, its first, lowest, highest and last finite point, in order. */
export function thinIndexes(xs: readonly number[], values: ReadonlyArray<number | null>): number[] {
  const out: number[] = []
  let col = Number.NaN
  let bucket: number[] = []
  const flush = () => {
    if (!bucket.length) return
    let lo = bucket[0]
    let hi = bucket[0]
    for (const i of bucket) {
      if ((values[i] as number) < (values[lo] as number)) lo = i
      if ((values[i] as number) > (values[hi] as number)) hi = i
    }
    const keep = [...new Set([bucket[0], lo, hi, bucket[bucket.length - 1]])].sort((a, b) => a - b)
    out.push(...keep)
    bucket = []
  }
  for (let i = 0; i < xs.length; i++) {
    const v = values[i]
    if (v === null || v === undefined || !Number.isFinite(v)) {
      flush()
      out.push(-1 - i) // a gap: the line breaks here
      col = Number.NaN
      continue
    }
    const c = Math.floor(xs[i])
    if (c !== col) {
      flush()
      col = c
    }
    bucket.push(i)
  }
  flush()
  return out
}

function range(lines: readonly SvgLine[], axis: 'left' | 'right', spec: SvgAxis): [number, number] {
  let lo = Infinity
  let hi = -Infinity
  for (const l of lines) {
    if ((l.axis ?? 'left') !== axis) continue
    for (const v of l.values) {
      if (v === null || !Number.isFinite(v)) continue
      if (v < lo) lo = v
      if (v > hi) hi = v
    }
  }
  if (lo === Infinity) return [spec.min ?? 0, spec.max ?? 1]
  const ticks = niceTicks(spec.min ?? lo, spec.max ?? hi)
  return [spec.min ?? ticks[0], spec.max ?? ticks[ticks.length - 1]]
}

/** Rough width of a label at 10 px: CJK characters are about twice as wide as Latin ones. */
const textWidth = (text: string): number => [...text].reduce((w, c) => w + (/[\u2e80-\uffef]/.test(c) ? 10.5 : 6), 0)

export function lineChartSvg(spec: SvgChartSpec): string {
  const { width: W, height: H, t } = spec
  const plotW = W - PAD.left - PAD.right
  const plotH = H - PAD.top - PAD.bottom
  const t0 = t[0] ?? 0
  const t1 = t[t.length - 1] ?? 1
  const x = (ms: number) => PAD.left + ((ms - t0) / (t1 - t0 || 1)) * plotW
  const [l0, l1] = range(spec.lines, 'left', spec.left)
  const [q0, q1] = spec.right ? range(spec.lines, 'right', spec.right) : [0, 1]
  const yL = (v: number) => PAD.top + plotH - ((v - l0) / (l1 - l0 || 1)) * plotH
  const yR = (v: number) => PAD.top + plotH - ((v - q0) / (q1 - q0 || 1)) * plotH
  const withDate = t1 - t0 > 1440 * MINUTE || new Date(t0).getUTCDate() !== new Date(t1).getUTCDate()
  const parts: string[] = []
  parts.push(`<svg viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="${esc(spec.title)}" ${FONT} font-size="10">`)
  parts.push(`<rect x="0" y="0" width="${W}" height="${H}" fill="#ffffff"/>`)
  // Grid and left axis.
  const stepOf = (ticks: number[]) => (ticks.length > 1 ? ticks[1] - ticks[0] : 1)
  const leftTicks = niceTicks(l0, l1)
  for (const v of leftTicks) {
    if (v < l0 - 1e-12 || v > l1 + 1e-12) continue
    const y = r1(yL(v))
    parts.push(`<line x1="${PAD.left}" x2="${W - PAD.right}" y1="${y}" y2="${y}" stroke="#e6e9ee"/>`)
    parts.push(`<text x="${PAD.left - 6}" y="${y + 3}" text-anchor="end" fill="#5a6677">${esc(spec.left.format(v, stepOf(leftTicks)))}</text>`)
  }
  if (spec.right) {
    const rightTicks = niceTicks(q0, q1)
    for (const v of rightTicks) {
      if (v < q0 - 1e-12 || v > q1 + 1e-12) continue
      parts.push(`<text x="${W - PAD.right + 6}" y="${r1(yR(v)) + 3}" fill="#5a6677">${esc(spec.right.format(v, stepOf(rightTicks)))}</text>`)
    }
  }
  for (const tick of timeTicks(t0, t1)) {
    const xx = r1(x(tick))
    parts.push(`<line x1="${xx}" x2="${xx}" y1="${PAD.top + plotH}" y2="${PAD.top + plotH + 4}" stroke="#bfc7d2"/>`)
    parts.push(`<text x="${xx}" y="${H - 6}" text-anchor="middle" fill="#5a6677">${esc(clock(tick, withDate))}</text>`)
  }
  parts.push(`<line x1="${PAD.left}" x2="${W - PAD.right}" y1="${PAD.top + plotH}" y2="${PAD.top + plotH}" stroke="#bfc7d2"/>`)
  for (const g of spec.guides ?? []) {
    const y = r1((g.axis === 'right' ? yR : yL)(g.value))
    if (y < PAD.top || y > PAD.top + plotH) continue
    parts.push(`<line x1="${PAD.left}" x2="${W - PAD.right}" y1="${y}" y2="${y}" stroke="${esc(g.color)}" stroke-opacity="0.7"/>`)
    // At the right end, where the lines have usually gone flat, not over the start of the data.
    parts.push(`<text x="${W - PAD.right - 4}" y="${y - 3}" text-anchor="end" fill="${esc(g.color)}" font-size="9">${esc(g.label)}</text>`)
  }
  // Lines, each thinned to its pixel columns.
  const xs = t.map(x)
  for (const line of spec.lines) {
    const y = (line.axis ?? 'left') === 'right' ? yR : yL
    const segments: string[][] = [[]]
    for (const i of thinIndexes(xs, line.values)) {
      if (i < 0) {
        if (segments[segments.length - 1].length) segments.push([])
        continue
      }
      segments[segments.length - 1].push(`${r1(xs[i])},${r1(y(line.values[i] as number))}`)
    }
    for (const seg of segments.filter((s) => s.length > 1)) {
      if (line.area) {
        const base = r1(PAD.top + plotH)
        parts.push(`<polygon points="${seg[0].split(',')[0]},${base} ${seg.join(' ')} ${seg[seg.length - 1].split(',')[0]},${base}" fill="${esc(line.color)}" fill-opacity="0.1" stroke="none"/>`)
      }
      parts.push(`<polyline points="${seg.join(' ')}" fill="none" stroke="${esc(line.color)}" stroke-width="1.4"${line.dashed ? ' stroke-dasharray="4 3"' : ''} stroke-linejoin="round"/>`)
    }
  }
  // Markers: a vertical line each. Markers within a few pixels of each other share one label
  // ("margin call · liquidation btc"): printed apart they overprinted one another. Labels of
  // clusters that are still close are stepped down three rows.
  const clusters: { x: number; color: string; labels: string[] }[] = []
  for (const m of spec.markers ?? []) {
    const xx = r1(x(m.t))
    parts.push(`<line x1="${xx}" x2="${xx}" y1="${PAD.top}" y2="${PAD.top + plotH}" stroke="${esc(m.color)}" stroke-width="1.1"${m.dashed ? ' stroke-dasharray="2 2"' : ' stroke-dasharray="5 3"'}/>`)
    const last = clusters[clusters.length - 1]
    if (last && xx - last.x < MARKER_CLUSTER_PX) {
      if (!last.labels.includes(m.label)) last.labels.push(m.label)
    } else clusters.push({ x: xx, color: m.color, labels: [m.label] })
  }
  let lastLabelX = -Infinity
  let row = 0
  for (const c of clusters) {
    row = c.x - lastLabelX < 90 ? (row + 1) % 3 : 0
    lastLabelX = c.x
    const anchor = c.x > W - PAD.right - 80 ? 'end' : 'start'
    // A white halo under the letters: the cluster's other lines cross its label.
    parts.push(`<text x="${anchor === 'end' ? c.x - 3 : c.x + 3}" y="${PAD.top + 10 + row * 11}" text-anchor="${anchor}" fill="${esc(c.color)}" font-size="9" font-weight="700" stroke="#fff" stroke-width="3" stroke-linejoin="round" paint-order="stroke">${esc(c.labels.join(' · '))}</text>`)
  }
  // Legend along the top.
  let lx = PAD.left
  for (const line of spec.lines) {
    parts.push(`<line x1="${lx}" x2="${lx + 14}" y1="10" y2="10" stroke="${esc(line.color)}" stroke-width="2"${line.dashed ? ' stroke-dasharray="4 3"' : ''}/>`)
    parts.push(`<text x="${lx + 18}" y="13" fill="#1d2530">${esc(line.name)}</text>`)
    lx += 28 + textWidth(line.name)
  }
  parts.push('</svg>')
  return parts.join('')
}
