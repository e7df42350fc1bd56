import { METRIC_IDS, computeMetrics, validateReport, type MetricReason, type ReportDocument } from '@gongkai/schema'
import { PostgresAdapter, sql } from 'kysely'
import type { Db, WriteDb } from './database.ts'
import { tallyReport } from './metric-tally.ts'
import { codesPerStatement } from './ranking.ts'
import { rankAgency, tallyRanking } from './ranking-tally.ts'
import { dropEmptyRegions, tallyRegion } from './region-value.ts'
import { tallyStats } from './stats-tally.ts'
import { listUnknownFacts } from './unknown-facts.ts'

// The fact table (report_metric): each public report's current metrics. Written by
// publishDraft, withdrawReport and insertPublishedReport (db/drafts.ts), inside their write
// batch, so the figures the public ranks are always those of the revision the public reads.

/** D1 binds at most 100 parameters per statement: 8 columns × 12 rows. */
const ROWS_PER_INSERT = 12

/**
 * Beside the catalogue's metrics, two rows keep the validator's counts for the revision (within
 * its year, without the cross-year rules), so the compliance board never validates on a read.
 * Their ids start with `@`, which no catalogue id does.
 */
export const VALIDATION_FACTS = { errors: '@errors', warnings: '@warnings' } as const

/** The fact rows of one document: its metrics, then the validator's counts. */
export function factRows(reportId: string, doc: ReportDocument) {
  const validation = validateReport(doc)
  const counts = { [VALIDATION_FACTS.errors]: validation.errors, [VALIDATION_FACTS.warnings]: validation.warnings }
  const base = { report_id: reportId, year: doc.year, template: doc.template, numerator: null, denominator: null, reason: null }
  return [
    ...Object.entries(computeMetrics(doc)).map(([metric, v]) => ({
      report_id: reportId,
      metric,
      year: doc.year,
      template: doc.template,
      value: v.value,
      numerator: v.value !== null ? (v.numerator ?? null) : null,
      denominator: v.value !== null ? (v.denominator ?? null) : null,
      reason: v.reason,
    })),
    ...Object.entries(counts).map(([metric, value]) => ({ ...base, metric, value })),
  ]
}

/** Replace a report's metrics with those of `doc` (null: the report is no longer public). */
export async function writeReportMetrics(db: WriteDb, reportId: string, doc: ReportDocument | null): Promise<void> {
  // The region tallies follow the facts in the same batch: the old facts out, the new ones in.
  await tallyReport(db, reportId, -1)
  await tallyStats(db, reportId, -1)
  await tallyRanking(db, reportId, -1)
  await tallyRegion(db, reportId, -1)
  await listUnknownFacts(db, reportId, false)
  await db.deleteFrom('report_metric').where('report_id', '=', reportId).execute()
  if (doc) await putReportMetrics(db, reportId, doc)
  // The agency's values over every year, from its detail rows (after the old facts went out, and any new ones came in);
  // its region's rows of the year left without facts dropped.
  await rankAgency(db, reportId)
  await dropEmptyRegions(db, reportId)
}

/** A report's new facts, and their tallies. */
async function putReportMetrics(db: WriteDb, reportId: string, doc: ReportDocument): Promise<void> {
  const rows = factRows(reportId, doc)
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT)
    await db
      .insertInto('report_metric')
      .values(rows.slice(i, i + ROWS_PER_INSERT))
      .execute()
  // Each fact carries its agency's level, kind and region code (which never change), so a level's,
  // kind's or region's ranking is a range of one index: taken from the agency's row in the
  // statement, as a write batch cannot read it first.
  await db
    .updateTable('report_metric')
    .set((eb) => {
      const agency = eb.selectFrom('report as r').innerJoin('agency as a', 'a.id', 'r.agency_id').where('r.id', '=', reportId)
      return { level: agency.select('a.level'), kind: agency.select('a.kind'), region_code: agency.select('a.region_code') }
    })
    .where('report_id', '=', reportId)
    .execute()
  await tallyReport(db, reportId, 1)
  await tallyStats(db, reportId, 1)
  await tallyRanking(db, reportId, 1)
  await tallyRegion(db, reportId, 1)
  await listUnknownFacts(db, reportId, true)
}

