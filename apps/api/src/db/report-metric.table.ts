import type { MetricReason, TemplateId } from '@gongkai/schema'
import type { Generated } from 'kysely'

/** One metric of a public report's current revision (the catalogue in @gongkai/schema). */
export interface ReportMetricTable {
  report_id: string
  metric: string
  year: number
  template: TemplateId
  /** Null when the metric cannot be computed; `reason` says why. Never 0 for unknown. */
  value: number | null
  /** For shares: what was divided, so totals are Σ numerator ÷ Σ denominator. */
  numerator: number | null
  denominator: number | null
  reason: MetricReason | null
  /** The agency's level and kind (an agency's never change): a level's or kind's ranking is a range of one index. */
  level: Generated<string>
  kind: Generated<string>
  /** The agency's region code (never changes): a region's ranking of a year is a range of one index. */
  region_code: Generated<string | null>
}

/**
 * The facts without a value (db/unknown-facts.ts), with their agency's code, level and kind (an
 * agency's never change): the list a stats answer gives of the reports it could not count, by
 * year then code, is a range of one index, however many facts the metric has.
 */
export interface UnknownFactTable {
  report_id: string
  metric: string
  year: number
  agency_id: string
  agency_code: string
  level: string
  kind: string
  /** The agency's region code: a region's facts without a value of a year are one range of an index. */
  region_code: Generated<string | null>
  template: string
  reason: string
}
