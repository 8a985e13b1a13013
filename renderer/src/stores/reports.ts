// A run's report saved as a file: HTML from any door, PDF from the desktop app (main prints the
// same page). Written in the app's language; the input hash comes back with it.
import { defineStore } from 'pinia'
import { ref } from 'vue'
import { cascadeApi } from '../api'
import { downloadBytes, downloadText } from '../composables/download'
import { i18n, isLocale } from '../i18n'
import { base64ToBytes } from '../lib/base64'

export const useReportsStore = defineStore('reports', () => {
  const api = cascadeApi()
  /** The run whose report is being made, and in which format. */
  const busy = ref<{ id: string; format: 'html' | 'pdf' } | null>(null)
  const error = ref<string | null>(null)
  /** The run the error is about. */
  const errorId = ref<string | null>(null)
  const lastHash = ref<Record<string, string>>({})

  async function save(id: string, format: 'html' | 'pdf'): Promise<boolean> {
    if (busy.value) return false
    busy.value = { id, format }
    error.value = null
    errorId.value = null
    try {
      const locale = i18n.global.locale.value
      const r = await api.runReport({ id, format, ...(isLocale(locale) ? { lang: locale } : {}) })
      if (!r.ok) {
        error.value = i18n.global.t('report.failed', { message: r.error.message })
        errorId.value = id
        return false
      }
      lastHash.value[id] = r.value.inputHash
      if (r.value.format === 'html') downloadText(r.value.fileName, r.value.text, 'text/html')
      else downloadBytes(r.value.fileName, base64ToBytes(r.value.base64), 'application/pdf')
      return true
    } finally {
      busy.value = null
    }
  }

  function dismiss(): void {
    error.value = null
    errorId.value = null
  }

  return { busy, error, errorId, lastHash, save, dismiss }
})
