// Ids in every document format: short names of letters, digits, ".", "_" and "-". A venue or
// lending protocol named by a book is such an id in the venue catalogue, never a file path: the
// pattern admits no separator, and nothing in a document reaches the file system.
import { z } from 'zod'

export const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/
const SHAPE = 'letters, digits, ".", "_" or "-" (at most 64)'

/** An id field; `catalogue` names what it refers to ("venue"), for a message that says where ids come from. */
export function idField(catalogue?: 'venue' | 'lending protocol') {
  const message = catalogue
    ? `must be a ${catalogue} id from the catalogue (see \`cascade venues\`), not a file path: ${SHAPE}`
    : `must be an id of ${SHAPE}`
  return z.string().regex(ID_PATTERN, { error: message })
}
