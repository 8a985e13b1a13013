// The app's languages: vue-i18n over one JSON catalogue per language (renderer/src/locales), the
// choice remembered in localStorage, English as the fallback for a key a catalogue lacks (a test
// keeps the catalogues' keys equal, so the fallback only covers a release mistake).
// Messages are compiled just in time by vue-i18n (no eval), so the strict CSP holds.
import { createI18n } from 'vue-i18n'
import en from '../locales/en.json'
import ja from '../locales/ja.json'
import zhCN from '../locales/zh-CN.json'

export const LOCALES = ['en', 'ja', 'zh-CN'] as const
export type Locale = (typeof LOCALES)[number]

/** Each language named in itself, for the switch. */
export const LOCALE_NAMES: Record<Locale, string> = { en: 'English', ja: '日本語', 'zh-CN': '简体中文' }

const LOCALE_KEY = 'cascade.locale'

export const isLocale = (value: unknown): value is Locale => typeof value === 'string' && (LOCALES as readonly string[]).includes(value)

/** The remembered choice, else the system's language when we speak it, else English. */
export function initialLocale(): Locale {
  try {
    const saved = localStorage.getItem(LOCALE_KEY)
    if (isLocale(saved)) return saved
  } catch {
    // Storage unavailable: fall through to the system language.
  }
  const system = typeof navigator === 'undefined' ? '' : navigator.language
  if (system.startsWith('ja')) return 'ja'
  if (system.startsWith('zh')) return 'zh-CN'
  return 'en'
}

export function rememberLocale(locale: Locale): void {
  try {
    localStorage.setItem(LOCALE_KEY, locale)
  } catch {
    // The choice still applies for this session.
  }
}

const reported = new Set<string>()

export const i18n = createI18n({
  legacy: false,
  locale: initialLocale(),
  fallbackLocale: 'en',
  messages: { en, ja, 'zh-CN': zhCN },
  // A key no catalogue holds would print itself ("history.status.done") on screen: say so loudly
  // (the e2e journeys fail on any console error), once per key.
  missing: (_locale, key) => {
    if (!reported.has(key)) {
      reported.add(key)
      console.error(`[i18n] no catalogue holds the key "${key}"`)
    }
    return key
  },
  missingWarn: false,
  fallbackWarn: false,
})

/**
 * How pure modules (chart builders, lib/figures.ts) word their text: vue-i18n's `t` in the app
 * (see `translate`), a fixed-language one in tests. `plural` picks the form ("1 event | {count} events").
 */
export type Translate = (key: string, named?: Record<string, unknown>, plural?: number) => string

/** The app's `t` for code outside components (stores, builders): reads the current language, so a computed that calls it follows a switch. */
export const translate: Translate = (key, named, plural) =>
  plural === undefined ? i18n.global.t(key, named ?? {}) : i18n.global.t(key, named ?? {}, plural)
