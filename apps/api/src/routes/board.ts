import { METRICS, dueReportYear, escapeXml, metricDef, coversDepartments, toCells, type ReportDocument } from '@gongkai/schema'
import { Hono, type Context } from 'hono'
import { etag } from 'hono/etag'
import { stream } from 'hono/streaming'
import { describeRoute } from 'hono-openapi'
import { z } from 'zod'
import { sha256Hex } from '../auth/password.ts'
import { COMPLIANCE_STATES, complianceCounts, complianceRow, type ComplianceRow } from '../compliance.ts'
import type { AppEnv } from '../context.ts'
import { agenciesWithReports } from '../db/compliance.ts'
import { metricSums, metricsOfReports, regionNames, validationCounts } from '../db/metrics.ts'
import { revisionDocument } from '../db/revisions.ts'
import { ApiError } from '../errors.ts'
import { totalOfSums } from '../stats.ts'
import { valid } from '../validate.ts'
import { Region, Year } from './stats.ts'

// The compliance board, region summaries and the year's data in one file. Public, revalidated.

const REVALIDATE = 'public, no-cache'

const BoardQuery = z.object({ year: Year.optional().describe('report year (default: the year most recently due)'), region: Region.optional().describe('region code prefix') })
const SummaryParam = z.object({ code: Region })
const SummaryQuery = z.object({ year: Year.optional() })
const DataParam = z.object({
  file: z.string().regex(/^\d{4}\.(csv|jsonl)$/, '文件名应为 年度.csv 或 年度.jsonl，如 2023.csv / the file is YEAR.csv or YEAR.jsonl, e.g. 2023.csv'),
})

async function board(c: Context<AppEnv>, year: number, region: string | undefined): Promise<ComplianceRow[]> {
  const { db, now } = c.get('deps')
  const rows = await agenciesWithReports(db, { year, region })
  const published = rows.filter((a) => a.report?.status === 'published').map((a) => a.report!.id)
  // Counted when the revision was published, in the same batch (db/metrics.ts).
  const counts = await validationCounts(db, published)
  const at = now()
  return rows.map((a) => complianceRow(a, year, at, a.report?.status === 'published' ? (counts.get(a.report.id) ?? null) : null))
}

const complianceApp = new Hono<AppEnv>()
  .use('*', etag())
  .get(
    '/',
    describeRoute({ tags: ['compliance'], summary: 'For every agency of the registry: published on time, late, missing; corrected after publication; withdrawn; the validator’s counts' }),
    valid('query', BoardQuery),
    async (c) => {
      const q = c.req.valid('query')
      const year = q.year ?? dueReportYear(c.get('deps').now())
      const rows = await board(c, year, q.region)
      c.header('Cache-Control', REVALIDATE)
      return c.json({ year, region: q.region ?? null, states: COMPLIANCE_STATES, counts: complianceCounts(rows), items: rows })
    },
  )
  .get('/feed.atom', describeRoute({ tags: ['compliance'], summary: 'Atom feed of late and corrected reports' }), valid('query', BoardQuery), async (c) => {
    const q = c.req.valid('query')
    const year = q.year ?? dueReportYear(c.get('deps').now())
    const rows = await board(c, year, q.region)
    const url = new URL(c.req.url)
    const entries: Array<{ id: string; title: string; at: string; link: string; summary: string }> = []
    for (const r of rows) {
      const link = r.reportId ? `${url.origin}/reports/${encodeURIComponent(r.reportId)}` : `${url.origin}/compliance?year=${year}`
      if (r.state === 'late') entries.push({ id: `urn:gongkai:late:${r.agency.id}:${year}`, title: `${r.agency.name}：${year}年度报告逾期 ${r.daysLate} 天发布`, at: r.publishedAt!, link, summary: `截止日期 ${r.deadline}，发布于 ${r.publishedOn} / due ${r.deadline}, published ${r.publishedOn}` })
      for (const k of r.corrections) entries.push({ id: `urn:gongkai:correction:${r.reportId}:${k.number}`, title: `${r.agency.name}：${year}年度报告更正（第 ${k.number} 版）`, at: k.at, link, summary: k.reason })
    }
    entries.sort((a, b) => b.at.localeCompare(a.at))
    const body = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-CN">
  <id>${escapeXml(url.toString())}</id>
  <title>${escapeXml(`${year}年度报告：逾期发布与更正`)}</title>
  <link rel="self" href="${escapeXml(url.toString())}"/>
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
    c.header('Content-Type', 'application/atom+xml; charset=utf-8')
    c.header('Cache-Control', REVALIDATE)
    return c.body(body)
  })

