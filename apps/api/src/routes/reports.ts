import { EXPORT_FORMATS, EXPORT_MEDIA, exportReport, validateReport, type ExportFormat } from '@gongkai/schema'
import { Hono } from 'hono'
import type { AppEnv } from '../context.ts'
import { findPreviousYearDocument, getPublishedReport, listPublicReports, listRevisions } from '../db/reports.ts'
import { ApiError } from '../errors.ts'

// Public: published reports only. Drafts never leave through here.
export const reports = new Hono<AppEnv>()
  .get('/', async (c) => {
    const items = await listPublicReports(c.get('deps').db)
    return c.json({ items })
  })
  .get('/:id', async (c) => {
    const { db } = c.get('deps')
    const report = await getPublishedReport(db, c.req.param('id'))
    if (!report) throw new ApiError('REPORT_NOT_FOUND')
    const previous = await findPreviousYearDocument(db, report.agency.id, report.year)
    const validation = validateReport(report.document, previous ? { previous } : {})
    return c.json({ ...report, validation, revisions: await listRevisions(db, report.id) })
  })
  .get('/:id/download/:format', async (c) => {
    const format = c.req.param('format')
    if (!(EXPORT_FORMATS as readonly string[]).includes(format)) throw new ApiError('NOT_FOUND')
    const report = await getPublishedReport(c.get('deps').db, c.req.param('id'))
    if (!report) throw new ApiError('REPORT_NOT_FOUND')
    const media = EXPORT_MEDIA[format as ExportFormat]
    const name = `gongkai-${report.agency.code}-${report.year}-v${report.revisionInfo.number}.${media.extension}`
    c.header('Content-Type', media.type)
    c.header('Content-Disposition', `attachment; filename="${name}"; filename*=UTF-8''${encodeURIComponent(name)}`)
    return c.body(exportReport(report.document, format as ExportFormat))
  })
