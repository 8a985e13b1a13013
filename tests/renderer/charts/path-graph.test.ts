// The liquidation-path graph: causal depth, merging of crowd events, edges from `causes`, the two
// layouts and the ECharts option, on the synthetic hedge-book run of run-fixture.ts.
import { describe, expect, it } from 'vitest'
import type { CascadeEvent } from '../../../shared/model/run'
import { buildPathGraphOption, buildPathModel, causalDepths, GROUP_MIN, layoutPath, nodeTooltip, timeColumns } from '../../../renderer/src/charts/path-graph'
import { tEn } from '../translate'
import { chartPalette } from '../../../renderer/src/charts/palette'
import { EVENTS } from './run-fixture'

type GraphSeries = {
  type: string
  coordinateSystem: string
  data: Array<{ name: string; value: [number, number]; symbolSize: number; label: { show: boolean; formatter: string }; itemStyle: { borderColor: string } }>
  links: Array<{ source: string; target: string; lineStyle: { color: string; width: number } }>
}

describe('causal depth', () => {
  it('is 0 for roots and one more than the deepest cause otherwise', () => {
    const d = causalDepths(EVENTS)
    expect([...d.entries()].sort((a, b) => a[0] - b[0])).toEqual([
      [1, 0],
      [2, 0],
      [3, 1],
      [4, 1],
      [5, 1],
      [6, 2],
      [7, 1],
      [8, 3],
      [9, 4],
    ])
  })

  it('ignores causes outside the set and survives a cycle and a very long chain', () => {
    const cyc: CascadeEvent[] = [
      { id: 1, t: 't', kind: 'shock', account: 'market', causes: [2, 99] },
      { id: 2, t: 't', kind: 'liquidation', account: 'c1', causes: [1] },
    ]
    expect(causalDepths(cyc).size).toBe(2)
    const chain: CascadeEvent[] = Array.from({ length: 20_000 }, (_, i) => ({ id: i + 1, t: 't', kind: 'liquidation', account: `c${i}`, causes: i ? [i] : [] }))
    expect(causalDepths(chain).get(20_000)).toBe(19_999)
  })
})

describe('path model', () => {
  const model = buildPathModel(EVENTS, tEn)

  it('merges crowd events of one kind, contract and depth, keeps the user events single', () => {
    expect(GROUP_MIN).toBe(3)
    expect(model.nodes.map((n) => n.id)).toEqual(['e:1', 'e:2', 'g:1|liquidation|BTCUSDT|long', 'e:6', 'e:7', 'e:8', 'e:9'])
    const group = model.nodes[2]
    expect(group.events.map((e) => e.id)).toEqual([3, 4, 5])
    expect(group.label).toBe('3× liq. BTCUSDT L')
    expect(model.nodeOf.get(4)).toBe(group.id)
    expect(model.nodes.filter((n) => n.user).map((n) => n.label)).toEqual(['margin call', 'ADL doge', 'liq. btc'])
    expect(model.maxDepth).toBe(4)
  })

  it('draws one edge per distinct cause -> effect pair, marking those into the user book', () => {
    expect(model.edges.map((e) => `${e.source}>${e.target}${e.toUser ? ' *' : ''}`)).toEqual([
      'e:1>g:1|liquidation|BTCUSDT|long',
      'e:2>g:1|liquidation|BTCUSDT|long',
      'g:1|liquidation|BTCUSDT|long>e:6',
      'e:1>e:7 *',
      'e:6>e:8 *',
      'e:8>e:9 *',
      'e:7>e:9 *',
    ])
  })

  it('merges the fills of one ADL of a user position at one time, and keeps edges left to right', () => {
    const t = '2025-10-10T21:15:00.000Z'
    const fills: CascadeEvent[] = [
      ...EVENTS.filter((e) => e.id !== 8 && e.id !== 9),
      { id: 20, t, kind: 'bankrupt', account: 'c000009', symbol: 'DOGEUSDT', side: 'long', causes: [1] },
      { id: 21, t, kind: 'adl', account: 'user', position: 'doge', qty: '1500000', price: '0.2', amounts: { profitLost: '90000' }, causes: [6] },
      { id: 22, t, kind: 'adl', account: 'user', position: 'doge', qty: '500000', price: '0.19', amounts: { profitLost: '30000' }, causes: [20] },
      { id: 23, t: '2025-10-10T21:20:00.000Z', kind: 'liquidation', account: 'user', position: 'btc', causes: [22, 7] },
    ]
    const m = buildPathModel(fills, tEn)
    const adl = m.nodes.find((n) => n.kind === 'adl')!
    expect(adl.id).toBe(`g:u|adl|doge|${t}`)
    expect(adl.user).toBe(true)
    expect(adl.label).toBe('ADL doge ×2')
    expect(adl.events.map((e) => e.id)).toEqual([21, 22])
    expect(m.nodeOf.get(22)).toBe(adl.id)
    const depth = new Map(m.nodes.map((n) => [n.id, n.depth]))
    for (const e of m.edges) expect(depth.get(e.target)!).toBeGreaterThan(depth.get(e.source)!)
    expect(nodeTooltip(adl, tEn)).toContain('2 events (your position doge)')
  })

  it('keeps two crowd events apart (fewer than GROUP_MIN)', () => {
    const m = buildPathModel(EVENTS.filter((e) => e.id !== 5), tEn)
    expect(m.nodes.filter((n) => n.kind === 'liquidation' && !n.user).map((n) => n.id)).toEqual(['e:3', 'e:4'])
  })
})

