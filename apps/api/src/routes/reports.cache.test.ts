// Beside reports.ts, the main route here; it also covers feed.ts and ../cached-response.ts.
import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import type { KyselyPlugin } from 'kysely'
import { beforeAll, describe, expect, it } from 'vitest'
import { generateTables, seededRandom, type ReportDocument } from '@gongkai/schema'
import { createApp } from '../app.ts'
import { etagMatches, negotiateEncoding } from '../cached-response.ts'
import { nodeEncoders } from '../node.ts'
import type { as } from '../test/actors.ts'
import { DIALECTS, suiteSite } from '../test/harness.ts'

// The public report read path: computed once per revision, sent like a file, and still right
// when another process (here: another app instance on the same database) publishes.

/** Counts the statements an app runs (each result passes here once), to hold reads to their budget. */
function countingPlugin() {
  const counter = { n: 0 }
  const plugin: KyselyPlugin = {
    transformQuery: (args) => args.node,
    transformResult: async (args) => {
      counter.n++
      return args.result
    },
  }
  return { counter, plugin }
}

describe('negotiating encodings and tags', () => {
  const both = nodeEncoders()
  it('prefers Brotli, then gzip, honours q=0 and *, and sends identity when nothing fits', () => {
    expect(negotiateEncoding('gzip, deflate, br', both)).toBe('br')
    expect(negotiateEncoding('br;q=0, gzip', both)).toBe('gzip')
    expect(negotiateEncoding('*', both)).toBe('br')
    expect(negotiateEncoding('deflate', both)).toBeNull()
    expect(negotiateEncoding(undefined, both)).toBeNull()
    expect(negotiateEncoding('br', { gzip: both.gzip! })).toBeNull()
  })
  it('compares tags weakly and accepts a list or *', () => {
    expect(etagMatches('W/"abc"', '"abc"')).toBe(true)
    expect(etagMatches('W/"abc"', 'W/"x", W/"abc"')).toBe(true)
    expect(etagMatches('W/"abc"', '*')).toBe(true)
    expect(etagMatches('W/"abc"', 'W/"abcd"')).toBe(false)
    expect(etagMatches('W/"abc"', undefined)).toBe(false)
  })
})

