import { METRICS, beijingDate, dueReportYear, escapeXml, metricDef, coversDepartments, toCells, type ReportDocument } from '@gongkai/schema'
import { Hono, type Context } from 'hono'
import { etag } from 'hono/etag'
import { stream } from 'hono/streaming'
import { describeRoute } from 'hono-openapi'
import { z } from 'zod'
import { sha256Hex } from '../auth/password.ts'
import { COMPLIANCE_STATES, complianceRow, countsOfTally, deadlineEnds, type ComplianceRow } from '../compliance.ts'
import { acrossResponse } from '../across-response.ts'
import type { AppEnv } from '../context.ts'
import { ByteSink, CELLS_VERSION, decodeCells, fileHeader, writeReportLines } from '../data-file.ts'
import {
  agenciesPage,
  agenciesWithReports,
  agenciesWithoutPublication,
  complianceTally,
  governmentsWithDepartments,
  validationCountsOf,
} from '../db/compliance.ts'
import { keptComplianceTally } from '../db/compliance-tally.ts'
import { tallySums } from '../db/metric-tally.ts'
import { metricSums, metricsOfReports, regionNamesOf } from '../db/metrics.ts'
import { revisionDocument } from '../db/revisions.ts'
import { ApiError } from '../errors.ts'
import { totalOfSums } from '../stats.ts'
import { valid } from '../validate.ts'
import { Region, Year } from './stats.ts'

// The compliance board, region summaries and the year's data in one file. Public, revalidated.

const REVALIDATE = 'public, no-cache'

/** A page of a region's agencies: phones get a hundred at a time, never the whole registry. */
const Page = {
  limit: z.coerce
    .number({ message: 'limit 应为数字 / limit is a number' })
    .int('limit 应为整数 / limit is a whole number')
    .min(1, 'limit 至少为1 / limit is at least 1')
    .max(500, 'limit 最多为500 / limit is at most 500')
    .default(100)
    .describe('agencies listed in this page (at most 500); the counts and totals always cover every agency'),
  offset: z.coerce
    .number({ message: 'offset 应为数字 / offset is a number' })
    .int('offset 应为整数 / offset is a whole number')
    .min(0, 'offset 不能为负 / offset is 0 or more')
    .max(1_000_000, 'offset 最多为1000000 / offset is at most 1000000')
    .default(0)
    .describe('where the page starts among the agencies, by code; the next page starts at `nextOffset`'),
}
const BoardQuery = z.object({
  year: Year.optional().describe('report year (default: the year most recently due)'),
  region: Region.optional().describe('region code prefix'),
  ...Page,
})
const FeedQuery = z.object({
  year: Year.optional().describe('report year (default: the year most recently due)'),
  region: Region.optional().describe('region code prefix'),
})
const SummaryParam = z.object({ code: Region })
const SummaryQuery = z.object({ year: Year.optional(), ...Page })
const DataParam = z.object({
  file: z
    .string()
    .regex(/^\d{4}\.(csv|jsonl)$/, '文件名应为 年度.csv 或 年度.jsonl，如 2023.csv / the file is YEAR.csv or YEAR.jsonl, e.g. 2023.csv'),
})

async function board(c: Context<AppEnv>, year: number, region: string | undefined, at: Date): Promise<ComplianceRow[]> {
  const { db } = c.get('deps')
  // Counted when the revision was published, in the same batch (db/metrics.ts).
  const [rows, counts] = await Promise.all([agenciesWithReports(db, { year, region }), validationCountsOf(db, { year, region })])
  return rows.map((a) => complianceRow(a, year, at, a.report?.status === 'published' ? (counts.get(a.report.id) ?? null) : null))
}

/** The counts over every agency of the region, and by sub-region (`sub` digits) when asked: grouped in the database. */
async function tally(c: Context<AppEnv>, year: number, region: string | undefined, at: Date, sub?: number) {
  const { db } = c.get('deps')
  // Kept in the write batch for the registry, provinces, cities and counties (db/compliance-tally.ts);
  // for another prefix, grouped in the database from its agencies.
  const groups =
    (await keptComplianceTally(db, { year, region, bySub: sub !== undefined })) ??
    (await complianceTally(db, { year, region, ends: deadlineEnds(year), sub }))
  return countsOfTally(groups, year, at)
}

/** One page of the board's rows. */
async function boardPage(c: Context<AppEnv>, year: number, region: string | undefined, at: Date, page: { limit: number; offset: number }) {
  const { db } = c.get('deps')
  const { rows, validation } = await agenciesPage(db, { year, region, ...page })
  return rows.map((a) => complianceRow(a, year, at, a.report?.status === 'published' ? (validation.get(a.report.id) ?? null) : null))
}

