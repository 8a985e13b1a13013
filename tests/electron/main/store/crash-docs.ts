// The books the crash test's child saves: a pure function of a sequence number, so the test can
// rebuild the exact document of every save the child reported. Sizes vary from an empty book to a
// few hundred positions, so a kill lands inside small and large transactions alike.
import { emptyPortfolio, type Portfolio } from '../../../../shared/model/portfolio'

export function crashDoc(seq: number): Portfolio {
  const doc = emptyPortfolio(`Crash book ${seq}`)
  doc.prices = { BTC: String(60_000 + seq), ETH: '3500.5' }
  doc.wallet = [{ asset: 'USDT', amount: `${seq}.25` }]
  const count = (seq * 37) % 300
  doc.positions = Array.from({ length: count }, (_, i) => ({
    id: `p${i}`,
    symbol: i % 2 ? 'ETHUSDT' : 'BTCUSDT',
    side: i % 3 ? 'long' : 'short',
    qty: `0.${(seq + i) % 1000 || 1}`,
    entryPrice: String(50_000 + ((seq * 7 + i) % 20_000)),
    leverage: String(1 + (i % 20)),
  }))
  return doc
}
