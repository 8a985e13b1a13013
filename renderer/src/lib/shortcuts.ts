// The window's keyboard shortcuts, one list: the handler (composables/useShortcuts.ts) asks
// `shortcutFor`, and the help overlay (`?`, components/ShortcutsHelp.vue) draws `SHORTCUTS` with
// `chordText`, so the two can never disagree. Ctrl or Cmd is "mod"; the overlay's labels are in
// the `shortcuts.actions` section of the catalogues.

/** The parts of a KeyboardEvent that matter (declared here: lib/ stays free of DOM types). */
export interface KeyChord {
  key: string
  ctrlKey: boolean
  metaKey: boolean
  shiftKey: boolean
  altKey: boolean
}

export type Shortcut = 'new' | 'undo' | 'redo' | 'book' | 'replay' | 'run' | 'cancel' | 'help'

export interface Chord {
  /** `KeyboardEvent.key`, compared case-insensitively. */
  key: string
  /** Ctrl (Windows, Linux) or Cmd (macOS). */
  mod?: boolean
  shift?: boolean
}

export interface ShortcutDef {
  id: Shortcut
  /** The first is the one shown first. */
  chords: Chord[]
  /** A plain key (`?`) is text inside a field: it acts only outside one. */
  outsideFields?: boolean
}

export const SHORTCUTS: readonly ShortcutDef[] = [
  { id: 'run', chords: [{ key: 'Enter', mod: true }] },
  { id: 'cancel', chords: [{ key: 'Escape' }] },
  { id: 'new', chords: [{ key: 'n', mod: true }] },
  { id: 'undo', chords: [{ key: 'z', mod: true }] },
  { id: 'redo', chords: [{ key: 'z', mod: true, shift: true }, { key: 'y', mod: true }] },
  { id: 'book', chords: [{ key: '1', mod: true }] },
  { id: 'replay', chords: [{ key: '2', mod: true }] },
  { id: 'help', chords: [{ key: '?' }], outsideFields: true },
]

function matches(c: Chord, e: KeyChord): boolean {
  if (e.altKey) return false
  if (e.key.toLowerCase() !== c.key.toLowerCase()) return false
  const mod = e.ctrlKey || e.metaKey
  if (!!c.mod !== mod) return false
  // `?` is Shift+/ on most layouts: its shift is part of the character, not a modifier.
  if (c.key === '?') return true
  return !!c.shift === e.shiftKey
}

/** The action a key press maps to, or null; `inField`: the focus is in a text input. */
export function shortcutFor(e: KeyChord, inField = false): Shortcut | null {
  for (const s of SHORTCUTS) {
    if (s.outsideFields && inField) continue
    if (s.chords.some((c) => matches(c, e))) return s.id
  }
  return null
}

const NAMES: Record<string, string> = { enter: 'Enter', escape: 'Esc' }

/** "Ctrl+Shift+Z" (or "⌘⇧Z" on macOS), "Esc", "?". */
export function chordText(c: Chord, mac = false): string {
  const key = NAMES[c.key.toLowerCase()] ?? (c.key.length === 1 ? c.key.toUpperCase() : c.key)
  if (mac) return `${c.mod ? '⌘' : ''}${c.shift ? '⇧' : ''}${key === 'Enter' ? '↩' : key}`
  return [c.mod ? 'Ctrl' : '', c.shift ? 'Shift' : '', key].filter(Boolean).join('+')
}

/** Whether the platform string (navigator.platform / userAgentData) is a Mac's. */
export const isMac = (platform: string): boolean => /mac|iphone|ipad/i.test(platform)
