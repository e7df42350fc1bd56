import {
  AGENCY_KINDS,
  AGENCY_LEVELS,
  METRIC_IDS,
  METRIC_REASONS,
  alignTables,
  metricCatalogue,
  metricComparable,
  metricDef,
  type TemplateId,
} from '@gongkai/schema'
import { Hono } from 'hono'
import { etag } from 'hono/etag'
import { describeRoute } from 'hono-openapi'
import { z } from 'zod'
import { acrossResponse } from '../across-response.ts'
import type { AppEnv } from '../context.ts'
import type { Db } from '../db/database.ts'
import { agenciesWithoutReportCount } from '../db/compliance-tally.ts'
import {
  agenciesWithoutReport,
  countAgenciesWithoutReport,
  listMetricFacts,
  metricsOfReports,
  regionNames,
  regionNamesOf,
  type MetricFact,
} from '../db/metrics.ts'
import { knownRange, regionTally } from '../db/ranking.ts'
import { EVERY_YEAR, regionValueCounts, regionValueRange, unrankedRegions } from '../db/region-value.ts'
import { rankingCounts, rankingDetails, rankingRange, rankingTotals, singleFacts, unrankedAgencies } from '../db/ranking-tally.ts'
import { regionTallied } from '../db/metric-tally.ts'
import { statsTally } from '../db/stats-tally.ts'
import { unknownList, unknownRange, type UnknownItem } from '../db/unknown-facts.ts'
import { getReportSummary } from '../db/reports-list.ts'
import { getPublishedReport } from '../db/revisions.ts'
import { ApiError } from '../errors.ts'
import {
  GROUP_BY,
  agencyPage,
  agencyRankGroups,
  agencyRankOrder,
  factsComparable,
  groupFacts,
  groupTally,
  regionGroupPage,
  regionRankPage,
  tallyTotals,
  totalOf,
  type StatGroup,
} from '../stats.ts'
import { valid } from '../validate.ts'

// Across reports: the metric catalogue, a metric's values, rankings and totals, and reports side
// by side. Public, read from the report_metric fact table, revalidated with strong ETags.

const REVALIDATE = 'public, no-cache'

export const Region = z.string().regex(/^\d{2,12}$/, '行政区划代码应为2至12位数字 / a region code is 2 to 12 digits')
export const Year = z.coerce
  .number({ message: '年度应为数字 / the year is a number' })
  .int('年度应为整数 / the year is a whole number')
  .min(2008, '年度不早于2008 / the year is 2008 or later')
  .max(2100, '年度不晚于2100 / the year is 2100 or earlier')

const StatsQuery = z.object({
  metric: z
    .enum(METRIC_IDS as [string, ...string[]], { message: '未知的指标，见 /api/metrics / unknown metric, see /api/metrics' })
    .describe('a metric id from GET /api/metrics'),
  year: Year.optional(),
  region: Region.optional().describe('region code prefix, e.g. 3301'),
  level: z
    .enum(AGENCY_LEVELS, { message: `层级应为 ${AGENCY_LEVELS.join('、')} 之一 / level is one of ${AGENCY_LEVELS.join(', ')}` })
    .optional(),
  kind: z.enum(AGENCY_KINDS, { message: '类型应为 government 或 department / kind is government or department' }).optional(),
  group_by: z
    .enum(GROUP_BY, { message: '分组应为 agency、region、level 或 year / group_by is agency, region, level or year' })
    .default('agency'),
  limit: z.coerce
    .number({ message: 'limit 应为数字 / limit is a number' })
    .int()
    .min(1, 'limit 至少为1 / limit is at least 1')
    .max(2000, 'limit 最多为2000 / limit is at most 2000')
    .default(200)
    .describe('groups, excluded reports and missing agencies listed (each); totals and counts cover all'),
  offset: z.coerce
    .number({ message: 'offset 应为数字 / offset is a number' })
    .int()
    .min(0, 'offset 不能为负 / offset is 0 or more')
    .default(0)
    .describe('where the listed groups start, in rank order'),
})

