// Example books shipped with the app (`portfolio:templates`, resources/examples/): the
// "New from template" menu. Picking one saves a copy as a new portfolio (portfolios store).
import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { PortfolioTemplate } from '@shared/ipc/channels'

export const useTemplatesStore = defineStore('templates', () => {
  const list = ref<PortfolioTemplate[]>([])
  const loaded = ref(false)
  const error = ref<string | null>(null)

  async function load(): Promise<void> {
    const r = await window.cascade.portfolioTemplates()
    if (r.ok) {
      list.value = r.value
      error.value = null
    } else {
      error.value = r.error.message
    }
    loaded.value = true
  }

  void load()

  return { list, loaded, error, load }
})
