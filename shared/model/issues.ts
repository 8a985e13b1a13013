// Validation findings shared by every boundary: a field path and what was expected there.

export type FieldPath = ReadonlyArray<string | number>

export interface FieldIssue {
  /** Rendered path such as `positions[1].qty`; empty for the document itself. */
  path: string
  message: string
}

/** `['positions', 1, 'qty']` -> `positions[1].qty`. */
export function formatPath(path: FieldPath): string {
  let out = ''
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`
    else {
      // A key is quoted as given up to 40 characters: an unknown 5 MB key is not a 5 MB path.
      const key = part.length > 40 ? `${part.slice(0, 40)}...` : part
      out += out === '' ? key : `.${key}`
    }
  }
  return out
}

/** One line per issue, the form the CLI prints: `positions[1].qty: must be ...`. */
export function describeIssue(issue: FieldIssue): string {
  return issue.path === '' ? issue.message : `${issue.path}: ${issue.message}`
}
