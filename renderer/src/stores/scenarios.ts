// Scenarios a book can be replayed under (`scenario:list`): the shipped presets (2025-10-10,
// 2020-03-12, 2021-05-19) and the what-ifs the user saved.
import { defineStore } from 'pinia'
import { computed } from 'vue'
import type { ScenarioSummary } from '../../../shared/ipc/channels'
import { useFetchedList } from './fetchedList'
import { cascadeApi } from '../api'

export const DEFAULT_SCENARIO = '2025-10-10'

export const useScenariosStore = defineStore('scenarios', () => {
  const { list, loaded, error, load } = useFetchedList(() => cascadeApi().scenarioList())

  /** Presets first (newest crash first), then saved what-ifs by name. */
  const sorted = computed(() =>
    [...list.value].sort((a, b) => (a.source === b.source ? (a.source === 'preset' ? b.start.localeCompare(a.start) : a.name.localeCompare(b.name)) : a.source === 'preset' ? -1 : 1)),
  )

  function byId(id: string | null | undefined): ScenarioSummary | undefined {
    return id ? list.value.find((s) => s.id === id) : undefined
  }

  return { list, sorted, loaded, error, load, byId }
})
