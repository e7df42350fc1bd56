import { Hono } from 'hono'
import { etag } from 'hono/etag'
import { describeRoute } from 'hono-openapi'
import { z } from 'zod'
import { escapeXml } from '@gongkai/schema'
import type { AppEnv } from '../context.ts'
import { CachedBody, cachedBody, etagOf, notModified, sendCached } from '../cached-response.ts'
import { feedHead, listFeedEntries, type FeedEntry } from '../db/feed.ts'
import { valid } from '../validate.ts'

// An Atom feed of publications and corrections: all of them, per agency, or per region.

const FeedQuery = z.object({
  agency: z.string().max(64).optional(),
  region: z
    .string()
    .regex(/^\d{2,12}$/)
    .optional(),
})

const KIND = { first: '发布', correction: '更正', supplement: '补充' } as const

export function atom(entries: FeedEntry[], origin: string, selfUrl: string): string {
  const updated = entries[0]?.publishedAt ?? new Date(0).toISOString()
  const items = entries
    .map((e) => {
      const link = `${origin}/reports/${encodeURIComponent(e.reportId)}`
      return `  <entry>
    <id>urn:gongkai:report:${escapeXml(e.reportId)}:revision:${e.number}</id>
    <title>${escapeXml(`${e.title}（${KIND[e.kind]}，第 ${e.number} 版）`)}</title>
    <link rel="alternate" type="text/html" href="${escapeXml(link)}"/>
    <updated>${escapeXml(e.publishedAt)}</updated>
    <author><name>${escapeXml(e.agencyName)}</name></author>
    <category term="${e.kind}"/>
    <summary>${escapeXml(e.note)}</summary>
  </entry>`
    })
    .join('\n')
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-CN">
  <id>${escapeXml(selfUrl)}</id>
  <title>政府信息公开工作年度报告：发布与更正</title>
  <link rel="self" href="${escapeXml(selfUrl)}"/>
  <updated>${escapeXml(updated)}</updated>
${items}
</feed>
`
}

const FEED_CACHE = 'public, no-cache'

export const feed = new Hono<AppEnv>()
  .use('*', etag())
  .get(
    '/',
    describeRoute({ tags: ['feed'], summary: 'Atom feed of publications and corrections' }),
    valid('query', FeedQuery),
    async (c) => {
      const { agency, region } = c.req.valid('query')
      const { db, caches, encoders } = c.get('deps')
      const url = new URL(c.req.url)
      // One statement decides whether anything changed; the feed is built once per change.
      const tag = etagOf('feed', url.toString(), await feedHead(db))
      const nm = notModified(c, tag, FEED_CACHE)
      if (nm) return nm
      const body = await cachedBody(caches.responses, `feed|${tag}`, async () => {
        const entries = await listFeedEntries(db, { agency, region, limit: 50 })
        return new CachedBody(tag, 'application/atom+xml; charset=utf-8', atom(entries, url.origin, url.toString()))
      })
      return sendCached(c, body, FEED_CACHE, encoders)
    },
  )
