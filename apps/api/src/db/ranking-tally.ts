import { METRICS } from '@gongkai/schema'
import { sql, type RawBuilder } from 'kysely'
import type { Db, WriteDb } from './database.ts'
import { addedSums } from './metric-tally.ts'
import { scoreReadsOf, scoreWindow, tallyRowOf, valueCounts, valueRowOf, type Sums, type ValueRow } from './ranking.ts'
import { regionRange, type MetricFact } from './metrics.ts'

// A ranking by agency over every year without reading every fact of the metric. Ten years of ten
// thousand agencies are a hundred thousand facts, their reports and agencies (700–850 ms a
// ranking). Two derived tables, which writeReportMetrics (db/metrics.ts) keeps in the same write
// batch as the facts (publish, correct, withdraw, store as published, rebuild):
// - `ranking_tally`: each agency's facts of a metric counted and summed by template and reason (what
//   a group says of its reports), the report's old facts taken out and its new ones put in;
// - `ranking_value`: the same per agency and metric over every template and reason, with the value
//   the agency's group has (`score`), recounted from the first for the report's agency. A page of
//   the ranking is a range of its index on (metric, score), as a year's is of the fact table's.
// An agency's code, level, kind and region code never change after it is created, so they are kept
// on its rows, to filter by and to list the agencies without a value in code order.

/**
 * The detail rows of one report's facts (or of every report's), signed. A fact counts when its year
 * is its report's, as the stats read them; only a public report has facts, so the report's status
 * is not read (withdrawing takes them out after the status changed).
 */
function tallyOf(reportId: string | null, sign: 1 | -1): RawBuilder<unknown> {
  const which = reportId === null ? sql`true` : sql`f.report_id = ${reportId}`
  const s = sql.raw(sign === 1 ? '' : '-')
  const known = sql.raw('case when f.value is not null then 1 else 0 end')
  const of = (col: string) => sql.raw(`case when f.value is not null then coalesce(f.${col}, 0) else 0 end`)
  return sql`select r.agency_id, f.metric, f.template, coalesce(f.reason, ''),
  ${s}count(*), ${s}sum(${known}), ${s}sum(${of('value')}), ${s}sum(${of('numerator')}), ${s}sum(${of('denominator')})
from report_metric f join report r on r.id = f.report_id
where ${which} and f.year = r.year and substr(f.metric, 1, 1) <> '@'
group by r.agency_id, f.metric, f.template, coalesce(f.reason, '')`
}

const KEY = ['agency_id', 'metric', 'template', 'reason'] as const
const SUMS = ['n', 'known', 'value', 'numerator', 'denominator'] as const

/** Add a report's facts as they are in the fact table now (1), or take them out (-1). */
export async function tallyRanking(db: WriteDb, reportId: string | null, sign: 1 | -1): Promise<void> {
  await db
    .insertInto('ranking_tally')
    .columns([...KEY, ...SUMS])
    .expression(tallyOf(reportId, sign))
    .onConflict((oc) => oc.columns([...KEY]).doUpdateSet(addedSums('ranking_tally')))
    .execute()
}

/** The catalogue's shares, whose group value is Σ numerator ÷ Σ denominator × 100. */
const RATIOS = METRICS.filter((m) => m.kind === 'ratio').map((m) => m.id)

/**
 * A group's value before rounding, as `totalOfSums` (src/stats.ts) computes it, from the SQL of its
 * metric, known count and sums: a share's (Σ numerator ÷ Σ denominator) × 100, null without a known
 * value or denominator; a count's Σ value.
 */
export function scoreSql(
  metric: RawBuilder<unknown>,
  known: RawBuilder<unknown>,
  value: RawBuilder<unknown>,
  numerator: RawBuilder<unknown>,
  denominator: RawBuilder<unknown>,
) {
  // Each input in brackets: it may be a sum of two columns.
  return sql`case when (${known}) = 0 then null when ${metric} in (${sql.join(RATIOS)}) then
    case when (${denominator}) = 0 then null else (${numerator}) / (${denominator}) * 100 end
    else (${value}) end`
}

/**
 * Recount the value rows of a report's agency (or of every agency) from its detail rows, then drop
 * those left without facts. The score is computed as `totalOfSums` does (src/stats.ts), before its
 * rounding: a share's (Σ numerator ÷ Σ denominator) × 100, null without a known value or denominator.
 */
