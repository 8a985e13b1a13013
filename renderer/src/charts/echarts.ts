// ECharts, tree-shaken: the one place chart modules are registered (canvas renderer, the line,
// graph, custom and heat-map series, and the components the option builders use). Chart SFCs import
// `VChart` from here so registration happens once, before any chart mounts.
import { connect, use } from 'echarts/core'
import { CanvasRenderer } from 'echarts/renderers'
import { CustomChart, GraphChart, HeatmapChart, LineChart } from 'echarts/charts'
import {
  DataZoomComponent,
  DatasetComponent,
  GridComponent,
  LegendComponent,
  MarkAreaComponent,
  MarkLineComponent,
  TitleComponent,
  TooltipComponent,
  VisualMapComponent,
} from 'echarts/components'
import VChart from 'vue-echarts'

use([
  CanvasRenderer,
  LineChart,
  GraphChart,
  CustomChart,
  HeatmapChart,
  GridComponent,
  TooltipComponent,
  LegendComponent,
  DataZoomComponent,
  DatasetComponent,
  MarkLineComponent,
  MarkAreaComponent,
  TitleComponent,
  VisualMapComponent,
])

export { VChart }

const connected = new Set<string>()

/** Links the charts of a group (shared axis pointer and zoom); charts join it through `group`. */
export function connectGroup(group: string): void {
  if (connected.has(group)) return
  connected.add(group)
  connect(group)
}
