import { beforeAll, describe, expect, it } from 'vitest'
import { seededRandom } from '@gongkai/schema'
import { insertSearchRows } from '../db/search-index.ts'
import { DIALECTS, suiteSite, type TestSite } from '../test/harness.ts'

// The public list at scale: keyset pages by an opaque cursor, a capped offset for old links,
// and a count that stops at 10,000.

interface Page {
  items: Array<{ id: string; year: number; agency: { name: string }; publishedAt: string }>
  total: number
  totalIsLowerBound: boolean
  nextCursor: string | null
}

const AGENCIES = 1_060
const YEARS = [2014, 2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023]
// Few names and few dates, so that many rows tie on the sort keys and only the id tells them apart.
const NAMES = ['甲市人民政府', '乙县教育局', '丙区财政局', '丁镇人民政府', '戊市生态环境局']
const DATES = ['2024-01-20T02:00:00.000Z', '2024-03-20T02:00:00.000Z', '2025-01-20T02:00:00.000Z']

/** About 10,300 public reports (and a few drafts and withdrawals), written in bulk. */
async function loadMany(site: TestSite) {
  const db = site.conn.db
  const at = '2026-01-01T00:00:00.000Z'
  const rnd = seededRandom(15)
  await db.transaction().execute(async (trx) => {
    for (let start = 0; start < AGENCIES; start += 50) {
      const agencies = []
      const reports = []
      const revisions = []
      const search = []
      for (let a = start; a < Math.min(AGENCIES, start + 50); a++) {
        const name = NAMES[a % NAMES.length]!
        agencies.push({
          id: `la-${a}`,
          name,
          code: `list-${a}`,
          level: 'county' as const,
          kind: 'department' as const,
          region_code: `98${String(a % 100).padStart(2, '0')}`,
          parent_id: null,
          created_at: at,
        })
        for (const year of YEARS) {
          // About one in forty is a draft that was never published: never listed.
          const draft = rnd() < 0.025
          const withdrawn = !draft && rnd() < 0.02
          const id = `lr-${String(Math.floor(rnd() * 1e9)).padStart(9, '0')}-${a}-${year}`
          reports.push({
            id,
            agency_id: `la-${a}`,
            agency_name: name,
            year,
            template: year >= 2021 ? ('2021' as const) : ('2019' as const),
            title: `${name}${year}年政府信息公开工作年度报告`,
            status: draft ? ('draft' as const) : withdrawn ? ('withdrawn' as const) : ('published' as const),
            current_revision: draft ? null : 1,
            draft_document: null,
            draft_version: 2,
            withdrawn_reason: withdrawn ? '测试' : null,
            created_at: at,
            updated_at: at,
          })
          if (!draft) {
            revisions.push({
              id: `rev-${id}`,
              report_id: id,
              number: 1,
              kind: 'first' as const,
              note: 't',
              author_id: null,
              published_at: DATES[(a + year) % DATES.length]!,
              document: '{}',
              sha256: '0'.repeat(64),
              acknowledgement: null,
            })
            if (!withdrawn) search.push({ report_id: id, body: `${name}\n${year}年推进${a % 7 === 0 ? '应急管理' : '政务公开'}工作` })
          }
        }
      }
      await trx.insertInto('agency').values(agencies).execute()
      await trx.insertInto('report').values(reports).execute()
      await trx.insertInto('revision').values(revisions).execute()
      await insertSearchRows(trx, search)
    }
  })
}

