// Whether the keyboard-shortcuts overlay is open (`?`, or the title bar's button).
import { defineStore } from 'pinia'
import { ref } from 'vue'

export const useShortcutsStore = defineStore('shortcuts', () => {
  const helpOpen = ref(false)
  return { helpOpen }
})
