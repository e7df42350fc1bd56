import { METRIC_IDS } from '@gongkai/schema'
import { sql, type RawBuilder } from 'kysely'
import type { Db, WriteDb } from './database.ts'
import type { MetricSums } from './metrics.ts'

// A region's totals without reading its facts: each metric summed over the public reports of
// every 2-, 4- and 6-digit region prefix (province, city, county) and year, in `metric_tally`.
// writeReportMetrics (db/metrics.ts) takes a report's old facts out and puts its new ones in, in
// the same statements' batch as the facts themselves (publish, correct, withdraw, store as
// published, rebuild), so the sums are always those of the fact table: the same numbers the
// region summary computed from it (`metricSums`), now one range read however large the region.
// A figure no report gives stays unknown (known = 0), never 0.

/** Prefix lengths kept: a province, a city, a county. Longer subtrees are few reports, summed as before. */
export const TALLY_LENGTHS = [2, 4, 6] as const

/** Whether the tallies count a region's subtree: its code is a province's, city's or county's prefix. */
export function regionTallied(region: string): boolean {
  return (TALLY_LENGTHS as readonly number[]).includes(region.length)
}

/**
 * The tally rows of the facts of one report (or of every report): per year, prefix and metric,
 * the facts, the known ones and their sums; and per year and prefix (metric '') the reports.
 * A fact counts when its year is its report's, as `metricSums` reads them. Only a public report
 * has facts (withdrawing deletes them in its batch), so the report's status is not read: taking a
 * withdrawn report's facts out happens after its status changed.
 */
function tallyOf(reportId: string | null, sign: 1 | -1): RawBuilder<unknown> {
  const facts = reportId === null ? sql`true` : sql`f.report_id = ${reportId}`
  const reports =
    reportId === null
      ? sql`exists (select 1 from report_metric g where g.report_id = r.id)`
      : sql`r.id = ${reportId} and exists (select 1 from report_metric g where g.report_id = r.id)`
  const s = sql.raw(sign === 1 ? '' : '-')
  const lengths = sql.raw(TALLY_LENGTHS.map((n) => `select ${n} as n`).join(' union all '))
  return sql`select d.year, substr(d.rc, 1, l.n), d.metric, ${s}sum(d.one), ${s}sum(d.known), ${s}sum(d.value), ${s}sum(d.numerator), ${s}sum(d.denominator)
from (
  select f.year as year, f.metric as metric, 1 as one,
    case when f.value is not null then 1 else 0 end as known,
    case when f.value is not null then f.value else 0 end as value,
    case when f.value is not null then coalesce(f.numerator, 0) else 0 end as numerator,
    case when f.value is not null then coalesce(f.denominator, 0) else 0 end as denominator,
    a.region_code as rc
  from report_metric f join report r on r.id = f.report_id join agency a on a.id = r.agency_id
  where ${facts} and f.year = r.year
  union all
  select r.year, '', 1, 0, 0, 0, 0, a.region_code
  from report r join agency a on a.id = r.agency_id
  where ${reports}
) d join (${lengths}) l on length(d.rc) >= l.n
where d.rc is not null
group by d.year, substr(d.rc, 1, l.n), d.metric`
}

const CATALOGUE = new Set<string>(METRIC_IDS)

/**
 * What a tally's upsert sets when its row is there already: the new counts and sums added to the
 * kept ones (metric_tally, stats_tally, ranking_tally and region_value share these five columns).
 */
export function addedSums(table: 'metric_tally' | 'stats_tally' | 'ranking_tally' | 'region_value') {
  const add = (col: string) => sql<number>`${sql.ref(`${table}.${col}`)} + ${sql.ref(`excluded.${col}`)}`
  return { n: add('n'), known: add('known'), value: add('value'), numerator: add('numerator'), denominator: add('denominator') }
}

const COLUMNS = ['year', 'prefix', 'metric', 'n', 'known', 'value', 'numerator', 'denominator'] as const

/** Add the tally of a report's facts (sign 1), or take it out (-1), as they are in the fact table now. */
export async function tallyReport(db: WriteDb, reportId: string | null, sign: 1 | -1): Promise<void> {
  await db
    .insertInto('metric_tally')
    .columns([...COLUMNS])
    .expression(tallyOf(reportId, sign))
    .onConflict((oc) => oc.columns(['year', 'prefix', 'metric']).doUpdateSet(addedSums('metric_tally')))
    .execute()
}

/** Recount every tally from the fact table (the migration, a facts rebuild). */
export async function refillTally(db: WriteDb): Promise<void> {
  await db.deleteFrom('metric_tally').execute()
  await tallyReport(db, null, 1)
}

/** A region's sums as `metricSums` gives them, from the tally: null when its prefix is not kept. */
export async function tallySums(db: Db, year: number, region: string): Promise<{ reports: number; sums: Map<string, MetricSums> } | null> {
  if (!regionTallied(region)) return null
  const rows = await db
    .selectFrom('metric_tally')
    .select(['metric', 'n', 'known', 'value', 'numerator', 'denominator'])
    .where('year', '=', year)
    .where('prefix', '=', region)
    .execute()
  const sums = new Map<string, MetricSums>()
  let reports = 0
  for (const r of rows) {
    const n = Number(r.n)
    if (r.metric === '') {
      reports = n
      continue
    }
    if (!CATALOGUE.has(r.metric) || n === 0) continue
    const known = Number(r.known)
    sums.set(r.metric, {
      known,
      unknown: n - known,
      value: Number(r.value),
      numerator: Number(r.numerator),
      denominator: Number(r.denominator),
    })
  }
  return { reports, sums }
}
