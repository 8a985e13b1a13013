// The option type of every Cascade chart: only the series and components we register
// (charts/echarts.ts), so a builder cannot ask for a module that is not bundled.
import type { ComposeOption } from 'echarts/core'
import type { CustomSeriesOption, GraphSeriesOption, HeatmapSeriesOption, LineSeriesOption } from 'echarts/charts'
import type {
  DataZoomComponentOption,
  DatasetComponentOption,
  GridComponentOption,
  LegendComponentOption,
  MarkAreaComponentOption,
  MarkLineComponentOption,
  TitleComponentOption,
  TooltipComponentOption,
  VisualMapComponentOption,
} from 'echarts/components'

export type ChartOption = ComposeOption<
  | LineSeriesOption
  | GraphSeriesOption
  | CustomSeriesOption
  | HeatmapSeriesOption
  | GridComponentOption
  | TooltipComponentOption
  | LegendComponentOption
  | DataZoomComponentOption
  | DatasetComponentOption
  | MarkLineComponentOption
  | MarkAreaComponentOption
  | TitleComponentOption
  | VisualMapComponentOption
>
