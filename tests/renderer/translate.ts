// Fixed-language translators for pure renderer modules (chart builders, lib/figures.ts): the app's
// own catalogues through vue-i18n, as the app renders them, without the app's language switch.
import { createI18n } from 'vue-i18n'
import type { Translate } from '../../renderer/src/i18n'
import en from '../../renderer/src/locales/en.json'
import ja from '../../renderer/src/locales/ja.json'
import zhCN from '../../renderer/src/locales/zh-CN.json'

function translator(locale: 'en' | 'ja' | 'zh-CN'): Translate {
  const i18n = createI18n({ legacy: false, locale, fallbackLocale: 'en', messages: { en, ja, 'zh-CN': zhCN }, missingWarn: false, fallbackWarn: false })
  return (key, named, plural) => (plural === undefined ? i18n.global.t(key, named ?? {}) : i18n.global.t(key, named ?? {}, plural))
}

export const tEn = translator('en')
export const tJa = translator('ja')
export const tZh = translator('zh-CN')