const nextOffset = (page: { limit: number; offset: number }, total: number) =>
  page.offset + page.limit < total ? page.offset + page.limit : null

const complianceApp = new Hono<AppEnv>()
  .use('*', etag())
  .get(
    '/',
    describeRoute({
      tags: ['compliance'],
      summary:
        'For every agency of the registry: published on time, late, missing; corrected after publication; withdrawn; the validator’s counts',
      description:
        'The counts cover every agency of the region; `items` is one page of them by code (`limit`, default 100, at most 500, from `offset`), and `nextOffset` is where the next page starts (null after the last).',
    }),
    valid('query', BoardQuery),
    async (c) => {
      const q = c.req.valid('query')
      const at = c.get('deps').now()
      const year = q.year ?? dueReportYear(at)
      const page = { limit: q.limit, offset: q.offset }
      // Late and missing change as days pass: the Beijing date is part of the answer's key.
      return acrossResponse(c, REVALIDATE, ['compliance', year, q.region ?? null, beijingDate(at), page.limit, page.offset], async () => {
        const [{ counts }, items] = await Promise.all([tally(c, year, q.region, at), boardPage(c, year, q.region, at, page)])
        return {
          year,
          region: q.region ?? null,
          states: COMPLIANCE_STATES,
          counts,
          limit: page.limit,
          offset: page.offset,
          nextOffset: nextOffset(page, counts.agencies),
          items,
        }
      })
    },
  )
  .get(
    '/feed.atom',
    describeRoute({ tags: ['compliance'], summary: 'Atom feed of late and corrected reports' }),
    valid('query', FeedQuery),
    async (c) => {
      const q = c.req.valid('query')
      const at = c.get('deps').now()
      const year = q.year ?? dueReportYear(at)
      // Atom wants absolute links, so the body names the origin the request came to: it is part
      // of the key, as the Beijing date is (late reports move with the days). The feed's own
      // address is its canonical one (the validated query in a fixed order), so one cached body
      // serves every spelling of the same query.
      const origin = new URL(c.req.url).origin
      const self = new URL('/api/compliance/feed.atom', origin)
      if (q.year !== undefined) self.searchParams.set('year', String(q.year))
      if (q.region !== undefined) self.searchParams.set('region', q.region)
      return acrossResponse(
        c,
        REVALIDATE,
        ['feed', origin, year, q.region ?? null, q.year === undefined, beijingDate(at)],
        () => complianceFeed(c, year, q.region, at, origin, self.toString()),
        'application/atom+xml; charset=utf-8',
      )
    },
  )

export { complianceApp as compliance }

