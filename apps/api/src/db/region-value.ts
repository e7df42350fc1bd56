import { METRIC_IDS } from '@gongkai/schema'
import { sql, type RawBuilder } from 'kysely'
import type { Db, WriteDb } from './database.ts'
import { regionRange } from './metrics.ts'
import { scoreReadsOf, scoreWindow, valueCounts, valueRowOf, type ValueRow } from './ranking.ts'
import { scoreSql } from './ranking-tally.ts'

// A year's ranking by region (`/api/stats?…&year=…&group_by=region`: each agency's own region
// code) without counting the year's facts: ten thousand agencies of their own region codes are
// ten thousand facts summed into ten thousand groups for every page (60–100 ms). `region_value`
// holds each metric's facts of a year per region code, with the value the region's group has;
// writeReportMetrics (db/metrics.ts) counts the report's year and region again in the same write
// batch as its facts (publish, correct, withdraw, store as published, rebuild). An agency's region
// code never changes after it is created, so a fact stays in the region it was counted in.

/** The facts of a region code: '-' stands for the agencies without one. */
const ofRegion = (code: RawBuilder<unknown>) => sql`(m.region_code = ${code} or (m.region_code is null and ${code} = '-'))`

/**
 * Count the value rows of a report's year and region again from the fact table (or every row,
 * without a report): the rows of that year and region out, then one per metric with facts in. The
 * report's year and its agency's region are read in the statements (a write batch cannot read them first).
 */
export async function rankRegion(db: WriteDb, reportId: string | null): Promise<void> {
  const year = sql`(select year from report where id = ${reportId})`
  const region = sql`(select coalesce(a.region_code, '-') from report r join agency a on a.id = r.agency_id where r.id = ${reportId})`
  await db
    .deleteFrom('region_value')
    .where(reportId === null ? sql<boolean>`true` : sql<boolean>`year = ${year} and region_code = ${region}`)
    .execute()
  // Each catalogue metric a range of the index on (metric, year, region_code, …).
  const which =
    reportId === null
      ? sql`substr(m.metric, 1, 1) <> '@'`
      : sql`m.metric in (${sql.join(METRIC_IDS as string[])}) and m.year = ${year} and ${ofRegion(region)}`
  const known = sql`count(m.value)`
  const sumKnown = (col: string) => sql`coalesce(sum(case when m.value is not null then ${sql.ref(`m.${col}`)} end), 0)`
  await db
    .insertInto('region_value')
    .columns(['metric', 'year', 'region_code', 'n', 'known', 'value', 'numerator', 'denominator', 'score'])
    .expression(
      sql`select m.metric, m.year, coalesce(m.region_code, '-'), count(*), ${known}, ${sumKnown('value')}, ${sumKnown('numerator')},
  ${sumKnown('denominator')}, ${scoreSql(sql`m.metric`, known, sumKnown('value'), sumKnown('numerator'), sumKnown('denominator'))}
from report_metric m
where ${which}
group by m.metric, m.year, coalesce(m.region_code, '-')`,
    )
    .execute()
}

export interface RegionValueFilter {
  metric: string
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
