import { Hono } from 'hono'
import { describeRoute } from 'hono-openapi'
import { sql } from 'kysely'
import type { AppEnv } from '../context.ts'

export const health = new Hono<AppEnv>().get('/', describeRoute({ tags: ['health'], summary: 'Liveness, and which database is in use' }), async (c) => {
  const { db, database } = c.get('deps')
  await sql`select 1`.execute(db)
  return c.json({ status: 'ok', database })
})
