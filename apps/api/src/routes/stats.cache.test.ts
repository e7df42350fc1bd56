// Beside stats.ts, the main route here; it also covers board.ts (regions, compliance, data) and ../across-response.ts.
import type { KyselyPlugin } from 'kysely'
import { beforeAll, describe, expect, it } from 'vitest'
import { generateTables, seededRandom, type ReportDocument } from '@gongkai/schema'
import { createApp } from '../app.ts'
import { insertAgency } from '../db/agencies.ts'
import { joinedFacts, listMetricFacts, metricSums } from '../db/metrics.ts'
import { up as fillReportCells } from '../db/migrations/2026_12_05_1100_create_report_cells.ts'
import { filledDraft, type as } from '../test/actors.ts'
import { DIALECTS, suiteSite } from '../test/harness.ts'

// Stats, region summaries and the compliance board are cached like the list: one primary-key read
// (the across version) per request when warm, and still right when another process (here: another
// app instance on the same database) publishes, corrects, withdraws or adds an agency. The year's
// CSV and JSONL come from the cells stored at publication, byte for byte what the documents give.

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

const PATHS = [
  '/api/stats?metric=applications_new&year=2022',
  '/api/stats?metric=disclosure_rate&group_by=level',
  '/api/stats?metric=reviews&region=99&group_by=year',
  '/api/stats?metric=applications_new&year=2025&region=9901&limit=5',
  '/api/regions/990000/summary?year=2022',
  '/api/regions/990100/summary?year=2025',
  '/api/compliance?year=2022&region=99',
  '/api/compliance?year=2025&region=9901',
]

