// The store as a whole: back it up (`store:backup`, saved as a download), restore a backup the
// user chose (`store:restore`, after they confirm), and the rows quarantined because they were
// damaged (`store:quarantine`). A restore replaces every book, run and draft: on `store:replaced`
// the window reloads, and the new store's notices (the restore, anything quarantined) show.
import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { QuarantinedRow } from '../../../shared/ipc/channels'
import { MAX_STORE_BYTES } from '../../../shared/ipc/limits'
import { cascadeApi } from '../api'
import { translate } from '../i18n'
import { describe } from '../lib/describe-error'
import { downloadBytes, downloadText } from '../composables/download'
import { base64ToBytes, bytesToBase64 } from '../lib/base64'

/** What the window does once the store was replaced (tests swap it out). */
let onReplaced = (): void => globalThis.location?.reload()
export function setOnStoreReplaced(f: () => void): void {
  onReplaced = f
}

export const useBackupStore = defineStore('backup', () => {
  const api = cascadeApi()
  const busy = ref<'backup' | 'restore' | null>(null)
  const error = ref<string | null>(null)
  /** A file the user chose to restore, waiting for them to confirm. */
  const pending = ref<File | null>(null)
  const quarantine = ref<QuarantinedRow[]>([])
  const showQuarantine = ref(false)

  async function loadQuarantine(): Promise<void> {
    const r = await api.storeQuarantine()
    if (r.ok) quarantine.value = r.value
  }

  async function backup(): Promise<boolean> {
    busy.value = 'backup'
    try {
      const r = await api.storeBackup()
      if (!r.ok) {
        error.value = translate('errors.backup', { error: describe(r.error) })
        return false
      }
      error.value = null
      downloadBytes(r.value.fileName, base64ToBytes(r.value.base64))
      return true
    } finally {
      busy.value = null
    }
  }

  function choose(file: File): void {
    error.value = null
    pending.value = file
  }

  /** Sends the confirmed file; a refusal says why and nothing was replaced. */
  async function restore(): Promise<boolean> {
    const file = pending.value
    pending.value = null
    if (!file) return false
    if (file.size > MAX_STORE_BYTES) {
      error.value = translate('errors.restoreTooLarge', { file: file.name, mb: MAX_STORE_BYTES / 1024 / 1024 })
      return false
    }
    busy.value = 'restore'
    try {
      let base64: string
      try {
        base64 = bytesToBase64(new Uint8Array(await file.arrayBuffer()))
      } catch (e) {
        error.value = translate('errors.readNamed', { file: file.name, error: e instanceof Error ? e.message : String(e) })
        return false
      }
      const r = await api.storeRestore({ fileName: file.name, base64 })
      if (!r.ok) {
        error.value = describe(r.error)
        return false
      }
      error.value = null
      return true
    } finally {
      busy.value = null
    }
  }

  function exportRow(row: QuarantinedRow): void {
    const text = `${JSON.stringify({ table: row.table, reason: row.reason, quarantinedAt: row.quarantinedAt, row: JSON.parse(row.text) as unknown }, null, 2)}\n`
    downloadText(`quarantined-${row.table}-${row.rowId ?? row.id}.json`, text)
  }

  api.onStoreReplaced(() => onReplaced())
  void loadQuarantine()

  return { busy, error, pending, quarantine, showQuarantine, loadQuarantine, backup, choose, restore, exportRow }
})
