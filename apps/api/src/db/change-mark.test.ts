import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../app.ts'
import { openSite, type TestSite } from '../test/harness.ts'
import { changeMark } from './change-mark.ts'
import { connect, type Connection } from './connect.ts'

// The report's head row is kept between requests on SQLite while the database says nothing
// changed. Two connections to one file stand for two processes: what one commits, the other's
// next answer shows; and a write through a connection's own app shows at once.

describe('kept report heads on embedded SQLite', () => {
  let dir: string
  let site: TestSite
  let other: Connection
  let otherApp: ReturnType<typeof createApp>
  let id: string
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'gongkai-mark-'))
    site = await openSite(join(dir, 'gongkai.sqlite'))
    other = await connect({ url: join(dir, 'gongkai.sqlite') })
    otherApp = createApp({ db: other.db, dialect: other.dialect })
    const list = (await (await otherApp.request('/api/reports?agency=demo-990000&limit=50')).json()) as {
      items: Array<{ id: string; year: number }>
    }
    id = list.items.find((r) => r.year === 2023)!.id
  })
  afterAll(async () => {
    await other.close()
    await site.close()
    rmSync(dir, { recursive: true, force: true })
  })

  const read = async () => {
    const res = await otherApp.request(`/api/reports/${id}`)
    return {
      status: res.status,
      etag: res.headers.get('etag'),
      body: (await res.json()) as { status: string; title: string; withdrawnReason: string | null },
    }
  }

  it('moves the mark when another connection commits, and when this one writes; not when it only reads', async () => {
    const before = changeMark(other.db)
    expect(before).toBeDefined()
    await read()
    await read()
    expect(changeMark(other.db)).toBe(before)
    await site.conn.db.updateTable('report').set({ updated_at: new Date().toISOString() }).where('id', '=', id).execute()
    const afterOther = changeMark(other.db)
    expect(afterOther).not.toBe(before)
    await other.db.updateTable('report').set({ updated_at: new Date().toISOString() }).where('id', '=', id).execute()
    expect(changeMark(other.db)).not.toBe(afterOther)
  })

  it('shows a withdrawal committed by another process on the next request, and its undoing too', async () => {
    const first = await read()
    expect(first.body.status).toBe('published')
    expect((await read()).etag).toBe(first.etag)
    await site.conn.db.updateTable('report').set({ status: 'withdrawn', withdrawn_reason: '数据有误' }).where('id', '=', id).execute()
    const withdrawn = await read()
    expect(withdrawn.body).toMatchObject({ status: 'withdrawn', withdrawnReason: '数据有误' })
    expect(withdrawn.etag).not.toBe(first.etag)
    await site.conn.db.updateTable('report').set({ status: 'published', withdrawn_reason: null }).where('id', '=', id).execute()
    expect((await read()).body.status).toBe('published')
  })

  it('shows a change written through its own connection on the next request', async () => {
    const first = await read()
    await other.db
      .updateTable('report')
      .set({ title: `${first.body.title}（更正）` })
      .where('id', '=', id)
      .execute()
    expect((await read()).body.title).toBe(`${first.body.title}（更正）`)
  })
})
