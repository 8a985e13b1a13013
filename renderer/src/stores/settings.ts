// User preferences kept on this machine, in localStorage: the colour theme (dark by default) and
// the language (see ../i18n).
import { defineStore } from 'pinia'
import { ref, watchEffect } from 'vue'
import { i18n, rememberLocale, type Locale } from '../i18n'
import { formatLocale } from '../lib/format'

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

  const locale = ref<Locale>(i18n.global.locale.value as Locale)

  watchEffect(() => {
    i18n.global.locale.value = locale.value
    formatLocale.value = locale.value
    document.documentElement.lang = locale.value
  })

  function setLocale(next: Locale): void {
    locale.value = next
    rememberLocale(next)
  }

  return { theme, setTheme, toggleTheme, locale, setLocale }
})
