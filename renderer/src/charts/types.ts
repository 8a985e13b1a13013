// The option type of every Cascade chart: only the series and components we register
// (charts/echarts.ts), so a builder cannot ask for a module that is not bundled.
import type { ComposeOption } from 'echarts/core'
import type { CustomSeriesOption, GraphSeriesOption, LineSeriesOption } from 'echarts/charts'
import type {
  DataZoomComponentOption,
  DatasetComponentOption,
  GridComponentOption,
  LegendComponentOption,
  MarkLineComponentOption,
  TitleComponentOption,
  TooltipComponentOption,
} from 'echarts/components'

export type ChartOption = ComposeOption<
  | LineSeriesOption
  | GraphSeriesOption
  | CustomSeriesOption
  | GridComponentOption
  | TooltipComponentOption
  | LegendComponentOption
  | DataZoomComponentOption
  | DatasetComponentOption
  | MarkLineComponentOption
  | TitleComponentOption
>
