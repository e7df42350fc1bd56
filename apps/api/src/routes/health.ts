import { Hono } from 'hono'
import { sql } from 'kysely'
import type { AppEnv } from '../context.ts'

export const health = new Hono<AppEnv>().get('/', async (c) => {
  const { db, dialect } = c.get('deps')
  await sql`select 1`.execute(db)
  return c.json({ status: 'ok', database: dialect })
})
