// The chart palette: one per theme, the same keys in both, asset colours stable across charts.
import { describe, expect, it } from 'vitest'
import { assetColor, chartPalette, tooltipStyle } from '../../../renderer/src/charts/palette'

describe('chart palette', () => {
  it('has a palette per theme with the same shape', () => {
    const dark = chartPalette('dark')
    const light = chartPalette('light')
    expect(dark.theme).toBe('dark')
    expect(light.theme).toBe('light')
    expect(Object.keys(light).sort()).toEqual(Object.keys(dark).sort())
    expect(Object.keys(light.kinds).sort()).toEqual(Object.keys(dark.kinds).sort())
    expect(dark.lights).toHaveLength(6)
    expect(light.series.length).toBe(dark.series.length)
  })

  it('gives a known asset the same colour whatever its place, others by index', () => {
    const p = chartPalette('dark')
    expect(assetColor(p, 'BTC', 5)).toBe(p.series[0])
    expect(assetColor(p, 'ETH', 0)).toBe(p.series[1])
    expect(assetColor(p, 'XYZ', 2)).toBe(p.series[2])
    expect(assetColor(p, 'XYZ', p.series.length)).toBe(p.series[0])
  })

  it('styles tooltips from the palette', () => {
    const p = chartPalette('light')
    expect(tooltipStyle(p)).toMatchObject({ backgroundColor: p.tooltipBg, borderColor: p.tooltipBorder, textStyle: { color: p.text } })
  })
})
