import { nice, ticks } from 'd3-array'
import { textWidth, wrapText, type Wrapped } from './text.ts'

// The bar chart's layout, and what the other layouts share with it (the data, the row labels, the
// linear scale). Apart from layout.ts so a page that draws bars only (the reader's /stats) does not
// load the stacked bar's, the legend's and the waffle's layouts. Pure functions, tested without mounting.

export interface Datum {
  /** What the chart draws beside the mark: a short name when the full label is long. */
  label: string
  /** The full label, for the marks and the data table, when `label` is a short name. */
  fullLabel?: string
  /** The length to draw: blank counts as 0; "/" and not reported have none. */
  value: number | null
  /** What the source said, when it was not a number: never drawn or read out as a number. */
  state?: 'value' | 'blank' | 'na' | 'not_reported'
}

/** The label a datum is spoken and tabled by: its full label, never the short name drawn. */
export const fullLabel = (d: Datum): string => d.fullLabel ?? d.label

export interface BarMark {
  index: number
  /** The datum this bar draws. */
  datum: Datum
  label: string
  value: number | null
  /** The value as written (`values`, or the number), on one line: what the marks and the table say. */
  valueText: string
  x: number
  y: number
  width: number
  height: number
  /** The label, wrapped; drawn from (labelX, labelY), the first line's baseline. */
  lines: string[]
  labelX: number
  labelY: number
  labelAnchor: 'start' | 'end'
  valueX: number
  valueY: number
  /** The value as drawn: one line, or two under the bar when even the whole width is too narrow. */
  valueLines: string[]
}

export interface Tick {
  value: number
  /** Where the grid line is. */
  x: number
  text: string
  /** Where the label starts: kept inside the chart and clear of its neighbours. */
  textX: number
}

export interface BarLayout {
  bars: BarMark[]
  ticks: Tick[]
  tickY: number
  tickFontSize: number
  lineHeight: number
  height: number
  /** Where the bars start (labels sit left of it, or above each bar on a narrow chart). */
  labelWidth: number
  plotWidth: number
  mode: 'side' | 'above'
}

export interface TextOptions {
  width: number
  /** Chart text size in px: the layout grows with it (large type). */
  fontSize?: number
}

export interface RowLabels<T> {
  mode: 'side' | 'above'
  plotX: number
  /** Each row, in order, with its label broken into lines. */
  rows: Array<{ row: T; wrap: Wrapped }>
}

/**
 * Labels beside the bars when every one fits in two lines there and the bars keep room;
 * otherwise each label goes above its bar, across the whole width, in at most two lines.
 */
export function rowLabels<T extends { label: string }>(
  rows: readonly T[],
  width: number,
  f: number,
  valueWidth: number,
  maxLabelWidth?: number,
): RowLabels<T> {
  const pad = f * 0.5
  const room = Math.min(width * 0.4, maxLabelWidth ?? f * 12)
  const side = rows.map((row) => ({ row, wrap: wrapText(row.label, room - pad, f, 2) }))
  if (side.every((r) => r.wrap.fits) && width - room - valueWidth >= f * 6) {
    return { mode: 'side', plotX: Math.ceil(Math.max(f, ...side.map((r) => r.wrap.width)) + pad), rows: side }
  }
  return { mode: 'above', plotX: 0, rows: rows.map((row) => ({ row, wrap: wrapText(row.label, width, f, 2) })) }
}

/**
 * A linear scale from [0, max] onto [0, width], with d3's ticks (d3-array: the same as
 * d3-scale's linear scale, without the rest of d3-scale, which the reader's pages would load).
 */
export interface LinearScale {
  (value: number): number
  ticks(count: number): number[]
}
export function linearScale(max: number, width: number, niceDomain = false): LinearScale {
  const top = niceDomain ? nice(0, max, 10)[1] : max
  const scale = ((value: number) => (top > 0 ? (value / top) * width : 0)) as LinearScale
  scale.ticks = (count) => ticks(0, top, count)
  return scale
}

