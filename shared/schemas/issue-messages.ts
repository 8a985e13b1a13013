// One wording for zod's findings across every format: "required", "unknown field", "must be one of ...".
import type { z } from 'zod'
import { formatPath, type FieldIssue } from '../model/issues'
import { shown } from './shown-input'

/** Flattens zod issues into path + message pairs, one per unknown key. */
export function toFieldIssues(error: z.ZodError): FieldIssue[] {
  const out: FieldIssue[] = []
  for (const iss of error.issues) {
    const path = iss.path.filter((p): p is string | number => typeof p !== 'symbol')
    if (iss.code === 'unrecognized_keys') {
      for (const key of iss.keys) out.push({ path: formatPath([...path, key]), message: 'unknown field' })
      continue
    }
    out.push({ path: formatPath(path), message: messageOf(iss) })
  }
  return out
}

function messageOf(iss: z.core.$ZodIssue): string {
  const input = (iss as { input?: unknown }).input
  switch (iss.code) {
    case 'invalid_type':
      if (input === undefined) return 'required'
      return `must be ${article(iss.expected)}, got ${shown(input)}`
    case 'invalid_value':
      if (input === undefined) return `required: one of ${iss.values.map((v) => JSON.stringify(v)).join(', ')}`
      return iss.values.length === 1
        ? `must be ${JSON.stringify(iss.values[0])}, got ${shown(input)}`
        : `must be one of ${iss.values.map((v) => JSON.stringify(v)).join(', ')}, got ${shown(input)}`
    case 'too_small':
      return iss.origin === 'string' ? 'must not be empty' : iss.origin === 'array' ? `needs at least ${iss.minimum} entries` : `must be at least ${iss.minimum}, got ${shown(input)}`
    case 'too_big':
      return iss.origin === 'string' ? `is too long (at most ${iss.maximum} characters)` : iss.origin === 'array' ? `has too many entries (at most ${iss.maximum})` : `must be at most ${iss.maximum}, got ${shown(input)}`
    case 'invalid_key':
      return `${iss.issues[0]?.message ?? 'is not an allowed key'}`
    case 'invalid_format':
      return `${iss.message ?? 'has the wrong form'}, got ${shown(input)}`
    default:
      return iss.message
  }
}

function article(expected: string): string {
  const names: Record<string, string> = { object: 'an object', array: 'a list', string: 'a string', number: 'a number', int: 'a whole number', boolean: 'true or false' }
  return names[expected] ?? expected
}
