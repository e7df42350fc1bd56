import { AGENCY_KINDS } from '@gongkai/schema'
import { PostgresAdapter, sql, type SelectQueryBuilder } from 'kysely'
import type { Database, Db } from './database.ts'
import { FACT_COLUMNS, factOf, regionRange, type MetricFact } from './metrics.ts'

// A page of a year's ranking by agency, read as a range of the index on (metric, year, value)
// rather than every fact of the year: a year has one report per agency, so a group is one fact,
// and the groups in rank order are the facts by value, largest first, then those without one.
// What the page needs from the database: the values at its two ends, every fact whose value ties
// with a group the page shows (so a tied run is ordered by name in full), with its report and
// agency, and how many facts rank above them. The totals and counts come from the tallies.

export const round = (n: number) => Math.round(n * 1e4) / 1e4
/** A group's last decimal: a value is within half of it of its rounding; the range is read with twice this room around the page's values. */
export const MARGIN = 1e-4

export interface RankingFilter {
  metric: string
  year?: number | undefined
  level?: string | undefined
  kind?: string | undefined
  /** A region code prefix. */
  region?: string | undefined
}

function factsQuery(db: Db, f: RankingFilter) {
  // The facts drive, then each report's row in the covering index by year (report_year_public_idx),
  // then its agency: a cross join keeps that order on SQLite, whose planner otherwise (before
  // `analyze`) walks every public report of the year and looks its fact up by key. PostgreSQL
  // plans a cross join with conditions as the inner join it is.
  let q = db
    .selectFrom('report_metric as m')
    .crossJoin('report as r')
    .crossJoin('agency as a')
    .whereRef('r.id', '=', 'm.report_id')
    .whereRef('a.id', '=', 'r.agency_id')
    .select(FACT_COLUMNS)
    .where('m.metric', '=', f.metric)
    .where('r.status', '=', 'published')
  if (f.year !== undefined) q = q.where('m.year', '=', f.year).where('r.year', '=', f.year)
  if (f.region) {
    const [from, to] = regionRange(f.region)
    q = q.where('m.region_code', '>=', from).where('m.region_code', '<', to)
  }
  // A kind is one range of the index on (metric, year, kind, level, value); a level alone is one
  // range per kind (`kind in (…)`): both engines read those, not the year's every fact.
  if (f.kind) q = q.where('m.kind', '=', f.kind)
  else if (f.level) q = q.where('m.kind', 'in', [...AGENCY_KINDS])
  if (f.level) q = q.where('m.level', '=', f.level)
  return q
}

/**
 * The facts holding the positions [offset, offset + limit) of the known values, largest first (or
 * fewer, at the end), and every fact tied with them (after rounding to a group's 4 decimals), in
 * the order of the agencies' codes; `above` the facts whose value is larger than all of them.
 * Two statements side by side: the page's first and last values are subqueries of both (one range
 * of the index each), so a page waits for one round trip. Null past the last known value.
 *
 * With a level, kind or region, the known values of its facts (from the index by kind and level, or
 * by region, kind and level, which hold them in value order only within one of each) are read first, a number each, and
 * sorted here; then the page's facts: two statements one after the other, neither of which builds
 * a group or reads a report's or agency's row for the facts off the page.
 */
export async function knownRange(
  db: Db,
  f: RankingFilter & { year: number },
  offset: number,
  limit: number,
): Promise<{ above: number; facts: MetricFact[]; high: number; low: number } | null> {
  const known = () => {
    let q = db
      .selectFrom('report_metric as k')
      .where('k.metric', '=', f.metric)
      .where('k.year', '=', f.year)
      .where('k.value', 'is not', null)
    if (f.region) {
      const [from, to] = regionRange(f.region)
      q = q.where('k.region_code', '>=', from).where('k.region_code', '<', to)
    }
    if (f.kind) q = q.where('k.kind', '=', f.kind)
    else if (f.level) q = q.where('k.kind', 'in', [...AGENCY_KINDS])
    if (f.level) q = q.where('k.level', '=', f.level)
    return q
  }
  if (f.level || f.kind || f.region) {
    // One read of the level's (or kind's, or region's) known values, then the page's facts. A
    // level's values are in value order within each kind only, a region's within each region code,
    // so they are sorted here (a few thousand numbers; ten thousand for a province of the bench).
    const values = (await known().select('k.value').execute()).map((r) => Number(r.value)).sort((a, b) => b - a)
    const first = values[offset]
    const last = values[Math.min(values.length, offset + limit) - 1]
    if (first === undefined || last === undefined) return null
    const rows = await factsQuery(db, f)
      .where('m.value', '>=', last - 2 * MARGIN)
      .where('m.value', '<=', first + 2 * MARGIN)
      .orderBy('a.code')
      .execute()
    const above = values.filter((v) => v > first + 2 * MARGIN).length
    return { above, facts: rows.map(factOf), high: round(first), low: round(last) }
  }
  const at = (n: number) => known().select('k.value').orderBy('k.value', 'desc').limit(1).offset(n)
  // The page's last value; the smallest known one when the page runs past them.
  const last = sql<number>`coalesce((${at(offset + limit - 1)}), (${known().select((eb) => eb.fn.min('k.value').as('v'))}))`
  const first = sql<number>`(${at(offset)})`
  const [rows, count] = await Promise.all([
    factsQuery(db, f)
      .select([first.as('first_value'), last.as('last_value')])
      .where('m.value', '>=', sql<number>`${last} - ${2 * MARGIN}`)
      .where('m.value', '<=', sql<number>`${first} + ${2 * MARGIN}`)
      .orderBy('a.code')
      .execute(),
    known()
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .where('k.value', '>', sql<number>`${first} + ${2 * MARGIN}`)
      .executeTakeFirstOrThrow(),
  ])
  const [row] = rows
  if (!row || row.first_value === null || row.last_value === null) return null
  return { above: Number(count.n), facts: rows.map(factOf), high: round(Number(row.first_value)), low: round(Number(row.last_value)) }
}

