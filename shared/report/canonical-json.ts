// Canonical JSON (the JSON Canonicalization Scheme, RFC 8785, for the values Cascade documents
// hold): object keys sorted by UTF-16 code units, no whitespace, strings escaped as JSON.stringify
// does, numbers in ECMAScript's shortest form. Two documents that mean the same thing (key order,
// indentation) give the same text, so the same hash.

export function canonicalJson(value: unknown): string {
  return write(value, '')
}

function write(value: unknown, path: string): string {
  if (value === null) return 'null'
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value)
    case 'boolean':
      return value ? 'true' : 'false'
    case 'number':
      if (!Number.isFinite(value)) throw new Error(`canonical JSON: ${path || 'value'} is not a finite number (${value})`)
      // ECMAScript's Number-to-String is the form RFC 8785 prescribes; -0 is written 0.
      return Object.is(value, -0) ? '0' : String(value)
    case 'object': {
      if (Array.isArray(value)) return `[${value.map((v, i) => (v === undefined ? 'null' : write(v, `${path}[${i}]`))).join(',')}]`
      const entries = Object.keys(value as object)
        .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
        .sort(compareUtf16)
        .map((k) => `${JSON.stringify(k)}:${write((value as Record<string, unknown>)[k], path ? `${path}.${k}` : k)}`)
      return `{${entries.join(',')}}`
    }
    default:
      throw new Error(`canonical JSON: ${path || 'value'} cannot be written (${typeof value})`)
  }
}

/** RFC 8785 §3.2.3: keys ordered by their UTF-16 code units (what `<` on strings does). */
function compareUtf16(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
