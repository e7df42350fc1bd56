import { sql } from 'kysely'
import type { Db } from './database.ts'
import type { MetricFact } from './metrics.ts'

// A page of a year's ranking by agency, read as a range of the index on (metric, year, value)
// rather than every fact of the year: a year has one report per agency, so a group is one fact,
// and the groups in rank order are the facts by value, largest first, then those without one.
// What the page needs from the database: the values at its two ends, every fact whose value ties
// with a group the page shows (so a tied run is ordered by name in full), with its report and
// agency, and how many facts rank above them. The totals and counts come from the tallies.

const round = (n: number) => Math.round(n * 1e4) / 1e4
/** Raw values within this of a rounded one may round to it (a figure is kept to 6 decimals, a group's to 4). */
const MARGIN = 1e-4

export interface RankingFilter {
  metric: string
  year?: number | undefined
  level?: string | undefined
  kind?: string | undefined
}

function factsQuery(db: Db, f: RankingFilter) {
  let q = db
    .selectFrom('report_metric as m')
    .innerJoin('report as r', 'r.id', 'm.report_id')
    .innerJoin('agency as a', 'a.id', 'r.agency_id')
    .select([
      'm.report_id',
      'm.metric',
      'm.year',
      'm.template',
      'm.value',
      'm.numerator',
      'm.denominator',
      'm.reason',
      'r.current_revision',
      'a.id as agency_id',
      'a.name as agency_name',
      'a.code as agency_code',
      'a.level as agency_level',
      'a.kind as agency_kind',
      'a.region_code as agency_region',
    ])
    .where('m.metric', '=', f.metric)
    // The facts drive: the report's columns are kept out of its indexes (`|| ''`, `+`), or SQLite
    // (before `analyze`) walks every public report of the year and looks its fact up by key.
    .where(sql<string>`${sql.ref('r.status')} || ''`, '=', 'published')
  if (f.year !== undefined) q = q.where('m.year', '=', f.year).where(sql<number>`+${sql.ref('r.year')}`, '=', f.year)
  if (f.level) q = q.where('a.level', '=', f.level as never)
  if (f.kind) q = q.where('a.kind', '=', f.kind as never)
  return q
}

type FactRow = Awaited<ReturnType<ReturnType<typeof factsQuery>['execute']>>[number]

function factOf(r: FactRow): MetricFact {
  return {
    metric: r.metric,
    reportId: r.report_id,
    year: Number(r.year),
    template: r.template,
    revision: Number(r.current_revision),
    value: r.value === null ? null : Number(r.value),
    numerator: r.numerator === null ? null : Number(r.numerator),
    denominator: r.denominator === null ? null : Number(r.denominator),
    reason: r.reason,
    agency: {
      id: r.agency_id,
      name: r.agency_name,
      code: r.agency_code,
      level: r.agency_level,
      kind: r.agency_kind,
      regionCode: r.agency_region,
    },
  }
}

/** The facts of a metric with no value, by year, then the agencies' codes (the first `limit`, or all). */
export async function unknownFacts(db: Db, f: RankingFilter, limit?: number): Promise<MetricFact[]> {
  const q = factsQuery(db, f).where('m.value', 'is', null).orderBy('m.year').orderBy('a.code')
  return (await (limit === undefined ? q : q.limit(limit)).execute()).map(factOf)
}

/**
 * The facts holding the positions [offset, end) of the known values, largest first, and every fact
 * tied with them (after rounding to a group's 4 decimals), in the order of the agencies' codes;
 * with `above`, the facts whose value is larger than all of them. Null when the values read do not
 * line up (a write came between the reads): the caller computes the page from every fact then.
 */
export async function knownRange(
  db: Db,
  metric: string,
  year: number,
  offset: number,
  end: number,
): Promise<{ above: number; facts: MetricFact[]; high: number; low: number } | null> {
  const ends = await db
    .selectFrom('report_metric')
    .select('value')
    .where('metric', '=', metric)
    .where('year', '=', year)
    .where('value', 'is not', null)
    .orderBy('value', 'desc')
    .limit(end - offset)
    .offset(offset)
    .execute()
  const first = ends[0]?.value
  const last = ends[ends.length - 1]?.value
  if (ends.length !== end - offset || first == null || last == null) return null
  const high = round(Number(first))
  const low = round(Number(last))
  const [rows, count] = await Promise.all([
    factsQuery(db, { metric, year })
      .where('m.value', '>=', low - MARGIN)
      .where('m.value', '<=', high + MARGIN)
      .orderBy('a.code')
      .execute(),
    db
      .selectFrom('report_metric')
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .where('metric', '=', metric)
      .where('year', '=', year)
      .where('value', '>', high + MARGIN)
      .executeTakeFirstOrThrow(),
  ])
  return { above: Number(count.n), facts: rows.map(factOf), high, low }
}
