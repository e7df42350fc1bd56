import { nice, ticks } from 'd3-array'
import type { Locale } from './format.ts'
import { textWidth, wrapText, type Wrapped } from './text.ts'

// Scale and layout math for the chart components. Pure functions, tested without mounting.

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

/** The props of a chart of the parts of a whole (the donut and the waffle). */
export interface PartsChartProps {
  title: string
  description: string
  data: readonly Datum[]
  unit?: string
  locale?: Locale
  width?: number
}

/** The label a datum is spoken and tabled by: its full label, never the short name drawn. */
export const fullLabel = (d: Datum): string => d.fullLabel ?? d.label

export interface BarMark {
  index: number
  label: string
  value: number | null
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

interface RowLabels {
  mode: 'side' | 'above'
  plotX: number
  wraps: Wrapped[]
}

/**
 * Labels beside the bars when every one fits in two lines there and the bars keep room;
 * otherwise each label goes above its bar, across the whole width, in at most two lines.
 */
function rowLabels(labels: readonly string[], width: number, f: number, valueWidth: number, maxLabelWidth?: number): RowLabels {
  const pad = f * 0.5
  const room = Math.min(width * 0.4, maxLabelWidth ?? f * 12)
  const side = labels.map((l) => wrapText(l, room - pad, f, 2))
  if (side.every((w) => w.fits) && width - room - valueWidth >= f * 6) {
    return { mode: 'side', plotX: Math.ceil(Math.max(f, ...side.map((w) => w.width)) + pad), wraps: side }
  }
  return { mode: 'above', plotX: 0, wraps: labels.map((l) => wrapText(l, width, f, 2)) }
}

/**
 * A linear scale from [0, max] onto [0, width], with d3's ticks (d3-array: the same as
 * d3-scale's linear scale, without the rest of d3-scale, which the reader's pages would load).
 */
interface LinearScale {
  (value: number): number
  ticks(count: number): number[]
}
function linearScale(max: number, width: number, niceDomain = false): LinearScale {
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
  opts: TextOptions & { barHeight?: number; gap?: number; maxLabelWidth?: number; values?: readonly string[]; tickFormat?: (n: number) => string },
): BarLayout {
  const f = opts.fontSize ?? 12
  const width = opts.width
  const lh = Math.round(f * 1.25)
  const barHeight = opts.barHeight ?? Math.round(f * 1.6)
  const gap = opts.gap ?? Math.round(f * 0.75)
  const tickF = Math.round(f * 0.85 * 10) / 10
  const values = opts.values ?? data.map((d) => (d.value === null ? '' : String(d.value)))
  const valueWidth = Math.ceil(Math.max(0, ...values.map((v) => textWidth(v, f))) + f * 0.6)
  const { mode, plotX, wraps } = rowLabels(
    data.map((d) => d.label),
    width,
    f,
    valueWidth,
    opts.maxLabelWidth,
  )
  // A value too wide to sit after its bar ("2,522.8759 × 10,000 CNY" in large type) goes under it.
  const valueBelow = width - plotX - valueWidth < f * 6
  const plotWidth = valueBelow ? width - plotX - f * 0.5 : width - plotX - valueWidth
  const max = Math.max(0, ...data.map((d) => d.value ?? 0))
  const x = linearScale(max || 1, plotWidth, true)
  const ticks = axisTicks(x, plotX, plotWidth, width, tickF, opts.tickFormat ?? String)
  let y = Math.round(tickF * 1.6)
  const bars = data.map((d, i) => {
    const lines = wraps[i]!.lines
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
    const valueLines = valueBelow ? wrapText(values[i] ?? '', width - plotX, f, 2).lines : [values[i] ?? '']
    if (valueBelow) rowHeight += lh * valueLines.length
    y += rowHeight + gap
    return {
      index: i,
      label: d.label,
      value: d.value,
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
  return { bars, ticks, tickY: tickF, tickFontSize: tickF, lineHeight: lh, height: Math.ceil(y - gap + 2), labelWidth: plotX, plotWidth, mode }
}

export interface Segment {
  series: number
  label: string
  value: number
  x: number
  width: number
}

export interface LegendItem {
  index: number
  x: number
  /** Top of the swatch. */
  y: number
  lines: string[]
}

/** Legend entries in as many columns as fit (at most two), each label wrapped in two lines. */
export function legendLayout(labels: readonly string[], opts: TextOptions & { columns?: number }): { items: LegendItem[]; height: number; swatch: number; lineHeight: number } {
  const f = opts.fontSize ?? 12
  const swatch = Math.round(f * 1.1)
  const lh = Math.round(f * 1.25)
  const indent = swatch + f * 0.5
  const widest = Math.max(0, ...labels.map((l) => textWidth(l, f))) + indent + f
  const columns = Math.max(1, Math.min(opts.columns ?? 2, labels.length, Math.floor(opts.width / widest)))
  const colWidth = opts.width / columns
  const wraps = labels.map((l) => wrapText(l, colWidth - indent - f * 0.5, f, 2).lines)
  const items: LegendItem[] = []
  let y = 0
  for (let i = 0; i < labels.length; i += columns) {
    const row = wraps.slice(i, i + columns)
    row.forEach((lines, k) => items.push({ index: i + k, x: k * colWidth, y, lines }))
    y += Math.max(...row.map((l) => l.length)) * lh + f * 0.5
  }
  return { items, height: Math.ceil(y), swatch, lineHeight: lh }
}

export type Legend = ReturnType<typeof legendLayout>

/** A one-column legend beside a chart's figure (`figure` wide and high) when every entry fits
 * there on one line, and below it otherwise; `sideY` and `belowY` are its top in either place.
 * `height` is what the figure and the legend take together. */
export function legendBeside(
  entries: readonly string[],
  opts: { width: number; fontSize: number; figure: number; sideY: number; belowY: number },
): { x: number; y: number; legend: Legend; height: number } {
  const f = opts.fontSize
  const sideX = opts.figure + f
  const widest = Math.max(0, ...entries.map((e) => textWidth(e, f))) + f * 2
  const side = opts.width - sideX >= widest
  const x = side ? sideX : 0
  const y = side ? opts.sideY : opts.belowY
  const legend = legendLayout(entries, { width: opts.width - x, fontSize: f, columns: 1 })
  return { x, y, legend, height: Math.max(opts.figure, y + legend.height) }
}

/** The keyboard marks of a legend placed at (x, y): one per entry, as wide as the room it has,
 * each with the spoken label `label(index)`. */
export function legendMarks(placed: { x: number; y: number; legend: Legend }, width: number, label: (index: number) => string) {
  return placed.legend.items.map((item) => ({
    x: placed.x + item.x,
    y: placed.y + item.y,
    width: width - placed.x,
    height: item.lines.length * placed.legend.lineHeight,
    label: label(item.index),
  }))
}

/** One stacked bar per row; each row on the same scale so rows compare. */
export function stackLayout(
  rows: ReadonlyArray<{ label: string; parts: readonly Datum[] }>,
  opts: TextOptions & { labelWidth?: number; totals?: readonly string[] },
) {
  const f = opts.fontSize ?? 12
  const lh = Math.round(f * 1.25)
  const barHeight = Math.round(f * 1.8)
  const totalsText = opts.totals ?? rows.map((r) => String(r.parts.reduce((s, p) => s + (p.value ?? 0), 0)))
  const totalWidth = Math.ceil(Math.max(0, ...totalsText.map((t) => textWidth(t, f))) + f * 0.6)
  const { mode, plotX, wraps } = rowLabels(
    rows.map((r) => r.label),
    opts.width,
    f,
    totalWidth,
    opts.labelWidth,
  )
  const plotWidth = Math.max(f * 2, opts.width - plotX - totalWidth)
  const totals = rows.map((r) => r.parts.reduce((s, p) => s + (p.value ?? 0), 0))
  const x = linearScale(Math.max(1, ...totals), plotWidth)
  let y = 4
  const laid = rows.map((r, i) => {
    const lines = wraps[i]!.lines
    const rowHeight = mode === 'side' ? Math.max(barHeight, lines.length * lh) : lines.length * lh + 2 + barHeight
    const barY = mode === 'side' ? y + (rowHeight - barHeight) / 2 : y + lines.length * lh + 2
    const labelY = mode === 'side' ? y + (rowHeight - lines.length * lh) / 2 + lh * 0.8 : y + lh * 0.8
    y += rowHeight + Math.round(f * 0.9)
    let at = plotX
    const segments: Segment[] = r.parts.map((p, s) => {
      const width = x(p.value ?? 0)
      const seg = { series: s, label: p.label, value: p.value ?? 0, x: at, width }
      at += width
      return seg
    })
    return {
      label: r.label,
      lines,
      labelX: mode === 'side' ? plotX - f * 0.5 : 0,
      labelY,
      labelAnchor: mode === 'side' ? ('end' as const) : ('start' as const),
      total: totals[i]!,
      totalX: at + f * 0.3,
      y: barY,
      barHeight,
      segments,
      complete: r.parts.every((p) => p.value !== null),
    }
  })
  return { labelWidth: plotX, plotWidth, rows: laid, height: Math.ceil(y), lineHeight: lh, mode }
}

/**
 * A unit chart of `cells` squares (default 100), shared out by the largest-remainder method so
 * the squares always add up, and any non-zero part gets at least one square.
 */
export function waffleLayout(data: readonly Datum[], cells = 100, columns = 10) {
  const values = data.map((d) => Math.max(0, d.value ?? 0))
  const total = values.reduce((s, v) => s + v, 0)
  if (total === 0) return { total, counts: values.map(() => 0), squares: [] as Array<{ series: number; col: number; row: number }> }
  const exact = values.map((v) => (v / total) * cells)
  const counts = exact.map(Math.floor)
  values.forEach((v, i) => {
    if (v > 0 && counts[i] === 0) counts[i] = 1
  })
  let left = cells - counts.reduce((s, c) => s + c, 0)
  // Remainders after the minimum of one square, so a part lifted to 1 does not get a second.
  const order = exact.map((e, i) => ({ i, r: e - counts[i]! })).sort((a, b) => b.r - a.r || a.i - b.i)
  for (let k = 0; left > 0 && k < order.length * cells; k++, left--) counts[order[k % order.length]!.i]!++
  // Squares given to tiny parts are taken back from the largest.
  while (left < 0) {
    const biggest = counts.indexOf(Math.max(...counts))
    counts[biggest]!--
    left++
  }
  const squares: Array<{ series: number; col: number; row: number }> = []
  counts.forEach((n, series) => {
    for (let k = 0; k < n; k++) {
      const at = squares.length
      squares.push({ series, col: at % columns, row: Math.floor(at / columns) })
    }
  })
  return { total, counts, squares }
}
