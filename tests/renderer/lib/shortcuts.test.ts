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
