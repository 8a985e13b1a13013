// The venue catalogue (`venue:list`): shipped profiles and those the user imported, for the venue
// picker and symbol hints; `importProfile` adds a profile file the user chose (`venue:import`).
import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { VenueSummary } from '../../../shared/ipc/channels'
import type { FieldIssue } from '../../../shared/model/issues'
import { useFetchedList } from './fetchedList'
import { cascadeApi } from '../api'
import { translate } from '../i18n'

export interface VenueImportFailure {
  fileName: string
  message: string
  issues: FieldIssue[]
}

export const useVenuesStore = defineStore('venues', () => {
  const { list, loaded, error, load } = useFetchedList(() => cascadeApi().venueList())
  const importFailure = ref<VenueImportFailure | null>(null)

  function byId(id: string): VenueSummary | undefined {
    return list.value.find((v) => v.id === id)
  }

  /** Validates and stores the profile; the list is fetched again. Returns the new id, or null. */
  async function importProfile(file: File): Promise<string | null> {
    let text: string
    try {
      text = await file.text()
    } catch (e) {
      importFailure.value = { fileName: file.name, message: translate('errors.readFile', { error: e instanceof Error ? e.message : String(e) }), issues: [] }
      return null
    }
    const r = await cascadeApi().venueImport({ fileName: file.name, text })
    if (!r.ok) {
      importFailure.value = { fileName: file.name, message: r.error.message, issues: r.error.issues ?? [] }
      return null
    }
    importFailure.value = null
    await load()
    return r.value.id
  }

  return { list, loaded, error, load, byId, importFailure, importProfile }
})
