/**
 * Each metric's facts of a year counted and summed per region code (each agency's own; '-' for the
 * agencies without one), with the value the region's group has (db/region-value.ts): what a year's
 * ranking by region orders, a range of an index. A region without facts of the metric that year has
 * no row.
 */
export interface RegionValueTable {
  metric: string
  year: number
  /** The agencies' region code, '-' for none (code-unit order; collation "C" on PostgreSQL). */
  region_code: string
  /** Facts counted, and those with a known value. */
  n: number
  known: number
  /** Over the known values: Σ value, Σ numerator, Σ denominator (0 for a missing one, as totalOf adds them). */
  value: number
  numerator: number
  denominator: number
  /** The group's value before rounding: Σ value, or Σ numerator ÷ Σ denominator × 100 for a share; null when unknown. */
  score: number | null
}
