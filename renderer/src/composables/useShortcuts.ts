// Window-wide keys: Ctrl+N new portfolio, Ctrl+Z / Ctrl+Shift+Z (or Ctrl+Y) undo and redo of
// draft edits, Ctrl+1 / Ctrl+2 the Book and Replay tabs. The store's history replaces the
// inputs' own undo so one step spans every cell.
import { onBeforeUnmount, onMounted } from 'vue'
import { usePortfolioEditorStore } from '../stores/portfolioEditor'
import { usePortfolioListStore } from '../stores/portfolioList'
import { useWorkspaceStore } from '../stores/workspace'
import { shortcutFor } from '../lib/shortcuts'

export function useShortcuts(): void {
  const books = usePortfolioListStore()
  const editor = usePortfolioEditorStore()
  const workspace = useWorkspaceStore()

  function onKey(e: KeyboardEvent): void {
    const action = shortcutFor(e)
    if (!action) return
    const target = e.target instanceof Element ? e.target : null
    // Inputs outside the draft (the inline rename) keep the browser's own undo.
    if ((action === 'undo' || action === 'redo') && target?.closest('[data-native-undo]')) return
    // A modal dialog owns the keyboard.
    if (document.querySelector('dialog[open]')) return
    e.preventDefault()
    if (action === 'book' || action === 'replay') workspace.show(action)
    else if (action === 'new') void books.create()
    else if (action === 'undo') editor.undoEdit()
    else editor.redoEdit()
  }

  onMounted(() => window.addEventListener('keydown', onKey, { capture: true }))
  onBeforeUnmount(() => window.removeEventListener('keydown', onKey, { capture: true }))
}
