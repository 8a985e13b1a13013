// Venue profiles that ship with the app (`venue:list`), for the venue picker and symbol hints.
import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { VenueSummary } from '@shared/ipc/channels'

export const useVenuesStore = defineStore('venues', () => {
  const list = ref<VenueSummary[]>([])
  const loaded = ref(false)
  const error = ref<string | null>(null)

  async function load(): Promise<void> {
    const r = await window.cascade.venueList()
    if (r.ok) {
      list.value = r.value
      error.value = null
    } else {
      error.value = r.error.message
    }
    loaded.value = true
  }

  function byId(id: string): VenueSummary | undefined {
    return list.value.find((v) => v.id === id)
  }

  void load()

  return { list, loaded, error, load, byId }
})
