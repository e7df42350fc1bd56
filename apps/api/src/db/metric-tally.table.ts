/**
 * Each metric summed over the public reports of a region's subtree for a year (db/metric-tally.ts):
 * kept in the same write batch as the fact table, so a region's totals are one range read.
 */
export interface MetricTallyTable {
  year: number
  /** The first 2, 4 or 6 digits of the agencies' region codes. */
  prefix: string
  /** A catalogue metric (or `@errors`, `@warnings`); '' counts the reports that have facts. */
  metric: string
  /** Facts counted (reports, for ''), and those with a known value. */
  n: number
  known: number
  /** Over the known values: Σ value, Σ numerator, Σ denominator. */
  value: number
  numerator: number
  denominator: number
}
