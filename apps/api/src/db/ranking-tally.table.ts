/**
 * Each metric's facts counted and summed per agency over every year of its public reports, by the
 * report's template and the fact's reason (db/ranking-tally.ts): what a group of a ranking by
 * agency over every year says of its reports (those excluded, by reason; the templates).
 */
export interface RankingTallyTable {
  agency_id: string
  /** A catalogue metric. */
  metric: string
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

/**
 * The same per agency and metric, over every template and reason, with the value the agency's group
 * has (db/ranking-tally.ts): what a ranking by agency over every year orders, a range of an index.
 * The agency's code, level, kind and region code (which never change) are kept beside, to filter and order by.
 * An agency without facts of the metric has no row.
 */
export interface RankingValueTable {
  metric: string
  agency_id: string
  /** The agency's code: the order of the agencies without a value (code-unit order; collation "C" on PostgreSQL). */
  agency_code: string
  level: string
  kind: string
  region_code: string | null
  n: number
  known: number
  value: number
  numerator: number
  denominator: number
  /** The group's value before rounding: Σ value, or Σ numerator ÷ Σ denominator × 100 for a share; null when unknown. */
  score: number | null
}
