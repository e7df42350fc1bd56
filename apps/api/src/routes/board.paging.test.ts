// Beside board.ts: the board and region summaries page their agencies, and count, total and list
// sub-regions without reading every agency's rows (db/compliance.ts, compliance-tally.ts, metric-tally.ts). Each
// page, count and total is checked against the computation they replace, over generated data.
import {
  METRICS,
  coversDepartments,
  generateTables,
  metricDef,
  parseReportDocument,
  seededRandom,
  templateForYear,
  type ReportDocument,
} from '@gongkai/schema'
import { beforeAll, describe, expect, it } from 'vitest'
import { complianceCounts, complianceRow, type ComplianceRow } from '../compliance.ts'
import { insertAgency } from '../db/agencies.ts'
import { agenciesWithReports, validationCountsOf } from '../db/compliance.ts'
import type { Db } from '../db/database.ts'
import { createDraftReport, insertPublishedReport, publishDraft, withdrawReport } from '../db/drafts.ts'
import { metricSums, metricsOfReports, regionNames } from '../db/metrics.ts'
import { refillTally } from '../db/metric-tally.ts'
import { refillComplianceTally } from '../db/compliance-tally.ts'
import { revisionDocument } from '../db/revisions.ts'
import { WriteBatch, commit, transactionRunner } from '../db/write-batch.ts'
import { totalOfSums } from '../stats.ts'
import { DIALECTS, suiteSite } from '../test/harness.ts'
import { regionPrefix } from './board.ts'

const LEVEL_LENGTHS = [2, 4, 6, 9, 12]
const CONSOLIDATED = ['applications_new', 'applications_handled', 'reviews', 'lawsuits']

/** The board's rows of every agency, as the route built them before it paged. */
async function fullBoard(db: Db, year: number, region: string | undefined, at: Date): Promise<ComplianceRow[]> {
  const [rows, counts] = await Promise.all([agenciesWithReports(db, { year, region }), validationCountsOf(db, { year, region })])
  return rows.map((a) => complianceRow(a, year, at, a.report?.status === 'published' ? (counts.get(a.report.id) ?? null) : null))
}

/** The region summary as the route computed it before: every agency's row, the sums from the facts. */
async function fullSummary(db: Db, code: string, year: number, at: Date) {
  const [{ reports, sums }, rows, names] = await Promise.all([
    metricSums(db, year, code),
    fullBoard(db, year, code, at),
    regionNames(db, code),
  ])
  const totals = METRICS.map((m) => {
    const s = sums.get(m.id)
    return { id: m.id, zh: m.zh, en: m.en, unit: m.unit, ...totalOfSums(m, s), excluded: s?.unknown ?? 0 }
  })
  const subs = new Map<string, ComplianceRow[]>()
  for (const r of rows) {
    const rc = r.agency.regionCode ? regionPrefix(r.agency.regionCode) : null
    if (!rc || rc.length <= code.length) continue
    const sub = rc.slice(0, LEVEL_LENGTHS.find((n) => n > code.length) ?? rc.length)
    let members = subs.get(sub)
    if (!members) subs.set(sub, (members = []))
    members.push(r)
  }
  const nameOf = (prefix: string) => names.get(prefix.length < 6 ? prefix.padEnd(6, '0') : prefix) ?? names.get(prefix) ?? null
  const consolidation = []
  for (const gov of rows) {
    if (gov.agency.kind !== 'government' || !gov.reportId || gov.state === 'withdrawn') continue
    const departments = rows.filter(
      (r) => r.agency.parentId === gov.agency.id && r.agency.kind === 'department' && r.reportId && r.state !== 'withdrawn',
    )
    if (departments.length === 0) continue
    const head = await db.selectFrom('report').select('current_revision').where('id', '=', gov.reportId).executeTakeFirstOrThrow()
    const doc = await revisionDocument(db, gov.reportId, Number(head.current_revision))
    if (!doc || !coversDepartments(doc)) continue
    const facts = await metricsOfReports(db, [gov.reportId, ...departments.map((d) => d.reportId!)])
    const value = (id: string, metric: string) => facts.get(id)?.get(metric)?.value ?? null
    consolidation.push({
      government: gov.agency,
      reportId: gov.reportId,
      departments: departments.map((d) => ({ agency: d.agency, reportId: d.reportId })),
      figures: CONSOLIDATED.map((id) => {
        const def = metricDef(id)!
        const own = value(gov.reportId!, id)
        const parts = departments.map((d) => value(d.reportId!, id))
        const sum = parts.every((p): p is number => p !== null) ? parts.reduce((s, p) => s + p, 0) : null
        return { id, zh: def.zh, en: def.en, government: own, departments: sum, differs: own !== null && sum !== null ? own !== sum : null }
      }),
    })
  }
  return {
    region: { code, name: nameOf(code) },
    year,
    reports,
    totals,
    counts: complianceCounts(rows),
    missing: rows.filter((r) => r.state === 'missing' || r.state === 'not_due').map((r) => r.agency),
    agencies: rows,
    subregions: [...subs]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([rc, list]) => ({ code: rc, name: nameOf(rc), agencies: list.length, counts: complianceCounts(list) })),
    consolidation,
  }
}

