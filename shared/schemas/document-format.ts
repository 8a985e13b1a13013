// What every versioned file format shares: the header check that answers a newer file with
// "unsupported version" instead of noise, validation with field paths, reading a file's text
// with exact numbers, and the JSON Schema generated from the same zod schema.
import { z } from 'zod'
import type { FieldIssue } from '../model/issues'
import { toFieldIssues } from './issue-messages'
import { parseJsonExact } from './json-text'

export type DocumentResult<T> = { ok: true; value: T } | { ok: false; issues: FieldIssue[] }

export interface DocumentFormatSpec {
  /** `cascade.portfolio/1`: the family is the part before the slash. */
  format: string
  /** The schema that checks a given input (a format with kinds picks one per input). */
  schemaFor: (input: object) => z.ZodType
  /**
   * The schema's output for an input it accepts, computed without it, or null to let the schema
   * decide: it may only answer for inputs the schema accepts, with the value the schema would give
   * (a property test holds it to that), so every refusal and its issues still come from the schema.
   */
  fast?: (input: object) => unknown
  /** The schema the JSON Schema file is generated from. */
  jsonSchemaSource: z.ZodType
  title: string
  description: string
  /** A missing `format` is refused at once: the file is probably not this kind of document. */
  formatRequired?: boolean
  /** Further header fields to check before the body (e.g. a profile's `kind`). */
  checkHeader?: (input: object) => FieldIssue | null
}

export interface DocumentFormat<T> {
  validate(input: unknown): DocumentResult<T>
  parseText(text: string): DocumentResult<T>
  jsonSchema(): Record<string, unknown>
}

export function documentFormat<T>(spec: DocumentFormatSpec): DocumentFormat<T> {
  const family = `${spec.format.split('/')[0]}/`
  const header = (input: unknown): FieldIssue | null => {
    if (typeof input !== 'object' || input === null || Array.isArray(input)) {
      return { path: '', message: `must be a JSON object (a ${spec.format} document)` }
    }
    const format = (input as { format?: unknown }).format
    if (format === undefined && spec.formatRequired) {
      return { path: 'format', message: `required: this does not look like a ${spec.format} document` }
    }
    if (typeof format === 'string' && format.startsWith(family) && format !== spec.format) {
      return { path: 'format', message: `unsupported version "${format}": this Cascade reads ${spec.format}` }
    }
    return spec.checkHeader?.(input) ?? null
  }
  const validate = (input: unknown): DocumentResult<T> => {
    const refused = header(input)
    if (refused) return { ok: false, issues: [refused] }
    const quick = spec.fast?.(input as object)
    if (quick != null) return { ok: true, value: quick as T }
    const r = spec.schemaFor(input as object).safeParse(input, { reportInput: true })
    return r.success ? { ok: true, value: r.data as T } : { ok: false, issues: toFieldIssues(r.error) }
  }
  return {
    validate,
    parseText(text) {
      const parsed = parseJsonExact(text)
      return parsed.ok ? validate(parsed.value) : parsed
    },
    jsonSchema() {
      const schema = z.toJSONSchema(spec.jsonSchemaSource, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>
      return { ...schema, $id: `https://cascade.local/schemas/${spec.format.replace('/', '-')}.schema.json`, title: spec.title, description: spec.description }
    },
  }
}
