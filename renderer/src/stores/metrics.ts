// Live metrics of the book being edited (`portfolio:metrics` with explanations): recomputed
// ~150 ms after every edit that leaves the draft valid, so typing never waits on the engine.
// A reply that an earlier request overtook is dropped; the engine's refusal (unknown symbol,
// missing price) is kept with its field paths.
import { defineStore } from 'pinia'
import { computed, shallowRef, ref, watch } from 'vue'
import type { MetricsReport } from '../../../shared/model/metrics'
import type { FieldIssue } from '../../../shared/model/issues'
import { checkDraft } from '../lib/draft'
import { usePortfolioEditorStore } from './portfolioEditor'
import { cascadeApi } from '../api'

export const METRICS_DEBOUNCE_MS = 150

export interface MetricsFailure {
  message: string
  path?: string
  issues: FieldIssue[]
}

export const useMetricsStore = defineStore('metrics', () => {
  const portfolios = usePortfolioEditorStore()

  /** The last report, for `forId`; kept while a newer one is computed so the panel never flickers. */
  const report = shallowRef<MetricsReport | null>(null)
  const failure = ref<MetricsFailure | null>(null)
  const forId = ref<string | null>(null)
  /** The draft has changed since `report` and a request is on its way (or waiting for the debounce). */
  const pending = ref(false)
  /** The draft has problems: the figures shown are from its last valid version. */
  const draftInvalid = ref(false)
  const computedAt = ref<number | null>(null)

  let timer: ReturnType<typeof setTimeout> | undefined
  let seq = 0

  const current = computed(() => (forId.value !== null && forId.value === portfolios.selectedId ? report.value : null))

  async function compute(id: string): Promise<void> {
    const s = portfolios.sessions[id]
    if (!s || portfolios.selectedId !== id) return
    const check = checkDraft(s.draft)
    if (!check.ok) {
      draftInvalid.value = true
      pending.value = false
      return
    }
    draftInvalid.value = false
    const mine = ++seq
    const r = await cascadeApi().portfolioMetrics({ doc: check.doc, explain: true })
    if (mine !== seq) return
    pending.value = false
    forId.value = id
    computedAt.value = Date.now()
    if (r.ok) {
      report.value = r.value
      failure.value = null
    } else {
      report.value = null
      const issues = r.error.issues ?? (r.error.path !== undefined ? [{ path: r.error.path, message: r.error.message }] : [])
      failure.value = { message: r.error.message, path: r.error.path, issues }
    }
  }

  function schedule(id: string, immediate: boolean): void {
    if (timer !== undefined) clearTimeout(timer)
    pending.value = true
    timer = setTimeout(() => {
      timer = undefined
      void compute(id)
    }, immediate ? 0 : METRICS_DEBOUNCE_MS)
  }

  // Every edit bumps the session's `rev`; a newly selected book is computed at once.
  watch(
    () => {
      const s = portfolios.current
      return s ? `${s.id}#${s.rev}` : null
    },
    (key, previous) => {
      if (key === null) {
        if (timer !== undefined) clearTimeout(timer)
        seq++
        report.value = null
        failure.value = null
        forId.value = null
        pending.value = false
        return
      }
      const id = key.slice(0, key.lastIndexOf('#'))
      const switched = previous == null || previous.slice(0, previous.lastIndexOf('#')) !== id
      if (switched) {
        seq++
        report.value = null
        failure.value = null
        forId.value = null
        draftInvalid.value = false
      }
      schedule(id, switched)
    },
    { immediate: true },
  )

  return { report: current, failure, pending, draftInvalid, computedAt, forId }
})
