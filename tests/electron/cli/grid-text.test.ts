// `cascade grid --format text`: the heat map's columns line up under their values, whatever their width.
import { describe, expect, it } from 'vitest'
import { gridText } from '../../../electron/cli/commands/grid'
import type { GridReport } from '../../../shared/model/study'

describe('grid as text', () => {
  it('puts each cell under the start of its column value, and says the crowd', () => {
    const cell = (survived: boolean, adl: boolean) => ({ survived, adl, finalEquity: '1', adlPositions: [], liquidated: !survived, firstLiquidation: null })
    const r = {
      format: 'cascade.grid/1',
      seed: 7,
      inputs: { portfolio: 'Book', scenario: 'mini', crowd: 2000, set: {} },
      draws: null,
      model: null,
      x: { axis: 'shock:BTC', values: ['-0.25', '0'] },
      y: { axis: 'collateral:USDT', values: ['0', '1000000', '2000000'] },
      cells: [
        [cell(false, true), cell(false, false), cell(true, false)],
        [cell(true, true), cell(true, false), cell(true, false)],
      ],
    } as unknown as GridReport
    const [head, columns, ...rows] = gridText(r).split('\n')
    expect(head).toContain('crowd 2000')
    const starts = r.y.values.map((v) => columns.indexOf(v, 13))
    expect(starts).toEqual([13, 17, 25])
    for (const row of rows) for (const at of starts) expect(row[at]).toMatch(/[SL]/)
    expect(rows[0].slice(13)).toBe('LA  L       S')
  })
})