/** Axis labels that never overlap each other or leave the chart: crowded ones are dropped. */
function axisTicks(scale: LinearScale, plotX: number, plotWidth: number, width: number, f: number, format: (n: number) => string): Tick[] {
  const ticks: Tick[] = []
  let right = -Infinity
  for (const value of scale.ticks(Math.max(2, Math.floor(plotWidth / (f * 5))))) {
    const text = format(value)
    const tw = textWidth(text, f)
    const x = plotX + scale(value)
    const textX = Math.min(Math.max(0, x - tw / 2), width - tw)
    if (textX < right + f * 0.8) continue
    ticks.push({ value, x, text, textX })
    right = textX + tw
  }
  return ticks
}

/** Horizontal bars: long Chinese labels stay readable on a 320 px phone and in large type. */
export function barLayout(
  data: readonly Datum[],
  opts: TextOptions & {
    barHeight?: number
    gap?: number
    maxLabelWidth?: number
    values?: readonly string[]
    tickFormat?: (n: number) => string
  },
): BarLayout {
  const f = opts.fontSize ?? 12
  const width = opts.width
  const lh = Math.round(f * 1.25)
  const barHeight = opts.barHeight ?? Math.round(f * 1.6)
  const gap = opts.gap ?? Math.round(f * 0.75)
  const tickF = Math.round(f * 0.85 * 10) / 10
  const values = opts.values ?? data.map((d) => (d.value === null ? '' : String(d.value)))
  const valueWidth = Math.ceil(Math.max(0, ...values.map((v) => textWidth(v, f))) + f * 0.6)
  const { mode, plotX, rows } = rowLabels(data, width, f, valueWidth, opts.maxLabelWidth)
  // A value too wide to sit after its bar ("2,522.8759 × 10,000 CNY" in large type) goes under it.
  const valueBelow = width - plotX - valueWidth < f * 6
  const plotWidth = valueBelow ? width - plotX - f * 0.5 : width - plotX - valueWidth
  const max = Math.max(0, ...data.map((d) => d.value ?? 0))
  const x = linearScale(max || 1, plotWidth, true)
  const ticks = axisTicks(x, plotX, plotWidth, width, tickF, opts.tickFormat ?? String)
  let y = Math.round(tickF * 1.6)
  const bars = rows.map(({ row: d, wrap: { lines } }, i) => {
    const w = d.value === null ? 0 : Math.max(d.value > 0 ? 1 : 0, x(d.value))
    let barY: number
    let labelY: number
    let rowHeight: number
    if (mode === 'side') {
      rowHeight = Math.max(barHeight, lines.length * lh)
      barY = y + (rowHeight - barHeight) / 2
      labelY = y + (rowHeight - lines.length * lh) / 2 + lh * 0.8
    } else {
      labelY = y + lh * 0.8
      barY = y + lines.length * lh + 2
      rowHeight = lines.length * lh + 2 + barHeight
    }
    const valueText = values[i] ?? ''
    const valueLines = valueBelow ? wrapText(valueText, width - plotX, f, 2).lines : [valueText]
    if (valueBelow) rowHeight += lh * valueLines.length
    y += rowHeight + gap
    return {
      index: i,
      datum: d,
      label: d.label,
      value: d.value,
      valueText,
      x: plotX,
      y: barY,
      width: w,
      height: barHeight,
      lines,
      labelX: mode === 'side' ? plotX - f * 0.5 : 0,
      labelY,
      labelAnchor: mode === 'side' ? ('end' as const) : ('start' as const),
      valueX: valueBelow ? plotX : plotX + w + f * 0.3,
      valueY: valueBelow ? barY + barHeight + lh * 0.8 : barY + barHeight / 2 + f * 0.35,
      valueLines,
    }
  })
  return {
    bars,
    ticks,
    tickY: tickF,
    tickFontSize: tickF,
    lineHeight: lh,
    height: Math.ceil(y - gap + 2),
    labelWidth: plotX,
    plotWidth,
    mode,
  }
}