export async function rankAgency(db: WriteDb, reportId: string | null): Promise<void> {
  const agency = (col: string) =>
    reportId === null ? sql<boolean>`true` : sql<boolean>`${sql.ref(col)} = (select agency_id from report where id = ${reportId})`
  const score = scoreSql(sql`t.metric`, sql`sum(t.known)`, sql`sum(t.value)`, sql`sum(t.numerator)`, sql`sum(t.denominator)`)
  // Every agency's rows written a metric after another (and by code): a metric's rows lie together.
  const refill = reportId === null ? sql`\norder by t.metric, a.code` : sql``
  await db
    .insertInto('ranking_value')
    .columns(['metric', 'agency_id', 'agency_code', 'level', 'kind', 'region_code', ...SUMS, 'score'])
    .expression(
      sql`select t.metric, t.agency_id, a.code, a.level, a.kind, a.region_code,
  sum(t.n), sum(t.known), sum(t.value), sum(t.numerator), sum(t.denominator), ${score}
from ranking_tally t join agency a on a.id = t.agency_id
where ${agency('t.agency_id')}
group by t.metric, t.agency_id, a.code, a.level, a.kind, a.region_code${refill}`,
    )
    .onConflict((oc) =>
      oc.columns(['metric', 'agency_id']).doUpdateSet({
        n: sql`excluded.n`,
        known: sql`excluded.known`,
        value: sql`excluded.value`,
        numerator: sql`excluded.numerator`,
        denominator: sql`excluded.denominator`,
        score: sql`excluded.score`,
      }),
    )
    .execute()
  await db.deleteFrom('ranking_value').where('n', '=', 0).where(agency('agency_id')).execute()
}

/** Recount both tables from the fact table (the migration, a bulk load that bypassed the write path). */
export async function refillRankingTally(db: WriteDb): Promise<void> {
  await db.deleteFrom('ranking_value').execute()
  await db.deleteFrom('ranking_tally').execute()
  await tallyRanking(db, null, 1)
  await rankAgency(db, null)
}

export interface RankingFilter {
  metric: string
  level?: string | undefined
  kind?: string | undefined
  region?: string | undefined
}

/** An agency's value row, with the agency as a fact names it. */
export interface RankedAgency extends ValueRow {
  agency: MetricFact['agency']
}

function valueRows(db: Db, f: RankingFilter) {
  let q = db.selectFrom('ranking_value as v').where('v.metric', '=', f.metric)
  if (f.region) {
    const [from, to] = regionRange(f.region)
    q = q.where('v.region_code', '>=', from).where('v.region_code', '<', to)
  }
  if (f.kind) q = q.where('v.kind', '=', f.kind)
  if (f.level) q = q.where('v.level', '=', f.level)
  return q
}

function withAgencies(db: Db, f: RankingFilter) {
  return valueRows(db, f)
    .innerJoin('agency as a', 'a.id', 'v.agency_id')
    .select(['a.id', 'a.name', 'a.code', 'a.level', 'a.kind', 'a.region_code'])
    .select(['v.n', 'v.known', 'v.value', 'v.numerator', 'v.denominator', 'v.score'])
}

type AgencyValueRow = Awaited<ReturnType<ReturnType<typeof withAgencies>['execute']>>[number]
const rankedOf = (r: AgencyValueRow): RankedAgency => ({
  agency: { id: r.id, name: r.name, code: r.code, level: r.level, kind: r.kind, regionCode: r.region_code },
  ...valueRowOf(r),
})

/** The agencies ranked (with facts of the metric), and those of them with a value. */
export async function rankingCounts(db: Db, f: RankingFilter): Promise<{ count: number; known: number }> {
  return valueCounts(valueRows(db, f))
}

/**
 * The agencies holding the positions [offset, offset + limit) of the known values, largest first
 * (or fewer, at the end), and every agency tied with them (after rounding to a group's 4 decimals),
 * with their agencies; `above` the agencies whose value is larger than all of them. Over the whole
 * registry the page's first and last values are found in the index on (metric, score), a step each;
 * of a level, kind or region, its known values are read (a number each, from a covering index) and
 * sorted here. Null past the last known value.
 */
export async function rankingRange(
  db: Db,
  f: RankingFilter,
  offset: number,
  limit: number,
): Promise<{ above: number; agencies: RankedAgency[]; high: number; low: number } | null> {
  const known = () => valueRows(db, f).where('v.score', 'is not', null)
  // A level's, kind's or region's known values are in score order only within each of those: read and sorted.
  const window = await scoreWindow(scoreReadsOf(known, !!(f.level || f.kind || f.region)), offset, limit, async (low, high) =>
    (await withAgencies(db, f).where('v.score', '>=', low).where('v.score', '<=', high).execute()).map(rankedOf),
  )
  return window && { above: window.above, agencies: window.rows, high: window.high, low: window.low }
}