const CompareQuery = z.object({
  reports: z
    .string({ message: '请给出2至6个报告编号，用逗号分隔 / give 2 to 6 report ids, separated by commas' })
    .transform((s) => [
      ...new Set(
        s
          .split(',')
          .map((x) => x.trim())
          .filter(Boolean),
      ),
    ])
    .refine((ids) => ids.length >= 2 && ids.length <= 6, '请给出2至6个不同的报告编号 / give 2 to 6 different report ids')
    .refine((ids) => ids.every((id) => id.length <= 64), '报告编号过长 / a report id is too long')
    .describe('2 to 6 report ids, separated by commas'),
})

const MetricsQuery = z.object({
  fields: z
    .enum(['all', 'names'], { message: 'fields 应为 all 或 names / fields is all or names' })
    .default('all')
    .describe("names: only each metric's id, names, unit and group (what a metric picker needs, a quarter of the size)"),
})

export const metrics = new Hono<AppEnv>()
  .use('*', etag())
  .get(
    '/',
    describeRoute({ tags: ['stats'], summary: 'The catalogue of metrics: ids, names, units, cells in both templates, 2019/2021 mapping' }),
    valid('query', MetricsQuery),
    (c) => {
      c.header('Cache-Control', REVALIDATE)
      const items = metricCatalogue()
      if (c.req.valid('query').fields === 'names')
        return c.json({ items: items.map(({ id, zh, en, unit, group }) => ({ id, zh, en, unit, group })) })
      return c.json({ items, reasons: METRIC_REASONS })
    },
  )

export const stats = new Hono<AppEnv>().use('*', etag()).get(
  '/',
  describeRoute({
    tags: ['stats'],
    summary: 'One metric over the public reports: values, rankings, totals, the reports counted and the agencies missing',
  }),
  valid('query', StatsQuery),
  async (c) => {
    const { db } = c.get('deps')
    const q = c.req.valid('query')
    return acrossResponse(c, REVALIDATE, ['stats', q], () => statsAnswer(db, q))
  },
)

type StatsParams = z.infer<typeof StatsQuery>

export async function statsAnswer(db: Db, q: StatsParams) {
  return (await statsFromTallies(db, q)) ?? statsFromFacts(db, q)
}

function metricOf(id: string) {
  const def = metricDef(id)
  if (!def) throw new Error(`unknown metric ${id}`) // unreachable: StatsQuery takes known metrics only
  return def
}

/** Where the next page of groups starts, or null after the last (as the board's and a summary's pages say). */
const nextOffset = (q: { offset: number }, g: { count: number; groups: readonly unknown[] }) =>
  q.offset + g.groups.length < g.count && g.groups.length > 0 ? q.offset + g.groups.length : null

const excludedItem = (f: UnknownItem) => ({ reportId: f.reportId, year: f.year, agency: f.agency, reason: f.reason })

/** The answer from every fact the filter keeps, grouped and ranked in the process. */
export async function statsFromFacts(db: Db, q: StatsParams) {
  const def = metricOf(q.metric)
  // Three independent reads, side by side (on PostgreSQL each has its own connection).
  const [facts, names, missing] = await Promise.all([
    listMetricFacts(db, { metric: q.metric, year: q.year, region: q.region, level: q.level, kind: q.kind }),
    q.group_by === 'region' ? regionNames(db, q.region) : new Map<string, string>(),
    q.year !== undefined ? agenciesWithoutReport(db, { year: q.year, region: q.region, level: q.level, kind: q.kind }) : null,
  ])
  const groups = groupFacts(def, facts, q.group_by, names, { offset: q.offset, limit: q.limit })
  const excluded = facts.filter((f) => f.value === null)
  const reports = { total: facts.length, included: facts.length - excluded.length, excluded: excluded.length }
  const totals = { total: totalOf(def, facts), reports, comparable: factsComparable(q.metric, facts) }
  return answerOf(q, totals, groups, excluded.slice(0, q.limit), missing && { count: missing.length, list: missing.slice(0, q.limit) })
}

/**
 * A stats answer, whichever way it was read: the metric, the filter, the totals and counts, a page
 * of groups (and where the next starts), the first `limit` facts not counted, the agencies missing.
 */
