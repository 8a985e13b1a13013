// User preferences kept on this machine: the colour theme (dark by default), in localStorage.
import { defineStore } from 'pinia'
import { ref, watchEffect } from 'vue'

export type Theme = 'dark' | 'light'
const THEME_KEY = 'cascade.theme'

function readTheme(): Theme {
  try {
    return localStorage.getItem(THEME_KEY) === 'light' ? 'light' : 'dark'
  } catch {
    return 'dark'
  }
}

export const useSettingsStore = defineStore('settings', () => {
  // Initial "fetch": the persisted choice.
  const theme = ref<Theme>(readTheme())

  watchEffect(() => {
    document.documentElement.dataset.theme = theme.value
  })

  function setTheme(next: Theme): void {
    theme.value = next
    try {
      localStorage.setItem(THEME_KEY, next)
    } catch {
      // Storage can be unavailable (private mode, quota); the theme still applies for this session.
    }
  }

  function toggleTheme(): void {
    setTheme(theme.value === 'dark' ? 'light' : 'dark')
  }

  return { theme, setTheme, toggleTheme }
})