/** A metric's facts of one region code, template and reason, counted and summed (`regionTally`). */
export interface RegionTallyRow extends Sums {
  /** The agencies' region code; null for agencies without one. */
  region: string | null
  template: string
  /** null for a known value. */
  reason: string | null
  /** The first report (by id) and its year: the report itself when `n` is 1. */
  reportId: string
  year: number
}

/**
 * A ranking by region (each agency's own region code) without sending every fact to the process:
 * the facts of the filter counted and summed by region code, template and reason in the database,
 * as the tallies hold them for a level or year. A year is one range of the index on (metric, year,
 * region_code, …); ten thousand facts make a few thousand rows.
 */
export async function regionTally(
  db: Db,
  f: RankingFilter & { codes?: readonly string[]; years?: readonly number[] },
): Promise<RegionTallyRow[]> {
  // Of the given region codes ('-' for none) only: side by side, no codes no statement.
  if (f.codes) {
    const parts: Array<readonly string[]> = []
    const size = codesPerStatement(db)
    for (let i = 0; i < f.codes.length; i += size) parts.push(f.codes.slice(i, i + size))
    return (await Promise.all(parts.map((part) => regionRows(db, f, part)))).flat()
  }
  return regionRows(db, f, null)
}

async function regionRows(
  db: Db,
  f: RankingFilter & { years?: readonly number[] },
  codes: readonly string[] | null,
): Promise<RegionTallyRow[]> {
  const ifKnown = (col: string) => sql<number | string | null>`case when ${sql.ref('m.value')} is not null then ${sql.ref(col)} end`
  let q = db
    .selectFrom('report_metric as m')
    .select((eb) => [
      'm.region_code',
      'm.template',
      'm.reason',
      eb.fn.countAll<string | number>().as('n'),
      eb.fn.count<string | number>('m.value').as('known'),
      eb.fn.sum<string | number | null>('m.value').as('value'),
      eb.fn.sum<string | number | null>(ifKnown('m.numerator')).as('numerator'),
      eb.fn.sum<string | number | null>(ifKnown('m.denominator')).as('denominator'),
      eb.fn.min<string>('m.report_id').as('report_id'),
      eb.fn.min<string | number>('m.year').as('year'),
    ])
    .where('m.metric', '=', f.metric)
  if (f.year !== undefined) q = q.where('m.year', '=', f.year)
  // Every year's facts of some region codes: the years they are in, named, so the index by metric,
  // year and region code is read at those keys (SQLite would otherwise skip through it: 25 ms, not 4).
  else if (f.years?.length) q = q.where('m.year', 'in', [...f.years])
  if (f.region) {
    const [from, to] = regionRange(f.region)
    q = q.where('m.region_code', '>=', from).where('m.region_code', '<', to)
  }
  if (f.kind) q = q.where('m.kind', '=', f.kind)
  if (f.level) q = q.where('m.level', '=', f.level)
  if (codes) {
    const coded = codes.filter((c) => c !== '-')
    q = q.where((eb) =>
      eb.or([
        ...(coded.length ? [eb('m.region_code', 'in', coded)] : []),
        ...(codes.includes('-') ? [eb('m.region_code', 'is', null)] : []),
      ]),
    )
  }
  const rows = await q.groupBy(['m.region_code', 'm.template', 'm.reason']).execute()
  return rows.map((r) => ({
    region: r.region_code,
    ...tallyRowOf(r),
    reportId: r.report_id,
    year: Number(r.year),
  }))
}

/** A count and sums as the database gives them (strings on PostgreSQL, null for a sum of nothing). */
type Numeric = number | string | null

/** A group's facts counted and summed (a tally's detail row, a value row's first columns). */
export interface Sums {
  n: number
  known: number
  value: number
  numerator: number
  denominator: number
}