function answerOf(
  q: StatsParams,
  totals: ReturnType<typeof tallyTotals>,
  groups: { count: number; groups: StatGroup[] },
  excluded: readonly UnknownItem[],
  missing: { count: number; list: MetricFact['agency'][] } | null,
) {
  return {
    metric: metricCatalogue().find((m) => m.id === q.metric),
    filter: { year: q.year ?? null, region: q.region ?? null, level: q.level ?? null, kind: q.kind ?? null, groupBy: q.group_by },
    total: totals.total,
    reports: totals.reports,
    comparable: totals.comparable,
    groupCount: groups.count,
    groups: groups.groups,
    nextOffset: nextOffset(q, groups),
    excluded: excluded.map(excludedItem),
    missingCount: missing?.count ?? null,
    missing: missing?.list ?? null,
  }
}

/**
 * The same answer without reading every fact, where the tallies hold it: by level or year over the
 * whole registry or a province's, city's or county's subtree, of a level or kind too
 * (db/stats-tally.ts), and a year's ranking by agency as a range of the index on (metric, year,
 * value) (db/ranking.ts), of a level, kind or such a region too; a ranking by agency over every year from the
 * ranking tally (db/ranking-tally.ts), of any region, level or kind; by region from the regions'
 * value rows for a year, or the facts counted by region code in the database (`statsByRegion`).
 * Null for what they do not hold (another region, a group of a single report).
 */
export async function statsFromTallies(db: Db, q: StatsParams) {
  if (q.group_by === 'agency' && q.year === undefined) return rankingOverYears(db, q)
  if (q.group_by === 'region') return statsByRegion(db, q)
  // A region's subtree is tallied by a kept prefix (by year, level and kind), and its facts are indexed by region.
  if (q.region !== undefined && !regionTallied(q.region)) return null
  const byAgency = q.group_by === 'agency'
  const def = metricOf(q.metric)
  const page = { offset: q.offset, limit: q.limit }
  const filter = { metric: q.metric, year: q.year, level: q.level, kind: q.kind, region: q.region }
  // Side by side: the tally, the missing agencies and, for a ranking, the page's values and ties.
  const [rows, missing, range] = await Promise.all([
    statsTally(db, filter),
    missingOf(db, q),
    byAgency && q.year !== undefined ? knownRange(db, { ...filter, year: q.year }, q.offset, q.limit) : null,
  ])
  const totals = tallyTotals(def, rows)
  let groups: { count: number; groups: StatGroup[] } | null
  if (q.group_by === 'level' || q.group_by === 'year') groups = groupTally(def, rows, q.group_by, page)
  else {
    const { total: count, included: known } = totals.reports
    const end = Math.min(count, q.offset + q.limit)
    const unknown =
      end > Math.max(q.offset, known) && q.year !== undefined
        ? await unknownPage(db, { ...filter, year: q.year }, { known, count }, q.offset, end)
        : null
    const shown = agencyPage(def, known, count, page, range, unknown)
    groups = shown && { count, groups: shown }
  }
  if (!groups) return null
  // The first `limit` facts without a value, by year then code.
  const excluded = totals.reports.excluded === 0 ? [] : await unknownList(db, filter, q.limit)
  return answerOf(q, totals, groups, excluded, missing)
}

/** Above this many regions to name, the registry's names of the filter's region are read at once (one statement, not one per `codesPerStatement` codes). */
const NAME_ALL_FROM = 450

/**
 * By region (each agency's own region code). A year, or every year, of the registry or of a kept
 * region prefix: from the regions' value rows (`regionRankingFromValues`). Otherwise (a level or kind,
 * another prefix, or value rows that did not line up): the facts counted by region code, template
 * and reason in the database (db/ranking.ts `regionTally`), the names of the regions a page shows
 * (and those tied with them) from the registry, the missing agencies and the facts without a value
 * as for a year's ranking.
 */
async function statsByRegion(db: Db, q: StatsParams) {
  if (!q.level && !q.kind && (q.region === undefined || regionTallied(q.region))) {
    const ranked = await regionRankingFromValues(db, q)
    if (ranked) return ranked
  }
  const def = metricOf(q.metric)
  const filter = { metric: q.metric, year: q.year, level: q.level, kind: q.kind, region: q.region }
  const [rows, missing] = await Promise.all([regionTally(db, filter), missingOf(db, q)])
  const totals = tallyTotals(def, rows)
  const [groups, excluded] = await Promise.all([
    regionGroupPage(def, rows, { offset: q.offset, limit: q.limit }, (codes) =>
      codes.length > NAME_ALL_FROM ? regionNames(db, q.region) : regionNamesOf(db, codes),
    ),
    totals.reports.excluded === 0 ? [] : unknownList(db, filter, q.limit),
  ])
  return answerOf(q, totals, groups, excluded, missing)
}

