// The window's Runs screen: every kept run of every book with filters (book, scenario, status,
// day), delete (confirmed; never a run still running), and the comparison of two or more finished
// runs against the first one picked (shared/compare). Compared runs keep their own results, apart
// from the replay screens' small cache, so comparing six runs evicts nothing there.
import { defineStore } from 'pinia'
import { computed, markRaw, ref } from 'vue'
import type { RunView } from '../../../shared/ipc/channels'
import { cascadeApi } from '../api'
import { i18n } from '../i18n'
import { filterChoices, filterRuns, MAX_COMPARED, NO_FILTER, type RunFilter } from '../lib/runs-filter'
import { useReportsStore } from './reports'
import { useRunsStore } from './runs'

export type RunsScreenMode = 'list' | 'compare'

export const useRunsScreenStore = defineStore('runsScreen', () => {
  const api = cascadeApi()
  const runs = useRunsStore()
  const reports = useReportsStore()
  const t = i18n.global.t

  const open = ref(false)
  const mode = ref<RunsScreenMode>('list')
  const filter = ref<RunFilter>({ ...NO_FILTER })
  /** Picked for comparison, in the order picked: the first is the baseline. */
  const selected = ref<string[]>([])
  /** The runs on the comparison, baseline first. */
  const compared = ref<string[]>([])
  const views = ref<Record<string, RunView>>({})
  const loading = ref(false)
  const loadError = ref<string | null>(null)
  /** The run whose deletion waits for the user's yes. */
  const confirmDelete = ref<string | null>(null)
  const actionError = ref<string | null>(null)

  const visible = computed(() => filterRuns(runs.list, filter.value))
  const choices = computed(() => filterChoices(runs.list))
  const comparedViews = computed(() => (compared.value.every((id) => views.value[id]) ? compared.value.map((id) => views.value[id]) : null))

  function show(): void {
    // A report refusal shown on another screen is not this screen's news.
    reports.dismiss()
    open.value = true
    mode.value = 'list'
    void runs.refresh()
  }

  function hide(): void {
    open.value = false
  }

  function clearFilter(): void {
    filter.value = { ...NO_FILTER }
  }

  /** Only finished runs with a result can be compared; at most MAX_COMPARED. */
  function canPick(id: string): boolean {
    return runs.statusOf(id) === 'done' && (selected.value.includes(id) || selected.value.length < MAX_COMPARED)
  }

  function toggle(id: string): void {
    if (selected.value.includes(id)) selected.value = selected.value.filter((x) => x !== id)
    else if (canPick(id)) selected.value = [...selected.value, id]
  }

  async function compare(ids: readonly string[] = selected.value): Promise<boolean> {
    if (ids.length < 2) return false
    compared.value = [...ids]
    mode.value = 'compare'
    loadError.value = null
    loading.value = true
    try {
      for (const id of ids) {
        if (views.value[id]) continue
        const r = await api.runGet({ id })
        if (!r.ok) {
          loadError.value = t('compare.loadFailed', { message: r.error.message })
          return false
        }
        views.value[id] = markRaw(r.value)
      }
      // Results of runs no longer compared are let go (each holds a whole series).
      for (const id of Object.keys(views.value)) if (!ids.includes(id)) delete views.value[id]
      return true
    } finally {
      loading.value = false
    }
  }

  function setBaseline(id: string): void {
    if (!compared.value.includes(id)) return
    compared.value = [id, ...compared.value.filter((x) => x !== id)]
    selected.value = [id, ...selected.value.filter((x) => x !== id)]
  }

  function backToList(): void {
    mode.value = 'list'
  }

  async function remove(id: string): Promise<boolean> {
    confirmDelete.value = null
    actionError.value = null
    const r = await api.runDelete({ id })
    if (!r.ok) {
      actionError.value = r.error.code === 'refused' ? t('runs.deleteRunning') : t('runs.deleteFailed', { message: r.error.message })
      return false
    }
    runs.forget(id)
    selected.value = selected.value.filter((x) => x !== id)
    compared.value = compared.value.filter((x) => x !== id)
    delete views.value[id]
    if (mode.value === 'compare' && compared.value.length < 2) mode.value = 'list'
    return true
  }

  return {
    open,
    mode,
    filter,
    selected,
    compared,
    views,
    loading,
    loadError,
    confirmDelete,
    actionError,
    visible,
    choices,
    comparedViews,
    show,
    hide,
    clearFilter,
    canPick,
    toggle,
    compare,
    setBaseline,
    backToList,
    remove,
  }
})
