// Keyboard shortcuts: Ctrl/Cmd chords for new, undo, redo and the Book / Replay tabs.
import { describe, expect, it } from 'vitest'
import { shortcutFor } from '../../../renderer/src/lib/shortcuts'

describe('shortcuts', () => {
  const key = (k: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; shiftKey: boolean; altKey: boolean }> = {}) => ({
    key: k,
    ctrlKey: false,
    metaKey: false,
    shiftKey: false,
    altKey: false,
    ...mods,
  })
  it('maps Ctrl/Cmd chords', () => {
    expect(shortcutFor(key('n', { ctrlKey: true }))).toBe('new')
    expect(shortcutFor(key('z', { metaKey: true }))).toBe('undo')
    expect(shortcutFor(key('Z', { ctrlKey: true, shiftKey: true }))).toBe('redo')
    expect(shortcutFor(key('y', { ctrlKey: true }))).toBe('redo')
    expect(shortcutFor(key('n'))).toBeNull()
    expect(shortcutFor(key('z', { ctrlKey: true, altKey: true }))).toBeNull()
  })

  it('maps Ctrl+1 and Ctrl+2 to the Book and Replay tabs', () => {
    const key = (k: string, extra: Partial<{ shiftKey: boolean; altKey: boolean }> = {}) => ({ key: k, ctrlKey: true, metaKey: false, shiftKey: false, altKey: false, ...extra })
    expect(shortcutFor(key('1'))).toBe('book')
    expect(shortcutFor(key('2'))).toBe('replay')
    expect(shortcutFor(key('2', { altKey: true }))).toBeNull()
    expect(shortcutFor({ ...key('1'), ctrlKey: false })).toBeNull()
  })
})

describe('run, cancel and help', () => {
  const key = (k: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; shiftKey: boolean; altKey: boolean }> = {}) => ({
    key: k,
    ctrlKey: false,
    metaKey: false,
    shiftKey: false,
    altKey: false,
    ...mods,
  })
  it('Ctrl/Cmd+Enter runs, Esc cancels, ? asks for help (Shift is part of the ?)', () => {
    expect(shortcutFor(key('Enter', { ctrlKey: true }))).toBe('run')
    expect(shortcutFor(key('Enter', { metaKey: true }))).toBe('run')
    expect(shortcutFor(key('Enter'))).toBeNull()
    expect(shortcutFor(key('Escape'))).toBe('cancel')
    expect(shortcutFor(key('Escape', { ctrlKey: true }))).toBeNull()
    expect(shortcutFor(key('?', { shiftKey: true }))).toBe('help')
    expect(shortcutFor(key('?', { ctrlKey: true }))).toBeNull()
  })

  it('? typed in a field is text, not help; chords still act in fields', () => {
    expect(shortcutFor(key('?', { shiftKey: true }), true)).toBeNull()
    expect(shortcutFor(key('z', { ctrlKey: true }), true)).toBe('undo')
    expect(shortcutFor(key('Enter', { ctrlKey: true }), true)).toBe('run')
  })

  it('every listed chord maps back to its own shortcut, and reads as it is pressed', async () => {
    const { SHORTCUTS, chordText } = await import('../../../renderer/src/lib/shortcuts')
    for (const s of SHORTCUTS) for (const c of s.chords) expect(shortcutFor(key(c.key, { ctrlKey: !!c.mod, shiftKey: !!c.shift || c.key === '?' }))).toBe(s.id)
    expect(SHORTCUTS.map((s) => s.chords.map((c) => chordText(c)).join(' / '))).toEqual(['Ctrl+Enter', 'Esc', 'Ctrl+N', 'Ctrl+Z', 'Ctrl+Shift+Z / Ctrl+Y', 'Ctrl+1', 'Ctrl+2', '?'])
    expect(chordText({ key: 'z', mod: true, shift: true }, true)).toBe('⌘⇧Z')
  })
})
