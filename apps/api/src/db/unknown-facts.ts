import type { MetricReason } from '@gongkai/schema'
import { sql, type RawBuilder } from 'kysely'
import type { Db, WriteDb } from './database.ts'
import { regionRange, type MetricFact } from './metrics.ts'

// The reports a stats answer could not count: its facts without a value, listed by year then the
// agency's code (the first `limit`). Found among the fact table's rows they were a sort of every
// unknown fact of the metric with its agency: a metric no agency reports in a year (a fee under the
// 2021 template, say) is ten thousand facts a year, and PostgreSQL took 100–200 ms to list 200.
// `unknown_fact` keeps those facts with their agency's code, level and kind (which never change),
// so the list is a range of its index on (metric, year, agency_code) (a region's, of the one on
// (metric, year, region_code, kind, level, agency_code), sorted). writeReportMetrics
// (db/metrics.ts) keeps it in the same write batch as the facts.

/** The rows of one report's facts without a value (or of every report's). */
function unknownOf(reportId: string | null): RawBuilder<unknown> {
  const which = reportId === null ? sql`true` : sql`f.report_id = ${reportId}`
  return sql`select f.report_id, f.metric, f.year, r.agency_id, a.code, a.level, a.kind, a.region_code, f.template, coalesce(f.reason, '')
from report_metric f join report r on r.id = f.report_id join agency a on a.id = r.agency_id
where ${which} and f.value is null and f.year = r.year and substr(f.metric, 1, 1) <> '@'`
}

/** Take a report's facts out of the list (before its facts are replaced), or put them in as they are now. */
export async function listUnknownFacts(db: WriteDb, reportId: string, put: boolean): Promise<void> {
  if (put) await insertUnknown(db, reportId)
  else await db.deleteFrom('unknown_fact').where('report_id', '=', reportId).execute()
}

/** List every report's facts without a value again (the migration, a bulk load that bypassed the write path). */
export async function refillUnknownFacts(db: WriteDb): Promise<void> {
  await db.deleteFrom('unknown_fact').execute()
  await insertUnknown(db, null)
}

async function insertUnknown(db: WriteDb, reportId: string | null): Promise<void> {
  await db
    .insertInto('unknown_fact')
    .columns(['report_id', 'metric', 'year', 'agency_id', 'agency_code', 'level', 'kind', 'region_code', 'template', 'reason'])
    .expression(unknownOf(reportId))
    .execute()
}

/** A fact without a value, as a stats answer lists it (and a year's ranking groups it). */
export type UnknownItem = Pick<MetricFact, 'reportId' | 'year' | 'agency' | 'reason' | 'template'>

export interface UnknownFilter {
  metric: string
  year?: number | undefined
  level?: string | undefined
  kind?: string | undefined
  /** A region code prefix. */
  region?: string | undefined
}

function unknownRows(db: Db, f: UnknownFilter) {
  let q = db.selectFrom('unknown_fact as u').innerJoin('agency as a', 'a.id', 'u.agency_id').where('u.metric', '=', f.metric)
  if (f.year !== undefined) q = q.where('u.year', '=', f.year)
  if (f.region) {
    const [from, to] = regionRange(f.region)
    q = q.where('u.region_code', '>=', from).where('u.region_code', '<', to)
  }
  if (f.level) q = q.where('u.level', '=', f.level)
  if (f.kind) q = q.where('u.kind', '=', f.kind)
  return q
}

/** The first `limit` facts of a metric without a value (of a year, level or kind), by year then the agency's code. */
export async function unknownList(db: Db, f: UnknownFilter, limit: number): Promise<UnknownItem[]> {
  return itemsOf(await columns(unknownRows(db, f)).orderBy('u.year').orderBy('u.agency_code').limit(limit).execute())
}

/**
 * The facts of a year's metric without a value (of a level or kind) at positions [from, from + count)
 * in the order of their agencies' codes: the tail of a year's ranking by agency, a range of the
 * index on (metric, year, agency_code).
 */
export async function unknownRange(db: Db, f: UnknownFilter & { year: number }, from: number, count: number): Promise<UnknownItem[]> {
  return itemsOf(await columns(unknownRows(db, f)).orderBy('u.agency_code').limit(count).offset(from).execute())
}

const columns = (q: ReturnType<typeof unknownRows>) =>
  q.select(['u.report_id', 'u.year', 'u.template', 'u.reason', 'a.id', 'a.name', 'a.code', 'a.level', 'a.kind', 'a.region_code'])

function itemsOf(rows: Awaited<ReturnType<ReturnType<typeof columns>['execute']>>): UnknownItem[] {
  return rows.map((r) => ({
    reportId: r.report_id,
    year: Number(r.year),
    agency: { id: r.id, name: r.name, code: r.code, level: r.level, kind: r.kind, regionCode: r.region_code },
    reason: r.reason === '' ? null : (r.reason as MetricReason),
    template: r.template,
  }))
}
