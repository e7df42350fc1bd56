import { METRIC_IDS } from '@gongkai/schema'
import { sql } from 'kysely'
import type { Db, WriteDb } from './database.ts'
import { regionRange } from './metrics.ts'
import { scoreReadsOf, scoreWindow, valueCounts, valueRowOf, type ValueRow } from './ranking.ts'
import { addedSums } from './metric-tally.ts'
import { scoreSql } from './ranking-tally.ts'

// A ranking by region (`/api/stats?…&group_by=region`: each agency's own region code), of a year
// or of every year, without counting the facts: ten thousand agencies of their own region codes
// are ten thousand facts (a hundred thousand over ten years) summed into ten thousand groups for
// every page (60–200 ms). `region_value` holds each metric's facts of a year per region code, and
// of every year under year 0 (`EVERY_YEAR`), with the value the region's group has;
// writeReportMetrics (db/metrics.ts) takes a report's old facts out and puts its new ones in, in the
// same write batch as the facts (publish, correct, withdraw, store as published, rebuild). An
// agency's region code never changes after it is created, so a fact stays in the region it was counted in.

/**
 * Add a report's facts as they are in the fact table now (1), or take them out (-1), from its
 * region's values of its year (or add every report's, without one): counts and sums added to the
 * row's, and the group's value counted again from the row's new sums. Added, not counted again from
 * the facts, so two reports of one region published at once on PostgreSQL each add their own (a
 * count from the facts would miss the other's, or collide with its new row).
 */
export async function tallyRegion(db: WriteDb, reportId: string | null, sign: 1 | -1): Promise<void> {
  const which = reportId === null ? sql`substr(m.metric, 1, 1) <> '@'` : sql`m.report_id = ${reportId} and substr(m.metric, 1, 1) <> '@'`
  const s = sql.raw(sign === 1 ? '' : '-')
  const known = sql`count(m.value)`
  const sumKnown = (col: string) => sql`coalesce(sum(case when m.value is not null then ${sql.ref(`m.${col}`)} end), 0)`
  const added = addedSums('region_value')
  // The facts' own year, then every year (year 0) in a statement of its own.
  // (A number in GROUP BY is a column's position: every year is grouped by metric and region alone.)
  for (const [year, by] of [
    [sql`m.year`, sql`m.metric, m.year`],
    [sql.lit(EVERY_YEAR), sql`m.metric`],
  ] as const)
    await db
      .insertInto('region_value')
      .columns(['metric', 'year', 'region_code', 'n', 'known', 'value', 'numerator', 'denominator', 'score'])
      .expression(
        sql`select m.metric, ${year}, coalesce(m.region_code, '-'), ${s}count(*), ${s}${known}, ${s}${sumKnown('value')}, ${s}${sumKnown('numerator')},
  ${s}${sumKnown('denominator')}, ${scoreSql(sql`m.metric`, known, sumKnown('value'), sumKnown('numerator'), sumKnown('denominator'))}
from report_metric m
where ${which}
group by ${by}, coalesce(m.region_code, '-')`,
      )
      .onConflict((oc) =>
        oc.columns(['metric', 'year', 'region_code']).doUpdateSet({
          ...added,
          // The group's value from the row's new sums.
          score: sql<number | null>`${scoreSql(sql`region_value.metric`, added.known, added.value, added.numerator, added.denominator)}`,
        }),
      )
      .execute()
}

/** Drop the report's region's rows of its year, and of every year, left without facts (after its old facts went out and any new ones came in). */
export async function dropEmptyRegions(db: WriteDb, reportId: string): Promise<void> {
  const year = sql`(select year from report where id = ${reportId})`
  const region = sql`(select coalesce(a.region_code, '-') from report r join agency a on a.id = r.agency_id where r.id = ${reportId})`
  await db
    .deleteFrom('region_value')
    .where('metric', 'in', METRIC_IDS as string[])
    .where(sql<boolean>`year in (${year}, ${EVERY_YEAR}) and region_code = ${region} and n = 0`)
    .execute()
}

/** Count the table again from the fact table (the migration, a bulk load that bypassed the write path). */
export async function refillRegionValue(db: WriteDb): Promise<void> {
  await db.deleteFrom('region_value').execute()
  await tallyRegion(db, null, 1)
}

/** The year under which a region's values of every year are kept. */
export const EVERY_YEAR = 0

export interface RegionValueFilter {
  metric: string
  /** A year, or `EVERY_YEAR`. */
  year: number
  /** A region code prefix. */
  region?: string | undefined
}

function valueRows(db: Db, f: RegionValueFilter) {
  let q = db.selectFrom('region_value as v').where('v.metric', '=', f.metric).where('v.year', '=', f.year)
  if (f.region) {
    const [from, to] = regionRange(f.region)
    q = q.where('v.region_code', '>=', from).where('v.region_code', '<', to)
  }
  return q
}

const COLUMNS = ['v.region_code', 'v.n', 'v.known', 'v.value', 'v.numerator', 'v.denominator', 'v.score'] as const

/** A region's value row. */
export interface RegionValueRow extends ValueRow {
  region: string
}

const rowOf = (r: Parameters<typeof valueRowOf>[0] & { region_code: string }): RegionValueRow => ({
  region: r.region_code,
  ...valueRowOf(r),
})

/** The regions ranked (with facts of the metric that year), and those of them with a value. */
export async function regionValueCounts(db: Db, f: RegionValueFilter): Promise<{ count: number; known: number }> {
  return valueCounts(valueRows(db, f))
}

/**
 * The regions holding the positions [offset, offset + limit) of the known values, largest first (or
 * fewer, at the end), and every region tied with them (after rounding to a group's 4 decimals);
 * `above` the regions whose value is larger than all of them. The page's first and last values are
 * steps of the index on (metric, year, score); of a region prefix, its known values are read (a
 * number each) and sorted here. Null past the last known value.
 */
export async function regionValueRange(
  db: Db,
  f: RegionValueFilter,
  offset: number,
  limit: number,
): Promise<{ above: number; rows: RegionValueRow[]; high: number; low: number } | null> {
  const known = () => valueRows(db, f).where('v.score', 'is not', null)
  // A region prefix's known values are in score order only within each code: read and sorted.
  return scoreWindow(scoreReadsOf(known, !!f.region), offset, limit, async (low, high) =>
    (await valueRows(db, f).select(COLUMNS).where('v.score', '>=', low).where('v.score', '<=', high).execute()).map(rowOf),
  )
}

/** The regions whose group has no value at positions [from, from + count) in the order of their codes: the ranking's tail. */
export async function unrankedRegions(db: Db, f: RegionValueFilter, from: number, count: number): Promise<RegionValueRow[]> {
  const rows = await valueRows(db, f)
    .select(COLUMNS)
    .where('v.score', 'is', null)
    .orderBy('v.region_code')
    .limit(count)
    .offset(from)
    .execute()
  return rows.map(rowOf)
}