for (const dialect of DIALECTS.filter((d) => d.name !== 'd1')) {
  describe.skipIf(dialect.skip !== null)(`the cached report read path on ${dialect.name}`, () => {
    const suite = suiteSite(dialect)
    // A second process on the same database, with Brotli, whose statements are counted.
    let other: ReturnType<typeof createApp>
    let counter: { n: number }
    let ids: { y2022: string; y2023: string }
    beforeAll(async () => {
      const counting = countingPlugin()
      counter = counting.counter
      other = createApp({ db: suite.site.conn.db.withPlugin(counting.plugin), dialect: suite.site.conn.dialect, encoders: nodeEncoders() })
      const list = (await (await suite.site.app.request('/api/reports?agency=demo-990000&limit=50')).json()) as {
        items: Array<{ id: string; year: number }>
      }
      ids = { y2022: list.items.find((r) => r.year === 2022)!.id, y2023: list.items.find((r) => r.year === 2023)!.id }
    })

    const admin = (): ReturnType<typeof as> => suite.as(suite.actors.admin)

    async function correct(id: string, reason: string) {
      const got = await admin()('GET', `/api/admin/reports/${id}`)
      const doc = structuredClone(got.json.draft.document as ReportDocument)
      doc.parts['一'] = [...doc.parts['一'], { type: 'paragraph', text: `更正说明：${reason}` }]
      const saved = await admin()('PUT', `/api/admin/reports/${id}/draft`, { version: got.json.draft.version, document: doc })
      expect(saved.status).toBe(200)
      const corr = await admin()('POST', `/api/admin/reports/${id}/correct`, { version: saved.json.version, reason })
      expect(corr.status).toBe(200)
      return corr.json.revision as number
    }

    it('answers a current If-None-Match with 304 after one indexed read, and a warm 200 with one read too', async () => {
      const first = await other.request(`/api/reports/${ids.y2023}`)
      expect(first.status).toBe(200)
      const tag = first.headers.get('etag')!
      expect(tag).toMatch(/^W\/"[0-9a-f]{32}"$/)
      expect(first.headers.get('vary')).toContain('Accept-Encoding')
      expect(first.headers.get('cache-control')).toBe('public, no-cache')
      const body = (await first.json()) as { document: ReportDocument; validation: unknown; yearOverYear: unknown }
      expect(body.document.year).toBe(2023)
      expect(body.validation).toBeTruthy()

      counter.n = 0
      const again = await other.request(`/api/reports/${ids.y2023}`, { headers: { 'If-None-Match': tag } })
      expect(again.status).toBe(304)
      expect(await again.text()).toBe('')
      expect(again.headers.get('etag')).toBe(tag)
      expect(counter.n).toBe(1)

      counter.n = 0
      const warm = await other.request(`/api/reports/${ids.y2023}`)
      expect(warm.status).toBe(200)
      expect(counter.n).toBe(1)

      // Another process that never built the body answers the same tag with 304 all the same.
      const fresh = await suite.site.app.request(`/api/reports/${ids.y2023}`, { headers: { 'If-None-Match': tag } })
      expect(fresh.status).toBe(304)
    })

    it('sends cached answers (200, 304, the list, compressed) with the same security headers as every other API answer', async () => {
      const security = (res: Response) =>
        Object.fromEntries(
          [
            'content-security-policy',
            'cross-origin-resource-policy',
            'x-content-type-options',
            'x-frame-options',
            'referrer-policy',
            'strict-transport-security',
            'cross-origin-opener-policy',
            'x-powered-by',
          ].map((h) => [h, res.headers.get(h)]),
        )
      // A route that is not cached: its headers are set after it by the app.
      const expected = security(await other.request(`/api/reports/${ids.y2023}/revisions`))
      expect(expected).toMatchObject({
        'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'",
        'cross-origin-resource-policy': 'same-origin',
        'x-content-type-options': 'nosniff',
        'x-frame-options': null,
      })
      const report = await other.request(`/api/reports/${ids.y2023}`)
      const tag = report.headers.get('etag')!
      const answers = [
        report,
        await other.request(`/api/reports/${ids.y2023}`, { headers: { 'If-None-Match': tag } }),
        await other.request(`/api/reports/${ids.y2023}`, { headers: { 'Accept-Encoding': 'br' } }),
        await other.request('/api/reports?agency=demo-990000'),
        await suite.site.app.request('/api/reports?agency=demo-990000', { headers: { 'Accept-Encoding': 'gzip' } }),
        await other.request(`/api/reports/${ids.y2023}/infographic.svg`),
      ]
      expect(answers.map((r) => r.status)).toEqual([200, 304, 200, 200, 200, 200])
      for (const res of answers)
        expect({ url: res.url, status: res.status, ...security(res) }).toEqual({ url: res.url, status: res.status, ...expected })
    })

    it('sends Brotli or gzip bodies that decode to the same JSON, as the client asks', async () => {
      const plain = await (await other.request(`/api/reports/${ids.y2023}`)).text()
      const br = await other.request(`/api/reports/${ids.y2023}`, { headers: { 'Accept-Encoding': 'gzip, deflate, br' } })
      expect(br.headers.get('content-encoding')).toBe('br')
      const brBytes = Buffer.from(await br.arrayBuffer())
      expect(Number(br.headers.get('content-length'))).toBe(brBytes.length)
      expect(brBytes.length).toBeLessThan(Buffer.byteLength(plain) / 3)
      expect(brotliDecompressSync(brBytes).toString('utf8')).toBe(plain)
      const gz = await other.request(`/api/reports/${ids.y2023}`, { headers: { 'Accept-Encoding': 'br;q=0, gzip' } })
      expect(gz.headers.get('content-encoding')).toBe('gzip')
      expect(gunzipSync(Buffer.from(await gz.arrayBuffer())).toString('utf8')).toBe(plain)
      // The default app (no node:zlib, as at the edge) still gzips, through CompressionStream.
      const edgeLike = await suite.site.app.request(`/api/reports/${ids.y2023}`, { headers: { 'Accept-Encoding': 'br, gzip' } })
      expect(edgeLike.headers.get('content-encoding')).toBe('gzip')
      expect(gunzipSync(Buffer.from(await edgeLike.arrayBuffer())).toString('utf8')).toBe(plain)
      // The SVG and the downloads are cached and negotiated the same way.
      const svg = await other.request(`/api/reports/${ids.y2023}/infographic.svg`, { headers: { 'Accept-Encoding': 'br' } })
      expect(svg.headers.get('content-type')).toContain('image/svg+xml')
      expect(brotliDecompressSync(Buffer.from(await svg.arrayBuffer())).toString('utf8')).toContain('<svg')
      const csv = await other.request(`/api/reports/${ids.y2023}/download/cells-csv`)
      expect(csv.headers.get('content-disposition')).toContain('attachment')
      const csvAgain = await other.request(`/api/reports/${ids.y2023}/download/cells-csv`, {
        headers: { 'If-None-Match': csv.headers.get('etag')! },
      })
      expect(csvAgain.status).toBe(304)
    })

    it('shows a correction made through one process to another on its next request, and to the next year’s report', async () => {
      const before = await other.request(`/api/reports/${ids.y2022}`)
      const tag = before.headers.get('etag')!
      const beforeNext = await other.request(`/api/reports/${ids.y2023}`)
      const nextTag = beforeNext.headers.get('etag')!
      const svgTag = (await other.request(`/api/reports/${ids.y2022}/infographic.svg`)).headers.get('etag')!
      const feed = await other.request('/api/feed.atom')
      const feedTag = feed.headers.get('etag')!
      expect((await other.request('/api/feed.atom', { headers: { 'If-None-Match': feedTag } })).status).toBe(304)

      const n = await correct(ids.y2022, '补充说明段落')

      const after = await other.request(`/api/reports/${ids.y2022}`, { headers: { 'If-None-Match': tag } })
      expect(after.status).toBe(200)
      const json = (await after.json()) as { revisionInfo: { number: number }; document: ReportDocument }
      expect(json.revisionInfo.number).toBe(n)
      expect(JSON.stringify(json.document.parts['一'])).toContain('更正说明：补充说明段落')
      expect((await other.request(`/api/reports/${ids.y2022}/infographic.svg`, { headers: { 'If-None-Match': svgTag } })).status).toBe(200)
      const feedAfter = await other.request('/api/feed.atom', { headers: { 'If-None-Match': feedTag, 'Accept-Encoding': 'gzip' } })
      expect(feedAfter.status).toBe(200)
      expect(gunzipSync(Buffer.from(await feedAfter.arrayBuffer())).toString('utf8')).toContain(
        `urn:gongkai:report:${ids.y2022}:revision:${n}`,
      )
      // 2023 is checked against 2022's current revision, so its response changed too.
      const next = await other.request(`/api/reports/${ids.y2023}`, { headers: { 'If-None-Match': nextTag } })
      expect(next.status).toBe(200)
    })

    it('caches the list per state: a 304 after one read, and a publish through another process makes the next answer new', async () => {
      type ListBody = { items: Array<{ id: string; title: string; agency: { name: string } }>; total: number }
      // A draft of agency A, made through the other process (site.app): not listed.
      const created = await admin()('POST', '/api/admin/reports', { agencyId: suite.actors.agencyA, year: 2021 })
      expect(created.status).toBe(201)
      const doc = created.json.document as ReportDocument
      doc.tables = generateTables('2021', seededRandom(7), { scale: 2 }).tables
      doc.period = { start: '2021-01-01', end: '2021-12-31' }
      doc.parts['一'] = [{ type: 'paragraph', text: '这是补登的年度报告。' }]
      const saved = await admin()('PUT', `/api/admin/reports/${created.json.id}/draft`, { version: created.json.version, document: doc })
      expect(saved.status).toBe(200)

      const path = `/api/reports?agency=${suite.actors.agencyA}`
      const first = await other.request(path)
      expect(first.status).toBe(200)
      const tag = first.headers.get('etag')!
      expect(tag).toMatch(/^W\/"[0-9a-f]{32}"$/)
      expect(first.headers.get('cache-control')).toBe('public, no-cache')
      const before = (await first.json()) as ListBody
      expect(before.total).toBe(0)
      counter.n = 0
      const again = await other.request(path, { headers: { 'If-None-Match': tag } })
      expect(again.status).toBe(304)
      expect(counter.n).toBe(1)
      counter.n = 0
      const warm = await other.request(path)
      expect(await warm.json()).toEqual(before)
      expect(counter.n).toBe(1)
      const word = `/api/reports?q=${encodeURIComponent('补登的年度报告')}`
      expect(((await (await other.request(word)).json()) as ListBody).total).toBe(0)

      // Published through site.app: the other process's next answers are new.
      const published = await admin()('POST', `/api/admin/reports/${created.json.id}/publish`, {
        version: saved.json.version,
        acknowledgement: '已核对',
      })
      expect(published.status).toBe(200)

      const after = await other.request(path, { headers: { 'If-None-Match': tag } })
      expect(after.status).toBe(200)
      expect(after.headers.get('etag')).not.toBe(tag)
      const json = (await after.json()) as ListBody
      expect(json.total).toBe(1)
      expect(json.items.map((r) => r.id)).toEqual([created.json.id])
      expect(json.items[0]!.agency.name).toBe('测试甲局')
      // Searches are new too.
      const found = (await (await other.request(word)).json()) as ListBody
      expect(found.items.map((r) => r.id)).toEqual([created.json.id])
    })

    it('shows a withdrawal made through one process to another, with its reason and without content', async () => {
      const before = await other.request(`/api/reports/${ids.y2023}`)
      const tag = before.headers.get('etag')!
      const feedBefore = await other.request('/api/feed.atom')
      expect(await feedBefore.text()).toContain(`urn:gongkai:report:${ids.y2023}:`)
      const w = await admin()('POST', `/api/admin/reports/${ids.y2023}/withdraw`, { reason: '数据口径需要复核' })
      expect(w.status).toBe(200)
      const after = await other.request(`/api/reports/${ids.y2023}`, { headers: { 'If-None-Match': tag, 'Accept-Encoding': 'br' } })
      expect(after.status).toBe(200)
      // Too small to be worth compressing: sent as it is.
      expect(after.headers.get('content-encoding')).toBeNull()
      const json = (await after.json()) as Record<string, unknown>
      expect(json).toMatchObject({
        status: 'withdrawn',
        withdrawnReason: '数据口径需要复核',
        document: null,
        validation: null,
        revisions: [],
      })
      const again = await other.request(`/api/reports/${ids.y2023}`, { headers: { 'If-None-Match': after.headers.get('etag')! } })
      expect(again.status).toBe(304)
      const feedAfter = await other.request('/api/feed.atom', { headers: { 'If-None-Match': feedBefore.headers.get('etag')! } })
      expect(feedAfter.status).toBe(200)
      expect(await feedAfter.text()).not.toContain(`urn:gongkai:report:${ids.y2023}:`)
      for (const path of [`/api/reports/${ids.y2023}/infographic.svg`, `/api/reports/${ids.y2023}/download/json`]) {
        const res = await other.request(path)
        expect(res.status).toBe(410)
        expect(((await res.json()) as { error: { code: string; reason: string } }).error).toMatchObject({
          code: 'REPORT_WITHDRAWN',
          reason: '数据口径需要复核',
        })
      }
    })
  })
}

