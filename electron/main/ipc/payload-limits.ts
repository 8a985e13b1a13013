// A request's shape is bounded before any schema sees it: zod and the document validators walk
// what they are given, so a payload nested 100,000 deep, an object with 100,000 keys or a
// structure of millions of values is refused here, at once and with a reason, in one bounded walk
// (structured clone can also carry cycles, which the depth bound stops).

/** Nested containers deeper than this are refused (a book is 4 deep in its request, a scenario 7). */
export const MAX_PAYLOAD_DEPTH = 32
/** Keys of one object or entries of one list: above every list a schema allows (5,000 positions, 10,000 path points). */
export const MAX_CONTAINER_ENTRIES = 20_000
/**
 * Values in the whole request (every entry and leaf): a full 5,000-position book is about 40,000,
 * the shipped scenarios under 2,000. Only a scenario of hundreds of shocks with thousands of points
 * each (the schema's bounds multiplied out) would reach it, and is refused with this reason.
 */
export const MAX_PAYLOAD_VALUES = 2_000_000

export interface PayloadRefusal {
  path: string
  message: string
}

const isContainer = (v: unknown): v is object => v !== null && typeof v === 'object' && !ArrayBuffer.isView(v) && !(v instanceof ArrayBuffer)

interface Frame {
  v: object
  depth: number
  parent: Frame | null
  key: string | number
}

/** `doc.positions[3]`: a refused container's place, each key cut to 40 characters. */
function pathOf(f: Frame | null): string {
  const keys: (string | number)[] = []
  for (let at = f; at?.parent; at = at.parent) keys.unshift(at.key)
  return keys.reduce<string>((out, k) => (typeof k === 'number' ? `${out}[${k}]` : `${out}${out ? '.' : ''}${k.slice(0, 40)}`), '')
}

/** Null when the payload's shape is within the bounds, else where and why it is not. */
export function checkPayloadShape(payload: unknown): PayloadRefusal | null {
  if (!isContainer(payload)) return null
  let values = 1
  // Iterative, so the walk itself cannot overflow the stack; leaves are counted, not stacked.
  const stack: Frame[] = [{ v: payload, depth: 0, parent: null, key: '' }]
  while (stack.length) {
    const frame = stack.pop()!
    const { v, depth } = frame
    if (depth >= MAX_PAYLOAD_DEPTH) return { path: pathOf(frame), message: `request is nested too deep (more than ${MAX_PAYLOAD_DEPTH} levels)` }
    let children: Iterable<[string | number, unknown]>
    let size: number
    if (Array.isArray(v)) {
      size = v.length
      children = v.entries()
    } else if (v instanceof Map) {
      size = v.size
      children = [...v].flatMap(([k, x], i): [string, unknown][] => [[`${i}.key`, k], [String(i), x]])
    } else if (v instanceof Set) {
      size = v.size
      children = [...v].entries()
    } else {
      const keys = Object.keys(v)
      size = keys.length
      if (size <= MAX_CONTAINER_ENTRIES) children = keys.map((k): [string, unknown] => [k, (v as Record<string, unknown>)[k]])
      else children = []
    }
    if (size > MAX_CONTAINER_ENTRIES) return { path: pathOf(frame), message: `${Array.isArray(v) ? 'list' : 'object'} has too many entries (${size}, at most ${MAX_CONTAINER_ENTRIES})` }
    values += size
    if (values > MAX_PAYLOAD_VALUES) return { path: '', message: `request is too large (more than ${MAX_PAYLOAD_VALUES} values)` }
    for (const [key, child] of children) if (isContainer(child)) stack.push({ v: child, depth: depth + 1, parent: frame, key })
  }
  return null
}
