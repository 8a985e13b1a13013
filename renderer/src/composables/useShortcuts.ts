// Window-wide keys, as lib/shortcuts.ts lists them: Ctrl/Cmd+Enter runs the replay of the selected
// book (on the Replay tab, with its scenario and seed), Esc cancels its running replay, `?` opens
// the list of shortcuts, Ctrl+N a new portfolio, Ctrl+Z / Ctrl+Shift+Z (or Ctrl+Y) undo and redo of
// draft edits, Ctrl+1 / Ctrl+2 the Book and Replay tabs. The store's history replaces the
// inputs' own undo so one step spans every cell.
import { onBeforeUnmount, onMounted } from 'vue'
import { usePortfolioEditorStore } from '../stores/portfolioEditor'
import { usePortfolioListStore } from '../stores/portfolioList'
import { useRunsStore } from '../stores/runs'
import { useShortcutsStore } from '../stores/shortcuts'
import { useWorkspaceStore } from '../stores/workspace'
import { shortcutFor } from '../lib/shortcuts'

export function useShortcuts(): void {
  const books = usePortfolioListStore()
  const editor = usePortfolioEditorStore()
  const workspace = useWorkspaceStore()
  const runs = useRunsStore()
  const help = useShortcutsStore()

  const runningOf = (bookId: string) => runs.runsOf(bookId).find((r) => runs.statusOf(r.id) === 'running') ?? null

  function onKey(e: KeyboardEvent): void {
    const target = e.target instanceof Element ? e.target : null
    const inField = !!target?.closest('input, textarea, select, [contenteditable="true"]')
    const action = shortcutFor(e, inField)
    if (!action) return
    // Inputs outside the draft (the inline rename) keep the browser's own undo.
    if ((action === 'undo' || action === 'redo') && target?.closest('[data-native-undo]')) return
    // A modal dialog owns the keyboard (Esc closes it).
    if (document.querySelector('dialog[open]')) return
    const bookId = editor.selectedId
    if (action === 'cancel') {
      // Esc stays the menus' and fields' own unless a replay is running.
      const running = bookId ? runningOf(bookId) : null
      if (!running) return
      e.preventDefault()
      void runs.cancel(running.id)
      return
    }
    e.preventDefault()
    if (action === 'help') help.helpOpen = true
    else if (action === 'run') {
      if (!bookId) return
      workspace.show('replay')
      runs.ensureForm(bookId)
      if (!runs.starting && !runningOf(bookId)) void runs.start(bookId)
    } else if (action === 'book' || action === 'replay') workspace.show(action)
    else if (action === 'new') void books.create()
    else if (action === 'undo') editor.undoEdit()
    else editor.redoEdit()
  }

  onMounted(() => window.addEventListener('keydown', onKey, { capture: true }))
  onBeforeUnmount(() => window.removeEventListener('keydown', onKey, { capture: true }))
}