describe('layout', () => {
  const model = buildPathModel(EVENTS, tEn)

  it('by cause: one column per depth, centred, the user first in its column', () => {
    const pos = layoutPath(model, 'depth')
    expect(pos.get('e:1')?.[0]).toBe(0)
    expect(pos.get('e:9')?.[0]).toBe(4)
    // Column 1 holds the margin call (user) and the crowd group: user on top, centred on 0.
    expect(pos.get('e:7')).toEqual([1, -0.5])
    expect(pos.get('g:1|liquidation|BTCUSDT|long')).toEqual([1, 0.5])
    expect(pos.get('e:8')).toEqual([3, 0])
  })

  it('by time: one evenly spaced column per distinct time, the user first in each', () => {
    expect(timeColumns(model).map((t) => new Date(t).toISOString().slice(11, 16))).toEqual(['20:40', '21:00', '21:10', '21:15', '21:20'])
    const pos = layoutPath(model, 'time')
    expect(pos.get('e:1')).toEqual([0, -0.5])
    expect(pos.get('e:2')).toEqual([0, 0.5])
    expect(pos.get('g:1|liquidation|BTCUSDT|long')).toEqual([1, 0])
    expect(pos.get('e:7')).toEqual([2, -0.5]) // the user's margin call above the fund draw at 21:10
    expect(pos.get('e:6')).toEqual([2, 0.5])
    expect(pos.get('e:9')).toEqual([4, 0])
  })
})

describe('graph option', () => {
  const model = buildPathModel(EVENTS, tEn)
  const dark = chartPalette('dark')

  it('is a graph on a cartesian grid with one item per node and one link per edge', () => {
    const o = buildPathGraphOption(model, { layout: 'depth', palette: dark, t: tEn, selectedId: 'e:8' })
    const s = (o.series as GraphSeries[])[0]
    expect(s.type).toBe('graph')
    expect(s.coordinateSystem).toBe('cartesian2d')
    expect(s.data).toHaveLength(7)
    expect(s.links).toHaveLength(7)
    expect((o.xAxis as { type: string }).type).toBe('value')
    // The user's nodes are larger and labelled with the time; the selected one has the accent border.
    const adl = s.data.find((d) => d.name === 'e:8')!
    const shock = s.data.find((d) => d.name === 'e:1')!
    const fund = s.data.find((d) => d.name === 'e:6')!
    expect(adl.symbolSize).toBeGreaterThan(shock.symbolSize)
    expect(adl.label.formatter).toBe('{u|ADL doge}\n{t|21:15}')
    expect(adl.itemStyle.borderColor).toBe(dark.accent)
    expect(shock.label.show).toBe(true)
    expect(fund.label.show).toBe(true) // a small graph labels every node
    // Red into the user's events; strongest along the user's own chain (ADL -> liquidation, call -> liquidation).
    expect(s.links.filter((l) => l.lineStyle.color === dark.short)).toHaveLength(4)
    expect(s.links.filter((l) => l.lineStyle.width > 2).map((l) => `${l.source}>${l.target}`)).toEqual(['e:8>e:9', 'e:7>e:9'])
    // Legend: only the kinds present.
    const legend = o.legend as { data: Array<{ name: string }> }
    expect(legend.data.map((d) => d.name)).toEqual(['Shock', 'Depth', 'Margin call', 'Liquidation', 'Insurance fund', 'ADL'])
  })

  it('labels only the user, market and merged nodes of a big graph', () => {
    const crowd: CascadeEvent[] = Array.from({ length: 40 }, (_, i) => ({ id: 100 + i, t: '2025-10-10T21:00:00Z', kind: 'liquidation', account: `c${i}`, symbol: `X${i}USDT`, causes: [1] }))
    const big = buildPathModel([...EVENTS, ...crowd], tEn)
    const s = (buildPathGraphOption(big, { layout: 'depth', palette: dark, t: tEn }).series as GraphSeries[])[0]
    expect(s.data.find((d) => d.name === 'e:100')!.label.show).toBe(false)
    expect(s.data.find((d) => d.name === 'e:6')!.label.show).toBe(false)
    expect(s.data.find((d) => d.name === 'e:9')!.label.show).toBe(true)
    expect(s.data.find((d) => d.name === 'e:1')!.label.show).toBe(true)
  })

  it('names each time column on the axis in the time layout and uses the light palette in the light theme', () => {
    const o = buildPathGraphOption(model, { layout: 'time', palette: chartPalette('light'), t: tEn })
    expect(o.xAxis as { type: string; data: string[] }).toMatchObject({ type: 'category', data: ['20:40:00', '21:00:00', '21:10:00', '21:15:00', '21:20:00'] })
    expect(o.useUTC).toBe(true)
    const s = (o.series as GraphSeries[])[0]
    expect(s.links.some((l) => l.lineStyle.color === chartPalette('light').short)).toBe(true)
  })

  it('tooltips say what happened and escape text', () => {
    const [node] = buildPathModel([{ id: 1, t: '2025-10-10T21:20:00Z', kind: 'liquidation', account: 'user', position: '<b>x</b>', symbol: 'BTCUSDT', side: 'long', qty: '40.98', price: '104500', causes: [] }], tEn).nodes
    const tip = nodeTooltip(node, tEn)
    expect(tip).toContain('<b>Liquidation</b> · 21:20:00 UTC')
    expect(tip).toContain('&lt;b&gt;x&lt;/b&gt;')
    expect(tip).toContain('BTCUSDT long 40.98 @ 104,500.00')
  })
})