/** Counts and sums as numbers: a sum of no row (null) is 0. */
export const sumsOf = (r: { n: Numeric; known: Numeric; value: Numeric; numerator: Numeric; denominator: Numeric }): Sums => ({
  n: Number(r.n ?? 0),
  known: Number(r.known ?? 0),
  value: Number(r.value ?? 0),
  numerator: Number(r.numerator ?? 0),
  denominator: Number(r.denominator ?? 0),
})

/** A tally row by template and reason ('' or null for a known value): its sums, with no reason as null. */
export const tallyRowOf = (r: { template: string; reason: string | null } & Parameters<typeof sumsOf>[0]) => ({
  template: r.template,
  reason: r.reason === '' ? null : r.reason,
  ...sumsOf(r),
})

/** A ranking's value row (db/ranking-tally.ts, db/region-value.ts): a group's sums and its value before rounding. */
export interface ValueRow extends Sums {
  score: number | null
}

export const valueRowOf = (r: Parameters<typeof sumsOf>[0] & { score: Numeric }): ValueRow => ({
  ...sumsOf(r),
  score: r.score === null ? null : Number(r.score),
})

/** How many groups a ranking's value rows hold (its query: `v.score`), and how many of them have a value. */
export async function valueCounts(
  rows: SelectQueryBuilder<Database & { v: { score: number | null } }, 'v', object>,
): Promise<{ count: number; known: number }> {
  const row = await rows
    .select((eb) => [eb.fn.countAll<string | number>().as('n'), eb.fn.count<string | number>('v.score').as('known')])
    .executeTakeFirstOrThrow()
  return { count: Number(row.n), known: Number(row.known) }
}

/** Codes bound in one statement: 90 on SQLite and D1 (D1 binds at most 100 parameters), a page's on PostgreSQL. */
export const codesPerStatement = (db: Db) => (db.getExecutor().adapter instanceof PostgresAdapter ? 1000 : 90)

/** How a ranking's known scores are read: all of them (a filter's, sorted here), or a step of an index. */
export interface ScoreReads {
  /** Every known score of a filter the index does not order (a level, kind or region): read and sorted here. */
  all?: () => Promise<number[]>
  /** The score at position `n`, largest first, from the index. */
  at: (n: number) => Promise<number | undefined>
  /** The smallest known score. */
  min: () => Promise<number>
  /** How many known scores are larger than `x`. */
  countAbove: (x: number) => Promise<number>
}

/** The reads of a ranking's known scores from its query (`v.score` not null): read all and sorted here when `sortHere`, else steps of the index. */
export function scoreReadsOf(
  known: () => SelectQueryBuilder<Database & { v: { score: number | null } }, 'v', object>,
  sortHere: boolean,
): ScoreReads {
  return {
    ...(sortHere ? { all: async () => (await known().select('v.score').execute()).map((r) => Number(r.score)) } : {}),
    at: async (n) => {
      const r = await known().select('v.score').orderBy('v.score', 'desc').limit(1).offset(n).executeTakeFirst()
      return r ? Number(r.score) : undefined
    },
    min: async () =>
      Number(
        (
          await known()
            .select((eb) => eb.fn.min('v.score').as('v'))
            .executeTakeFirstOrThrow()
        ).v,
      ),
    countAbove: async (x) =>
      Number(
        (
          await known()
            .select((eb) => eb.fn.countAll<string | number>().as('n'))
            .where('v.score', '>', x)
            .executeTakeFirstOrThrow()
        ).n,
      ),
  }
}

/**
 * A page [offset, offset + limit) of a ranking's known values: its rows and every row tied with
 * them (`between` reads the rows whose score lies in a range: the page's two ends with room for a
 * group's rounding, 2·MARGIN), `above` how many known scores are larger than all of them, and the
 * page's first and last values rounded as a group's. The ends are the scores at the page's two
 * positions (the last known one when the page runs past them); the rows and the count above are
 * read side by side. Null past the last known value.
 */
export async function scoreWindow<R>(
  reads: ScoreReads,
  offset: number,
  limit: number,
  between: (low: number, high: number) => Promise<R[]>,
): Promise<{ above: number; rows: R[]; high: number; low: number } | null> {
  let first: number | undefined
  let last: number | undefined
  let counted: number | null = null
  if (reads.all) {
    const values = (await reads.all()).sort((a, b) => b - a)
    first = values[offset]
    last = values[Math.min(values.length, offset + limit) - 1]
    const top = (first ?? 0) + 2 * MARGIN
    counted = values.filter((v) => v > top).length
  } else {
    const [a, b] = await Promise.all([reads.at(offset), reads.at(offset + limit - 1)])
    first = a
    last = a === undefined ? undefined : (b ?? (await reads.min()))
  }
  if (first === undefined || last === undefined) return null
  const [above, rows] = await Promise.all([counted ?? reads.countAbove(first + 2 * MARGIN), between(last - 2 * MARGIN, first + 2 * MARGIN)])
  return { above, rows, high: round(first), low: round(last) }
}
