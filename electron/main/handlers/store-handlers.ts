// store:* — backup, restore and the quarantine of damaged rows. No file path crosses IPC: a backup
// goes to the renderer as bytes (saved as a download), a restore arrives as the bytes of a file
// the user chose; refusals are `refused` with the same message the CLI prints.
import { basename } from 'node:path'
import type { QuarantinedRow, StoreBackup, StoreRestored } from '../../../shared/ipc/channels'
import { fail, ok, type Result } from '../../../shared/ipc/result'
import type { HandlerTable } from '../ipc/dispatcher'
import { StoreError } from '../store/database'

/** What the core offers these handlers. Each may throw a StoreError, which is the reply. */
export interface StoreControl {
  backup(): Promise<StoreBackup>
  /** Validates `bytes` as a store, then puts it in place of the open one. */
  restore(bytes: Buffer, fileName: string): StoreRestored
  quarantine(): QuarantinedRow[]
}

async function verdict<T>(run: () => T | Promise<T>): Promise<Result<T>> {
  try {
    return ok(await run())
  } catch (e) {
    if (e instanceof StoreError) return fail('refused', e.message)
    throw e
  }
}

export function storeHandlers(control: StoreControl): Pick<HandlerTable, 'store:backup' | 'store:restore' | 'store:quarantine'> {
  return {
    'store:backup': () => verdict(() => control.backup()),
    'store:restore': ({ fileName, base64 }) => verdict(() => control.restore(Buffer.from(base64, 'base64'), basename(fileName))),
    'store:quarantine': () => ok(control.quarantine()),
  }
}
