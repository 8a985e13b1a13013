// Scenarios a book can be replayed under (`scenario:list`): the shipped presets (one crash per
// venue, and each crash date, which picks the book's venue's preset or its market there) and the
// what-ifs the user saved.
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

  /** What the picker offers a book on `venue`: its presets, the crash dates, and what-ifs for no other venue. */
  function forVenue(venue: string) {
    const all = sorted.value
    return {
      calibrated: all.filter((s) => s.kind === 'calibrated' && s.source === 'preset' && s.venue === venue),
      dates: all.filter((s) => s.kind === 'date'),
      saved: all.filter((s) => s.source === 'saved' && (s.venue === undefined || s.venue === venue)),
    }
  }

  /** The preset a date resolves to on `venue`, when the venue has one for that date. */
  function presetFor(date: string, venue: string): ScenarioSummary | undefined {
    return list.value.find((s) => s.kind === 'calibrated' && s.venue === venue && s.date === date)
  }

  return { list, sorted, loaded, error, load, byId, forVenue, presetFor }
})
