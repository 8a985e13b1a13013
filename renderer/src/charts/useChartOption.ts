// What every chart component does before it mounts: join its linked group (shared axis pointer
// and zoom), and rebuild its option from the pure builder whenever the inputs, the theme or the
// language (settings store) change.
import { computed, type ComputedRef } from 'vue'
import { useSettingsStore } from '../stores/settings'
import { translate, type Translate } from '../i18n'
import { connectGroup } from './echarts'
import { chartFont, chartPalette, type ChartPalette } from './palette'
import type { ChartOption } from './types'

/** What a builder needs besides its data: colours, the words of the app's language and the font that draws them. */
export interface ChartEnv {
  palette: ChartPalette
  t: Translate
  font: string
}

export function useChartOption(build: (env: ChartEnv) => ChartOption, group?: string): ComputedRef<ChartOption> {
  const settings = useSettingsStore()
  const palette = computed(() => chartPalette(settings.theme))
  if (group) connectGroup(group)
  return computed(() => build({ palette: palette.value, t: translate, font: chartFont(settings.locale) }))
}