for (const dialect of DIALECTS.filter((d) => d.name !== 'd1')) {
  describe.skipIf(dialect.skip !== null)(`the public report list at scale on ${dialect.name}`, () => {
    const suite = suiteSite(dialect, { actors: false })
    beforeAll(async () => {
      await loadMany(suite.site)
    }, 120_000)

    async function get(path: string): Promise<Page> {
      const res = await suite.site.app.request(path)
      expect(res.status, await res.clone().text()).toBe(200)
      return (await res.json()) as Page
    }

    /** Every page from the first, following nextCursor. */
    async function walk(query: string): Promise<string[]> {
      const ids: string[] = []
      let cursor: string | null = null
      for (let pages = 0; pages < 1_000; pages++) {
        const page = await get(`/api/reports?${query}${cursor ? `&cursor=${cursor}` : ''}`)
        ids.push(...page.items.map((r) => r.id))
        cursor = page.nextCursor
        if (!cursor) return ids
      }
      throw new Error('the cursor never ended')
    }

    /** The public reports in the list's order, straight from the database. */
    async function expected(sort: 'year' | 'recent', where: { year?: number } = {}): Promise<string[]> {
      let q = suite.site.conn.db
        .selectFrom('report')
        .innerJoin('agency', 'agency.id', 'report.agency_id')
        .innerJoin('revision as cur', (j) => j.onRef('cur.report_id', '=', 'report.id').onRef('cur.number', '=', 'report.current_revision'))
        .select('report.id')
        .where('report.current_revision', 'is not', null)
      if (where.year) q = q.where('report.year', '=', where.year)
      const rows = await (
        sort === 'recent'
          ? q.orderBy('cur.published_at', 'desc').orderBy('report.id')
          : q.orderBy('report.year', 'desc').orderBy('agency.name').orderBy('report.id')
      ).execute()
      return rows.map((r) => r.id)
    }

    it('walks every public report exactly once, in order, by cursor, in both orders', async () => {
      for (const [sort, limit] of [
        ['year', 200],
        ['recent', 173],
      ] as const) {
        const want = await expected(sort)
        expect(want.length).toBeGreaterThan(10_000)
        const got = await walk(`sort=${sort}&limit=${limit}`)
        expect(new Set(got).size).toBe(got.length)
        expect(got).toEqual(want)
      }
    }, 120_000)

    it('walks filtered lists and searches with small pages, ties on every sort key included', async () => {
      const want = await expected('year', { year: 2019 })
      expect(await walk('year=2019&limit=37')).toEqual(want)
      const recent = await expected('recent', { year: 2022 })
      expect(await walk('year=2022&sort=recent&limit=11')).toEqual(recent)
      const found = await walk(`q=${encodeURIComponent('应急管理')}&year=2020&limit=3`)
      expect(found.length).toBeGreaterThan(0)
      expect(new Set(found).size).toBe(found.length)
      const oneShot = await get(`/api/reports?q=${encodeURIComponent('应急管理')}&year=2020&limit=200`)
      expect(found).toEqual(oneShot.items.map((r) => r.id))
      expect(oneShot.total).toBe(found.length)
      expect(oneShot.totalIsLowerBound).toBe(false)
    }, 120_000)

    it('finds 2- and 4-character Chinese words exactly as LIKE finds them (2 characters through the bigram index)', async () => {
      const op = dialect.name === 'postgres' ? 'ilike' : 'like'
      for (const word of ['应急', '急管', '财政', '政务', '23', '应急管理', '政务公开', '019年']) {
        const like = await suite.site.conn.db.selectFrom('report_search').select('report_id').where('body', op, `%${word}%`).execute()
        const want = like.map((r) => r.report_id).sort()
        expect(want.length, word).toBeGreaterThan(0)
        const got = await walk(`q=${encodeURIComponent(word)}&limit=200`)
        expect(new Set(got).size, word).toBe(got.length)
        expect([...got].sort(), word).toEqual(want)
        const first = await get(`/api/reports?q=${encodeURIComponent(word)}&limit=1`)
        expect(first.total, word).toBe(Math.min(want.length, 10_000))
      }
    }, 120_000)

    it('counts exactly up to 10,000 and then says "at least 10,000"', async () => {
      const all = await get('/api/reports?limit=1')
      expect(all).toMatchObject({ total: 10_000, totalIsLowerBound: true })
      const oneYear = await get('/api/reports?year=2021&limit=1')
      expect(oneYear.totalIsLowerBound).toBe(false)
      expect(oneYear.total).toBe((await expected('year', { year: 2021 })).length)
    })

    it('still takes an offset of up to 1,000 for old links, and refuses a deeper one naming the parameter', async () => {
      const want = await expected('year')
      const page = await get('/api/reports?offset=1000&limit=5')
      expect(page.items.map((r) => r.id)).toEqual(want.slice(1000, 1005))
      // An old link moves on by cursor from where it landed.
      const next = await get(`/api/reports?limit=5&cursor=${page.nextCursor}`)
      expect(next.items.map((r) => r.id)).toEqual(want.slice(1005, 1010))
      const deep = await suite.site.app.request('/api/reports?offset=1001')
      expect(deep.status).toBe(400)
      const body = (await deep.json()) as { error: { code: string; details: Array<{ path: string; message: string; message_en: string }> } }
      expect(body.error.code).toBe('VALIDATION_FAILED')
      expect(body.error.details[0]).toMatchObject({ path: 'query.offset' })
      expect(body.error.details[0]!.message).toContain('cursor')
      expect(body.error.details[0]!.message_en).toContain('at most 1000')
    })

    it('refuses a cursor that is not ours, or of another order, naming the parameter', async () => {
      const first = await get('/api/reports?limit=2')
      for (const path of [
        '/api/reports?cursor=bm90LWEtY3Vyc29y',
        '/api/reports?cursor=%E4%B8%AD',
        `/api/reports?sort=recent&cursor=${first.nextCursor}`,
        `/api/reports?offset=3&cursor=${first.nextCursor}`,
      ]) {
        const res = await suite.site.app.request(path)
        expect(res.status, path).toBe(400)
        const body = (await res.json()) as { error: { code: string; details: Array<{ path: string; message_en: string }> } }
        expect(body.error.code).toBe('VALIDATION_FAILED')
        expect(body.error.details[0]!.path).toBe('query.cursor')
      }
    })
  })
}
