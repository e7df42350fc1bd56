import { Hono } from 'hono'
import { etag } from 'hono/etag'
import { describeRoute } from 'hono-openapi'
import type { AppEnv } from '../context.ts'
import { agencyTree, listAgencies } from '../db/agencies.ts'

export const agencies = new Hono<AppEnv>().use('*', etag()).get('/', describeRoute({ tags: ['agencies'], summary: 'The agency tree' }), async (c) => {
  c.header('Cache-Control', 'public, no-cache')
  return c.json({ items: agencyTree(await listAgencies(c.get('deps').db)) })
})