/**
 * A ranking by region of a year, or of every year, of the whole registry or a province's, city's
 * or county's subtree, from the regions' value rows (db/region-value.ts): the page's regions as a
 * range of the values' index with every region tied with them (their names read to order a tie),
 * then their rows by template and reason from the facts of those regions alone; the totals from
 * the stats tally. Null when what was read does not line up (a write came between the reads).
 */
export async function regionRankingFromValues(db: Db, q: StatsParams) {
  const def = metricOf(q.metric)
  const f = { metric: q.metric, year: q.year, region: q.region }
  // The value rows of the year, or those kept for every year.
  const v = { ...f, year: q.year ?? EVERY_YEAR }
  // Side by side: the totals, the counts, the page's range, the missing agencies and the facts
  // without a value (the first `limit`: none when every fact has one); then the page's regions
  // without a value, if it reaches them.
  const [totalRows, counts, range, missing, excluded] = await Promise.all([
    statsTally(db, f),
    regionValueCounts(db, v),
    regionValueRange(db, v, q.offset, q.limit),
    missingOf(db, q),
    unknownList(db, f, q.limit),
  ])
  const totals = tallyTotals(def, totalRows)
  if ((totals.reports.excluded === 0) !== (excluded.length === 0)) return null
  const end = Math.min(counts.count, q.offset + q.limit)
  const from = Math.max(q.offset, counts.known)
  const unknown = end > from ? await unrankedRegions(db, v, from - counts.known, end - from) : null
  const codes = [...(range?.rows ?? []), ...(unknown ?? [])].map((r) => r.region)
  const [names, details] = await Promise.all([
    codes.length > NAME_ALL_FROM ? regionNames(db, q.region) : regionNamesOf(db, codes),
    // Of every year: the years with facts of the metric, from the totals' rows.
    regionTally(db, { ...f, codes, years: [...new Set(totalRows.map((r) => Number(r.year)))] }),
  ])
  const groups = regionRankPage(def, counts, q, range, unknown, names, details)
  if (!groups) return null
  return answerOf(q, totals, { count: counts.count, groups }, excluded, missing)
}

/**
 * A ranking by agency over every year (of a region, level or kind too) from the ranking tables
 * (db/ranking-tally.ts): the page's agencies as a range of the values' index, with every agency
 * tied with them; then the page's detail rows; the totals from the stats tally (or, of a region
 * prefix it does not keep, from the detail rows of its agencies), the facts without a value from their list
 * (db/unknown-facts.ts). Null when
 * what was read does not line up (a write came between the reads).
 */
async function rankingOverYears(db: Db, q: StatsParams) {
  const def = metricOf(q.metric)
  const filter = { metric: q.metric, level: q.level, kind: q.kind, region: q.region }
  const tallied = q.region === undefined || regionTallied(q.region)
  // Side by side: the totals, the counts, the page's range; then the agencies without a value (if
  // the page reaches them) and the facts without a value; then the page's details.
  const [totalRows, counts, range] = await Promise.all([
    tallied ? statsTally(db, filter) : rankingTotals(db, filter),
    rankingCounts(db, filter),
    rankingRange(db, filter, q.offset, q.limit),
  ])
  const totals = tallyTotals(def, totalRows)
  const end = Math.min(counts.count, q.offset + q.limit)
  const from = Math.max(q.offset, counts.known)
  const [unknown, excluded] = await Promise.all([
    end > from ? unrankedAgencies(db, filter, from - counts.known, end - from) : null,
    totals.reports.excluded === 0 ? [] : unknownList(db, filter, q.limit),
  ])
  const order = agencyRankOrder(def, counts, q, range, unknown)
  if (!order) return null
  const ids = order.map((e) => e.row.agency.id)
  const single = order.filter((e) => e.row.n === 1).map((e) => e.row.agency.id)
  const [details, singles] = await Promise.all([rankingDetails(db, q.metric, ids), singleFacts(db, q.metric, single)])
  const groups = agencyRankGroups(def, order, details, singles)
  if (!groups) return null
  return answerOf(q, totals, { count: counts.count, groups }, excluded, null)
}