/**
 * The agencies whose group has no value (every figure unknown, or a share without a denominator) at
 * positions [from, from + count) in the order of their codes: the tail of the ranking, a range of
 * the values' index (of the whole registry's; of a level, kind or region, its rows without a value, sorted).
 */
export async function unrankedAgencies(db: Db, f: RankingFilter, from: number, count: number): Promise<RankedAgency[]> {
  // The page's agencies from the index alone (it ends with the code and the agency), then their rows.
  const page = valueRows(db, f)
    .select(['v.agency_id', 'v.agency_code'])
    .where('v.score', 'is', null)
    .orderBy('v.agency_code')
    .limit(count)
    .offset(from)
    .as('p')
  const rows = await db
    .selectFrom(page)
    .innerJoin('ranking_value as v', (j) => j.onRef('v.agency_id', '=', 'p.agency_id').on('v.metric', '=', f.metric))
    .innerJoin('agency as a', 'a.id', 'p.agency_id')
    .select(['a.id', 'a.name', 'a.code', 'a.level', 'a.kind', 'a.region_code'])
    .select(['v.n', 'v.known', 'v.value', 'v.numerator', 'v.denominator', 'v.score'])
    .orderBy('p.agency_code')
    .execute()
  return rows.map(rankedOf)
}

export interface RankingDetailRow extends Sums {
  template: string
  /** null for a known value. */
  reason: string | null
}

/** A detail row as the database gives it (sums may come as strings), with '' read as no reason. */
const detailOf = tallyRowOf

/** The detail rows (by template and reason) of these agencies' facts of a metric; empty rows left out. */
export async function rankingDetails(db: Db, metric: string, agencyIds: readonly string[]): Promise<Map<string, RankingDetailRow[]>> {
  const reads = chunks(agencyIds).map((part) =>
    db
      .selectFrom('ranking_tally')
      .select(['agency_id', 'template', 'reason', ...SUMS])
      .where('agency_id', 'in', part)
      .where('metric', '=', metric)
      .where('n', '!=', 0)
      .execute(),
  )
  const out = new Map<string, RankingDetailRow[]>()
  for (const rows of await Promise.all(reads))
    for (const r of rows) {
      let list = out.get(r.agency_id)
      if (!list) out.set(r.agency_id, (list = []))
      list.push(detailOf(r))
    }
  return out
}

/** The detail rows of every agency of a region (level, kind), summed by template and reason: a region's totals over every year. */
export async function rankingTotals(db: Db, f: RankingFilter): Promise<RankingDetailRow[]> {
  const rows = await valueRows(db, f)
    .innerJoin('ranking_tally as t', (j) => j.onRef('t.agency_id', '=', 'v.agency_id').onRef('t.metric', '=', 'v.metric'))
    .select(['t.template', 't.reason'])
    .select((eb) => SUMS.map((c) => eb.fn.sum<number | string>(`t.${c}`).as(c)))
    .groupBy(['t.template', 't.reason'])
    .execute()
  return rows.map(detailOf).filter((r) => r.n !== 0)
}

/** D1 binds at most 100 parameters a statement. */
const IDS_PER_READ = 90

/** For agencies with a single fact of the metric: that fact's report and year. */
export async function singleFacts(
  db: Db,
  metric: string,
  agencyIds: readonly string[],
): Promise<Map<string, { reportId: string; year: number }>> {
  const reads = chunks(agencyIds).map((part) =>
    db
      .selectFrom('report as r')
      .innerJoin('report_metric as m', 'm.report_id', 'r.id')
      .select(['r.agency_id', 'm.report_id', 'm.year'])
      .where('r.agency_id', 'in', part)
      .where('r.status', '=', 'published')
      .where('m.metric', '=', metric)
      .whereRef('m.year', '=', 'r.year')
      .execute(),
  )
  const out = new Map<string, { reportId: string; year: number }>()
  for (const rows of await Promise.all(reads)) for (const r of rows) out.set(r.agency_id, { reportId: r.report_id, year: Number(r.year) })
  return out
}

function chunks<T>(xs: readonly T[]): T[][] {
  const out: T[][] = []
  for (let i = 0; i < xs.length; i += IDS_PER_READ) out.push(xs.slice(i, i + IDS_PER_READ))
  return out
}