/** The validator's counts of the given reports' current revisions, from the fact table. */
export async function validationCounts(db: Db, reportIds: string[]): Promise<Map<string, { errors: number; warnings: number }>> {
  const out = new Map<string, { errors: number; warnings: number }>()
  for (let i = 0; i < reportIds.length; i += 90) {
    const rows = await db
      .selectFrom('report_metric')
      .select(['report_id', 'metric', 'value'])
      .where('report_id', 'in', reportIds.slice(i, i + 90))
      .where('metric', 'in', [VALIDATION_FACTS.errors, VALIDATION_FACTS.warnings])
      .execute()
    for (const r of rows) {
      const c = out.get(r.report_id) ?? { errors: 0, warnings: 0 }
      c[r.metric === VALIDATION_FACTS.errors ? 'errors' : 'warnings'] = Number(r.value)
      out.set(r.report_id, c)
    }
  }
  return out
}

export interface MetricFact {
  metric: string
  reportId: string
  year: number
  template: string
  revision: number
  value: number | null
  numerator: number | null
  denominator: number | null
  reason: MetricReason | null
  agency: { id: string; name: string; code: string; level: string; kind: string; regionCode: string | null }
}

export interface FactFilter {
  /** One metric, or every metric when absent. */
  metric?: string | undefined
  year?: number | undefined
  region?: string | undefined
  level?: string | undefined
  kind?: string | undefined
}

/** Region codes are digits, so "starts with 3301" is the range ['3301', '3301:'). */
export const regionRange = (prefix: string): [string, string] => [prefix, `${prefix}:`]

/** The metrics of every public report matching the filter, by year, then agency code. */
export async function listMetricFacts(db: Db, f: FactFilter): Promise<MetricFact[]> {
  return f.region || f.metric === undefined ? joinedFacts(db, f) : factsOfMetric(db, f.metric, f)
}

/**
 * One metric over every public report (of a year): three reads of one range each (the facts
 * and the reports by their covering indexes, the agencies matching the filter by code), joined
 * here. Joined in the database, a year's ranking read each fact's report and agency by key: ten
 * thousand scattered pages, three to ten times slower.
 */
async function factsOfMetric(db: Db, metric: string, f: FactFilter): Promise<MetricFact[]> {
  let fq = db
    .selectFrom('report_metric as m')
    .select(['m.report_id', 'm.metric', 'm.year', 'm.template', 'm.value', 'm.numerator', 'm.denominator', 'm.reason'])
    .where('m.metric', '=', metric)
  let rq = db.selectFrom('report as r').select(['r.id', 'r.agency_id', 'r.current_revision']).where('r.status', '=', 'published')
  if (f.year !== undefined) {
    fq = fq.where('m.year', '=', f.year)
    rq = rq.where('r.year', '=', f.year)
  }
  let aq = db.selectFrom('agency as a').select(['a.id', 'a.name', 'a.code', 'a.level', 'a.kind', 'a.region_code'])
  if (f.level) aq = aq.where('a.level', '=', f.level as never)
  if (f.kind) aq = aq.where('a.kind', '=', f.kind as never)
  // The agencies in the database's order of codes (its collation), which the facts then follow.
  const [facts, reports, agencies] = await Promise.all([fq.execute(), rq.execute(), aq.orderBy('a.code').execute()])
  const agencyAt = new Map(agencies.map((a, i) => [a.id, i]))
  const reportOf = new Map(reports.map((r) => [r.id, r]))
  const joined: Array<{ m: (typeof facts)[number]; r: (typeof reports)[number]; at: number; a: (typeof agencies)[number] }> = []
  for (const m of facts) {
    const r = reportOf.get(m.report_id)
    const at = r && agencyAt.get(r.agency_id)
    const a = at === undefined ? undefined : agencies[at]
    if (r && at !== undefined && a) joined.push({ m, r, at, a })
  }
  joined.sort((x, y) => Number(x.m.year) - Number(y.m.year) || x.at - y.at)
  return joined.map(({ m, r, a }) => {
    return {
      metric: m.metric,
      reportId: m.report_id,
      year: Number(m.year),
      template: m.template,
      revision: Number(r.current_revision),
      value: m.value === null ? null : Number(m.value),
      numerator: m.numerator === null ? null : Number(m.numerator),
      denominator: m.denominator === null ? null : Number(m.denominator),
      reason: m.reason,
      agency: { id: a.id, name: a.name, code: a.code, level: a.level, kind: a.kind, regionCode: a.region_code },
    }
  })
}

