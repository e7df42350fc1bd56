import { METRICS, beijingDate, dueReportYear, escapeXml, metricDef, coversDepartments, toCells, type ReportDocument } from '@gongkai/schema'
import { Hono, type Context } from 'hono'
import { etag } from 'hono/etag'
import { stream } from 'hono/streaming'
import { describeRoute } from 'hono-openapi'
import { z } from 'zod'
import { sha256Hex } from '../auth/password.ts'
import { COMPLIANCE_STATES, complianceCounts, complianceRow, type ComplianceRow } from '../compliance.ts'
import { acrossResponse } from '../across-response.ts'
import type { AppEnv } from '../context.ts'
import { ByteSink, CELLS_VERSION, decodeCells, fileHeader, writeReportLines } from '../data-file.ts'
import { agenciesWithReports, validationCountsOf } from '../db/compliance.ts'
import { metricSums, metricsOfReports, regionNames } from '../db/metrics.ts'
import { revisionDocument } from '../db/revisions.ts'
import { ApiError } from '../errors.ts'
import { totalOfSums } from '../stats.ts'
import { valid } from '../validate.ts'
import { Region, Year } from './stats.ts'

// The compliance board, region summaries and the year's data in one file. Public, revalidated.

const REVALIDATE = 'public, no-cache'

const BoardQuery = z.object({
  year: Year.optional().describe('report year (default: the year most recently due)'),
  region: Region.optional().describe('region code prefix'),
})
const SummaryParam = z.object({ code: Region })
const SummaryQuery = z.object({ year: Year.optional() })
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

const complianceApp = new Hono<AppEnv>()
  .use('*', etag())
  .get(
    '/',
    describeRoute({
      tags: ['compliance'],
      summary:
        'For every agency of the registry: published on time, late, missing; corrected after publication; withdrawn; the validator’s counts',
    }),
    valid('query', BoardQuery),
    async (c) => {
      const q = c.req.valid('query')
      const at = c.get('deps').now()
      const year = q.year ?? dueReportYear(at)
      // Late and missing change as days pass: the Beijing date is part of the answer's key.
      return acrossResponse(c, REVALIDATE, ['compliance', year, q.region ?? null, beijingDate(at)], async () => {
        const rows = await board(c, year, q.region, at)
        return { year, region: q.region ?? null, states: COMPLIANCE_STATES, counts: complianceCounts(rows), items: rows }
      })
    },
  )
  .get(
    '/feed.atom',
    describeRoute({ tags: ['compliance'], summary: 'Atom feed of late and corrected reports' }),
    valid('query', BoardQuery),
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
  }),
  valid('param', SummaryParam),
  valid('query', SummaryQuery),
  async (c) => {
    const code = regionPrefix(c.req.valid('param').code)
    const at = c.get('deps').now()
    const year = c.req.valid('query').year ?? dueReportYear(at)
    return acrossResponse(c, REVALIDATE, ['summary', code, year, beijingDate(at)], () => regionSummary(c, code, year, at))
  },
)

async function regionSummary(c: Context<AppEnv>, code: string, year: number, at: Date) {
  const { db } = c.get('deps')
  const [{ reports: reportCount, sums }, rows, names] = await Promise.all([
    metricSums(db, year, code),
    board(c, year, code, at),
    regionNames(db, code),
  ])
  if (rows.length === 0)
    throw new ApiError('NOT_FOUND', [
      {
        path: 'param.code',
        message: `字段 param.code：没有行政区划代码以 ${code} 开头的机关`,
        message_en: `Field param.code: no agency has a region code starting with ${code}`,
      },
    ])
  const totals = METRICS.map((m) => {
    const s = sums.get(m.id)
    return { id: m.id, zh: m.zh, en: m.en, unit: m.unit, ...totalOfSums(m, s), excluded: s?.unknown ?? 0 }
  })

  // Sub-regions: the next level down (province → city → county → township), with counts.
  const subs = new Map<string, ComplianceRow[]>()
  for (const r of rows) {
    const rc = r.agency.regionCode ? regionPrefix(r.agency.regionCode) : null
    if (!rc || rc.length <= code.length) continue
    const sub = rc.slice(0, LEVEL_LENGTHS.find((n) => n > code.length) ?? rc.length)
    let members = subs.get(sub)
    if (!members) subs.set(sub, (members = []))
    members.push(r)
  }
  const nameOf = (prefix: string) => names.get(prefix.length < 6 ? prefix.padEnd(6, '0') : prefix) ?? names.get(prefix) ?? null

  // Where a government's report says it covers its departments, its figures against their sum.
  const consolidation = []
  // Each government's public departments, in the rows' order, found in one pass (a province has thousands of governments).
  const departmentsOf = new Map<string, Array<{ agency: ComplianceRow['agency']; reportId: string }>>()
  for (const r of rows) {
    if (r.agency.parentId === null || r.agency.kind !== 'department' || !r.reportId || r.state === 'withdrawn') continue
    let departments = departmentsOf.get(r.agency.parentId)
    if (!departments) departmentsOf.set(r.agency.parentId, (departments = []))
    departments.push({ agency: r.agency, reportId: r.reportId })
  }
  for (const gov of rows) {
    const govReportId = gov.reportId
    if (gov.agency.kind !== 'government' || !govReportId || gov.state === 'withdrawn') continue
    const departments = departmentsOf.get(gov.agency.id) ?? []
    if (departments.length === 0) continue
    const doc = await currentDocument(c, govReportId)
    if (!doc || !coversDepartments(doc)) continue
    const facts = await metricsOfReports(db, [govReportId, ...departments.map((d) => d.reportId)])
    const value = (reportId: string, metric: string) => facts.get(reportId)?.get(metric)?.value ?? null
    consolidation.push({
      government: gov.agency,
      reportId: gov.reportId,
      departments: departments.map((d) => ({ agency: d.agency, reportId: d.reportId })),
      figures: CONSOLIDATED.map((id) => {
        const def = metricDef(id)
        if (!def) throw new Error(`unknown metric ${id}`)
        const own = value(govReportId, id)
        const parts = departments.map((d) => value(d.reportId, id))
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
    counts: complianceCounts(rows),
    missing: rows.filter((r) => r.state === 'missing' || r.state === 'not_due').map((r) => r.agency),
    agencies: rows,
    subregions: [...subs]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([rc, list]) => ({ code: rc, name: nameOf(rc), agencies: list.length, counts: complianceCounts(list) })),
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