function documentFor(
  name: string,
  code: string,
  region: string,
  kind: 'government' | 'department',
  year: number,
  seed: number,
): ReportDocument {
  const covers = kind === 'government' && seed % 2 === 0
  return parseReportDocument({
    agency: { name, code, level: 'county', kind, region },
    year,
    template: templateForYear(year),
    title: `${name}${year}年政府信息公开工作年度报告`,
    parts: {
      一: [{ type: 'paragraph', text: covers ? '本报告数据汇总本级政府及所属各部门。' : `${year}年，${name}推进政务公开。` }],
    },
    tables: generateTables(templateForYear(year), seededRandom(seed), { scale: 1 + (seed % 4) }).tables,
    source: { kind: 'manual', note: 'test data' },
  })
}

for (const dialect of DIALECTS.filter((d) => d.name !== 'd1')) {
  describe.skipIf(dialect.skip !== null)(`paged board and summaries, counted in the database, on ${dialect.name}`, () => {
    const suite = suiteSite(dialect)
    const now = new Date()
    // Region codes as they come, odd ones too: a province, cities, counties, townships, short and
    // trailing-zero codes, a village; governments with departments that their reports cover.
    const REGIONS = ['980000', '981200', '981234', '98123', '98100', '981', '980100', '980101', '981234567', '981234567012', '982200']
    beforeAll(async () => {
      const db = suite.site.conn.db
      const run = transactionRunner(db)
      const adminId = (await db.selectFrom('app_user').select('id').where('username', '=', 'admin').executeTakeFirstOrThrow()).id
      let seed = 1
      for (const [i, region] of REGIONS.entries()) {
        const batch = new WriteBatch(suite.site.conn.dialect)
        const gov = await insertAgency(
          batch.db,
          { name: `测试${i}区人民政府`, code: `t-gov-${i}`, level: 'county', kind: 'government', regionCode: region, parentId: null },
          now,
        )
        const depts: string[] = []
        for (let d = 0; d < 3; d++)
          depts.push(
            await insertAgency(
              batch.db,
              {
                name: `测试${i}区第${d}局`,
                code: `t-dep-${i}-${d}`,
                level: 'county',
                kind: 'department',
                regionCode: d === 2 ? `${region}9` : region,
                parentId: gov,
              },
              now,
            ),
          )
        await commit(run, batch)
        for (const [j, agencyId] of [gov, ...depts].entries()) {
          for (const year of [2022, 2023, 2026]) {
            seed++
            // Some never publish; some publish on time, some late; some are corrected, some withdrawn.
            if ((seed + j) % 5 === 0) continue
            const kind = j === 0 ? 'government' : 'department'
            const doc = documentFor(`测试${i}-${j}`, `t-${i}-${j}`, region, kind, year, seed)
            const at = new Date(Date.UTC(year + 1, seed % 2 === 0 ? 0 : 3, 10 + (seed % 15)))
            const b1 = new WriteBatch(suite.site.conn.dialect)
            const id = await insertPublishedReport(b1.db, { agencyId, document: doc, note: 'test', authorId: null, at })
            await commit(run, b1)
            if (seed % 3 === 0) {
              const b2 = new WriteBatch(suite.site.conn.dialect)
              const fixed = documentFor(`测试${i}-${j}`, `t-${i}-${j}`, region, kind, year, seed + 1000)
              await publishDraft(b2.db, {
                reportId: id,
                number: 2,
                version: 2,
                document: fixed,
                kind: 'correction',
                note: '数字更正',
                acknowledgement: null,
                authorId: adminId,
                at: new Date(at.getTime() + 86_400_000 * 40),
              })
              await commit(run, b2)
            }
            if (seed % 7 === 0) {
              const b3 = new WriteBatch(suite.site.conn.dialect)
              await withdrawReport(b3.db, id, '重复发布', new Date(at.getTime() + 86_400_000 * 50))
              await commit(run, b3)
            }
          }
        }
        // A draft never published counts as nothing published.
        const b4 = new WriteBatch(suite.site.conn.dialect)
        await createDraftReport(b4.db, { agencyId: depts[0]!, document: documentFor('草稿', 'x', region, 'department', 2024, 3), at: now })
        await commit(run, b4)
      }
    })

    const json = async (path: string) => {
      const res = await suite.site.app.request(path)
      expect(res.status, path).toBe(200)
      return (await res.json()) as Record<string, unknown> & { nextOffset: number | null }
    }
    /** Every page of a list, walked by `nextOffset`. */
    async function allPages(path: string, key: 'items' | 'agencies', limit: number) {
      const out: unknown[] = []
      const pages: Array<Record<string, unknown>> = []
      let offset: number | null = 0
      while (offset !== null) {
        const page = await json(`${path}${path.includes('?') ? '&' : '?'}limit=${limit}&offset=${offset}`)
        expect((page[key] as unknown[]).length).toBeLessThanOrEqual(limit)
        out.push(...(page[key] as unknown[]))
        pages.push(page)
        offset = page.nextOffset
      }
      return { rows: out, pages }
    }

    it('pages the board by code, with every count over the whole region, the same rows and counts as before', async () => {
      const db = suite.site.conn.db
      for (const [year, region] of [
        [2022, undefined],
        [2022, '98'],
        [2023, '9812'],
        [2026, '98'],
        [2022, '99'],
        [2025, '9901'],
        [2022, '981234567'],
      ] as const) {
        const path = `/api/compliance?year=${year}${region ? `&region=${region}` : ''}`
        const old = await fullBoard(db, year, region, now)
        const { rows, pages } = await allPages(path, 'items', 7)
        expect(rows, path).toEqual(JSON.parse(JSON.stringify(old)))
        for (const p of pages) expect(p.counts, path).toEqual(complianceCounts(old))
        // The default page is a hundred agencies.
        const first = await json(path)
        expect(first.items).toEqual(rows.slice(0, 100))
        expect(first.limit).toBe(100)
        expect(first.nextOffset).toBe(old.length > 100 ? 100 : null)
      }
      const all = await json('/api/compliance?year=2022&limit=10')
      expect((all.counts as { agencies: number }).agencies).toBeGreaterThan(40)
      expect(all.items).toHaveLength(10)
      expect(all.nextOffset).toBe(10)
    })

    it('pages a region summary and gives the same totals, counts, sub-regions, consolidation and missing list as before', async () => {
      const db = suite.site.conn.db
      for (const [year, code] of [
        [2022, '980000'],
        [2023, '98'],
        [2026, '9812'],
        [2022, '981234'],
        [2022, '98123'],
        [2022, '981'],
        [2023, '981234567'],
        [2022, '990000'],
        [2025, '990100'],
        [2020, '33'],
      ] as const) {
        const prefix = regionPrefix(code)
        const old = await fullSummary(db, prefix, year, now)
        const path = `/api/regions/${code}/summary?year=${year}`
        const { rows, pages } = await allPages(path, 'agencies', 9)
        expect(rows, path).toEqual(JSON.parse(JSON.stringify(old.agencies)))
        const { agencies: _all, missing: oldMissing, ...rest } = old
        for (const p of pages) {
          const { agencies: _page, missing, missingCount, limit: _l, offset: _o, nextOffset: _n, ...same } = p
          expect(same, path).toEqual(JSON.parse(JSON.stringify(rest)))
          expect(missingCount, path).toBe(oldMissing.length)
          expect(missing, path).toEqual(JSON.parse(JSON.stringify(oldMissing.slice(0, 9))))
        }
      }
      // The odd codes have sub-regions, governments covering their departments are checked.
      const province = await json('/api/regions/98/summary?year=2022&limit=500')
      expect((province.subregions as unknown[]).length).toBeGreaterThan(2)
      expect((province.consolidation as unknown[]).length).toBeGreaterThan(0)
      expect(province.nextOffset).toBeNull()
    })

    it('keeps the region tallies exact through publish, correct and withdraw, and the migration refills the same', async () => {
      const db = suite.site.conn.db
      const tally = async () =>
        (
          await db.selectFrom('metric_tally').selectAll().where('n', '!=', 0).orderBy('year').orderBy('prefix').orderBy('metric').execute()
        ).map((r) => ({
          ...r,
          year: Number(r.year),
          n: Number(r.n),
          known: Number(r.known),
          value: Number(r.value),
          numerator: Number(r.numerator),
          denominator: Number(r.denominator),
        }))
      const kept = await tally()
      expect(kept.length).toBeGreaterThan(0)
      const batch = new WriteBatch(suite.site.conn.dialect)
      await refillTally(batch.db)
      await commit(transactionRunner(db), batch)
      // The counts exactly; the sums up to the last bits of a double (they were added and taken out
      // in another order), far below the 4 decimals the totals are given to.
      const refilled = await tally()
      const exact = (rows: typeof kept) => rows.map(({ year, prefix, metric, n, known }) => ({ year, prefix, metric, n, known }))
      expect(exact(refilled)).toEqual(exact(kept))
      for (const [i, r] of refilled.entries())
        for (const k of ['value', 'numerator', 'denominator'] as const) expect(r[k]).toBeCloseTo(kept[i]![k], 6)
      // The board's counts kept through the same writes are what counting the tables again gives.
      const counts = async () => ({
        reports: (
          await db
            .selectFrom('compliance_tally')
            .selectAll()
            .where('n', '!=', 0)
            .orderBy(['year', 'prefix', 'sub', 'kind', 'status', 'first_key', 'corrected'])
            .execute()
        ).map((r) => ({ ...r, year: Number(r.year), corrected: Number(r.corrected), n: Number(r.n) })),
        agencies: (await db.selectFrom('agency_tally').selectAll().where('n', '!=', 0).orderBy(['prefix', 'sub', 'kind']).execute()).map(
          (r) => ({ ...r, n: Number(r.n) }),
        ),
      })
      const keptCounts = await counts()
      expect(keptCounts.reports.some((r) => r.status === 'withdrawn')).toBe(true)
      expect(keptCounts.reports.some((r) => r.corrected === 1)).toBe(true)
      const recount = new WriteBatch(suite.site.conn.dialect)
      await refillComplianceTally(recount.db)
      await commit(transactionRunner(db), recount)
      expect(await counts()).toEqual(keptCounts)
      // Sums from the tally equal the sums from the facts for each kept prefix.
      for (const [year, region] of [
        [2022, '98'],
        [2022, '9812'],
        [2023, '981234'],
        [2022, '99'],
      ] as const) {
        const sums = await metricSums(db, year, region)
        const rows = kept.filter((r) => r.year === year && r.prefix === region)
        expect(rows.find((r) => r.metric === '')?.n ?? 0).toBe(sums.reports)
        for (const [metric, s] of sums.sums) {
          const r = rows.find((x) => x.metric === metric)!
          expect({ known: r.known, unknown: r.n - r.known }).toEqual({ known: s.known, unknown: s.unknown })
          expect(r.value).toBeCloseTo(s.value, 6)
          expect(r.numerator).toBeCloseTo(s.numerator, 6)
          expect(r.denominator).toBeCloseTo(s.denominator, 6)
        }
      }
    })

    it('refuses a page too large or a negative offset with 400 naming the parameter', async () => {
      for (const [path, field] of [
        ['/api/compliance?limit=501', 'query.limit'],
        ['/api/compliance?offset=-1', 'query.offset'],
        ['/api/regions/98/summary?limit=0', 'query.limit'],
        ['/api/regions/98/summary?offset=abc', 'query.offset'],
      ] as const) {
        const res = await suite.site.app.request(path)
        expect(res.status, path).toBe(400)
        const body = (await res.json()) as {
          error: { code: string; details: Array<{ path: string; message: string; message_en: string }> }
        }
        expect(body.error.code).toBe('VALIDATION_FAILED')
        expect(body.error.details[0]!.path).toBe(field)
      }
    })
  })
}
