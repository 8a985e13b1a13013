// ADL lights of the user's positions (docs/MODEL.md §5.3): each position scored with the venue's
// method against the margin it shares, then placed in its (contract, side) queue of the profile's
// default crowd.
import { ADL_FORMULA, adlScorer, lightsFromPercentile, percentilesAgainst, rankQueue, type AdlScorer, type QueueEntry } from './adl'
import { crowdQueues } from './adl-crowd'
import { inQuote, type AccountSums } from './account-metrics'
import type { Book } from './account-book'
import { compare, type Dec, textOrNull, ZERO } from '../../decimal'
import type { Explainer } from './explain'
import { S_ADL } from './metrics-explain'
import type { AdlQueueInfo, PositionMetrics } from '../../model/metrics'

/**
 * Scores every position with the venue's method and lights it within its (symbol, side) queue:
 * the profile's default crowd plus the user's own positions on that side.
 */
export function rankAdl(book: Book, positions: PositionMetrics[], sums: AccountSums, ex: Explainer): AdlQueueInfo {
  const rules = book.venue.adl
  const crowd = rules?.defaultCrowd
  const info: AdlQueueInfo = crowd
    ? { source: 'profile default crowd', method: rules.method, size: crowd.size, seed: crowd.seed }
    : { source: 'your positions only', method: rules?.method ?? null, size: 0, seed: null }
  if (!rules) return info
  // One scorer per shared margin: the account in each quote currency, or each isolated position.
  const scorers = new Map<Dec, AdlScorer>()
  const scores = book.perps.map((p) => {
    const position = { sign: p.sign, notional: p.at.notional, entryNotional: p.entryNotional, unrealizedPnl: p.at.unrealizedPnl }
    if (p.isolatedMargin !== null) {
      const iso = p.isolatedMargin
      return adlScorer(rules.method, { walletBalance: iso, marginBalance: iso.add(p.at.unrealizedPnl), maintenanceMargin: p.at.maintenanceMargin })(position)
    }
    let scorer = scorers.get(p.quotePrice)
    if (!scorer) {
      const v = inQuote(sums, p.quotePrice)
      scorer = adlScorer(rules.method, { walletBalance: v.walletBalance, marginBalance: v.marginBalance, maintenanceMargin: v.maintenanceMargin })
      scorers.set(p.quotePrice, scorer)
    }
    return scorer(position)
  })
  // The (symbol, side) queues in order of their first position, each with its positions in order.
  const bySymbol = new Map<string, { long: number[] | null; short: number[] | null }>()
  const queues: { side: 'long' | 'short'; user: number[] }[] = []
  book.perps.forEach((p, i) => {
    let sides = bySymbol.get(p.symbol)
    if (!sides) bySymbol.set(p.symbol, (sides = { long: null, short: null }))
    const user = sides[p.side]
    if (user) user.push(i)
    else queues.push({ side: p.side, user: (sides[p.side] = [i]) })
  })
  for (const { side, user } of queues) {
    const first = book.perps[user[0]]
    const queue = crowd ? crowdQueues(crowd, rules.method, first.symbol, first.mark.toNumber(), first.rows)[side] : rankQueue([])
    // The queue is float64 (a statistical model). Each position's score and size are printed for
    // the output anyway, and a Decimal's `toNumber` is `Number` of that same text, so read them back.
    const texts = user.map((i) => textOrNull(scores[i]))
    const mine: QueueEntry[] = user.map((i, k) => ({ score: texts[k] === null ? null : Number(texts[k]), weight: book.perps[i].qtyWeight }))
    const pct = percentilesAgainst(queue, mine)
    const queueSize = queue.scores.length + mine.length
    user.forEach((i, k) => {
      const percentile = pct[k]
      const adl = positions[i].adl
      adl.score = texts[k]
      // Only a position in profit can be deleveraged: one that is not shows no lights (its score,
      // and its quantity in the others' percentiles, stay as they are). The run's lights follow
      // the same rule (docs/CASCADE-NOTES.md "ADL"), so the Book tab and a replay agree.
      const inProfit = compare(book.perps[i].at.unrealizedPnl, ZERO) > 0
      adl.lights = inProfit ? lightsFromPercentile(percentile) : 0
      if (!ex.enabled) return
      ex.add(`positions[${book.perps[i].index}].adl`, () => ({
        formula: `${ADL_FORMULA[rules.method]}; lights = 5 for the top 20% of the side's queue by cumulative quantity, ... 1 for the bottom 20%; 0 when the position is not in profit (only positions in profit are deleveraged)`,
        source: S_ADL,
        params: { method: rules.method, percentile: percentile ?? null, queue: info.source, queueSize, closeAt: rules.closeAt },
        profilePaths: ['adl.method', ...(crowd ? ['adl.defaultCrowd'] : [])],
      }))
    })
  }
  return info
}
