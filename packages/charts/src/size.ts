import { ref } from 'vue'

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
