import { Hono } from 'hono'
import { describeRoute } from 'hono-openapi'
import { escapeXml } from '@gongkai/schema'
import { agencyScope, assertAdmin } from '../../auth/roles.ts'
import { sessionUser } from '../../auth/session.ts'
import type { AppEnv } from '../../context.ts'
import type { Db } from '../../db/database.ts'

// The daily deadline reminders: agencies without a published report for last year as the
// statutory date approaches or passes. On the dashboard, and as an Atom feed for administrators.

interface Reminder {
  agencyId: string
  agency: string
  year: number
  deadline: string
  daysLeft: number
}

async function latest(db: Db): Promise<{ date: string; missing: Reminder[] } | null> {
  const row = await db
    .selectFrom('job')
    .select(['result'])
    .where('type', '=', 'deadline-reminders')
    .where('state', '=', 'succeeded')
    .orderBy('updated_at', 'desc')
    .limit(1)
    .executeTakeFirst()
  return row?.result ? (JSON.parse(row.result) as { date: string; missing: Reminder[] }) : null
}

export const adminDeadlines = new Hono<AppEnv>()
  .get('/', describeRoute({ tags: ['jobs'], summary: "The latest deadline reminders, for the user's agencies" }), async (c) => {
    const r = await latest(c.get('deps').db)
    const scope = agencyScope(sessionUser(c))
    c.header('Cache-Control', 'private, no-store')
    return c.json({ date: r?.date ?? null, items: (r?.missing ?? []).filter((m) => scope === null || scope.includes(m.agencyId)) })
  })
  .get('/feed.atom', describeRoute({ tags: ['jobs'], summary: 'Deadline reminders as an Atom feed (administrators)' }), async (c) => {
    assertAdmin(sessionUser(c))
    const r = await latest(c.get('deps').db)
    const url = new URL(c.req.url)
    const date = r?.date ?? '1970-01-01'
    const entries = (r?.missing ?? [])
      .map(
        (m) => `  <entry>
    <id>urn:gongkai:deadline:${escapeXml(m.agencyId)}:${m.year}:${escapeXml(date)}</id>
    <title>${escapeXml(`${m.agency}：${m.year}年度报告${m.daysLeft < 0 ? `已逾期 ${-m.daysLeft} 天` : `距截止还有 ${m.daysLeft} 天`}（${m.deadline}）`)}</title>
    <updated>${escapeXml(date)}T00:00:00Z</updated>
  </entry>`,
      )
      .join('\n')
    c.header('Content-Type', 'application/atom+xml; charset=utf-8')
    c.header('Cache-Control', 'private, no-store')
    return c.body(`<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-CN">
  <id>${escapeXml(url.toString())}</id>
  <title>年度报告法定期限提醒</title>
  <updated>${escapeXml(date)}T00:00:00Z</updated>
${entries}
</feed>
`)
  })
