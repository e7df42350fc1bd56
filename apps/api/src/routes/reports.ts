import { infographicFileName, infographicSvg } from '@gongkai/report-view/svg'
import {
  AGENCY_KINDS,
  AGENCY_LEVELS,
  EXPORT_FORMATS,
  EXPORT_MEDIA,
  compareYears,
  diffDocuments,
  exportReport,
  validateReport,
  type ExportFormat,
} from '@gongkai/schema'
import { Hono, type Context } from 'hono'
import { etag } from 'hono/etag'
import { describeRoute } from 'hono-openapi'
import { z } from 'zod'
import type { AppEnv } from '../context.ts'
import {
  getPublishedReport,
  getReportSummary,
  getRevision,
  getWithdrawnReason,
  listPublicReports,
  listRevisions,
  previousYearRevision,
  revisionDocument,
} from '../db/reports.ts'
import { ApiError } from '../errors.ts'
import { valid } from '../validate.ts'

// Public: published reports only. Drafts never leave through here, and a withdrawn report
// shows only that it was withdrawn, and why.

const REVALIDATE = 'public, no-cache'
const IMMUTABLE = 'public, max-age=31536000, immutable'

const ListQuery = z.object({
  agency: z.string().max(64).optional().describe('agency id or code'),
  region: z.string().regex(/^\d{2,12}$/, '行政区划代码应为数字 / region codes are digits').optional().describe('region code prefix, e.g. 3301'),
  level: z.enum(AGENCY_LEVELS).optional(),
  kind: z.enum(AGENCY_KINDS).optional().describe('government or department'),
  year: z.coerce.number().int().min(2008).max(2100).optional(),
  template: z.enum(['2019', '2021']).optional(),
  q: z.string().trim().min(1).max(100).optional().describe('text to find anywhere in the report, Chinese included'),
  sort: z.enum(['year', 'recent']).default('year').describe('year: newest year first; recent: newest publication or correction first'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
})
const IdParam = z.object({ id: z.string().min(1).max(64) })
const RevisionParam = IdParam.extend({ n: z.coerce.number().int().min(1) })
const DiffQuery = z.object({ from: z.coerce.number().int().min(1), to: z.coerce.number().int().min(1) })
const DownloadParam = IdParam.extend({ format: z.enum(EXPORT_FORMATS) })
const SvgQuery = z.object({ locale: z.enum(['zh-CN', 'en']).default('zh-CN') })

/** A public report that exists and is not a draft, or the right error. */
async function publicReport(c: Context<AppEnv>, id: string) {
  const { db } = c.get('deps')
  const summary = await getReportSummary(db, id)
  if (!summary || summary.revision === null) throw new ApiError('REPORT_NOT_FOUND')
  if (summary.status === 'withdrawn') throw new ApiError('REPORT_WITHDRAWN', undefined, { reason: await getWithdrawnReason(db, id) })
  return summary
}

async function existingRevision(c: Context<AppEnv>, id: string, n: number) {
  const document = await revisionDocument(c.get('deps').db, id, n, c.get('deps').caches.documents)
  if (!document) throw new ApiError('REVISION_NOT_FOUND')
  return document
}

/** The current revision with its checks and its comparison with last year, cached per revision pair. */
async function checkedReport(c: Context<AppEnv>, id: string) {
  const { db, caches } = c.get('deps')
  const summary = (await getReportSummary(db, id))!
  const [report, prev] = await Promise.all([getPublishedReport(db, id, caches.documents), previousYearRevision(db, summary.agency.id, summary.year)])
  if (!report) throw new ApiError('REPORT_NOT_FOUND')
  const previous = prev ? await revisionDocument(db, prev.reportId, prev.number, caches.documents) : undefined
  // Both revisions are immutable, so their validation is too: keyed by the pair.
  const key = `${id}:${report.revisionInfo.number}|${prev ? `${prev.reportId}:${prev.number}` : '-'}`
  const validation = await caches.validations.getOrSet(key, () => validateReport(report.document, previous ? { previous } : {}))
  return { report, validation, previous, yearOverYear: previous ? compareYears(previous, report.document) : null }
}

export const reports = new Hono<AppEnv>()
  .use('*', etag())
  .get('/', describeRoute({ tags: ['reports'], summary: 'List and search published reports' }), valid('query', ListQuery), async (c) => {
    const { db, dialect } = c.get('deps')
    c.header('Cache-Control', REVALIDATE)
    return c.json(await listPublicReports(db, dialect, c.req.valid('query')))
  })
  .get('/:id', describeRoute({ tags: ['reports'], summary: 'The current published document, its checks and its history' }), valid('param', IdParam), async (c) => {
    const { db } = c.get('deps')
    const { id } = c.req.valid('param')
    const summary = await getReportSummary(db, id)
    if (!summary || summary.revision === null) throw new ApiError('REPORT_NOT_FOUND')
    c.header('Cache-Control', REVALIDATE)
    if (summary.status === 'withdrawn') {
      return c.json({ ...summary, withdrawnReason: await getWithdrawnReason(db, id), document: null, validation: null, revisions: [] })
    }
    const { report, validation, yearOverYear } = await checkedReport(c, id)
    return c.json({ ...report, withdrawnReason: null, validation, yearOverYear })
  })
  .get('/:id/revisions', describeRoute({ tags: ['reports'], summary: 'Published revisions, newest first' }), valid('param', IdParam), async (c) => {
    const { id } = c.req.valid('param')
    await publicReport(c, id)
    c.header('Cache-Control', REVALIDATE)
    return c.json({ items: await listRevisions(c.get('deps').db, id) })
  })
  .get('/:id/revisions/:n', describeRoute({ tags: ['reports'], summary: 'One published revision, byte for byte as published' }), valid('param', RevisionParam), async (c) => {
    const { id, n } = c.req.valid('param')
    await publicReport(c, id)
    const rev = await getRevision(c.get('deps').db, id, n)
    if (!rev) throw new ApiError('REVISION_NOT_FOUND')
    // A numbered revision never changes.
    c.header('Cache-Control', IMMUTABLE)
    c.header('Content-Type', 'application/json; charset=utf-8')
    return c.body(rev.documentJson)
  })
  .get('/:id/diff', describeRoute({ tags: ['reports'], summary: 'What changed between two revisions: paragraphs and cells' }), valid('param', IdParam), valid('query', DiffQuery), async (c) => {
    const { id } = c.req.valid('param')
    const { from, to } = c.req.valid('query')
    await publicReport(c, id)
    const [a, b] = await Promise.all([existingRevision(c, id, from), existingRevision(c, id, to)])
    c.header('Cache-Control', IMMUTABLE)
    return c.json({ from, to, ...diffDocuments(a, b) })
  })
  .get('/:id/infographic.svg', describeRoute({ tags: ['reports'], summary: 'The 图解 as one standalone SVG, for sharing and printing' }), valid('param', IdParam), valid('query', SvgQuery), async (c) => {
    const { id } = c.req.valid('param')
    const { locale } = c.req.valid('query')
    await publicReport(c, id)
    const { report, validation, yearOverYear } = await checkedReport(c, id)
    c.header('Content-Type', 'image/svg+xml; charset=utf-8')
    // Saved under the report's name (agency, year), not a generic "infographic.svg"; still shown inline.
    const name = infographicFileName(report.document.agency.name, report.document.year, locale ?? 'zh-CN')
    c.header('Content-Disposition', `inline; filename="gongkai-${report.agency.code}-${report.year}-infographic.svg"; filename*=UTF-8''${encodeURIComponent(name)}`)
    c.header('Cache-Control', REVALIDATE)
    return c.body(infographicSvg(report.document, { validation, locale, ...(yearOverYear ? { yearOverYear } : {}) }))
  })
  .get('/:id/download/:format', describeRoute({ tags: ['reports'], summary: 'Download the current revision in an export format' }), valid('param', DownloadParam), async (c) => {
    const { id, format } = c.req.valid('param')
    await publicReport(c, id)
    const report = (await getPublishedReport(c.get('deps').db, id, c.get('deps').caches.documents))!
    const media = EXPORT_MEDIA[format as ExportFormat]
    const name = `gongkai-${report.agency.code}-${report.year}-v${report.revisionInfo.number}.${media.extension}`
    c.header('Content-Type', media.type)
    c.header('Content-Disposition', `attachment; filename="${name}"; filename*=UTF-8''${encodeURIComponent(name)}`)
    c.header('Cache-Control', REVALIDATE)
    return c.body(exportReport(report.document, format as ExportFormat))
  })
