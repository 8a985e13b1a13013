// The events CSV puts each amount in a column of its own (`amounts.<name>`), so a spreadsheet can
// sum fees or shortfalls without parsing JSON out of a cell.
import { describe, expect, it } from 'vitest'
import { eventsToCsv } from '../../../shared/model/liquidation-path'
import type { CascadeEvent } from '../../../shared/model/run'

const events: CascadeEvent[] = [
  { id: 1, t: '2025-10-10T20:40:00Z', kind: 'shock', account: 'market', asset: 'BTC', causes: [], note: 'BTC -2%, "tariffs"' },
  { id: 2, t: '2025-10-10T21:15:00Z', kind: 'liquidation', account: 'user', position: 'btc', qty: '1', price: '108000', amounts: { notional: '108000', fee: '1350' }, causes: [1] },
  { id: 3, t: '2025-10-10T21:15:01Z', kind: 'insurance', account: 'insurance', amounts: { fundBalance: '9000000', fee: '10' }, causes: [1, 2] },
]

describe('events as CSV', () => {
  it('has one column per amount, in order of first appearance, empty where an event has none', () => {
    const [header, ...rows] = eventsToCsv(events).trimEnd().split('\n')
    expect(header).toBe('id,t,kind,account,position,symbol,asset,side,qty,price,slippage,amounts.notional,amounts.fee,amounts.fundBalance,causes,note')
    expect(rows).toEqual([
      '1,2025-10-10T20:40:00Z,shock,market,,,BTC,,,,,,,,,"BTC -2%, ""tariffs"""',
      '2,2025-10-10T21:15:00Z,liquidation,user,btc,,,,1,108000,,108000,1350,,1,',
      '3,2025-10-10T21:15:01Z,insurance,insurance,,,,,,,,,10,9000000,1 2,',
    ])
  })

  it('is just the header for no events', () => {
    expect(eventsToCsv([])).toBe('id,t,kind,account,position,symbol,asset,side,qty,price,slippage,causes,note\n')
  })
})
