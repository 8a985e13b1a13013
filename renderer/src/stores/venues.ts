// Venue profiles that ship with the app (`venue:list`), for the venue picker and symbol hints.
import { defineStore } from 'pinia'
import type { VenueSummary } from '../../../shared/ipc/channels'
import { useFetchedList } from './fetchedList'
import { cascadeApi } from '../api'

export const useVenuesStore = defineStore('venues', () => {
  const { list, loaded, error, load } = useFetchedList(() => cascadeApi().venueList())

  function byId(id: string): VenueSummary | undefined {
    return list.value.find((v) => v.id === id)
  }

  return { list, loaded, error, load, byId }
})
