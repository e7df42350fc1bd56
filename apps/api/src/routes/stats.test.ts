import { computeMetrics, sampleReports, type ReportDocument } from '@gongkai/schema'
import type { Kysely } from 'kysely'
import { describe, expect, it } from 'vitest'
import { migrateToLatest } from '../db/migrator.ts'
import { filledDraft } from '../test/actors.ts'
import { forEachDialect, suiteSite } from '../test/harness.ts'

// Across reports: the metric catalogue, stats, comparisons, and the fact table behind them kept
// in step with publish, correct and withdraw.

const samples = sampleReports()
const sample = (code: string, year: number) => samples.find((s) => s.agency.code === code && s.document.year === year)!.document
const metric = (doc: ReportDocument, id: string) => computeMetrics(doc)[id]!.value

forEachDialect('stats API', (dialect) => {
  const suite = suiteSite(dialect)
  const { get, as: req } = suite
  const idOf = async (code: string, year: number) => {
    const res = await get(`/api/reports?agency=${code}&year=${year}`)
    return res.json.items[0].id as string
  }

  describe('GET /api/metrics', () => {
    it('publishes the catalogue with its cells in both templates and an ETag', async () => {
      const res = await get('/api/metrics')
      expect(res.status).toBe(200)
      const rate = res.json.items.find((m: { id: string }) => m.id === 'disclosure_rate')
      expect(rate).toMatchObject({
        zh: '予以公开率',
        unit: '%',
        kind: 'ratio',
        ratio: { numerator: ['disclosed', 'partial'], denominator: ['applications_handled'] },
      })
      const other = res.json.items.find((m: { id: string }) => m.id === 'other_handling')
      expect(other.mapping).toBe('merged')
      expect(other.cells['2019']).toHaveLength(1)
      expect(other.cells['2021']).toHaveLength(3)
      const tag = res.headers.get('etag')!
      expect(tag).toBeTruthy()
      const again = await suite.site.app.request('/api/metrics', { headers: { 'If-None-Match': tag } })
      expect(again.status).toBe(304)
    })

    it('gives only the names for a metric picker with fields=names, and refuses another value naming it', async () => {
      const full = await get('/api/metrics')
      const names = await get('/api/metrics?fields=names')
      expect(names.status).toBe(200)
      expect(names.json.items).toHaveLength(full.json.items.length)
      expect(names.json.items.find((m: { id: string }) => m.id === 'disclosure_rate')).toEqual({
        id: 'disclosure_rate',
        zh: '予以公开率',
        en: full.json.items.find((m: { id: string }) => m.id === 'disclosure_rate').en,
        unit: '%',
        group: full.json.items.find((m: { id: string }) => m.id === 'disclosure_rate').group,
      })
      expect(names.text.length).toBeLessThan(full.text.length / 3)
      expect(names.headers.get('etag')).not.toBe(full.headers.get('etag'))
      const bad = await get('/api/metrics?fields=cells')
      expect(bad.status).toBe(400)
      expect(bad.json.error.code).toBe('VALIDATION_FAILED')
      expect(bad.json.error.details[0].path).toBe('query.fields')
    })
  })

  describe('GET /api/stats', () => {
    it('ranks agencies by a metric for a year, with the total, the reports counted and the agencies missing', async () => {
      const res = await get('/api/stats?metric=applications_new&year=2022&region=99')
      expect(res.status).toBe(200)
      const codes = ['demo-990000', 'demo-990100', 'demo-990100-amr', 'demo-990102', 'demo-990102-001']
      const expected = codes.map((c) => metric(sample(c, 2022), 'applications_new')!)
      expect(res.json.total).toEqual({ value: expected.reduce((a, b) => a + b, 0), reports: 5 })
      expect(res.json.reports).toEqual({ total: 5, included: 5, excluded: 0 })
      const values = res.json.groups.map((g: { value: number }) => g.value)
      expect(values).toEqual([...expected].sort((a, b) => b - a))
      expect(res.json.groups[0].rank).toBe(1)
      expect(res.json.groups.every((g: { reportId: string }) => typeof g.reportId === 'string')).toBe(true)
      // A page of the ranking; the total still covers every report.
      const page = await get('/api/stats?metric=applications_new&year=2022&region=99&limit=2&offset=1')
      expect(page.json.groups.map((g: { value: number }) => g.value)).toEqual(values.slice(1, 3))
      expect(page.json).toMatchObject({ groupCount: 5, total: res.json.total, missingCount: 2, nextOffset: 3 })
      // The last page says there is no next one; so does the whole ranking on one page.
      const last = await get('/api/stats?metric=applications_new&year=2022&region=99&limit=2&offset=3')
      expect(last.json.groups.map((g: { value: number }) => g.value)).toEqual(values.slice(3, 5))
      expect(last.json.nextOffset).toBeNull()
      expect(res.json.nextOffset).toBeNull()
      // The test agencies (region 9901xx) have no 2022 report.
      expect(res.json.missing.map((a: { name: string }) => a.name).sort()).toEqual(['测试乙局', '测试甲局'])
    })

    it('totals a share as Σ numerators ÷ Σ denominators, not the mean of the shares', async () => {
      const res = await get('/api/stats?metric=disclosure_rate&year=2022&region=99&group_by=level')
      expect(res.status).toBe(200)
      const docs = ['demo-990000', 'demo-990100', 'demo-990100-amr', 'demo-990102', 'demo-990102-001'].map((c) => sample(c, 2022))
      const num = docs.reduce((s, d) => s + metric(d, 'disclosed')! + metric(d, 'partial')!, 0)
      const den = docs.reduce((s, d) => s + metric(d, 'applications_handled')!, 0)
      expect(res.json.total.value).toBeCloseTo((num / den) * 100, 3)
      expect(res.json.groups.map((g: { key: string }) => g.key).sort()).toEqual(['city', 'county', 'province', 'township'])
      expect(res.json.groups.find((g: { key: string }) => g.key === 'city').label).toEqual({ zh: '市级', en: 'City' })
    })

    it('counts a report whose figure is unknown as excluded with its reason, never as 0', async () => {
      // The real seed report lost its tables in the scrape.
      const res = await get('/api/stats?metric=reviews&year=2020&region=3301')
      expect(res.json.total).toEqual({ value: null, reports: 0 })
      expect(res.json.reports).toEqual({ total: 1, included: 0, excluded: 1 })
      expect(res.json.excluded[0]).toMatchObject({ reason: 'not_reported', agency: { code: '330100-spb' } })
      expect(res.json.groups[0]).toMatchObject({ value: null, rank: null, excluded: { not_reported: 1 } })
      // The city government has no 2020 report.
      expect(res.json.missing.map((a: { code: string }) => a.code)).toEqual(['330100'])
    })

    it('groups by year, and says when the years mix definitions that differ', async () => {
      const res = await get('/api/stats?metric=normative_stock&region=990000&group_by=year')
      expect(res.json.groups.map((g: { key: string }) => g.key).sort()).toEqual(['2019', '2020', '2021', '2022', '2023'])
      expect(res.json.comparable).toBe(false)
      expect(res.json.missing).toBeNull()
      const same = await get('/api/stats?metric=applications_new&region=990000&group_by=year')
      expect(same.json.comparable).toBe(true)
    })

    it('refuses bad parameters with 400, a stable code and a message naming the parameter', async () => {
      for (const [query, field] of [
        ['metric=nope', 'query.metric'],
        ['', 'query.metric'],
        ['metric=reviews&year=20x2', 'query.year'],
        ['metric=reviews&region=33ab', 'query.region'],
        ['metric=reviews&level=village', 'query.level'],
        ['metric=reviews&kind=bureau', 'query.kind'],
        ['metric=reviews&group_by=colour', 'query.group_by'],
        ['metric=reviews&limit=0', 'query.limit'],
        ['metric=reviews&offset=-1', 'query.offset'],
      ] as const) {
        const res = await get(`/api/stats?${query}`)
        expect({ query, status: res.status, code: res.json.error.code }).toEqual({ query, status: 400, code: 'VALIDATION_FAILED' })
        expect(res.json.error.details[0].path).toBe(field)
        expect(res.json.error.details[0].message).toContain(field)
        expect(res.json.error.details[0].message_en).toContain(field)
      }
    })
  })

  it('filters the report list by kind of agency, for the home page filters', async () => {
    const res = await get('/api/reports?year=2022&region=99&kind=department')
    expect(res.json.items.map((r: { agency: { code: string } }) => r.agency.code)).toEqual(['demo-990100-amr'])
    const bad = await get('/api/reports?kind=bureau')
    expect(bad.status).toBe(400)
    expect(bad.json.error.details[0].path).toBe('query.kind')
  })

  describe('GET /api/compare', () => {
    it('sets reports of both templates side by side, key metrics and tables aligned, differences marked', async () => {
      const a = await idOf('demo-990100-amr', 2020)
      const b = await idOf('demo-990100-amr', 2021)
      const c = await idOf('demo-990100', 2021)
      const res = await get(`/api/compare?reports=${a},${b},${c}`)
      expect(res.status).toBe(200)
      expect(res.json.reports.map((r: { template: string }) => r.template)).toEqual(['2019', '2021', '2021'])
      const newApps = res.json.metrics.find((m: { id: string }) => m.id === 'applications_new')
      expect(newApps.values.map((v: { value: number }) => v.value)).toEqual([
        metric(sample('demo-990100-amr', 2020), 'applications_new'),
        metric(sample('demo-990100-amr', 2021), 'applications_new'),
        metric(sample('demo-990100', 2021), 'applications_new'),
      ])
      expect(newApps).toMatchObject({ comparable: true, differs: true })
      expect(res.json.metrics.find((m: { id: string }) => m.id === 'normative_stock')).toMatchObject({ comparable: false, differs: null })
      expect(res.json.metrics.find((m: { id: string }) => m.id === 'fee_amount').values[0]).toEqual({
        value: null,
        reason: 'not_in_template',
      })
      const other = res.json.tables['三'].find((l: { key: string }) => l.key === 'other|total')
      expect(other.mapping).toBe('merged')
      expect(other.values[1].state).toBe('sum')
    })

    it('refuses fewer than 2 or more than 6 reports, and unknown ones, naming the parameter', async () => {
      const one = await get('/api/compare?reports=x')
      expect(one.status).toBe(400)
      expect(one.json.error.details[0].path).toBe('query.reports')
      const seven = await get(`/api/compare?reports=${'a,b,c,d,e,f,g'}`)
      expect(seven.status).toBe(400)
      const none = await get('/api/compare')
      expect(none.status).toBe(400)
      expect(none.json.error.details[0].path).toBe('query.reports')
      const unknown = await get(`/api/compare?reports=${await idOf('demo-990000', 2021)},no-such-report`)
      expect(unknown.status).toBe(404)
      expect(unknown.json.error).toMatchObject({ code: 'REPORT_NOT_FOUND', details: [{ path: 'query.reports' }] })
      expect(unknown.json.error.details[0].message).toContain('no-such-report')
    })
  })

  describe('the fact table', () => {
    const factsOf = (id: string) =>
      suite.site.conn.db.selectFrom('report_metric').select(['metric', 'value', 'reason']).where('report_id', '=', id).execute()

    it('follows publish, correct and withdraw in the same write', async () => {
      const { id, version, document } = await filledDraft(suite.site, suite.actors.editorA, {
        agencyId: suite.actors.agencyA,
        year: 2024,
        seed: 7,
        scale: 2,
      })
      // A draft is not public: no facts.
      expect(await factsOf(id)).toEqual([])
      const pub = await req(suite.actors.publisherA)('POST', `/api/admin/reports/${id}/publish`, { version, acknowledgement: '已核对' })
      expect(pub.status).toBe(200)
      const facts = await factsOf(id)
      expect(facts.find((f) => f.metric === 'applications_new')!.value).toBe(metric(document, 'applications_new'))
      const before = await get(`/api/stats?metric=applications_new&year=2024&region=990199`)
      expect(before.json.total.value).toBe(metric(document, 'applications_new'))

      // A correction that blanks a cell: the figure becomes unknown, with its reason.
      const draft = await req(suite.actors.editorA)('GET', `/api/admin/reports/${id}`)
      const corrected = structuredClone(draft.json.draft.document) as ReportDocument
      const t4 = corrected.tables['四'].cells
      const n = (k: string) => (t4[k]?.state === 'value' ? t4[k].value : 0)
      // The cases move to 结果维持, so the table still adds up, and 结果纠正 is left blank.
      t4['main|rv_upheld'] = {
        state: 'value',
        value: n('main|rv_upheld') + n('main|rv_corrected'),
        raw: String(n('main|rv_upheld') + n('main|rv_corrected')),
      }
      t4['main|rv_corrected'] = { state: 'blank' }
      const saved = await req(suite.actors.editorA)('PUT', `/api/admin/reports/${id}/draft`, {
        version: draft.json.draft.version,
        document: corrected,
      })
      expect(saved.status).toBe(200)
      const corr = await req(suite.actors.publisherA)('POST', `/api/admin/reports/${id}/correct`, {
        version: saved.json.version,
        reason: '复议纠正数据待核实',
        acknowledgement: '已核对',
      })
      expect(corr.status).toBe(200)
      const after = await factsOf(id)
      expect(after.find((f) => f.metric === 'reviews_corrected')).toMatchObject({ value: null, reason: 'blank' })
      expect(after.find((f) => f.metric === 'review_correction_rate')).toMatchObject({ value: null, reason: 'blank' })

      const withdrawn = await req(suite.actors.publisherA)('POST', `/api/admin/reports/${id}/withdraw`, { reason: '误发' })
      expect(withdrawn.status).toBe(200)
      expect(await factsOf(id)).toEqual([])
      const gone = await get(`/api/stats?metric=applications_new&year=2024&region=990199`)
      expect(gone.json.reports.total).toBe(0)
      expect(gone.json.missing.map((a: { name: string }) => a.name)).toEqual(['测试甲局'])
    })

    it('is filled by its migration for every public report already there', async () => {
      const db = suite.site.conn.db
      const before = await db.selectFrom('report_metric').selectAll().orderBy('report_id').orderBy('metric').execute()
      // Back to a database from before the fact table, with its reports, then migrate.
      await db.schema.dropIndex('report_agency_year_status_idx').execute()
      await db.schema.dropTable('report_metric').execute()
      // Later migrations are forgotten too (they run again: each is safe to repeat), or the
      // migrator would refuse a gap in its history.
      await (db as unknown as Kysely<any>)
        .deleteFrom('kysely_migration')
        .where('name', '>=', '2026_11_30_1000_create_report_metrics')
        .execute()
      expect((await migrateToLatest(db))[0]).toBe('2026_11_30_1000_create_report_metrics')
      const after = await db.selectFrom('report_metric').selectAll().orderBy('report_id').orderBy('metric').execute()
      expect(after).toEqual(before)
      const n = await suite.site.conn.db
        .selectFrom('report')
        .select((eb) => eb.fn.countAll<string | number>().as('n'))
        .where('status', '=', 'published')
        .executeTakeFirstOrThrow()
      const m = await suite.site.conn.db
        .selectFrom('report_metric')
        .select((eb) => eb.fn.count<string | number>('report_id').distinct().as('n'))
        .executeTakeFirstOrThrow()
      expect(Number(m.n)).toBe(Number(n.n))
    })
  })
})
