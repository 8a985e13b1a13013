// What every chart component does before it mounts: join its linked group (shared axis pointer
// and zoom), and rebuild its option from the pure builder whenever the inputs or the theme change.
import { computed, type ComputedRef } from 'vue'
import { connectGroup } from '../charts/echarts'
import type { ChartPalette } from '../lib/charts/palette'
import type { ChartOption } from '../lib/charts/types'
import { useChartPalette } from './chartPalette'

export function useChartOption(build: (palette: ChartPalette) => ChartOption, group?: string): ComputedRef<ChartOption> {
  const palette = useChartPalette()
  if (group) connectGroup(group)
  return computed(() => build(palette.value))
}
