// Reads JSON text so that numbers keep their exact source digits (JSON.parse source access,
// available in Node 22+ and Chromium): "0.1" in a file means exactly 0.1, never 0.1000000000000000055.
import type { FieldIssue } from '../model/issues'

/** Marks a JSON number whose exact source text was kept by `parseJsonExact`. */
export interface JsonNumberText {
  readonly __jsonNumber: string
}

export function isJsonNumberText(v: unknown): v is JsonNumberText {
  return typeof v === 'object' && v !== null && typeof (v as JsonNumberText).__jsonNumber === 'string'
}

type SourceReviver = (this: unknown, key: string, value: unknown, context?: { source?: string }) => unknown

const keepNumberText: SourceReviver = (_key, value, context) =>
  typeof value === 'number' && context?.source !== undefined
    ? ({ __jsonNumber: context.source } satisfies JsonNumberText)
    : value

export type JsonTextResult = { ok: true; value: unknown } | { ok: false; issues: FieldIssue[] }

export function parseJsonExact(text: string): JsonTextResult {
  try {
    return { ok: true, value: JSON.parse(text, keepNumberText as Parameters<typeof JSON.parse>[1]) }
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e)
    return { ok: false, issues: [{ path: '', message: `not valid JSON: ${detail}` }] }
  }
}

/** Turns kept number texts back into plain values where a field wants a JSON number (e.g. `loops`). */
export function numberFromText(v: unknown): unknown {
  if (isJsonNumberText(v)) return Number(v.__jsonNumber)
  return v
}
