// A draft the format still refuses cannot be stored (the store keeps only valid
// `cascade.portfolio/1` documents, docs/FORMATS.md §2.6), yet nothing typed may vanish on a
// reload. So such a draft is kept in this window's local storage, next to the stored version it
// was edited from (`base`: the record's `updatedAt`), and offered back on the next open, marked as
// not saved. A stash whose base is no longer the stored version is dropped: the book changed
// elsewhere (the CLI, another window) and the stored one wins. Storage is passed in: testable.
import type { Draft } from './draft'

export interface DraftStash {
  draft: Draft
  /** `updatedAt` of the stored record the draft was edited from. */
  base: string
  /** When the draft was last stashed (ms since the epoch). */
  at: number
}

export type StashStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>

const key = (id: string): string => `cascade.draft.${id}`

const LISTS = ['prices', 'wallet', 'positions', 'loans', 'defi', 'loops'] as const

function isDraft(v: unknown): v is Draft {
  if (typeof v !== 'object' || v === null) return false
  const d = v as Record<string, unknown>
  return typeof d.name === 'string' && typeof d.venue === 'string' && typeof d.marginMode === 'string' && LISTS.every((l) => Array.isArray(d[l]))
}

export function writeStash(storage: StashStorage | null, id: string, stash: DraftStash): void {
  try {
    storage?.setItem(key(id), JSON.stringify(stash))
  } catch {
    // Full or unavailable storage: the draft is still on screen, as before this existed.
  }
}

/** The stash of a book if it was made from the stored version `base`; any other is removed. */
export function readStash(storage: StashStorage | null, id: string, base: string): DraftStash | null {
  let raw: string | null = null
  try {
    raw = storage?.getItem(key(id)) ?? null
  } catch {
    return null
  }
  if (raw === null) return null
  try {
    const v = JSON.parse(raw) as Partial<DraftStash>
    if (isDraft(v.draft) && v.base === base && typeof v.at === 'number') return { draft: v.draft, base: v.base, at: v.at }
  } catch {
    // Not ours or damaged: dropped below.
  }
  clearStash(storage, id)
  return null
}

export function clearStash(storage: StashStorage | null, id: string): void {
  try {
    storage?.removeItem(key(id))
  } catch {
    // Nothing to clear then.
  }
}

/** The window's local storage, or null where there is none (tests, a locked-down profile). */
export function localStash(): StashStorage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage
  } catch {
    return null
  }
}
