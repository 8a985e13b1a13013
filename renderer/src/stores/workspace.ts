// Which face of the selected portfolio the workspace shows: the editable book with its live
// metrics, or the replay of a scenario against it. One choice for the window (Ctrl+1 / Ctrl+2).
import { defineStore } from 'pinia'
import { ref } from 'vue'

export type WorkspaceTab = 'book' | 'replay'

export const useWorkspaceStore = defineStore('workspace', () => {
  const tab = ref<WorkspaceTab>('book')
  /** In a window too narrow for metrics beside the book, they sit above it and can be folded away. */
  const metricsFolded = ref(false)

  function show(next: WorkspaceTab): void {
    tab.value = next
  }

  function toggleMetrics(): void {
    metricsFolded.value = !metricsFolded.value
  }

  return { tab, show, metricsFolded, toggleMetrics }
})
