// How a bad input is quoted in a message: short and bounded, so a 5 MB field gives a short reply
// ("got \"aaaa...\" (5000000 characters)"), and one wording for every format.
import { isJsonNumberText } from './json-text'

const MAX_QUOTED = 40

function excerpt(s: string): string {
  return s.length > MAX_QUOTED ? `${s.slice(0, MAX_QUOTED)}... (${s.length} characters)` : s
}

/** The input as a message quotes it: strings and exact number texts cut to 40 characters, containers by kind. */
export function shown(v: unknown): string {
  if (isJsonNumberText(v)) return excerpt(v.__jsonNumber)
  if (typeof v === 'string') {
    const cut = v.length > MAX_QUOTED
    return `${JSON.stringify(cut ? `${v.slice(0, MAX_QUOTED)}...` : v)}${cut ? ` (${v.length} characters)` : ''}`
  }
  if (v === undefined) return 'nothing'
  if (typeof v === 'number') return String(v)
  if (Array.isArray(v)) return 'a list'
  if (v === null) return 'null'
  return typeof v === 'object' ? 'an object' : `a ${typeof v}`
}
