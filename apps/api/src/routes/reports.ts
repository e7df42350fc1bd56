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
import { CachedBody, cachedBody, etagOf, notModified, sendCached } from '../cached-response.ts'
import { listPublicReports, listVersion } from '../db/reports-list.ts'
import { getReportHead, getRevision, listRevisions, publishedReportOf, revisionDocument, type ReportHead } from '../db/revisions.ts'
import { decodeCursor, encodeCursor } from '../cursor.ts'
import { ApiError } from '../errors.ts'
import { valid } from '../validate.ts'

// Public: published reports only. Drafts never leave through here, and a withdrawn report
// shows only that it was withdrawn, and why.

const REVALIDATE = 'public, no-cache'
const IMMUTABLE = 'public, max-age=31536000, immutable'

/** Old links may still skip rows; deeper pages go by cursor, which costs what the first page does. */
const MAX_OFFSET = 1_000

const ListQuery = z.object({
  agency: z.string().max(64).optional().describe('agency id or code'),
  region: z
    .string()
    .regex(/^\d{2,12}$/, '行政区划代码应为数字 / region codes are digits')
    .optional()
    .describe('region code prefix, e.g. 3301'),
  level: z.enum(AGENCY_LEVELS).optional(),
  kind: z.enum(AGENCY_KINDS).optional().describe('government or department'),
  year: z.coerce.number().int().min(2008).max(2100).optional(),
  template: z.enum(['2019', '2021']).optional(),
  q: z.string().trim().min(1).max(100).optional().describe('text to find anywhere in the report, Chinese included'),
  sort: z.enum(['year', 'recent']).default('year').describe('year: newest year first; recent: newest publication or correction first'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce
    .number()
    .int()
    .min(0)
    .max(MAX_OFFSET, `最多 ${MAX_OFFSET}，更深的页请用 cursor / at most ${MAX_OFFSET}; for deeper pages pass the cursor of the page before`)
    .default(0)
    .describe('rows to skip, for old links; use `cursor` instead'),
  cursor: z.string().max(1000).optional().describe('the `nextCursor` of the page before: where this page starts'),
})
const IdParam = z.object({ id: z.string().min(1).max(64) })
const RevisionParam = IdParam.extend({ n: z.coerce.number().int().min(1) })
const DiffQuery = z.object({ from: z.coerce.number().int().min(1), to: z.coerce.number().int().min(1) })
const DownloadParam = IdParam.extend({ format: z.enum(EXPORT_FORMATS) })
const SvgQuery = z.object({ locale: z.enum(['zh-CN', 'en']).default('zh-CN') })

/** A public report's head row (read once per request), or the right error. */
async function publicHead(c: Context<AppEnv>, id: string, { allowWithdrawn = false } = {}): Promise<ReportHead> {
  const head = await getReportHead(c.get('deps').db, id)
  if (!head || head.summary.revision === null) throw new ApiError('REPORT_NOT_FOUND')
  if (head.summary.status === 'withdrawn' && !allowWithdrawn)
    throw new ApiError('REPORT_WITHDRAWN', undefined, { reason: head.withdrawnReason })
  return head
}

async function existingRevision(c: Context<AppEnv>, id: string, n: number) {
  const document = await revisionDocument(c.get('deps').db, id, n, c.get('deps').caches.documents)
  if (!document) throw new ApiError('REVISION_NOT_FOUND')
  return document
}

/** The current revision with its checks and its comparison with last year, cached per revision pair. */
async function checkedReport(c: Context<AppEnv>, head: ReportHead) {
  const { db, caches } = c.get('deps')
  const id = head.summary.id
  const prev = head.previous
  const [report, previous] = await Promise.all([
    publishedReportOf(db, head.summary, caches.documents),
    prev ? revisionDocument(db, prev.reportId, prev.number, caches.documents) : undefined,
  ])
  if (!report) throw new ApiError('REPORT_NOT_FOUND')
  // Both revisions are immutable, so their validation is too: keyed by the pair.
  const key = `${id}:${report.revisionInfo.number}|${prev ? `${prev.reportId}:${prev.number}` : '-'}`
  const validation = await caches.validations.getOrSet(key, () => validateReport(report.document, previous ? { previous } : {}))
  return { report, validation, previous, yearOverYear: previous ? compareYears(previous, report.document) : null }
}

/** The report as the public gets it, computed once per head and kept with its compressed forms. */
async function reportResponse(c: Context<AppEnv>, head: ReportHead, etag: string): Promise<CachedBody> {
  if (head.summary.status === 'withdrawn') {
    return new CachedBody(
      etag,
      JSON_TYPE,
      JSON.stringify({ ...head.summary, withdrawnReason: head.withdrawnReason, document: null, validation: null, revisions: [] }),
    )
  }
  const { report, validation, yearOverYear } = await checkedReport(c, head)
  return new CachedBody(etag, JSON_TYPE, JSON.stringify({ ...report, withdrawnReason: null, validation, yearOverYear }))
}

const JSON_TYPE = 'application/json'

// The routes that send a cached body tag it themselves (from its head row, before any work); the
// others are tagged from their body.
const tagged = etag()

export const reports = new Hono<AppEnv>()
  .get('/', describeRoute({ tags: ['reports'], summary: 'List and search published reports' }), valid('query', ListQuery), async (c) => {
    const { db, dialect } = c.get('deps')
    const { cursor, ...query } = c.req.valid('query')
    const after = cursor === undefined ? undefined : decodeCursor(cursor)
    const bad = (message: string, message_en: string) =>
      new ApiError('VALIDATION_FAILED', [
        { path: 'query.cursor', message: `字段 query.cursor：${message}`, message_en: `Field query.cursor: ${message_en}` },
      ])
    if (after === null) throw bad('不是本列表给出的 cursor', 'not a cursor this list gave')
    if (after && after.sort !== query.sort)
      throw bad('属于另一种排序，请从第一页开始', 'belongs to another sort order; start from the first page')
    if (after && query.offset > 0) throw bad('不能与 offset 同时使用', 'cannot be combined with offset')
    // One primary-key read says which state of the list this is; a client holding it gets a 304,
    // and the body of each list state and query is built once per process.
    const { caches, encoders } = c.get('deps')
    const etag = etagOf('list', await listVersion(db), query, cursor ?? null)
    const nm = notModified(c, etag, REVALIDATE)
    if (nm) return nm
    const body = await cachedBody(caches.responses, `list|${etag}`, async () => {
      const page = await listPublicReports(db, dialect, { ...query, after })
      const json = {
        items: page.items,
        total: page.total,
        totalIsLowerBound: page.totalIsLowerBound,
        nextCursor: page.next ? encodeCursor(page.next) : null,
      }
      return new CachedBody(etag, JSON_TYPE, JSON.stringify(json))
    })
    return sendCached(c, body, REVALIDATE, encoders)
  })
  .get(
    '/:id',
    describeRoute({ tags: ['reports'], summary: 'The current published document, its checks and its history' }),
    valid('param', IdParam),
    async (c) => {
      const { caches, encoders } = c.get('deps')
      const head = await publicHead(c, c.req.valid('param').id, { allowWithdrawn: true })
      // One indexed read so far; a client whose copy is current gets its 304 now.
      const etag = etagOf('report', head)
      const nm = notModified(c, etag, REVALIDATE)
      if (nm) return nm
      const body = await cachedBody(caches.responses, `report|${etag}`, () => reportResponse(c, head, etag))
      return sendCached(c, body, REVALIDATE, encoders)
    },
  )
  .get(
    '/:id/revisions',
    describeRoute({ tags: ['reports'], summary: 'Published revisions, newest first' }),
    tagged,
    valid('param', IdParam),
    async (c) => {
      const { id } = c.req.valid('param')
      await publicHead(c, id)
      c.header('Cache-Control', REVALIDATE)
      return c.json({ items: await listRevisions(c.get('deps').db, id) })
    },
  )
  .get(
    '/:id/revisions/:n',
    describeRoute({ tags: ['reports'], summary: 'One published revision, byte for byte as published' }),
    tagged,
    valid('param', RevisionParam),
    async (c) => {
      const { id, n } = c.req.valid('param')
      await publicHead(c, id)
      const rev = await getRevision(c.get('deps').db, id, n)
      if (!rev) throw new ApiError('REVISION_NOT_FOUND')
      // A numbered revision never changes.
      c.header('Cache-Control', IMMUTABLE)
      c.header('Content-Type', 'application/json; charset=utf-8')
      return c.body(rev.documentJson)
    },
  )
  .get(
    '/:id/diff',
    describeRoute({ tags: ['reports'], summary: 'What changed between two revisions: paragraphs and cells' }),
    tagged,
    valid('param', IdParam),
    valid('query', DiffQuery),
    async (c) => {
      const { id } = c.req.valid('param')
      const { from, to } = c.req.valid('query')
      await publicHead(c, id)
      const [a, b] = await Promise.all([existingRevision(c, id, from), existingRevision(c, id, to)])
      c.header('Cache-Control', IMMUTABLE)
      return c.json({ from, to, ...diffDocuments(a, b) })
    },
  )
  .get(
    '/:id/infographic.svg',
    describeRoute({ tags: ['reports'], summary: 'The 图解 as one standalone SVG, for sharing and printing' }),
    valid('param', IdParam),
    valid('query', SvgQuery),
    async (c) => {
      const { id } = c.req.valid('param')
      const { locale } = c.req.valid('query')
      const { caches, encoders } = c.get('deps')
      const head = await publicHead(c, id)
      const etag = etagOf('svg', locale, head)
      const nm = notModified(c, etag, REVALIDATE)
      if (nm) return nm
      const body = await cachedBody(caches.responses, `svg|${etag}`, async () => {
        const { report, validation, yearOverYear } = await checkedReport(c, head)
        const svg = infographicSvg(report.document, { validation, locale, ...(yearOverYear ? { yearOverYear } : {}) })
        // Saved under the report's name (agency, year), not a generic "infographic.svg"; still shown inline.
        const name = infographicFileName(report.document.agency.name, report.document.year, locale ?? 'zh-CN')
        const disposition = `inline; filename="gongkai-${report.agency.code}-${report.year}-infographic.svg"; filename*=UTF-8''${encodeURIComponent(name)}`
        return new CachedBody(etag, 'image/svg+xml; charset=utf-8', svg, { 'Content-Disposition': disposition })
      })
      return sendCached(c, body, REVALIDATE, encoders)
    },
  )
  .get(
    '/:id/download/:format',
    describeRoute({ tags: ['reports'], summary: 'Download the current revision in an export format' }),
    valid('param', DownloadParam),
    async (c) => {
      const { id, format } = c.req.valid('param')
      const { db, caches, encoders } = c.get('deps')
      const head = await publicHead(c, id)
      const s = head.summary
      // The export is a function of the revision's document alone (and the name of its agency code).
      const etag = etagOf('download', format, s.id, s.revision, head.sha256, s.agency.code, s.year)
      const nm = notModified(c, etag, REVALIDATE)
      if (nm) return nm
      const body = await cachedBody(caches.responses, `download|${etag}`, async () => {
        const report = await publishedReportOf(db, s, caches.documents)
        if (!report) throw new ApiError('REPORT_NOT_FOUND')
        const media = EXPORT_MEDIA[format as ExportFormat]
        const name = `gongkai-${report.agency.code}-${report.year}-v${report.revisionInfo.number}.${media.extension}`
        const disposition = `attachment; filename="${name}"; filename*=UTF-8''${encodeURIComponent(name)}`
        return new CachedBody(etag, media.type, exportReport(report.document, format as ExportFormat), {
          'Content-Disposition': disposition,
        })
      })
      return sendCached(c, body, REVALIDATE, encoders)
    },
  )
