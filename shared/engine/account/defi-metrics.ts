// `defi[]` of `cascade metrics`: health factor and trigger prices of every DeFi position and
// expanded loop (docs/VENUE-RULES.md §4.1, §4.3).
import type { Book } from './account-book'
import { text, textOrNull, ZERO, type Dec } from '../../decimal'
import { healthFactor, reserveTerms, triggerPrice } from './defi'
import type { Explainer } from './explain'
import { S_AAVE, S_LOOP } from './metrics-explain'
import type { DefiMetrics } from '../../model/metrics'

/** Supplies less borrows at the book's prices, in the position's order (docs/VENUE-RULES.md §4.3). */
export function defiNetValue(book: Book, l: Book['lending'][number]): Dec {
  const price = (asset: string) => (book.prices.get(asset) as { value: Dec }).value
  let net = ZERO
  for (const s of l.position.supplies) net = net.add(s.amount.mul(price(s.asset)))
  for (const b of l.position.borrows) net = net.sub(b.amount.mul(price(b.asset)))
  return net
}

export function defiFigures(book: Book, ex: Explainer): { figures: DefiMetrics[]; netValues: Dec[] } {
  const netValues: Dec[] = []
  const figures = book.lending.map((l, k) => {
    const price = (asset: string) => (book.prices.get(asset) as { value: Dec }).value
    const net = defiNetValue(book, l)
    netValues.push(net)
    const h = healthFactor(l.position, l.params, price)
    const triggerPrices: Record<string, string | null> = {}
    for (const s of l.position.supplies) {
      if (s.asset in triggerPrices) continue
      triggerPrices[s.asset] = textOrNull(triggerPrice(l.position, l.params, price, s.asset))
    }
    if (ex.enabled) {
      const terms = Object.fromEntries(
        l.position.supplies.map((s) => {
          const t = reserveTerms(l.params, s.asset, h.eMode)
          return [`${s.asset} LT`, `${text(t.liquidationThreshold)}${t.eMode === null ? '' : ` (e-mode ${t.eMode})`}`]
        }),
      )
      const amounts = Object.fromEntries([
        ...l.position.supplies.map((s) => [`supply ${s.asset}`, `${text(s.amount)} x ${text(price(s.asset))}`]),
        ...l.position.borrows.map((b) => [`borrow ${b.asset}`, `${text(b.amount)} x ${text(price(b.asset))}`]),
      ])
      const reservePaths = [...l.position.supplies, ...l.position.borrows].map((x) => `${l.path}.reserves.${x.asset}`)
      const eModePaths = h.eMode ? [`${l.path}.eModes[${l.params.eModes.indexOf(h.eMode)}]`] : []
      const loop = l.loop
      ex.add(`defi[${k}].healthFactor`, () => ({
        formula: 'HF = sum(supply x price x LT) / sum(borrow x price); liquidatable below 1; null without debt',
        source: S_AAVE,
        params: {
          protocol: l.protocol,
          eMode: h.eMode ? `${h.eMode.id} ${h.eMode.label}` : null,
          ...terms,
          ...amounts,
          ...(loop
            ? { loop: `T = C(1 - LTV^(n+1))/(1 - LTV), D = T - C with C ${text(loop.capital)} ${loop.asset}, LTV ${text(loop.ltv)}, n ${loop.loops}, built at par (${S_LOOP})` }
            : {}),
        },
        profilePaths: [...reservePaths, ...eModePaths],
      }))
      ex.add(`defi[${k}].netValue`, () => ({
        formula: 'net value = sum(supply x price) - sum(borrow x price): what the position is worth at the book\'s prices',
        source: S_AAVE,
        params: { ...amounts },
      }))
      for (const asset of Object.keys(triggerPrices)) {
        ex.add(`defi[${k}].triggerPrices.${asset}`, () => ({
          formula: `price of ${asset} at which HF = 1, every other price held: (D_others - W_others) / (supply x LT - borrow of ${asset}); null when no positive price does it`,
          source: S_AAVE,
          params: { asset, healthFactorNow: textOrNull(h.healthFactor) },
          profilePaths: [...reservePaths, ...eModePaths],
        }))
      }
    }
    return { id: l.id, netValue: text(net), healthFactor: textOrNull(h.healthFactor), triggerPrices }
  })
  return { figures, netValues }
}
