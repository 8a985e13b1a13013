// The loss breakdown as a waterfall: one bar per step from start to final equity, each part
// coloured by what it is (a loss red, a gain green), totals in the accent, labels in the language.
import { describe, expect, it } from 'vitest'
import { buildLossWaterfallOption } from '../../../renderer/src/charts/loss-waterfall'
import { chartPalette } from '../../../renderer/src/charts/palette'
import { tEn, tJa } from '../translate'

const input = { startEquity: '2250000', finalEquity: '1117533.62', loss: { price: '1132466.38', slippage: '0', fees: '0', profitLostToAdl: '0', total: '1132466.38' } }
type Custom = { data: number[][]; renderItem: (p: { dataIndex: number }, api: unknown) => { children: Array<{ type: string; shape?: { y: number; height: number }; style: { fill?: string; text?: string } }> } }

describe('loss waterfall', () => {
  const p = chartPalette('dark')
  const o = buildLossWaterfallOption(input, { palette: p, t: tEn, font: 'sans-serif' })
  const s = (o.series as Custom[])[0]

  it('has the start, each part and the final equity, named in the language', () => {
    expect((o.xAxis as { data: string[] }).data).toEqual(['Start', 'Price', 'Slip.', 'Fees', 'ADL', 'End'])
    const ja = buildLossWaterfallOption(input, { palette: p, t: tJa, font: 'sans-serif' })
    expect((ja.xAxis as { data: string[] }).data[0]).toBe('開始')
    expect(s.data).toEqual([
      [0, 0, 2250000],
      [1, 2250000, 1117533.62],
      [2, 1117533.62, 1117533.62],
      [3, 1117533.62, 1117533.62],
      [4, 1117533.62, 1117533.62],
      [5, 0, 1117533.62],
    ])
  })

  it('draws each step from its start to its end, a loss red and the totals in the accent', () => {
    const api = (row: number[]) => ({ value: (d: number) => row[d], coord: ([x, y]: [number, number]) => [x * 100, 300 - y / 10000], size: () => [100, 0] })
    const bar = (i: number) => s.renderItem({ dataIndex: i }, api(s.data[i])).children[0]
    expect(bar(0).style.fill).toBe(p.accent)
    expect(bar(1).style.fill).toBe(p.short)
    expect(bar(1).shape!.height).toBeCloseTo((2250000 - 1117533.62) / 10000, 6)
    expect(bar(5).style.fill).toBe(p.accent)
    const label = s.renderItem({ dataIndex: 1 }, api(s.data[1])).children.find((c) => c.type === 'text')
    expect(label?.style.text).toBe('-1.13M')
  })
})
