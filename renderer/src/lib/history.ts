// Undo/redo of draft edits as a bounded stack of snapshots. Keystrokes in one field within a
// short window coalesce into one step, so Ctrl+Z undoes "typing 40.98", not "8".
export interface History {
  past: string[]
  future: string[]
  lastKey: string | null
  lastAt: number
}

export const HISTORY_LIMIT = 200
export const COALESCE_MS = 1000

export function emptyHistory(): History {
  return { past: [], future: [], lastKey: null, lastAt: 0 }
}

/** Records the state before an edit of `key` made at `now`. */
export function record(h: History, before: string, key: string, now: number): void {
  const coalesce = key === h.lastKey && now - h.lastAt < COALESCE_MS && h.past.length > 0
  if (!coalesce) {
    h.past.push(before)
    if (h.past.length > HISTORY_LIMIT) h.past.splice(0, h.past.length - HISTORY_LIMIT)
  }
  h.future.length = 0
  h.lastKey = key
  h.lastAt = now
}

/** Returns the state to restore, or null when there is nothing to undo. */
export function undo(h: History, current: string): string | null {
  const prev = h.past.pop()
  if (prev === undefined) return null
  h.future.push(current)
  h.lastKey = null
  return prev
}

export function redo(h: History, current: string): string | null {
  const next = h.future.pop()
  if (next === undefined) return null
  h.past.push(current)
  h.lastKey = null
  return next
}