/** The same rows, joined in the database: for a region's subtree (a few reports among many) or every metric. */
export async function joinedFacts(db: Db, f: FactFilter): Promise<MetricFact[]> {
  let q = db
    .selectFrom('report_metric as m')
    .innerJoin('report as r', 'r.id', 'm.report_id')
    .innerJoin('agency as a', 'a.id', 'r.agency_id')
    .select(FACT_COLUMNS)
    .where('r.status', '=', 'published')
  if (f.year !== undefined) q = q.where('m.year', '=', f.year)
  if (f.region) {
    // A subtree is a few reports among many: find them first (agency by region, then report by
    // agency and year), then their facts by primary key. Left to itself SQLite walks every fact
    // of the metric instead, so the metric's index is kept out of this plan (`|| ''`). PostgreSQL
    // plans by itself, and looks each report's fact up by the whole primary key (report, metric):
    // behind `|| ''` it read every fact of each report (35) and kept one.
    q = q.where('m.report_id', 'in', reportsInRegion(db, f.year, f.region))
    const postgres = db.getExecutor().adapter instanceof PostgresAdapter
    if (f.metric !== undefined)
      q = q.where(postgres ? sql.ref<string>('m.metric') : sql<string>`${sql.ref('m.metric')} || ''`, '=', f.metric)
  } else if (f.metric !== undefined) q = q.where('m.metric', '=', f.metric)
  if (f.level) q = q.where('a.level', '=', f.level as never)
  if (f.kind) q = q.where('a.kind', '=', f.kind as never)
  return (await q.orderBy('m.year').orderBy('a.code').execute()).map(factOf)
}

/**
 * The columns of a fact joined with its report (`r`) and agency (`a`), and the fact they make:
 * for the joins here and for a ranking page's (ranking.ts).
 */
export const FACT_COLUMNS = [
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
] as const

/** A row of `FACT_COLUMNS` as the drivers give it (PostgreSQL's numerics may come as strings). */
export interface FactRow {
  report_id: string
  metric: string
  year: number | string
  template: string
  value: number | string | null
  numerator: number | string | null
  denominator: number | string | null
  reason: MetricReason | null
  current_revision: number | string | null
  agency_id: string
  agency_name: string
  agency_code: string
  agency_level: string
  agency_kind: string
  agency_region: string | null
}

