// Every chart as a PNG at twice its on-screen pixels: a screen that shows a run's charts provides
// the base of their file names (book, scenario, seed); each ChartFrame under it then offers
// "PNG", which asks ECharts for the picture on the theme's panel colour (the zoom slider left out)
// and saves it through the download composable.
import { inject, provide, type InjectionKey } from 'vue'
import { base64ToBytes } from '../lib/base64'
import { chartFileName } from '../lib/chart-export'
import { downloadBytes } from './download'

export interface ChartExport {
  /** The base of the file names: `Hedge-book-2025-10-10-seed28`. */
  base: () => string
}

const KEY: InjectionKey<ChartExport> = Symbol('chart-export')

export function provideChartExport(base: () => string): void {
  provide(KEY, { base })
}

/** The export the screen provides, or null (then the chart offers none). */
export function useChartExport(): ChartExport | null {
  return inject(KEY, null)
}

export interface PngSource {
  getDataURL(opts: { type: 'png'; pixelRatio: number; backgroundColor: string; excludeComponents: string[] }): string
}

export const PNG_PIXEL_RATIO = 2

/** Saves the chart as `<base>-<name>.png`; false when the chart is not drawn yet. */
export function saveChartPng(chart: PngSource | null | undefined, exporter: ChartExport, name: string, background: string): boolean {
  if (!chart) return false
  const url = chart.getDataURL({ type: 'png', pixelRatio: PNG_PIXEL_RATIO, backgroundColor: background, excludeComponents: ['dataZoom'] })
  const comma = url.indexOf(',')
  if (!url.startsWith('data:image/png;base64,') || comma < 0) return false
  downloadBytes(chartFileName(exporter.base(), name), base64ToBytes(url.slice(comma + 1)), 'image/png')
  return true
}
