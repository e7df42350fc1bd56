import { scaleLinear } from 'd3-scale'
import { arc, pie } from 'd3-shape'

// Scale and layout math for the chart components. Pure functions, tested without mounting.

export interface Datum {
  label: string
  /** The length to draw: blank counts as 0; "/" and not reported have none. */
  value: number | null
  /** What the source said, when it was not a number: never drawn or read out as a number. */
  state?: 'value' | 'blank' | 'na' | 'not_reported'
}

export interface BarMark {
  index: number
  label: string
  value: number | null
  x: number
  y: number
  width: number
  height: number
}

export interface BarLayout {
  bars: BarMark[]
  ticks: Array<{ value: number; x: number }>
  height: number
  labelWidth: number
  plotWidth: number
}

/** Horizontal bars: long Chinese labels stay readable on a 320 px phone. */
export function barLayout(data: readonly Datum[], opts: { width: number; barHeight?: number; gap?: number; labelWidth?: number; valueWidth?: number }): BarLayout {
  const barHeight = opts.barHeight ?? 22
  const gap = opts.gap ?? 12
  const labelWidth = opts.labelWidth ?? Math.min(opts.width * 0.38, 150)
  const valueWidth = opts.valueWidth ?? 64
  const plotWidth = Math.max(40, opts.width - labelWidth - valueWidth)
  const max = Math.max(0, ...data.map((d) => d.value ?? 0))
  const x = scaleLinear().domain([0, max || 1]).nice().range([0, plotWidth])
  const bars = data.map((d, i) => ({
    index: i,
    label: d.label,
    value: d.value,
    x: labelWidth,
    y: i * (barHeight + gap) + 20,
    width: d.value === null ? 0 : Math.max(d.value > 0 ? 1 : 0, x(d.value)),
    height: barHeight,
  }))
  return {
    bars,
    ticks: x.ticks(4).map((t) => ({ value: t, x: labelWidth + x(t) })),
    height: data.length * (barHeight + gap) + 20,
    labelWidth,
    plotWidth,
  }
}

export interface Segment {
  series: number
  label: string
  value: number
  x: number
  width: number
}

/** One stacked bar per row; each row on the same scale so rows compare. */
export function stackLayout(rows: ReadonlyArray<{ label: string; parts: readonly Datum[] }>, opts: { width: number; labelWidth?: number }) {
  const labelWidth = opts.labelWidth ?? Math.min(opts.width * 0.32, 130)
  const plotWidth = Math.max(40, opts.width - labelWidth - 48)
  const totals = rows.map((r) => r.parts.reduce((s, p) => s + (p.value ?? 0), 0))
  const x = scaleLinear().domain([0, Math.max(1, ...totals)]).range([0, plotWidth])
  return {
    labelWidth,
    plotWidth,
    rows: rows.map((r, i) => {
      let at = labelWidth
      const segments: Segment[] = r.parts.map((p, s) => {
        const width = x(p.value ?? 0)
        const seg = { series: s, label: p.label, value: p.value ?? 0, x: at, width }
        at += width
        return seg
      })
      return { label: r.label, total: totals[i]!, y: i * 40 + 8, segments, complete: r.parts.every((p) => p.value !== null) }
    }),
    height: rows.length * 40 + 8,
  }
}

/** Donut arcs as SVG paths, centred on (0, 0). Zero values get no arc but keep their legend entry. */
export function donutLayout(data: readonly Datum[], radius: number, inner = 0.58) {
  const values = data.map((d) => d.value ?? 0)
  const total = values.reduce((s, v) => s + v, 0)
  const arcs = pie<number>().sort(null).value((v) => v)(values)
  const path = arc<{ startAngle: number; endAngle: number }>().innerRadius(radius * inner).outerRadius(radius)
  return {
    total,
    arcs: arcs.map((a, i) => {
      const mid = (a.startAngle + a.endAngle) / 2
      return {
        index: i,
        label: data[i]!.label,
        value: values[i]!,
        share: total ? values[i]! / total : 0,
        d: a.endAngle > a.startAngle ? (path(a) ?? '') : '',
        labelAt: { x: Math.sin(mid) * radius * 1.18, y: -Math.cos(mid) * radius * 1.18 },
      }
    }),
  }
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
