// What every chart component does before it mounts: join its linked group (shared axis pointer
// and zoom), and rebuild its option from the pure builder whenever the inputs or the theme
// (settings store) change.
import { computed, type ComputedRef } from 'vue'
import { useSettingsStore } from '../stores/settings'
import { connectGroup } from './echarts'
import { chartPalette, type ChartPalette } from './palette'
import type { ChartOption } from './types'

export function useChartOption(build: (palette: ChartPalette) => ChartOption, group?: string): ComputedRef<ChartOption> {
  const settings = useSettingsStore()
  const palette = computed(() => chartPalette(settings.theme))
  if (group) connectGroup(group)
  return computed(() => build(palette.value))
}