/**
 * The facts without a value a page of a year's ranking shows after its `known` values (of `count`
 * facts; the page's positions [offset, end)), by the agency's code. Null when they do not line up
 * (a write came between the reads).
 */
async function unknownPage(
  db: Db,
  filter: { metric: string; year: number; level?: string | undefined; kind?: string | undefined; region?: string | undefined },
  { known, count }: { known: number; count: number },
  offset: number,
  end: number,
): Promise<UnknownItem[] | null> {
  const from = Math.max(offset, known)
  const page = await unknownRange(db, filter, from - known, end - from)
  return page.length === end - from && end <= count ? page : null
}

/** The agencies with no public report for the year: counted (from the board's tallies over the whole registry), listed only if any. */
async function missingOf(db: Db, q: StatsParams): Promise<{ count: number; list: MetricFact['agency'][] } | null> {
  if (q.year === undefined) return null
  const f = { year: q.year, region: q.region, level: q.level, kind: q.kind }
  // From the board's tallies (the registry, a province, city or county, of a kind), or counted from
  // the agencies (of a level, or of another region: no tally keeps those); listed only if any.
  const count =
    (q.level ? null : await agenciesWithoutReportCount(db, q.year, { region: q.region, kind: q.kind })) ??
    (await countAgenciesWithoutReport(db, f))
  return { count, list: count > 0 ? await agenciesWithoutReport(db, f, q.limit) : [] }
}

export const compare = new Hono<AppEnv>().use('*', etag()).get(
  '/',
  describeRoute({
    tags: ['stats'],
    summary: '2 to 6 reports side by side: key metrics and the three tables aligned by template row, differences marked',
  }),
  valid('query', CompareQuery),
  async (c) => {
    const { db, caches } = c.get('deps')
    const ids = c.req.valid('query').reports
    const reports = []
    for (const id of ids) {
      const summary = await getReportSummary(db, id)
      if (!summary || summary.revision === null)
        throw new ApiError('REPORT_NOT_FOUND', [
          { path: 'query.reports', message: `字段 query.reports：未找到报告 ${id}`, message_en: `Field query.reports: no report ${id}` },
        ])
      if (summary.status === 'withdrawn')
        throw new ApiError('REPORT_WITHDRAWN', [
          {
            path: 'query.reports',
            message: `字段 query.reports：报告 ${id} 已撤回`,
            message_en: `Field query.reports: report ${id} was withdrawn`,
          },
        ])
      const report = await getPublishedReport(db, id, caches.documents)
      if (!report)
        throw new ApiError('REPORT_NOT_FOUND', [
          { path: 'query.reports', message: `字段 query.reports：未找到报告 ${id}`, message_en: `Field query.reports: no report ${id}` },
        ])
      reports.push(report)
    }
    const facts = await metricsOfReports(db, ids)
    const templates = reports.map((r) => r.document.template as TemplateId)
    const keyMetrics = metricCatalogue().map((m) => {
      const def = metricDef(m.id)
      if (!def) throw new Error(`unknown metric ${m.id}`)
      const values = ids.map((id) => facts.get(id)?.get(m.id) ?? { value: null, reason: 'not_reported' as const })
      const comparable = templates.every((a) => templates.every((b) => metricComparable(def, a, b)))
      const known = values.filter((v) => v.value !== null).map((v) => v.value)
      return {
        id: m.id,
        zh: m.zh,
        en: m.en,
        unit: m.unit,
        group: m.group,
        mapping: m.mapping,
        note: m.note,
        values,
        comparable,
        differs: comparable && known.length >= 2 ? new Set(known).size > 1 : null,
      }
    })
    c.header('Cache-Control', REVALIDATE)
    return c.json({
      reports: reports.map((r) => ({
        id: r.id,
        title: r.title,
        year: r.year,
        template: r.document.template,
        revision: r.revisionInfo.number,
        agency: r.agency,
      })),
      metrics: keyMetrics,
      tables: alignTables(reports.map((r) => r.document)),
    })
  },
)
