// Okabe–Ito: distinguishable with every common colour-vision deficiency. Colour never carries
// meaning alone: stacked and part-of-whole charts also use a pattern per series and direct labels.
export const PALETTE = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442', '#555555'] as const

/** Pattern ids, one per series index, defined once by <ChartPatterns>. */
export const PATTERNS = ['solid', 'diagonal', 'dots', 'cross', 'horizontal', 'vertical', 'grid', 'diagonal2'] as const

export function seriesColor(i: number): string {
  return PALETTE[i % PALETTE.length]!
}

export function seriesFill(i: number, idPrefix: string): string {
  const p = PATTERNS[i % PATTERNS.length]!
  return p === 'solid' ? seriesColor(i) : `url(#${idPrefix}-${p}-${i % PALETTE.length})`
}