async function complianceFeed(c: Context<AppEnv>, year: number, region: string | undefined, at: Date, origin: string, self: string) {
  const rows = await board(c, year, region, at)
  const entries: Array<{ id: string; title: string; at: string; link: string; summary: string }> = []
  for (const r of rows) {
    const link = r.reportId ? `${origin}/reports/${encodeURIComponent(r.reportId)}` : `${origin}/compliance?year=${year}`
    // A late report is a published one.
    if (r.state === 'late' && r.publishedAt !== null)
      entries.push({
        id: `urn:gongkai:late:${r.agency.id}:${year}`,
        title: `${r.agency.name}：${year}年度报告逾期 ${r.daysLate} 天发布`,
        at: r.publishedAt,
        link,
        summary: `截止日期 ${r.deadline}，发布于 ${r.publishedOn} / due ${r.deadline}, published ${r.publishedOn}`,
      })
    for (const k of r.corrections)
      entries.push({
        id: `urn:gongkai:correction:${r.reportId}:${k.number}`,
        title: `${r.agency.name}：${year}年度报告更正（第 ${k.number} 版）`,
        at: k.at,
        link,
        summary: k.reason,
      })
  }
  entries.sort((a, b) => b.at.localeCompare(a.at))
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-CN">
  <id>${escapeXml(self)}</id>
  <title>${escapeXml(`${year}年度报告：逾期发布与更正`)}</title>
  <link rel="self" href="${escapeXml(self)}"/>
  <updated>${escapeXml(entries[0]?.at ?? new Date(0).toISOString())}</updated>
${entries
  .map(
    (e) => `  <entry>
    <id>${escapeXml(e.id)}</id>
    <title>${escapeXml(e.title)}</title>
    <link rel="alternate" type="text/html" href="${escapeXml(e.link)}"/>
    <updated>${escapeXml(e.at)}</updated>
    <summary>${escapeXml(e.summary)}</summary>
  </entry>`,
  )
  .join('\n')}
</feed>
`
}

/** Lengths of region-code prefixes: province, city, county, township, village. */
const LEVEL_LENGTHS = [2, 4, 6, 9, 12]

/** A region's subtree as a prefix: a full code such as 330100 (Hangzhou) stands for 3301. */
export function regionPrefix(code: string): string {
  let p = code
  while (p.length > 2 && p.length <= 6 && p.endsWith('00')) p = p.slice(0, -2)
  return p
}

/** Key figures checked between a government's own report and the sum of its departments'. */
const CONSOLIDATED = ['applications_new', 'applications_handled', 'reviews', 'lawsuits']

export const regions = new Hono<AppEnv>().use('*', etag()).get(
  '/:code/summary',
  describeRoute({
    tags: ['compliance'],
    summary: "A region's totals for a year over its whole subtree, the reports counted, the agencies with none, and its sub-regions",
    description:
      'Totals, counts and sub-regions cover the whole subtree; `agencies` is one page of its agencies by code (`limit`, default 100, at most 500, from `offset`; `nextOffset` starts the next, null after the last); `missing` lists the first `limit` agencies with no report published (`missingCount` counts them all).',
  }),
  valid('param', SummaryParam),
  valid('query', SummaryQuery),
  async (c) => {
    const code = regionPrefix(c.req.valid('param').code)
    const at = c.get('deps').now()
    const q = c.req.valid('query')
    const year = q.year ?? dueReportYear(at)
    const page = { limit: q.limit, offset: q.offset }
    return acrossResponse(c, REVALIDATE, ['summary', code, year, beijingDate(at), page.limit, page.offset], () =>
      regionSummary(c, code, year, at, page),
    )
  },
)

async function regionSummary(c: Context<AppEnv>, code: string, year: number, at: Date, page: { limit: number; offset: number }) {
  const { db } = c.get('deps')
  const subLength = LEVEL_LENGTHS.find((n) => n > code.length) ?? 0
  const [tallied, { counts, bySub }, agencies, governments] = await Promise.all([
    tallySums(db, year, code),
    tally(c, year, code, at, subLength),
    boardPage(c, year, code, at, page),
    governmentsWithDepartments(db, { year, region: code }),
  ])
  // Looked for only when there are some: with none, finding out reads every agency of the region.
  const missing = counts.missing + counts.not_due > 0 ? await agenciesWithoutPublication(db, { year, region: code, limit: page.limit }) : []
  if (counts.agencies === 0)
    throw new ApiError('NOT_FOUND', [
      {
        path: 'param.code',
        message: `字段 param.code：没有行政区划代码以 ${code} 开头的机关`,
        message_en: `Field param.code: no agency has a region code starting with ${code}`,
      },
    ])
  // Kept for provinces, cities and counties in the same batch as the facts; a smaller subtree is summed from its facts.
  const { reports: reportCount, sums } = tallied ?? (await metricSums(db, year, code))
  const totals = METRICS.map((m) => {
    const s = sums.get(m.id)
    return { id: m.id, zh: m.zh, en: m.en, unit: m.unit, ...totalOfSums(m, s), excluded: s?.unknown ?? 0 }
  })

  // Sub-regions: the next level down (province → city → county → township), with counts.
  const subs = [...bySub].sort(([a], [b]) => a.localeCompare(b))
  const names = await regionNamesOf(
    db,
    [code, ...subs.map(([rc]) => rc)].flatMap((p) => (p.length < 6 ? [p.padEnd(6, '0'), p] : [p])),
  )
  const nameOf = (prefix: string) => names.get(prefix.length < 6 ? prefix.padEnd(6, '0') : prefix) ?? names.get(prefix) ?? null

  // Where a government's report says it covers its departments, its figures against their sum.
  const consolidation = []
  for (const gov of governments) {
    const doc = await currentDocument(c, gov.reportId)
    if (!doc || !coversDepartments(doc)) continue
    const facts = await metricsOfReports(db, [gov.reportId, ...gov.departments.map((d) => d.reportId)])
    const value = (reportId: string, metric: string) => facts.get(reportId)?.get(metric)?.value ?? null
    consolidation.push({
      government: gov.government,
      reportId: gov.reportId,
      departments: gov.departments.map((d) => ({ agency: d.agency, reportId: d.reportId })),
      figures: CONSOLIDATED.map((id) => {
        const def = metricDef(id)
        if (!def) throw new Error(`unknown metric ${id}`)
        const own = value(gov.reportId, id)
        const parts = gov.departments.map((d) => value(d.reportId, id))
        const sum = parts.every((p): p is number => p !== null) ? parts.reduce((s, p) => s + p, 0) : null
        return {
          id,
          zh: def.zh,
          en: def.en,
          government: own,
          departments: sum,
          differs: own !== null && sum !== null ? own !== sum : null,
        }
      }),
    })
  }
  return {
    region: { code, name: nameOf(code) },
    year,
    reports: reportCount,
    totals,
    counts,
    missingCount: counts.missing + counts.not_due,
    missing,
    limit: page.limit,
    offset: page.offset,
    nextOffset: nextOffset(page, counts.agencies),
    agencies,
    subregions: subs.map(([rc, list]) => ({ code: rc, name: nameOf(rc), agencies: list.agencies, counts: list })),
    consolidation,
  }
}

async function currentDocument(c: Context<AppEnv>, reportId: string): Promise<ReportDocument | undefined> {
  const { db, caches } = c.get('deps')
  const row = await db.selectFrom('report').select(['current_revision']).where('id', '=', reportId).executeTakeFirst()
  return row?.current_revision != null ? revisionDocument(db, reportId, Number(row.current_revision), caches.documents) : undefined
}

// ---------------------------------------------------------------------------------------------
// A year's data in one long table.

export const data = new Hono<AppEnv>().get(
  '/:file',
  describeRoute({
    tags: ['reports'],
    summary: 'Every published report of a year in one long table: YEAR.csv (UTF-8 with BOM) or YEAR.jsonl, streamed',
  }),
  valid('param', DataParam),
  async (c) => {
    const { db, caches } = c.get('deps')
    const { file } = c.req.valid('param')
    const [yearText, format] = file.split('.') as [string, 'csv' | 'jsonl']
    const year = Number(yearText)
    const reports = await db
      .selectFrom('report as r')
      .innerJoin('agency as a', 'a.id', 'r.agency_id')
      .select(['r.id', 'r.current_revision', 'a.name', 'a.code', 'a.region_code', 'a.level', 'a.kind'])
      .where('r.year', '=', year)
      .where('r.status', '=', 'published')
      .orderBy('a.code')
      .execute()
    // The file is made from immutable revisions: the list of them is its version.
    const tag = `"${(await sha256Hex(`v1|${file}|${reports.map((r) => `${r.id}:${r.current_revision}`).join(',')}`)).slice(0, 32)}"`
    c.header('ETag', tag)
    c.header('Cache-Control', REVALIDATE)
    if (c.req.header('If-None-Match')?.split(/,\s*/).includes(tag)) return c.body(null, 304)
    const name = `gongkai-${year}.${format}`
    c.header('Content-Type', format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8')
    c.header('Content-Disposition', `attachment; filename="${name}"`)
    return stream(c, async (out) => {
      if (format === 'csv') await out.write(fileHeader(format))
      const sink = new ByteSink()
      // Written a few hundred kilobytes at a time: one write per report costs more than its lines.
      const flush = async (force: boolean) => {
        if (sink.length === 0 || (!force && sink.length < 256 * 1024)) return
        await out.write(sink.take())
      }
      // Each report's cells as publishing stored them (data-file.ts), 90 reports a query (D1 binds
      // at most 100 parameters); a report without them, or with an older revision's, is read from
      // its document as before.
      for (let i = 0; i < reports.length; i += 90) {
        const chunk = reports.slice(i, i + 90)
        const stored = await db
          .selectFrom('report_cells')
          .select(['report_id', 'revision', 'format', 'cells'])
          .where(
            'report_id',
            'in',
            chunk.map((r) => r.id),
          )
          .execute()
        const byId = new Map(stored.map((s) => [s.report_id, s]))
        for (const r of chunk) {
          const n = Number(r.current_revision)
          const row = byId.get(r.id)
          let lines = row && Number(row.revision) === n && Number(row.format) === CELLS_VERSION ? decodeCells(row.cells) : null
          if (!lines) {
            const doc = await revisionDocument(db, r.id, n, caches.documents)
            if (!doc) continue
            lines = { template: doc.template, cells: toCells(doc).cells }
          }
          const head = {
            agency: r.name,
            code: r.code,
            region: r.region_code ?? '',
            level: r.level,
            kind: r.kind,
            year,
            template: lines.template,
            revision: n,
          }
          writeReportLines(sink, format, head, lines.cells)
          await flush(false)
        }
      }
      await flush(true)
    })
  },
)
