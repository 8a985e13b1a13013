// Which window-wide shortcut a key press is, if any (Ctrl or Cmd; Shift picks redo; 1 and 2
// switch between the Book and Replay tabs).
/** The parts of a KeyboardEvent that matter (declared here: lib/ stays free of DOM types). */
export interface KeyChord {
  key: string
  ctrlKey: boolean
  metaKey: boolean
  shiftKey: boolean
  altKey: boolean
}

/** The action a key press maps to, or null. */
export type Shortcut = 'new' | 'undo' | 'redo' | 'book' | 'replay'

export function shortcutFor(e: KeyChord): Shortcut | null {
  if (!(e.ctrlKey || e.metaKey) || e.altKey) return null
  const key = e.key.toLowerCase()
  if (key === 'n' && !e.shiftKey) return 'new'
  if (key === 'z') return e.shiftKey ? 'redo' : 'undo'
  if (key === 'y' && !e.shiftKey) return 'redo'
  if (key === '1' && !e.shiftKey) return 'book'
  if (key === '2' && !e.shiftKey) return 'replay'
  return null
}
