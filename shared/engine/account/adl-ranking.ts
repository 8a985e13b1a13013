// ADL lights of the user's positions (docs/MODEL.md §5.3): each position scored with the venue's
// method against the margin it shares, then placed in its (contract, side) queue of the profile's
// default crowd.
import { ADL_FORMULA, adlScorer, lightsFromPercentile, percentilesOf, rankQueue, type AdlPosition, type AdlScorer } from './adl'
import { crowdQueues } from './adl-crowd'
import { inQuote, type AccountSums } from './account-metrics'
import type { Book } from './account-book'
import { compare, type Dec, textOrNull, ZERO } from '../../decimal'
import type { Explainer } from './explain'
import { S_ADL } from './metrics-explain'
import type { AdlQueueInfo, PositionMetrics } from '../../model/metrics'
import type { AdlRules } from '../../model/venue'

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
  // Every position's score text (the output, and `Number` of it is the queue's float: a Decimal's
  // `toNumber` is that same text read back), in plain loops: a 500-position book is ranked on
  // every tick, and per-position objects and closures were a good part of the cost.
  const perps = book.perps
  const n = perps.length
  const texts: (string | null)[] = new Array(n)
  // Whether each position is in profit (only those get lights), read once here for the lights below.
  const inProfit = new Uint8Array(n)
  const scorers = new Map<Dec, AdlScorer>()
  let lastQuote: Dec | null = null
  let scorer: AdlScorer | null = null
  for (let i = 0; i < n; i++) {
    const p = perps[i]
    const position: AdlPosition = (p.at.adlPosition ??= { sign: p.sign, notional: p.at.notional, entryNotional: p.entryNotional, unrealizedPnl: p.at.unrealizedPnl })
    let score: Dec | null
    if (p.isolatedMargin !== null) {
      const iso = p.isolatedMargin
      score = adlScorer(rules.method, { walletBalance: iso, marginBalance: iso.add(p.at.unrealizedPnl), maintenanceMargin: p.at.maintenanceMargin })(position)
    } else {
      if (scorer === null || lastQuote !== p.quotePrice) {
        let kept = scorers.get(p.quotePrice)
        if (!kept) {
          const v = inQuote(sums, p.quotePrice)
          kept = adlScorer(rules.method, { walletBalance: v.walletBalance, marginBalance: v.marginBalance, maintenanceMargin: v.maintenanceMargin })
          scorers.set(p.quotePrice, kept)
        }
        scorer = kept
        lastQuote = p.quotePrice
      }
      score = scorer(position)
    }
    texts[i] = textOrNull(score)
    inProfit[i] = compare(p.at.unrealizedPnl, ZERO) > 0 ? 1 : 0
  }
  // The (symbol, side) queues in order of their first position, each with its positions in order.
  const bySymbol = new Map<string, { long: number[] | null; short: number[] | null }>()
  const queues: { side: 'long' | 'short'; user: number[] }[] = []
  for (let i = 0; i < n; i++) {
    const p = perps[i]
    let sides = bySymbol.get(p.symbol)
    if (!sides) bySymbol.set(p.symbol, (sides = { long: null, short: null }))
    const user = sides[p.side]
    if (user) user.push(i)
    else queues.push({ side: p.side, user: (sides[p.side] = [i]) })
  }
  for (const { side, user } of queues) {
    const first = perps[user[0]]
    const queue = crowd ? crowdQueues(crowd, rules.method, first.symbol, first.mark.toNumber(), first.rows)[side] : rankQueue([])
    // The queue is float64 (a statistical model): each score as `Number` of its printed text (NaN:
    // not queued), straight into the flat arrays the percentiles read.
    const m = user.length
    const scores = new Float64Array(m)
    const weights = new Float64Array(m)
    for (let k = 0; k < m; k++) {
      const t = texts[user[k]]
      scores[k] = t === null ? NaN : Number(t)
      weights[k] = perps[user[k]].qtyWeight
    }
    const pct = percentilesOf(queue, scores, weights)
    const queueSize = queue.scores.length + m
    for (let k = 0; k < user.length; k++) {
      const i = user[k]
      const percentile = pct[k]
      const adl = positions[i].adl
      adl.score = texts[i]
      // Only a position in profit can be deleveraged: one that is not shows no lights (its score,
      // and its quantity in the others' percentiles, stay as they are). The run's lights follow
      // the same rule (docs/CASCADE-NOTES.md "ADL"), so the Book tab and a replay agree.
      adl.lights = inProfit[i] ? lightsFromPercentile(percentile) : 0
      if (ex.enabled) explainAdl(ex, rules, info, crowd !== undefined, perps[i].index, percentile, queueSize)
    }
  }
  return info
}

function explainAdl(ex: Explainer, rules: AdlRules, info: AdlQueueInfo, crowd: boolean, index: number, percentile: number | null, queueSize: number): void {
  ex.add(`positions[${index}].adl`, () => ({
    formula: `${ADL_FORMULA[rules.method]}; lights = 5 for the top 20% of the side's queue by cumulative quantity, ... 1 for the bottom 20%; 0 when the position is not in profit (only positions in profit are deleveraged)`,
    source: S_ADL,
    params: { method: rules.method, percentile: percentile ?? null, queue: info.source, queueSize, closeAt: rules.closeAt },
    profilePaths: ['adl.method', ...(crowd ? ['adl.defaultCrowd'] : [])],
  }))
}
