// Cross-margin pools of the crowd (docs/SIMULATION-NOTES.md §3.6). Every trader is drawn as one
// isolated position per contract (perp-traders.ts); every venue here also offers cross margin, on
// which an account long a major and an altcoin loses the altcoin's fall from the same margin that
// holds the major (how many accounts do is not published: `crowd.crossShare` [U]). A pool pairs
// two body traders on different contracts into one such account, on the same side or, for
// `crowd.hedgedShare` [U] of the pools, a long and a short (an account long one asset and short
// another). Their positions, sizes, entries and leverage stay as drawn (so every contract's open
// interest is unchanged), only their margin is shared during the run (cascade/crowd-pools.ts).
// The tail's accounts (tail.ts) stay isolated: they are drawn one to one as themselves.
import { COHORT, LEG_KIND, type CrowdLegs } from './crowd-legs'
import { longCount } from './perp-traders'
import type { Random } from './random'

/** Where a contract's traders sit among the legs (generate-crowd.ts `CrowdContract`). */
interface ContractLayout {
  firstLeg: number
  accounts: number
  longShare: number
  tailLongs: number
  tailShorts: number
}

/** A pool's legs: `legs[offsets[p] .. offsets[p + 1])`, in leg order. */
export interface CrossPools {
  offsets: Int32Array
  legs: Int32Array
}

/** How far along the shuffled list a leg looks for a partner on another contract. */
const SEARCH = 64

/**
 * Pairs `share` of each side's body traders (not the contracts' tails) into pools of two on
 * different contracts. The candidates of each side are shuffled; `hedged` of the pools (at most as
 * many as the smaller side has candidates) are a long and a short (an account long one asset and
 * short another), the first candidates of each side taken in turn; the rest pair within their side,
 * each unpaired leg taking the next unpaired one on another contract within `SEARCH` places.
 * Writes `legs.pool`. With `hedged` 0 it draws and pairs exactly as before the option existed.
 */
export function pairCrossPools(legs: CrowdLegs, legCount: number, contracts: readonly ContractLayout[], share: number, rng: Random, hedged = 0): CrossPools {
  const pairs: number[] = []
  if (share > 0) {
    const tail = new Uint8Array(legCount)
    for (const c of contracts) {
      const longs = longCount(c.accounts, c.longShare)
      tail.fill(1, c.firstLeg, c.firstLeg + c.tailLongs)
      tail.fill(1, c.firstLeg + longs, c.firstLeg + longs + c.tailShorts)
    }
    // Each side's chosen candidates, shuffled (Fisher-Yates, then the first `share` of them).
    const chosen = [1, -1].map((side) => {
      const candidates: number[] = []
      for (let i = 0; i < legCount; i++) {
        if (legs.kind[i] === LEG_KIND.perp && legs.cohort[i] === COHORT.trader && legs.side[i] === side && tail[i] === 0) candidates.push(i)
      }
      for (let k = candidates.length - 1; k > 0; k--) {
        const j = Math.floor(rng.nextFloat() * (k + 1))
        const t = candidates[k]
        candidates[k] = candidates[j]
        candidates[j] = t
      }
      return candidates.slice(0, Math.round(share * candidates.length))
    })
    const [longs, shorts] = chosen
    const takenLong = new Uint8Array(longs.length)
    const takenShort = new Uint8Array(shorts.length)
    const pair = (a: number, b: number) => pairs.push(Math.min(a, b), Math.max(a, b))
    if (hedged > 0) {
      const wanted = Math.min(Math.round((hedged * (longs.length + shorts.length)) / 2), longs.length, shorts.length)
      let made = 0
      for (let a = 0; a < longs.length && made < wanted; a++) {
        for (let b = Math.max(0, a - SEARCH); b < shorts.length && b <= a + SEARCH; b++) {
          if (takenShort[b] || legs.contract[shorts[b]] === legs.contract[longs[a]]) continue
          takenLong[a] = takenShort[b] = 1
          pair(longs[a], shorts[b])
          made++
          break
        }
      }
    }
    for (const [list, taken] of [[longs, takenLong], [shorts, takenShort]] as const) {
      for (let a = 0; a < list.length; a++) {
        if (taken[a]) continue
        for (let b = a + 1; b < list.length && b <= a + SEARCH; b++) {
          if (taken[b] || legs.contract[list[b]] === legs.contract[list[a]]) continue
          taken[a] = taken[b] = 1
          pair(list[a], list[b])
          break
        }
      }
    }
  }
  const n = pairs.length / 2
  const offsets = new Int32Array(n + 1)
  for (let p = 0; p < n; p++) {
    offsets[p + 1] = 2 * (p + 1)
    legs.pool[pairs[2 * p]] = p
    legs.pool[pairs[2 * p + 1]] = p
  }
  return { offsets, legs: Int32Array.from(pairs) }
}
