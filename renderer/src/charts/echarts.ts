// ECharts, tree-shaken: the one place chart modules are registered (canvas renderer, the line,
// graph and custom series, and the components the option builders use). Chart SFCs import
// `VChart` from here so registration happens once, before any chart mounts.
import { connect, use } from 'echarts/core'
import { CanvasRenderer } from 'echarts/renderers'
import { CustomChart, GraphChart, LineChart } from 'echarts/charts'
import {
  DataZoomComponent,
  DatasetComponent,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TitleComponent,
  TooltipComponent,
} from 'echarts/components'
import VChart from 'vue-echarts'

use([
  CanvasRenderer,
  LineChart,
  GraphChart,
  CustomChart,
  GridComponent,
  TooltipComponent,
  LegendComponent,
  DataZoomComponent,
  DatasetComponent,
  MarkLineComponent,
  TitleComponent,
])

export { VChart }

const connected = new Set<string>()

/** Links the charts of a group (shared axis pointer and zoom); charts join it through `group`. */
export function connectGroup(group: string): void {
  if (connected.has(group)) return
  connected.add(group)
  connect(group)
}
