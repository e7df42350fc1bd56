import { Hono } from 'hono'
import { requireSession } from '../auth/session.ts'
import type { AppEnv } from '../context.ts'
import { listReportsForAdmin } from '../db/reports.ts'

// Everything under /api/admin needs a session; agency scoping is applied in each query.
export const admin = new Hono<AppEnv>().use('*', requireSession).get('/reports', async (c) => {
  const user = c.get('user')!
  const scope = user.isAdmin ? null : user.memberships.map((m) => m.agencyId)
  return c.json({ items: await listReportsForAdmin(c.get('deps').db, scope) })
})
