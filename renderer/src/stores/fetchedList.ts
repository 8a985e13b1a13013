// The state of a list a store fetches once from main when it is first used (venues, templates,
// scenarios): the rows, whether the first answer came, the last error; `load` fetches again.
import { ref, type Ref } from 'vue'
import type { Result } from '../../../shared/ipc/result'
import { describe } from '../lib/describe-error'

export interface FetchedList<T> {
  list: Ref<T[]>
  loaded: Ref<boolean>
  error: Ref<string | null>
  load: () => Promise<void>
}

/** For a Pinia setup store: starts the first fetch at once; a failed fetch keeps the old rows. */
export function useFetchedList<T>(fetch: () => Promise<Result<T[]>>): FetchedList<T> {
  const list = ref([]) as Ref<T[]>
  const loaded = ref(false)
  const error = ref<string | null>(null)

  async function load(): Promise<void> {
    const r = await fetch()
    if (r.ok) {
      list.value = r.value
      error.value = null
    } else {
      error.value = describe(r.error)
    }
    loaded.value = true
  }

  void load()

  return { list, loaded, error, load }
}
