// What the main process says about itself and its store (`app:info`): version, data paths, and
// notices the user must see, e.g. a corrupt database file that was moved aside.
import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { AppInfo, StoreNotice } from '../../../shared/ipc/channels'
import { cascadeApi } from '../api'
import { describe } from '../lib/describe-error'

export const useAppStore = defineStore('app', () => {
  const info = ref<AppInfo | null>(null)
  const error = ref<string | null>(null)
  const notices = ref<StoreNotice[]>([])

  async function load(): Promise<void> {
    const r = await cascadeApi().appInfo()
    if (r.ok) {
      info.value = r.value
      error.value = null
      notices.value = [...r.value.notices]
    } else {
      error.value = describe(r.error)
    }
  }

  function dismiss(index: number): void {
    notices.value.splice(index, 1)
  }

  void load()

  return { info, error, notices, load, dismiss }
})