// At the edge the body is compressed through CompressionStream and must leave workerd as it is
// (workerd would otherwise compress it a second time).
describe('the cached report read path at the edge (workerd + D1)', () => {
  const suite = suiteSite(
    DIALECTS.find((d) => d.name === 'd1')!,
    { actors: false },
  )

  it('sends gzip once, with a tag that answers 304', async () => {
    const list = (await (await suite.site.app.request('/api/reports?agency=demo-990000&limit=50')).json()) as {
      items: Array<{ id: string; year: number }>
    }
    const id = list.items.find((r) => r.year === 2023)!.id
    // fetch decodes gzip by itself: what it hands back must be the JSON, not gzip again.
    const res = await suite.site.app.request(`/api/reports/${id}`, { headers: { 'Accept-Encoding': 'gzip' } })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-encoding')).toBe('gzip')
    const json = (await res.json()) as { id: string; document: ReportDocument }
    expect(json.id).toBe(id)
    const again = await suite.site.app.request(`/api/reports/${id}`, { headers: { 'If-None-Match': res.headers.get('etag')! } })
    expect(again.status).toBe(304)
    const feed = await suite.site.app.request('/api/feed.atom', { headers: { 'Accept-Encoding': 'gzip' } })
    expect(await feed.text()).toContain('<feed xmlns="http://www.w3.org/2005/Atom"')
  })
})
