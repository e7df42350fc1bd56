import { linearScale, rowLabels, type Datum, type TextOptions } from './bar.ts'
import type { Locale } from './format.ts'
import { textWidth, wrapText } from './text.ts'

// Scale and layout math for the chart components. Pure functions, tested without mounting. The bar
// chart's layout, with the data type and what the layouts share, is in bar.ts.

export { barLayout, fullLabel, type BarLayout, type BarMark, type Datum, type TextOptions, type Tick } from './bar.ts'

/** The props of a chart of the parts of a whole (the donut and the waffle). */
export interface PartsChartProps {
  title: string
  description: string
  data: readonly Datum[]
  unit?: string
  locale?: Locale
  width?: number
}

export interface Segment {
  series: number
  /** The part this segment draws. */
  datum: Datum
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
export function legendLayout(
  labels: readonly string[],
  opts: TextOptions & { columns?: number },
): { items: LegendItem[]; height: number; swatch: number; lineHeight: number } {
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
 * each with its spoken label (`labels`, one per entry, in the entries' order). */
export function legendMarks(placed: { x: number; y: number; legend: Legend }, width: number, labels: readonly string[]) {
  return placed.legend.items.flatMap((item) => {
    const label = labels[item.index]
    // An entry with nothing to say gets no mark.
    if (label === undefined) return []
    return [
      { x: placed.x + item.x, y: placed.y + item.y, width: width - placed.x, height: item.lines.length * placed.legend.lineHeight, label },
    ]
  })
}

/** One stacked bar per row; each row on the same scale so rows compare. */
export function stackLayout(
  rows: ReadonlyArray<{ label: string; parts: readonly Datum[] }>,
  opts: TextOptions & { labelWidth?: number; totals?: readonly string[] },
) {
  const f = opts.fontSize ?? 12
  const lh = Math.round(f * 1.25)
  const barHeight = Math.round(f * 1.8)
  const totalled = rows.map((r, i) => {
    const total = r.parts.reduce((s, p) => s + (p.value ?? 0), 0)
    return { label: r.label, parts: r.parts, total, totalText: opts.totals?.[i] ?? String(total) }
  })
  const totalsText = opts.totals ?? totalled.map((r) => r.totalText)
  const totalWidth = Math.ceil(Math.max(0, ...totalsText.map((t) => textWidth(t, f))) + f * 0.6)
  const { mode, plotX, rows: labelled } = rowLabels(totalled, opts.width, f, totalWidth, opts.labelWidth)
  const plotWidth = Math.max(f * 2, opts.width - plotX - totalWidth)
  const x = linearScale(Math.max(1, ...totalled.map((r) => r.total)), plotWidth)
  let y = 4
  const laid = labelled.map(({ row: r, wrap: { lines } }) => {
    const rowHeight = mode === 'side' ? Math.max(barHeight, lines.length * lh) : lines.length * lh + 2 + barHeight
    const barY = mode === 'side' ? y + (rowHeight - barHeight) / 2 : y + lines.length * lh + 2
    const labelY = mode === 'side' ? y + (rowHeight - lines.length * lh) / 2 + lh * 0.8 : y + lh * 0.8
    y += rowHeight + Math.round(f * 0.9)
    let at = plotX
    const segments: Segment[] = r.parts.map((p, s) => {
      const width = x(p.value ?? 0)
      const seg = { series: s, datum: p, label: p.label, value: p.value ?? 0, x: at, width }
      at += width
      return seg
    })
    return {
      label: r.label,
      lines,
      labelX: mode === 'side' ? plotX - f * 0.5 : 0,
      labelY,
      labelAnchor: mode === 'side' ? ('end' as const) : ('start' as const),
      total: r.total,
      /** The total as written (`totals`, or the number). */
      totalText: r.totalText,
      /** The row's parts, as given. */
      parts: r.parts,
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
  // Each part's exact share, and its whole squares: at least one for any non-zero part.
  const shares = values.map((v) => {
    const exact = (v / total) * cells
    return { exact, count: v > 0 ? Math.max(1, Math.floor(exact)) : Math.floor(exact) }
  })
  let left = cells - shares.reduce((s, p) => s + p.count, 0)
  // Remainders after the minimum of one square, so a part lifted to 1 does not get a second.
  const order = shares.map((p, i) => ({ i, p, r: p.exact - p.count })).sort((a, b) => b.r - a.r || a.i - b.i)
  // The squares left over go round the parts by remainder, one each per round.
  for (let round = 0; round < cells && left > 0; round++) {
    for (const { p } of order) {
      if (left <= 0) break
      p.count++
      left--
    }
  }
  // Squares given to tiny parts are taken back from the largest (the first of equals).
  while (left < 0) {
    const biggest = shares.reduce((a, b) => (b.count > a.count ? b : a))
    biggest.count--
    left++
  }
  const counts = shares.map((p) => p.count)
  const squares: Array<{ series: number; col: number; row: number }> = []
  counts.forEach((n, series) => {
    for (let k = 0; k < n; k++) {
      const at = squares.length
      squares.push({ series, col: at % columns, row: Math.floor(at / columns) })
    }
  })
  return { total, counts, squares }
}
