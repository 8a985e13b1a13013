// Example books shipped with the app (`portfolio:templates`, resources/examples/): the
// "New from template" menu. Picking one saves a copy as a new portfolio (portfolios store).
import { defineStore } from 'pinia'
import { useFetchedList } from './fetchedList'
import { cascadeApi } from '../api'

export const useTemplatesStore = defineStore('templates', () => {
  const { list, loaded, error, load } = useFetchedList(() => cascadeApi().portfolioTemplates())

  return { list, loaded, error, load }
})
