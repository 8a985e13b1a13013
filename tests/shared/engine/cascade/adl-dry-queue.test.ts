// A queue that runs dry (docs/CASCADE-NOTES.md, "A queue that runs dry"): when a match exhausts a
// ranking, it is rebuilt only if a crowd trader of that side is in profit, and the scan that says
// so remembers the entry nearest to profit to answer later steps without scanning. Every answer,
// remembered or scanned, must be what a scan of every slot of the crowd says.
import { describe, expect, it } from 'vitest'
import { AdlQueues } from '../../../../shared/engine/cascade/adl-queue'
import { runCascadeDetailed } from '../../../../shared/engine/cascade/run-cascade'
import { emptyBook, preset, profile } from './support'

type Probe = { dry: Map<number, unknown>; key: (asset: number, side: number) => number; ctx: { crowd: { size: number; asset: Int32Array | Uint8Array | Uint16Array; side: Int8Array; status: Uint8Array; qty: Float64Array; entry: Float64Array } } }

describe('a dry ADL queue', () => {
  it('is told apart from one with a trader in profit exactly as a scan of the whole crowd tells it', () => {
    const proto = AdlQueues.prototype as unknown as { anyInProfit: (this: Probe, asset: number, side: number, mark: number) => boolean }
    const own = proto.anyInProfit
    const seen = { scanned: 0, remembered: 0, inProfit: 0 }
    proto.anyInProfit = function (this: Probe, asset: number, side: number, mark: number) {
      const before = this.dry.get(this.key(asset, side))
      const got = own.call(this, asset, side, mark)
      const cb = this.ctx.crowd
      let want = false
      for (let i = 0; i < cb.size && !want; i++) want = cb.asset[i] === asset && cb.side[i] === side && cb.status[i] === 0 && cb.qty[i] > 0 && side * (mark - cb.entry[i]) > 0
      expect(got).toBe(want)
      seen[got ? 'inProfit' : before !== undefined && this.dry.get(this.key(asset, side)) === before ? 'remembered' : 'scanned']++
      return got
    }
    try {
      const night = preset('2025-10-10-hyperliquid')
      const scenario = { ...night, crowd: { ...night.crowd, accounts: 5000 } }
      runCascadeDetailed({ portfolio: emptyBook('hyperliquid'), venue: profile('hyperliquid'), lending: profile('aave-v3'), scenario, seed: 3 })
    } finally {
      proto.anyInProfit = own
    }
    // The run exercised every answer: in profit, dry by a scan, and dry as remembered (Hyperliquid's
    // night: queues whose ranking ran out stay dry for many steps; 10, 8 and 234 when written).
    expect(seen.inProfit).toBeGreaterThan(0)
    expect(seen.scanned).toBeGreaterThan(0)
    expect(seen.remembered).toBeGreaterThan(100)
  })
})
