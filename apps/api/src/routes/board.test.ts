import { computeMetrics, daysLate, generateTables, parseCsv, sampleReports, seededRandom, type ReportDocument } from '@gongkai/schema'
import { describe, expect, it } from 'vitest'
import { insertAgency } from '../db/agencies.ts'
import { filledDraft } from '../test/actors.ts'
import { forEachDialect, suiteSite } from '../test/harness.ts'

// The compliance board, region summaries and the year's data download.

const samples = sampleReports()
const sum = (codes: string[], year: number, metric: string) =>
  codes.reduce(
    (s, c) => s + computeMetrics(samples.find((x) => x.agency.code === c && x.document.year === year)!.document)[metric]!.value!,
    0,
  )

forEachDialect('compliance API', (dialect) => {
  const suite = suiteSite(dialect)
  const { get } = suite
  type Row = {
    agency: { name: string; code: string }
    state: string
    label: { zh: string }
    daysLate: number | null
    corrections: Array<{ reason: string }>
    withdrawnReason: string | null
    validation: { errors: number; warnings: number } | null
  }
  const rowOf = (rows: Row[], name: string) => rows.find((r) => r.agency.name === name)!

  describe('GET /api/compliance', () => {
    it('lists every agency of the registry: on time, missing past the deadline, in words', async () => {
      const res = await get('/api/compliance?year=2022&region=99')
      expect(res.status).toBe(200)
      const rows = res.json.items as Row[]
      expect(rows).toHaveLength(7)
      expect(rowOf(rows, '示例市市场监督管理局')).toMatchObject({
        state: 'on_time',
        daysLate: 0,
        label: { zh: '按时发布' },
        validation: { errors: 0 },
      })
      expect(rowOf(rows, '测试甲局')).toMatchObject({ state: 'missing', label: { zh: '逾期未发布' }, daysLate: null, validation: null })
      expect(res.json.counts).toMatchObject({ agencies: 7, on_time: 5, missing: 2, late: 0 })
      expect(res.headers.get('etag')).toBeTruthy()
    })

    it('counts the days late in Beijing time, and shows corrections with their reasons and withdrawals', async () => {
      // The seed report of 2020 is dated as published before 31 January 2021; the city government has none.
      const seed = await get('/api/compliance?year=2020&region=3301')
      expect(rowOf(seed.json.items, '杭州市行政审批服务管理办公室')).toMatchObject({ state: 'on_time', daysLate: 0 })
      expect(rowOf(seed.json.items, '杭州市人民政府')).toMatchObject({ state: 'missing', daysLate: null, label: { zh: '逾期未发布' } })

      const admin = suite.as(suite.actors.admin)
      const created = await filledDraft(suite.site, suite.actors.admin, { agencyId: suite.actors.agencyB, year: 2025, seed: 3, scale: 1 })
      const published = await admin('POST', `/api/admin/reports/${created.id}/publish`, {
        version: created.version,
        acknowledgement: '已核对',
      })
      expect(published.status).toBe(200)
      const again = await admin('GET', `/api/admin/reports/${created.id}`)
      const saved2 = await admin('PUT', `/api/admin/reports/${created.id}/draft`, {
        version: again.json.draft.version,
        document: { ...again.json.draft.document, title: '测试乙局2025年政府信息公开工作年度报告（更正）' },
      })
      const corr = await admin('POST', `/api/admin/reports/${created.id}/correct`, {
        version: saved2.json.version,
        reason: '标题有误',
        acknowledgement: '已核对',
      })
      expect(corr.status).toBe(200)

      const res = await get('/api/compliance?year=2025&region=990198')
      const row = rowOf(res.json.items, '测试乙局')
      const publishedAt = (await get(`/api/reports/${created.id}`)).json.revisions.at(-1).publishedAt as string
      const late = daysLate('department', 2025, publishedAt)
      expect(row).toMatchObject({ state: late > 0 ? 'late' : 'on_time', daysLate: late, corrections: [{ reason: '标题有误' }] })
      expect(res.json.counts.corrected).toBe(1)

      const feed = await suite.site.app.request('/api/compliance/feed.atom?year=2025&region=990198')
      expect(feed.headers.get('content-type')).toContain('application/atom+xml')
      const xml = await feed.text()
      expect(xml).toContain('测试乙局：2025年度报告更正（第 2 版）')
      expect(xml).toContain('标题有误')

      await admin('POST', `/api/admin/reports/${created.id}/withdraw`, { reason: '重复发布' })
      const after = await get('/api/compliance?year=2025&region=990198')
      expect(rowOf(after.json.items, '测试乙局')).toMatchObject({
        state: 'withdrawn',
        withdrawnReason: '重复发布',
        label: { zh: '已撤回' },
      })
    })

    it('refuses a bad year or region with 400 naming the parameter', async () => {
      for (const [q, path] of [
        ['year=abc', 'query.year'],
        ['region=hangzhou', 'query.region'],
        ['year=1990', 'query.year'],
      ]) {
        const res = await get(`/api/compliance?${q}`)
        expect(res.status).toBe(400)
        expect(res.json.error.code).toBe('VALIDATION_FAILED')
        expect(res.json.error.details[0].path).toBe(path)
      }
    })
  })

  describe('GET /api/regions/{code}/summary', () => {
    it('totals every public report in the subtree, with sub-regions and the agencies without a report', async () => {
      const res = await get('/api/regions/990000/summary?year=2022')
      expect(res.status).toBe(200)
      expect(res.json.region).toEqual({ code: '99', name: '示例省人民政府' })
      expect(res.json.reports).toBe(5)
      const codes = ['demo-990000', 'demo-990100', 'demo-990100-amr', 'demo-990102', 'demo-990102-001']
      expect(res.json.totals.find((t: { id: string }) => t.id === 'applications_new')).toMatchObject({
        value: sum(codes, 2022, 'applications_new'),
        reports: 5,
      })
      // A share over the region: Σ numerators ÷ Σ denominators of the reports whose share is known.
      const rates = codes
        .map((c) => computeMetrics(samples.find((x) => x.agency.code === c && x.document.year === 2022)!.document).disclosure_rate!)
        .filter((v) => v.value !== null)
      const rate = (rates.reduce((s, v) => s + v.numerator!, 0) / rates.reduce((s, v) => s + v.denominator!, 0)) * 100
      expect(res.json.totals.find((t: { id: string }) => t.id === 'disclosure_rate')).toMatchObject({
        value: Math.round(rate * 1e4) / 1e4,
        reports: rates.length,
        excluded: 5 - rates.length,
      })
      expect(res.json.missing.map((a: { name: string }) => a.name).sort()).toEqual(['测试乙局', '测试甲局'])
      expect(res.json.subregions.map((s: { code: string }) => s.code)).toEqual(['9901'])
      const city = await get('/api/regions/9901/summary?year=2022')
      expect(city.json.region.name).toBe('示例市人民政府')
      expect(city.json.subregions.map((s: { code: string; name: string }) => [s.code, s.name])).toEqual([
        ['990102', '示例市示例区人民政府'],
        ['990198', null],
        ['990199', null],
      ])
      expect(city.json.consolidation).toEqual([])
    })

    it("flags a government's own report that says it covers its departments and differs from their sum, and not one that agrees", async () => {
      const db = suite.site.conn.db
      const now = new Date('2026-01-20T00:00:00Z')
      const tag = crypto.randomUUID().slice(0, 8)
      const agency = (name: string, kind: 'government' | 'department', regionCode: string, parentId: string | null = null) =>
        insertAgency(
          db,
          {
            name,
            code: `${kind}-${regionCode}-${name.length}-${tag}-${Math.random().toString(36).slice(2, 6)}`,
            level: 'county',
            kind,
            regionCode,
            parentId,
          },
          now,
        )
      // Three counties of one test province (97): each government has departments with their own reports.
      const differs = await agency('测试丙县人民政府', 'government', '970101')
      const differsA = await agency('测试丙县教育局', 'department', '970101', differs)
      const differsB = await agency('测试丙县卫生健康局', 'department', '970101', differs)
      const agrees = await agency('测试丁县人民政府', 'government', '970102')
      const agreesA = await agency('测试丁县教育局', 'department', '970102', agrees)
      const silent = await agency('测试戊县人民政府', 'government', '970103')
      const silentA = await agency('测试戊县教育局', 'department', '970103', silent)

      const admin = suite.as(suite.actors.admin)
      const COVERS = '本报告数据汇总了县政府及所属各部门的政府信息公开工作情况。'
      const publish = async (agencyId: string, tables: ReportDocument['tables'], preamble?: string) => {
        const created = await admin('POST', '/api/admin/reports', { agencyId, year: 2024 })
        expect(created.status).toBe(201)
        const document = { ...(created.json.document as ReportDocument), tables, period: { start: '2024-01-01', end: '2024-12-31' } }
        if (preamble) document.preamble = [{ type: 'paragraph', text: preamble }]
        const saved = await admin('PUT', `/api/admin/reports/${created.json.id}/draft`, { version: created.json.version, document })
        expect(saved.status).toBe(200)
        const published = await admin('POST', `/api/admin/reports/${created.json.id}/publish`, {
          version: saved.json.version,
          acknowledgement: '已核对',
        })
        expect(published.status).toBe(200)
        return document
      }
      const one = generateTables('2021', seededRandom(41), { scale: 1 }).tables
      const two = generateTables('2021', seededRandom(42), { scale: 1 }).tables
      const own = (tables: ReportDocument['tables']) =>
        computeMetrics({ ...samples[0]!.document, template: '2021', tables }).applications_new!.value!
      expect(own(two)).toBeGreaterThan(0)
      // 丙: the government's report says it covers its departments but gives only one department's figures.
      await publish(differsA, one)
      await publish(differsB, two)
      await publish(differs, one, COVERS)
      // 丁: the government's report covers its only department, and its figures are that department's.
      await publish(agreesA, one)
      await publish(agrees, one, COVERS)
      // 戊: figures that differ, but the report does not say it covers its departments: not held against them.
      await publish(silentA, one)
      await publish(silent, two)

      const res = await get('/api/regions/97/summary?year=2024')
      expect(res.status).toBe(200)
      type Figure = { id: string; government: number | null; departments: number | null; differs: boolean | null }
      type Check = { government: { name: string }; departments: Array<{ agency: { name: string } }>; figures: Figure[] }
      const checks = res.json.consolidation as Check[]
      expect(checks.map((c) => c.government.name).sort()).toEqual(['测试丁县人民政府', '测试丙县人民政府'])

      const bing = checks.find((c) => c.government.name === '测试丙县人民政府')!
      expect(bing.departments.map((d) => d.agency.name).sort()).toEqual(['测试丙县卫生健康局', '测试丙县教育局'])
      expect(bing.figures.find((f) => f.id === 'applications_new')).toEqual({
        id: 'applications_new',
        zh: expect.any(String),
        en: expect.any(String),
        government: own(one),
        departments: own(one) + own(two),
        differs: true,
      })

      const ding = checks.find((c) => c.government.name === '测试丁县人民政府')!
      expect(ding.figures.find((f) => f.id === 'applications_new')).toMatchObject({
        government: own(one),
        departments: own(one),
        differs: false,
      })
      expect(ding.figures.some((f) => f.differs === true)).toBe(false)

      // Each county on its own: the check is there only where the report claims the coverage.
      expect((await get('/api/regions/970102/summary?year=2024')).json.consolidation).toHaveLength(1)
      expect((await get('/api/regions/970103/summary?year=2024')).json.consolidation).toEqual([])
    })

    it('says 404 for a region with no agency, and 400 for a code that is not one', async () => {
      expect((await get('/api/regions/123456/summary?year=2022')).status).toBe(404)
      const bad = await get('/api/regions/abc/summary')
      expect(bad.status).toBe(400)
      expect(bad.json.error.details[0].path).toBe('param.code')
    })
  })

  describe('GET /api/data/{year}.csv and .jsonl', () => {
    it('streams every published report of the year as one long table with a BOM, and revalidates', async () => {
      const res = await suite.site.app.request('/api/data/2022.csv')
      expect(res.status).toBe(200)
      expect(res.headers.get('content-type')).toContain('text/csv')
      const bytes = new Uint8Array(await res.arrayBuffer())
      // A BOM, so Excel and WPS open the Chinese text correctly.
      expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
      const rows = parseCsv(new TextDecoder().decode(bytes))
      expect(rows[0]).toEqual([
        'agency',
        'code',
        'region',
        'level',
        'kind',
        'year',
        'template',
        'revision',
        'table',
        'row',
        'column',
        'state',
        'value',
      ])
      const natural = rows.find(
        (r) =>
          r[1] === 'demo-990100-amr' && r[8] === '三' && r[9] === '一、本年新收政府信息公开申请数量' && r[10] === '申请人情况 > 自然人',
      )!
      const doc = samples.find((s) => s.agency.code === 'demo-990100-amr' && s.document.year === 2022)!.document
      const cell = doc.tables['三'].cells['new|natural']!
      expect(natural.slice(5, 8)).toEqual(['2022', '2021', '1'])
      expect(natural[11]).toBe('value')
      expect(Number(natural[12])).toBe(cell.state === 'value' ? cell.value : NaN)
      expect(new Set(rows.slice(1).map((r) => r[1]))).toEqual(
        new Set(['demo-990000', 'demo-990100', 'demo-990100-amr', 'demo-990102', 'demo-990102-001']),
      )

      const again = await suite.site.app.request('/api/data/2022.csv', { headers: { 'If-None-Match': res.headers.get('etag')! } })
      expect(again.status).toBe(304)

      const jsonl = await (await suite.site.app.request('/api/data/2020.jsonl')).text()
      const records = jsonl
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l))
      // The seed report's lost tables are "not reported", never 0.
      const seed = records.filter((r) => r.code === '330100-spb' && r.table === '三')
      expect(seed.length).toBeGreaterThan(0)
      expect(seed.every((r) => r.state === 'not_reported' && r.value === null)).toBe(true)
    })

    it('refuses a file name that is not YEAR.csv or YEAR.jsonl', async () => {
      const res = await get('/api/data/2022.xlsx')
      expect(res.status).toBe(400)
      expect(res.json.error.details[0].path).toBe('param.file')
    })
  })
})
