import { Hono } from 'hono'
import { requireSession } from '../../auth/session.ts'
import type { AppEnv } from '../../context.ts'
import { adminAgencies } from './agencies.ts'
import { adminDeadlines } from './deadlines.ts'
import { adminImport } from './import.ts'
import { adminJobs, scheduleRoute } from './jobs.ts'
import { adminReports } from './reports.ts'
import { adminUsers } from './users.ts'

// Everything under /api/admin needs a session; each handler then checks the user's role for the
// agency it touches.
export const admin = new Hono<AppEnv>()
  .use('*', requireSession)
  .route('/reports', adminReports)
  .route('/reports', scheduleRoute)
  .route('/jobs', adminJobs)
  .route('/deadlines', adminDeadlines)
  .route('/agencies', adminAgencies)
  .route('/users', adminUsers)
  .route('/import', adminImport)
