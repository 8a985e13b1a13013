// app:info, venue:list and venue:import — facts about this installation, and the venue catalogue.
import { basename } from 'node:path'
import type { AppInfo } from '../../../shared/ipc/channels'
import { ok, refused } from '../../../shared/ipc/result'
import type { HandlerTable } from '../ipc/dispatcher'
import type { VenueCatalog } from '../services/venue-catalog'

export function appHandlers(info: () => AppInfo, venues: Pick<VenueCatalog, 'list' | 'import'>): Pick<HandlerTable, 'app:info' | 'venue:list' | 'venue:import'> {
  return {
    'app:info': () => ok(info()),
    'venue:list': () => ok(venues.list()),
    'venue:import': ({ fileName, text }) => {
      const name = basename(fileName)
      const r = venues.import(text, name)
      return r.ok ? ok(r.value) : refused(`${name} was not imported`, r)
    },
  }
}
