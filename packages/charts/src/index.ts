export { default as BalanceFlow } from './BalanceFlow.vue'
export { default as BarChart } from './BarChart.vue'
export { default as ChartFrame } from './ChartFrame.vue'
export { default as ChartLegend } from './ChartLegend.vue'
export { default as ChartPatterns } from './ChartPatterns.vue'
export { default as DonutChart } from './DonutChart.vue'
export { default as KpiTile } from './KpiTile.vue'
export { default as SmallMultiples } from './SmallMultiples.vue'
export { default as StackedBar } from './StackedBar.vue'
export { default as WaffleChart } from './WaffleChart.vue'
export { formatDatum, formatNumber, formatValue, labelled, type Locale } from './format.ts'
export { aside, comma, formatDelta } from './phrases.ts'
export { donutLayout } from './donut.ts'
export {
  barLayout,
  fullLabel,
  legendBeside,
  legendLayout,
  legendMarks,
  stackLayout,
  waffleLayout,
  type Datum,
  type Legend,
  type PartsChartProps,
} from './layout.ts'
export { chartFontSize, chartFrameProps, useChartSize, type ChartSize, type ChartTable, type Mark } from './size.ts'
export { textWidth, wrapText } from './text.ts'
export { PALETTE, PATTERNS, seriesColor, seriesFill } from './palette.ts'
