// The causes a user event cites (docs/CASCADE-NOTES.md "Events"): the event it follows (the margin
// call, the last liquidation), the ADL that last hit the user, and for every asset the account is
// exposed to, the crowd's pending liquidation aggregates (flushed now so the chain keeps them) and
// the asset's drivers (shock, depth, depeg). So the liquidation path reads shock -> crowd
// liquidations -> insurance -> ADL -> margin call -> liquidation.
import { liquidationKey } from '../context'
import type { EventLog } from '../event-log'
import type { MarketEvents } from '../market-events'
import type { PriceRef, UserAccount } from './account'

/** What the causes are read from: the log's pending aggregates and the assets' drivers. */
export interface CauseSources {
  readonly log: EventLog
  readonly drivers: MarketEvents
}

/** Cause ids for a user event about exposure to `assets`: the ADL that hit the user, drivers, crowd impact. */
export function exposureCauses(run: CauseSources, u: UserAccount, assets: number[], first: number[]): number[] {
  const out = [...first]
  if (u.adlEvents.length) out.push(u.adlEvents[u.adlEvents.length - 1])
  for (const a of assets) {
    for (const side of [1, -1]) {
      if (run.log.hasPending(liquidationKey(a, side))) out.push(run.log.flush(liquidationKey(a, side)) ?? 0)
    }
    out.push(...run.drivers.drivers(a))
  }
  return out
}

/** Market assets the exchange account is exposed to: positions' bases and non-cash wallet assets. */
export function exposure(u: UserAccount): number[] {
  const out: number[] = []
  for (const p of u.positions) if (p.open && !out.includes(p.asset)) out.push(p.asset)
  for (const [asset, units] of u.wallet) {
    if (u.cash.has(asset) || units === 0) continue
    const r = u.refs.get(asset) as PriceRef
    if (r.index >= 0 && !out.includes(r.index)) out.push(r.index)
  }
  return out
}

/** The latest of a list of event ids, as a one-element list of causes (none when it is empty). */
export const latest = (ids: number[]): number[] => (ids.length ? [ids[ids.length - 1]] : [])
