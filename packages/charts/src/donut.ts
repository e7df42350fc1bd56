import { arc, pie } from 'd3-shape'
import type { Datum } from './layout.ts'

// The donut's geometry, apart from the other layouts: d3-shape is loaded only by pages that draw
// a donut (the 图解), never by the bar charts of the pages across reports.

/** Donut arcs as SVG paths, centred on (0, 0). Zero values get no arc but keep their legend entry. */
export function donutLayout(data: readonly Datum[], radius: number, inner = 0.58) {
  const total = data.reduce((s, d) => s + (d.value ?? 0), 0)
  // In the data's order (no sorting): each arc carries its datum, and its value as drawn.
  const arcs = pie<Datum>()
    .sort(null)
    .value((d) => d.value ?? 0)([...data])
  const path = arc<{ startAngle: number; endAngle: number }>()
    .innerRadius(radius * inner)
    .outerRadius(radius)
  return {
    total,
    arcs: arcs.map((a, i) => {
      const mid = (a.startAngle + a.endAngle) / 2
      return {
        index: i,
        /** The datum this arc draws. */
        datum: a.data,
        label: a.data.label,
        value: a.value,
        share: total ? a.value / total : 0,
        d: a.endAngle > a.startAngle ? (path(a) ?? '') : '',
        labelAt: { x: Math.sin(mid) * radius * 1.18, y: -Math.cos(mid) * radius * 1.18 },
      }
    }),
  }
}
