// The chart palette of the current theme (settings store), so charts redraw when it changes.
import { computed, type ComputedRef } from 'vue'
import { chartPalette, type ChartPalette } from '../lib/charts/palette'
import { useSettingsStore } from '../stores/settings'

export function useChartPalette(): ComputedRef<ChartPalette> {
  const settings = useSettingsStore()
  return computed(() => chartPalette(settings.theme))
}
