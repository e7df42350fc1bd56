import { computed, ref, type Ref } from 'vue'
import type { Locale } from './format.ts'

export interface ChartSize {
  /** The chart's width in CSS px: one unit of its viewBox is one pixel, so text keeps its size. */
  width: number
  /** Chart text in px, from the surrounding text size (so it grows with large type). */
  fontSize: number
}

/** Chart text is three quarters of the body text, and never under 12 px. */
export function chartFontSize(bodyPx: number): number {
  return Math.max(12, Math.round(bodyPx * 0.75 * 10) / 10)
}

/** The size a chart lays itself out at: the `width` prop until <ChartFrame> has measured itself. */
export function useChartSize(initialWidth: number) {
  const size = ref<ChartSize>({ width: initialWidth, fontSize: 12 })
  function onMeasure(next: ChartSize) {
    if (next.width !== size.value.width || next.fontSize !== size.value.fontSize) size.value = next
  }
  return { size, onMeasure }
}

/** A keyboard-reachable mark over the picture, with its spoken label. */
export interface Mark {
  x: number
  y: number
  width: number
  height: number
  label: string
}

/** A chart's data as a table: a header row, and a row per item whose first cell names it. */
export interface ChartTable {
  columns: readonly string[]
  rows: ReadonlyArray<readonly (string | number)[]>
}

/**
 * What a chart hands its <ChartFrame> (`v-bind`): its own title, description and locale, the size it
 * was laid out at, and its height, keyboard marks and data table.
 */
export function chartFrameProps(
  props: { title: string; description: string; locale: Locale },
  size: Ref<ChartSize>,
  chart: { height: Ref<number>; marks: Ref<readonly Mark[]>; table: Ref<ChartTable> },
) {
  return computed(() => ({
    title: props.title,
    description: props.description,
    locale: props.locale,
    width: size.value.width,
    fontSize: size.value.fontSize,
    height: chart.height.value,
    marks: chart.marks.value,
    table: chart.table.value,
  }))
}
