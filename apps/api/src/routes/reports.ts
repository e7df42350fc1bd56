import { Hono } from 'hono'
import type { AppEnv } from '../context.ts'
import { getPublishedReport, listPublicReports } from '../db/reports.ts'
import { ApiError } from '../errors.ts'

// Public: published reports only. Drafts never leave through here.
export const reports = new Hono<AppEnv>()
  .get('/', async (c) => {
    const items = await listPublicReports(c.get('deps').db)
    return c.json({ items })
  })
  .get('/:id', async (c) => {
    const report = await getPublishedReport(c.get('deps').db, c.req.param('id'))
    if (!report) throw new ApiError('REPORT_NOT_FOUND')
    return c.json(report)
  })
