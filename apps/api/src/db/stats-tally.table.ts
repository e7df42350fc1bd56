/**
 * Each metric's facts counted and summed over the public reports of a year, by the agency's level
 * and kind (and by region prefix), the report's template and the fact's reason (db/stats-tally.ts): what `/api/stats`
 * shows of a year, or of every year, grouped by level or year, without reading the facts.
 */
export interface StatsTallyTable {
  year: number
  /** A catalogue metric. */
  metric: string
  /** '' for the whole registry; or the first 2, 4 or 6 digits of the agencies' region codes (then level and kind are ''). */
  prefix: string
  level: string
  kind: string
  template: string
  /** The fact's reason ('' for none: a known value). */
  reason: string
  /** Facts counted, and those with a known value. */
  n: number
  known: number
  /** Over the known values: Σ value, Σ numerator, Σ denominator (0 for a missing numerator or denominator, as totalOf adds them). */
  value: number
  numerator: number
  denominator: number
}