for (const dialect of DIALECTS.filter((d) => d.name !== 'd1')) {
  describe.skipIf(dialect.skip !== null)(`cached stats, summaries, board and the year's file on ${dialect.name}`, () => {
    const suite = suiteSite(dialect)
    // A second process on the same database, whose statements are counted, and one with no response cache (every answer cold).
    let other: ReturnType<typeof createApp>
    let cold: ReturnType<typeof createApp>
    let counter: { n: number }
    beforeAll(() => {
      const counting = countingPlugin()
      counter = counting.counter
      other = createApp({ db: suite.site.conn.db.withPlugin(counting.plugin), dialect: suite.site.conn.dialect })
      cold = createApp({ db: suite.site.conn.db, dialect: suite.site.conn.dialect, responseCacheBytes: 0 })
    })

    const admin = (): ReturnType<typeof as> => suite.as(suite.actors.admin)
    const text = async (app: { request: (p: string, init?: RequestInit) => Response | Promise<Response> }, path: string) => {
      const res = await app.request(path)
      expect(res.status, path).toBe(200)
      return { body: await res.text(), tag: res.headers.get('etag')!, type: res.headers.get('content-type') }
    }
    /** Every path's answer from the caching process, checked against a cold one. */
    async function answers(): Promise<Map<string, { body: string; tag: string }>> {
      const out = new Map<string, { body: string; tag: string }>()
      for (const p of PATHS) {
        const got = await text(other, p)
        expect(got.body, p).toBe((await text(cold, p)).body)
        out.set(p, got)
      }
      return out
    }

    it('answers warm with the bytes of a cold answer, after one read; a current If-None-Match with 304 after one read', async () => {
      for (const p of PATHS) {
        const coldAnswer = await text(cold, p)
        const first = await text(other, p)
        counter.n = 0
        const warm = await text(other, p)
        expect(counter.n, p).toBe(1)
        expect(first.body, p).toBe(coldAnswer.body)
        expect(warm.body, p).toBe(coldAnswer.body)
        expect(warm.type).toBe('application/json')
        expect(warm.tag).toMatch(/^W\/"[0-9a-f]{32}"$/)
        expect(JSON.parse(warm.body)).toBeTruthy()

        counter.n = 0
        const again = await other.request(p, { headers: { 'If-None-Match': warm.tag } })
        expect(again.status, p).toBe(304)
        expect(counter.n).toBe(1)
        // Another process that never built the body answers the same tag with 304 all the same.
        expect((await suite.site.app.request(p, { headers: { 'If-None-Match': warm.tag } })).status).toBe(304)
      }
      // Queries that differ only in defaults or order are the same answer; others are not.
      expect((await text(other, '/api/stats?year=2022&metric=applications_new&group_by=agency&limit=200')).tag).toBe(
        (await text(other, PATHS[0]!)).tag,
      )
      expect((await text(other, '/api/stats?metric=applications_new&year=2022&limit=1')).tag).not.toBe((await text(other, PATHS[0]!)).tag)
      // Bad input is refused as before, never cached as an answer.
      const bad = await other.request('/api/stats?metric=nope')
      expect(bad.status).toBe(400)
      expect(((await bad.json()) as { error: { code: string } }).error.code).toBe('VALIDATION_FAILED')
      expect((await other.request('/api/regions/880000/summary?year=2022')).status).toBe(404)
    })

    it('shows a publication, a correction and a withdrawal made through another process on the next request', async () => {
      const warm = await answers()
      const changed = (
        before: Map<string, { body: string; tag: string }>,
        after: Map<string, { body: string; tag: string }>,
        path: string,
      ) => {
        expect(after.get(path)!.tag, path).not.toBe(before.get(path)!.tag)
        expect(after.get(path)!.body, path).not.toBe(before.get(path)!.body)
      }
      // Published through `site.app`: `other` has only the database in common with it.
      const created = await filledDraft(suite.site, suite.actors.admin, { agencyId: suite.actors.agencyB, year: 2025, seed: 5, scale: 2 })
      const published = await admin()('POST', `/api/admin/reports/${created.id}/publish`, {
        version: created.version,
        acknowledgement: '已核对',
      })
      expect(published.status).toBe(200)
      const afterPublish = await answers()
      for (const p of [
        '/api/stats?metric=applications_new&year=2025&region=9901&limit=5',
        '/api/regions/990100/summary?year=2025',
        '/api/compliance?year=2025&region=9901',
      ])
        changed(warm, afterPublish, p)
      const board = JSON.parse(afterPublish.get('/api/compliance?year=2025&region=9901')!.body) as {
        items: Array<{ agency: { id: string }; state: string; corrections: unknown[] }>
      }
      expect(board.items.find((r) => r.agency.id === suite.actors.agencyB)!.state).toMatch(/on_time|late/)

      const got = await admin()('GET', `/api/admin/reports/${created.id}`)
      const doc = structuredClone(got.json.draft.document as ReportDocument)
      doc.tables = generateTables('2021', seededRandom(9), { scale: 4 }).tables
      const saved = await admin()('PUT', `/api/admin/reports/${created.id}/draft`, { version: got.json.draft.version, document: doc })
      expect(saved.status).toBe(200)
      // A saved draft changes nothing the public reads across reports.
      const afterDraft = await answers()
      for (const p of PATHS) expect(afterDraft.get(p)!.tag).toBe(afterPublish.get(p)!.tag)
      const corr = await admin()('POST', `/api/admin/reports/${created.id}/correct`, {
        version: saved.json.version,
        reason: '数字有误',
        acknowledgement: '已核对',
      })
      expect(corr.status).toBe(200)
      const afterCorrect = await answers()
      for (const p of [
        '/api/stats?metric=applications_new&year=2025&region=9901&limit=5',
        '/api/regions/990100/summary?year=2025',
        '/api/compliance?year=2025&region=9901',
      ])
        changed(afterPublish, afterCorrect, p)

      const withdrawn = await admin()('POST', `/api/admin/reports/${created.id}/withdraw`, { reason: '重复发布' })
      expect(withdrawn.status).toBe(200)
      const afterWithdraw = await answers()
      for (const p of [
        '/api/stats?metric=applications_new&year=2025&region=9901&limit=5',
        '/api/regions/990100/summary?year=2025',
        '/api/compliance?year=2025&region=9901',
      ])
        changed(afterCorrect, afterWithdraw, p)
      const last = JSON.parse(afterWithdraw.get('/api/compliance?year=2025&region=9901')!.body) as typeof board
      expect(last.items.find((r) => r.agency.id === suite.actors.agencyB)!.state).toBe('withdrawn')

      // A new agency of the registry is on the board (and missing its report) at once.
      const added = await insertAgency(
        suite.site.conn.db,
        {
          name: '测试丙局',
          code: `test-c-${crypto.randomUUID().slice(0, 8)}`,
          level: 'county',
          kind: 'department',
          regionCode: '990197',
          parentId: null,
        },
        new Date(),
      )
      const afterAgency = await answers()
      const withAgency = JSON.parse(afterAgency.get('/api/compliance?year=2025&region=9901')!.body) as typeof board
      expect(withAgency.items.find((r) => r.agency.id === added)!.state).toBe('missing')
    })

    it('caches the compliance feed by data version and origin: its links name the origin asked, a correction shows at once', async () => {
      const path = '/api/compliance/feed.atom?region=9901&year=2025'
      const coldFeed = await text(cold, path)
      expect(coldFeed.type).toBe('application/atom+xml; charset=utf-8')
      // Its own address is the canonical one, whatever order the query came in.
      expect(coldFeed.body).toContain('<link rel="self" href="http://localhost/api/compliance/feed.atom?year=2025&amp;region=9901"/>')
      const first = await text(other, path)
      counter.n = 0
      const warm = await text(other, path)
      expect(counter.n).toBe(1)
      expect(first.body).toBe(coldFeed.body)
      expect(warm.body).toBe(coldFeed.body)
      expect((await other.request(path, { headers: { 'If-None-Match': warm.tag } })).status).toBe(304)
      // Asked through another host name, the links name that one, under another tag.
      const elsewhere = await text(other, `https://gongkai.example${path}`)
      expect(elsewhere.tag).not.toBe(warm.tag)
      expect(elsewhere.body).toContain('href="https://gongkai.example/api/compliance/feed.atom?year=2025&amp;region=9901"')
      expect(elsewhere.body).not.toContain('http://localhost')

      const agencyId = await insertAgency(
        suite.site.conn.db,
        {
          name: '测试丁局',
          code: `test-d-${crypto.randomUUID().slice(0, 8)}`,
          level: 'county',
          kind: 'department',
          regionCode: '990196',
          parentId: null,
        },
        new Date(),
      )
      const created = await filledDraft(suite.site, suite.actors.admin, { agencyId, year: 2025, seed: 6, scale: 2 })
      const got = await admin()('GET', `/api/admin/reports/${created.id}`)
      const published = await admin()('POST', `/api/admin/reports/${created.id}/publish`, {
        version: got.json.draft.version,
        acknowledgement: '已核对',
      })
      expect(published.status).toBe(200)
      const again = await admin()('GET', `/api/admin/reports/${created.id}`)
      const doc = structuredClone(again.json.draft.document as ReportDocument)
      doc.tables = generateTables('2021', seededRandom(10), { scale: 3 }).tables
      const saved = await admin()('PUT', `/api/admin/reports/${created.id}/draft`, { version: again.json.draft.version, document: doc })
      expect(saved.status).toBe(200)
      const corrected = await admin()('POST', `/api/admin/reports/${created.id}/correct`, {
        version: saved.json.version,
        reason: '附表数字更正',
        acknowledgement: '已核对',
      })
      expect(corrected.status).toBe(200)
      const after = await text(other, path)
      expect(after.tag).not.toBe(warm.tag)
      expect(after.body).toContain('附表数字更正')
      expect(after.body).toBe((await text(cold, path)).body)
    })

    it('reads a metric over every public report in three ranges, the same facts in the same order as one join', async () => {
      const filters = [
        { metric: 'applications_new', year: 2022 },
        { metric: 'applications_new', year: 2025 },
        { metric: 'disclosure_rate' },
        { metric: 'reviews', year: 2022, level: 'county' },
        { metric: 'lawsuits', year: 2023, kind: 'department' },
      ]
      for (const f of filters) {
        const facts = await listMetricFacts(suite.site.conn.db, f)
        expect(facts, JSON.stringify(f)).toEqual(await joinedFacts(suite.site.conn.db, f))
      }
      expect((await listMetricFacts(suite.site.conn.db, filters[0]!)).length).toBeGreaterThan(1)
      // A region's sums are the same read either way (by its reports, or by metric ranges as a large one is on SQLite).
      for (const [year, region] of [
        [2022, '99'],
        [2022, '9901'],
        [2020, '33'],
      ] as const) {
        const sums = await metricSums(suite.site.conn.db, year, region)
        expect(sums.reports).toBeGreaterThan(0)
        expect(await metricSums(suite.site.conn.db, year, region, 0)).toEqual(sums)
      }
    })

    it('moves a report from not yet due to missing when the Beijing date passes the deadline, with no write in between', async () => {
      let clock = new Date('2026-01-31T15:30:00Z') // 23:30 on 31 January in Beijing: the departments' deadline day
      const dated = createApp({ db: suite.site.conn.db, dialect: suite.site.conn.dialect, now: () => clock })
      const stateOf = async (path: string) => {
        const json = (await (await dated.request(path)).json()) as {
          items?: Array<{ agency: { id: string }; state: string }>
          agencies?: Array<{ agency: { id: string }; state: string }>
        }
        return (json.items ?? json.agencies)!.find((r) => r.agency.id === suite.actors.agencyA)!.state
      }
      expect(await stateOf('/api/compliance?year=2025&region=990199')).toBe('not_due')
      expect(await stateOf('/api/regions/990199/summary?year=2025')).toBe('not_due')
      clock = new Date('2026-01-31T16:10:00Z') // 00:10 on 1 February in Beijing
      expect(await stateOf('/api/compliance?year=2025&region=990199')).toBe('missing')
      expect(await stateOf('/api/regions/990199/summary?year=2025')).toBe('missing')
    })

    it('streams the year’s CSV and JSONL from the stored cells, byte for byte what the documents give, and the migration fills them', async () => {
      const files = ['2020.csv', '2022.csv', '2023.jsonl', '2025.csv', '2025.jsonl']
      const download = async () => {
        const out = new Map<string, Uint8Array>()
        for (const f of files) {
          const res = await other.request(`/api/data/${f}`)
          expect(res.status).toBe(200)
          out.set(f, new Uint8Array(await res.arrayBuffer()))
        }
        return out
      }
      const stored = await download()
      const rows = await suite.site.conn.db.selectFrom('report_cells').select(['report_id', 'revision']).execute()
      const published = await suite.site.conn.db
        .selectFrom('report')
        .select(['id', 'current_revision'])
        .where('status', '=', 'published')
        .execute()
      expect(rows.length).toBe(published.length)
      for (const r of published) expect(Number(rows.find((x) => x.report_id === r.id)?.revision)).toBe(Number(r.current_revision))
      expect(new TextDecoder('utf-8', { ignoreBOM: true }).decode(stored.get('2022.csv')!.slice(0, 40))).toMatch(
        /^\uFEFFagency,code,region/,
      )

      // Without the stored cells the route reads each document, as it did before them.
      await suite.site.conn.db.deleteFrom('report_cells').execute()
      const fromDocuments = await download()
      for (const f of files) expect(Buffer.from(stored.get(f)!).equals(Buffer.from(fromDocuments.get(f)!)), f).toBe(true)

      // The migration fills them again for every public report, from its current revision.
      await fillReportCells(suite.site.conn.db)
      expect((await suite.site.conn.db.selectFrom('report_cells').select('report_id').execute()).length).toBe(published.length)
      const refilled = await download()
      for (const f of files) expect(Buffer.from(refilled.get(f)!).equals(Buffer.from(fromDocuments.get(f)!)), f).toBe(true)
    })
  })
}
