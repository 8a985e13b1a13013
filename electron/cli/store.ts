// The CLI's door to the local store (--db selects the file; default: the app's). Each command
// opens it for the time it needs and closes it, so the app may hold it open meanwhile (WAL).
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { openStore, storageFailure, type OpenedStore } from '../main/store/database'
import { createVenueRepository } from '../main/store/venue-repository'
import { createVenueCatalog, type VenueCatalog } from '../main/services/venue-catalog'
import { databasePath, type CliContext } from './context'

/** Opens the store, runs `use`, closes it; store notices (a corrupt file moved aside) go to stderr. */
export async function withStore<T>(ctx: CliContext, dbFlag: string | undefined, use: (store: OpenedStore) => T | Promise<T>): Promise<T> {
  const store = openStore(databasePath(ctx, dbFlag))
  for (const notice of store.notices) ctx.stderr(`warning: ${notice.message}\n`)
  try {
    return await use(store)
  } catch (e) {
    // A write that fails for the storage (disk full, read-only) is bad input to fix, exit 2.
    throw storageFailure(e, store.path) ?? e
  } finally {
    store.db.close()
  }
}

/** The language of `--format text` (messages.ts); JSON is the same in every language. */
export const LANG_OPTION = { lang: { type: 'string', default: 'en' } } as const

/** Options of every command that works on the store: which file, the output format and its language. */
export const STORE_OPTIONS = { db: { type: 'string' }, format: { type: 'string', default: 'json' }, ...LANG_OPTION } as const

/** The venue catalogue of an open store: the shipped profiles and the ones imported into it. */
export const storeCatalog = (ctx: CliContext, store: OpenedStore): VenueCatalog =>
  createVenueCatalog(join(ctx.resourcesDir, 'venues'), createVenueRepository(store.db))

/**
 * The venue catalogue with the profiles imported into the store. Commands that only read
 * (metrics, run, venues) do not create a store that does not exist yet: shipped profiles only.
 */
export async function withVenueCatalog<T>(
  ctx: CliContext,
  dbFlag: string | undefined,
  use: (venues: VenueCatalog) => T | Promise<T>,
  opts: { createStore?: boolean } = {},
): Promise<T> {
  if (!opts.createStore && !existsSync(databasePath(ctx, dbFlag))) return use(createVenueCatalog(join(ctx.resourcesDir, 'venues')))
  return withStore(ctx, dbFlag, (store) => use(storeCatalog(ctx, store)))
}
