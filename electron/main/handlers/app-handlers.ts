// app:info and venue:list — facts about this installation and what ships with it.
import type { AppInfo, VenueSummary } from '../../../shared/ipc/channels'
import { ok } from '../../../shared/ipc/result'
import type { HandlerTable } from '../ipc/dispatcher'

export function appHandlers(info: () => AppInfo, venues: { list(): VenueSummary[] }): Pick<HandlerTable, 'app:info' | 'venue:list'> {
  return {
    'app:info': () => ok(info()),
    'venue:list': () => ok(venues.list()),
  }
}