export function factOf(r: FactRow): MetricFact {
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

/** The public reports of a region's subtree, for a year or every year (a subquery: agency by region, then report by agency and year). */
function reportsInRegion(db: Db, year: number | undefined, region: string) {
  const [lo, hi] = regionRange(region)
  const q = db
    .selectFrom('report as r2')
    .innerJoin('agency as a2', 'a2.id', 'r2.agency_id')
    .select('r2.id')
    .where('r2.status', '=', 'published')
    .where('a2.region_code', '>=', lo)
    .where('a2.region_code', '<', hi)
  return year === undefined ? q : q.where('r2.year', '=', year)
}

export interface MetricSums {
  /** Reports whose figure is known, and whose figure is not (null with a reason). */
  known: number
  unknown: number
  /** Over the known figures: Σ value, and Σ numerator and Σ denominator (shares). */
  value: number
  numerator: number
  denominator: number
}

/**
 * Each metric summed over the public reports of a region's subtree for a year, in the database: a
 * province is ten thousand reports and 350,000 facts, which are not worth sending to the process
 * one by one. Also the number of those reports that have facts.
 */
/** Reports in a subtree above which its facts are summed by metric ranges (SQLite). */
const LARGE_SUBTREE = 2_000

export async function metricSums(
  db: Db,
  year: number,
  region: string,
  largeFrom = LARGE_SUBTREE,
): Promise<{ reports: number; sums: Map<string, MetricSums> }> {
  const known = sql<number>`case when ${sql.ref('m.value')} is not null then 1 else 0 end`
  // The catalogue's metrics, each one range of the covering index (metric, year, report_id, …).
  // A large subtree is read that way on SQLite (`+` keeps it from looking each report's facts up
  // by key instead, scattered over the whole table); a small one by its reports, as before.
  // PostgreSQL's planner chooses by itself.
  const large =
    !(db.getExecutor().adapter instanceof PostgresAdapter) &&
    Number(
      (
        await db
          .selectFrom(
            reportsInRegion(db, year, region)
              .limit(largeFrom + 1)
              .as('s'),
          )
          .select((eb) => eb.fn.countAll<string | number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    ) > largeFrom
  const rows = await db
    .selectFrom('report_metric as m')
    .select((eb) => [
      'm.metric',
      eb.fn.countAll<string | number>().as('n'),
      eb.fn.sum<string | number | null>(known).as('known'),
      eb.fn.sum<string | number | null>('m.value').as('value'),
      eb.fn
        .sum<string | number | null>(sql`case when ${sql.ref('m.value')} is not null then ${sql.ref('m.numerator')} end`)
        .as('numerator'),
      eb.fn
        .sum<string | number | null>(sql`case when ${sql.ref('m.value')} is not null then ${sql.ref('m.denominator')} end`)
        .as('denominator'),
    ])
    .where('m.metric', 'in', METRIC_IDS as string[])
    .where(large ? sql<string>`+${sql.ref('m.report_id')}` : sql.ref<string>('m.report_id'), 'in', reportsInRegion(db, year, region))
    .where('m.year', '=', year)
    .groupBy('m.metric')
    .execute()
  const counted = await reportsInRegion(db, year, region)
    .clearSelect()
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .where((eb) => eb.exists(eb.selectFrom('report_metric as m').select('m.report_id').whereRef('m.report_id', '=', 'r2.id')))
    .executeTakeFirst()
  const sums = new Map<string, MetricSums>()
  for (const r of rows) {
    const k = Number(r.known ?? 0)
    sums.set(r.metric, {
      known: k,
      unknown: Number(r.n) - k,
      value: Number(r.value ?? 0),
      numerator: Number(r.numerator ?? 0),
      denominator: Number(r.denominator ?? 0),
    })
  }
  return { reports: Number(counted?.n ?? 0), sums }
}

/** Every metric of the given reports, by report id then metric id. */
export async function metricsOfReports(
  db: Db,
  reportIds: string[],
): Promise<Map<string, Map<string, { value: number | null; reason: MetricReason | null }>>> {
  const out = new Map<string, Map<string, { value: number | null; reason: MetricReason | null }>>()
  if (reportIds.length === 0) return out
  const rows = await db
    .selectFrom('report_metric')
    .select(['report_id', 'metric', 'value', 'reason'])
    .where('report_id', 'in', reportIds)
    .execute()
  for (const r of rows) {
    let byMetric = out.get(r.report_id)
    if (!byMetric) out.set(r.report_id, (byMetric = new Map()))
    byMetric.set(r.metric, { value: r.value === null ? null : Number(r.value), reason: r.reason })
  }
  return out
}

export interface AgencyFilter {
  year: number
  region?: string | undefined
  level?: string | undefined
  kind?: string | undefined
}

export type AgencyRef = MetricFact['agency']

/** Agencies in the registry matching the filter that have no public report for the year. */
function withoutReport(db: Db, f: AgencyFilter) {
  let q = db
    .selectFrom('agency as a')
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('report as r')
            .select('r.id')
            .whereRef('r.agency_id', '=', 'a.id')
            .where('r.year', '=', f.year)
            .where('r.status', '=', 'published'),
        ),
      ),
    )
  if (f.region) {
    const [lo, hi] = regionRange(f.region)
    q = q.where('a.region_code', '>=', lo).where('a.region_code', '<', hi)
  }
  if (f.level) q = q.where('a.level', '=', f.level as never)
  if (f.kind) q = q.where('a.kind', '=', f.kind as never)
  return q
}