export { complianceApp as compliance }

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
  describeRoute({ tags: ['compliance'], summary: "A region's totals for a year over its whole subtree, the reports counted, the agencies with none, and its sub-regions" }),
  valid('param', SummaryParam),
  valid('query', SummaryQuery),
  async (c) => {
    const { db, now } = c.get('deps')
    const code = regionPrefix(c.req.valid('param').code)
    const year = c.req.valid('query').year ?? dueReportYear(now())
    const [{ reports: reportCount, sums }, rows, names] = await Promise.all([metricSums(db, year, code), board(c, year, code), regionNames(db, code)])
    if (rows.length === 0) throw new ApiError('NOT_FOUND', [{ path: 'param.code', message: `字段 param.code：没有行政区划代码以 ${code} 开头的机关`, message_en: `Field param.code: no agency has a region code starting with ${code}` }])
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
      if (!subs.has(sub)) subs.set(sub, [])
      subs.get(sub)!.push(r)
    }
    const nameOf = (prefix: string) => names.get(prefix.length < 6 ? prefix.padEnd(6, '0') : prefix) ?? names.get(prefix) ?? null

    // Where a government's report says it covers its departments, its figures against their sum.
    const consolidation = []
    for (const gov of rows.filter((r) => r.agency.kind === 'government' && r.reportId && r.state !== 'withdrawn')) {
      const departments = rows.filter((r) => r.agency.parentId === gov.agency.id && r.agency.kind === 'department' && r.reportId && r.state !== 'withdrawn')
      if (departments.length === 0) continue
      const doc = await currentDocument(c, gov.reportId!)
      if (!doc || !coversDepartments(doc)) continue
      const facts = await metricsOfReports(db, [gov.reportId!, ...departments.map((d) => d.reportId!)])
      const value = (reportId: string, metric: string) => facts.get(reportId)?.get(metric)?.value ?? null
      consolidation.push({
        government: gov.agency,
        reportId: gov.reportId,
        departments: departments.map((d) => ({ agency: d.agency, reportId: d.reportId })),
        figures: CONSOLIDATED.map((id) => {
          const own = value(gov.reportId!, id)
          const parts = departments.map((d) => value(d.reportId!, id))
          const sum = parts.every((p) => p !== null) ? parts.reduce((s: number, p) => s + p!, 0) : null
          return { id, zh: metricDef(id)!.zh, en: metricDef(id)!.en, government: own, departments: sum, differs: own !== null && sum !== null ? own !== sum : null }
        }),
      })
    }
    c.header('Cache-Control', REVALIDATE)
    return c.json({
      region: { code, name: nameOf(code) },
      year,
      reports: reportCount,
      totals,
      counts: complianceCounts(rows),
      missing: rows.filter((r) => r.state === 'missing' || r.state === 'not_due').map((r) => r.agency),
      agencies: rows,
      subregions: [...subs].sort(([a], [b]) => a.localeCompare(b)).map(([rc, list]) => ({ code: rc, name: nameOf(rc), agencies: list.length, counts: complianceCounts(list) })),
      consolidation,
    })
  },
)

async function currentDocument(c: Context<AppEnv>, reportId: string): Promise<ReportDocument | undefined> {
  const { db, caches } = c.get('deps')
  const row = await db.selectFrom('report').select(['current_revision']).where('id', '=', reportId).executeTakeFirst()
  return row?.current_revision != null ? revisionDocument(db, reportId, Number(row.current_revision), caches.documents) : undefined
}

// ---------------------------------------------------------------------------------------------
// A year's data in one long table.

const COLUMNS = ['agency', 'code', 'region', 'level', 'kind', 'year', 'template', 'revision', 'table', 'row', 'column', 'state', 'value'] as const

function csvField(s: string): string {
  return /[",\r\n]/.test(s) || /^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
}

type CellLine = { table: string; row: string[]; column: string[]; state: string; value: number | null }

/**
 * The lines of one report in the year's file. The agency's fields are written once per report, and
 * a template cell's table, row and column once per process: the template's cells share their label
 * arrays across reports (`cellDefs` keeps them), so they key a WeakMap. Extra rows get theirs each time.
 */
const segments = { csv: new WeakMap<string[], WeakMap<string[], string>>(), jsonl: new WeakMap<string[], WeakMap<string[], string>>() }
function cellSegment(format: 'csv' | 'jsonl', cell: CellLine): string {
  let byColumn = segments[format].get(cell.row)
  if (!byColumn) segments[format].set(cell.row, (byColumn = new WeakMap()))
  let segment = byColumn.get(cell.column)
  if (segment === undefined) {
    const row = cell.row.join(' > ')
    const column = cell.column.join(' > ')
    segment = format === 'csv' ? `${csvField(cell.table)},${csvField(row)},${csvField(column)},` : `${JSON.stringify({ table: cell.table, row, column }).slice(1, -1)},`
    byColumn.set(cell.column, segment)
  }
  return segment
}

type Head = { agency: string; code: string; region: string; level: string; kind: string; year: number; template: string; revision: number }

function reportLines(format: 'csv' | 'jsonl', head: Head, cells: readonly CellLine[]): string {
  // The first eight columns, in COLUMNS' order.
  const first: Head = { agency: head.agency, code: head.code, region: head.region, level: head.level, kind: head.kind, year: head.year, template: head.template, revision: head.revision }
  const prefix = format === 'csv' ? `${Object.values(first).map((v) => csvField(String(v))).join(',')},` : `{${JSON.stringify(first).slice(1, -1)},`
  let out = ''
  for (const cell of cells) {
    // A state is a fixed word and a value a number: neither needs quoting.
    out +=
      format === 'csv'
        ? `${prefix}${cellSegment(format, cell)}${cell.state},${cell.value === null ? '' : String(cell.value)}\r\n`
        : `${prefix}${cellSegment(format, cell)}"state":${JSON.stringify(cell.state)},"value":${cell.value === null ? 'null' : JSON.stringify(cell.value)}}\n`
  }
  return out
}

export const data = new Hono<AppEnv>().get(
  '/:file',
  describeRoute({ tags: ['reports'], summary: 'Every published report of a year in one long table: YEAR.csv (UTF-8 with BOM) or YEAR.jsonl, streamed' }),
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
      if (format === 'csv') await out.write(`\uFEFF${COLUMNS.join(',')}\r\n`)
      for (const r of reports) {
        const n = Number(r.current_revision)
        const doc = await revisionDocument(db, r.id, n, caches.documents)
        if (!doc) continue
        const head = { agency: r.name, code: r.code, region: r.region_code ?? '', level: r.level, kind: r.kind, year, template: doc.template, revision: n }
        await out.write(reportLines(format, head, toCells(doc).cells))
      }
    })
  },
)

