// Okabe–Ito: distinguishable with every common colour-vision deficiency. Colour never carries
// meaning alone: stacked and part-of-whole charts also use a pattern per series and direct labels.
export const PALETTE = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442', '#555555'] as const

/** Pattern ids, one per series index, defined once by <ChartPatterns>. */
export const PATTERNS = ['solid', 'diagonal', 'dots', 'cross', 'horizontal', 'vertical', 'grid', 'diagonal2'] as const

/** The entry for series `i` (0, 1, 2…), round and round the list. */
function cycle<T>(list: readonly [T, ...T[]], i: number): T {
  // Only an index that is not a whole number ≥ 0 falls outside the list: it gets the first entry.
  return list[i % list.length] ?? list[0]
}

export function seriesColor(i: number): string {
  return cycle(PALETTE, i)
}

export function seriesFill(i: number, idPrefix: string): string {
  const p = cycle(PATTERNS, i)
  return p === 'solid' ? seriesColor(i) : `url(#${idPrefix}-${p}-${i % PALETTE.length})`
}