/** Agencies in the registry matching the filter that have no public report for the year (the first `limit`, or all). */
export async function agenciesWithoutReport(db: Db, f: AgencyFilter, limit?: number): Promise<AgencyRef[]> {
  const ordered = withoutReport(db, f).select(['a.id', 'a.name', 'a.code', 'a.level', 'a.kind', 'a.region_code']).orderBy('a.code')
  const rows = await (limit === undefined ? ordered : ordered.limit(limit)).execute()
  return rows.map((r) => ({ id: r.id, name: r.name, code: r.code, level: r.level, kind: r.kind, regionCode: r.region_code }))
}

/** How many such agencies, counted in the database. */
export async function countAgenciesWithoutReport(db: Db, f: AgencyFilter): Promise<number> {
  const row = await withoutReport(db, f)
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .executeTakeFirst()
  return Number(row?.n ?? 0)
}

/** The name of each region's people's government, by region code, to label regions. */
export async function regionNames(db: Db, region?: string): Promise<Map<string, string>> {
  let q = db
    .selectFrom('agency')
    .select(['region_code', 'name', 'level'])
    .where('kind', '=', 'government')
    .where('region_code', 'is not', null)
  if (region) {
    const [lo, hi] = regionRange(region)
    q = q.where('region_code', '>=', lo).where('region_code', '<', hi)
  }
  const rows = await q.orderBy('code').execute()
  const out = new Map<string, string>()
  // A township government shares its county's code; the higher level names the region.
  const order = ['national', 'province', 'city', 'county', 'township']
  for (const r of rows.sort((a, b) => order.indexOf(a.level) - order.indexOf(b.level)))
    if (r.region_code !== null && !out.has(r.region_code)) out.set(r.region_code, r.name)
  return out
}

/** The same names, for the given region codes only (a summary's region and its sub-regions), `codesPerStatement` a statement. */
export async function regionNamesOf(db: Db, codes: string[]): Promise<Map<string, string>> {
  const wanted = [...new Set(codes)]
  const parts: string[][] = []
  const size = codesPerStatement(db)
  for (let i = 0; i < wanted.length; i += size) parts.push(wanted.slice(i, i + size))
  // Side by side (on PostgreSQL each on its own connection), then in the order of the parts.
  const rows = (
    await Promise.all(
      parts.map((part) =>
        db
          .selectFrom('agency')
          .select(['region_code', 'name', 'level', 'code'])
          .where('kind', '=', 'government')
          .where('region_code', 'in', part)
          .orderBy('code')
          .execute(),
      ),
    )
  ).flat()
  // In the order `regionNames` reads them: by code (one code's rows are in one statement), then the higher level first.
  const order = ['national', 'province', 'city', 'county', 'township']
  const out = new Map<string, string>()
  for (const r of rows.sort((a, b) => order.indexOf(a.level) - order.indexOf(b.level)))
    if (r.region_code !== null && !out.has(r.region_code)) out.set(r.region_code, r.name)
  return out
}
