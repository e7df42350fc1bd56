// Beside stats.ts: `/api/stats` answers by level and by year from the stats tally, and a year's
// ranking by agency a page at a time from the index on (metric, year, value), with totals, counts
// and the missing count from the tallies (statsFromTallies). Each answer is checked, byte for
// byte, against the computation over every fact it replaces (statsFromFacts), after publications,
// corrections, withdrawals and drafts, on generated agencies with tied values and shared names.
import { METRIC_IDS, generateTables, parseReportDocument, seededRandom, templateForYear, type ReportDocument } from '@gongkai/schema'
import { beforeAll, describe, expect, it } from 'vitest'
import { insertAgency } from '../db/agencies.ts'
import { createDraftReport, insertPublishedReport, publishDraft, withdrawReport } from '../db/drafts.ts'
import { refillRankingTally } from '../db/ranking-tally.ts'
import { refillRegionValue } from '../db/region-value.ts'
import { refillStatsTally } from '../db/stats-tally.ts'
import { refillUnknownFacts } from '../db/unknown-facts.ts'
import { WriteBatch, commit, transactionRunner } from '../db/write-batch.ts'
import { DIALECTS, suiteSite } from '../test/harness.ts'
import { regionRankingFromValues, statsAnswer, statsFromFacts, statsFromTallies } from './stats.ts'

const LEVELS = ['province', 'city', 'county', 'township'] as const
const YEARS = [2020, 2022, 2023]

/** A report; the same seed gives the same figures (a tie on every metric). Some cells left out: unknown figures. */
function documentFor(name: string, code: string, level: string, kind: string, year: number, seed: number): ReportDocument {
  const rnd = seededRandom(seed)
  const tables = generateTables(templateForYear(year), rnd, { scale: 1 + (seed % 3) }).tables
  if (seed % 4 === 0)
    for (const table of Object.values(tables) as Array<{ cells: Record<string, unknown> }>)
      for (const id of Object.keys(table.cells)) if (rnd() < 0.08) delete table.cells[id]
  return parseReportDocument({
    agency: { name, code, level, kind, region: '970101' },
    year,
    template: templateForYear(year),
    title: `${name}${year}年政府信息公开工作年度报告`,
    parts: { 一: [{ type: 'paragraph', text: `${year}年，${name}推进政务公开。` }] },
    tables,
    source: { kind: 'manual', note: 'test data' },
  })
}

type Query = Parameters<typeof statsAnswer>[1]
/** A ranking of the whole registry, of a level, of a kind, of both (the value index walked with each fact's agency). */
const FILTERS: Array<{ level?: (typeof LEVELS)[number]; kind?: 'government' | 'department'; region?: string }> = [
  {},
  { level: 'city' },
  { kind: 'government' },
  { level: 'township', kind: 'department' },
  // A province, a city with a kind, a county, a province with no agency.
  { region: '97' },
  { region: '9702', kind: 'department' },
  { region: '970101' },
  { region: '99', level: 'county' },
]
const query = (q: Partial<Query> & { metric: string }): Query => ({ group_by: 'agency', limit: 200, offset: 0, ...q })

for (const dialect of DIALECTS.filter((d) => d.name !== 'd1')) {
  describe.skipIf(dialect.skip !== null)(`stats from the tallies and the value index, on ${dialect.name}`, () => {
    const suite = suiteSite(dialect)
    const now = new Date()
    beforeAll(async () => {
      const db = suite.site.conn.db
      const run = transactionRunner(db)
      const adminId = (await db.selectFrom('app_user').select('id').where('username', '=', 'admin').executeTakeFirstOrThrow()).id
      const batch = new WriteBatch(suite.site.conn.dialect)
      const agencies: Array<{ id: string; name: string; code: string; level: string; kind: 'government' | 'department' }> = []
      for (let i = 0; i < 36; i++) {
        // Names alike (a tie ordered by name, and by code where the names are equal), codes not in name order.
        const name = i % 9 === 0 ? '同名局' : `统计${(i * 7) % 36}局`
        const a = {
          name,
          code: `s-${(i * 5) % 36}-${i}`,
          level: LEVELS[i % 4]!,
          kind: i % 3 === 0 ? ('government' as const) : ('department' as const),
        }
        // Counties of two cities of one province, a city's own code, another province, and none.
        const regionCode = ['970101', '970102', '970201', '9702', '980101', null][i % 6]!
        agencies.push({ ...a, id: await insertAgency(batch.db, { ...a, regionCode, parentId: null }, now) })
      }
      await commit(run, batch)
      for (const [i, a] of agencies.entries())
        for (const year of YEARS) {
          const seed = i * 31 + year
          if (seed % 11 === 0) continue // never published
          // A few seeds shared: the same figures for several agencies.
          const doc = documentFor(a.name, a.code, a.level, a.kind, year, i % 5 === 0 ? year : seed)
          const b1 = new WriteBatch(suite.site.conn.dialect)
          const id = await insertPublishedReport(b1.db, {
            agencyId: a.id,
            document: doc,
            note: 'test',
            authorId: null,
            at: new Date(Date.UTC(year + 1, 2, 1)),
          })
          await commit(run, b1)
          if (seed % 3 === 0) {
            const b2 = new WriteBatch(suite.site.conn.dialect)
            await publishDraft(b2.db, {
              reportId: id,
              number: 2,
              version: 2,
              document: documentFor(a.name, a.code, a.level, a.kind, year, seed + 1000),
              kind: 'correction',
              note: '数字更正',
              acknowledgement: null,
              authorId: adminId,
              at: new Date(Date.UTC(year + 1, 4, 1)),
            })
            await commit(run, b2)
          }
          if (seed % 7 === 0) {
            const b3 = new WriteBatch(suite.site.conn.dialect)
            await withdrawReport(b3.db, id, '重复发布', new Date(Date.UTC(year + 1, 5, 1)))
            await commit(run, b3)
          }
        }
      const b4 = new WriteBatch(suite.site.conn.dialect)
      await createDraftReport(b4.db, {
        agencyId: agencies[1]!.id,
        document: documentFor('草稿', 'x', 'city', 'department', 2024, 3),
        at: now,
      })
      await commit(run, b4)
    })

    it('ranks a year by agency a page at a time, of a level, kind or region too: every page joined is the whole ranking, with the same totals and counts', async () => {
      const db = suite.site.conn.db
      for (const metric of ['applications_new', 'disclosure_rate', 'reviews', 'other_handling', 'lawsuits_corrected_rate'].filter((m) =>
        (METRIC_IDS as readonly string[]).includes(m),
      ))
        for (const year of [...YEARS, 2019])
          for (const filter of FILTERS) {
            const whole = await statsFromFacts(db, query({ metric, year, limit: 2000, ...filter }))
            for (const limit of filter.level || filter.kind || filter.region ? [1, 5] : [1, 4, 7, 50]) {
              const groups: unknown[] = []
              const at = `${metric} ${year} ${JSON.stringify(filter)} ${limit}`
              for (let offset = 0; offset < whole.groupCount + limit; offset += limit) {
                const q = query({ metric, year, limit, offset, ...filter })
                const fast = await statsFromTallies(db, q)
                const old = await statsFromFacts(db, q)
                expect(fast, `${at}@${offset}`).not.toBeNull()
                expect(JSON.stringify(fast), `${at}@${offset}`).toBe(JSON.stringify(old))
                groups.push(...fast!.groups)
              }
              expect(JSON.stringify(groups), `${at} joined`).toBe(JSON.stringify(whole.groups))
            }
          }
    })

    it('ranks every year by agency from the ranking tally, of a region, level or kind too, a page at a time: the ranking the facts give', async () => {
      const db = suite.site.conn.db
      const filters: Array<{ level?: (typeof LEVELS)[number]; kind?: 'government' | 'department'; region?: string }> = [
        ...FILTERS,
        { region: '97' },
        { region: '9702' },
        { region: '970101', kind: 'department' },
        { region: '970' },
        { region: '99' },
      ]
      let sameNameTies = 0
      for (const metric of METRIC_IDS)
        for (const filter of filters) {
          const whole = await statsFromFacts(db, query({ metric, limit: 2000, ...filter }))
          const fastWhole = await statsFromTallies(db, query({ metric, limit: 2000, ...filter }))
          const at = `${metric} ${JSON.stringify(filter)}`
          expect(fastWhole, at).not.toBeNull()
          expect(JSON.stringify(fastWhole), at).toBe(JSON.stringify(whole))
          // Agencies of the same name and value: ordered by code, whatever the order their reports came in.
          for (const [i, g] of whole.groups.entries()) {
            const next = whole.groups[i + 1]
            if (next && next.value === g.value && next.label.zh === g.label.zh) {
              sameNameTies++
              expect(g.agency!.code < next.agency!.code, at).toBe(true)
            }
          }
          // Pages of a few metrics (the whole registry by the values' index; a level, kind or region by its values read and sorted).
          if (!['disclosure_rate', 'reviews_concluded', METRIC_IDS[0]].includes(metric)) continue
          for (const limit of [1, 7]) {
            const groups: unknown[] = []
            for (let offset = 0; offset < whole.groupCount + limit; offset += limit) {
              const q = query({ metric, limit, offset, ...filter })
              const fast = await statsFromTallies(db, q)
              expect(fast, `${at} ${limit}@${offset}`).not.toBeNull()
              expect(JSON.stringify(fast), `${at} ${limit}@${offset}`).toBe(JSON.stringify(await statsFromFacts(db, q)))
              groups.push(...fast!.groups)
            }
            expect(JSON.stringify(groups), `${at} ${limit} joined`).toBe(JSON.stringify(whole.groups))
          }
        }
      expect(sameNameTies).toBeGreaterThan(0)
      // A group of one report names it, as from the facts; the route gives the same.
      const res = await suite.site.app.request('/api/stats?metric=disclosure_rate&group_by=agency&kind=government')
      const body = (await res.json()) as { groups: Array<{ reportId?: string }> }
      expect(body.groups.some((g) => g.reportId !== undefined)).toBe(true)
      expect(body).toEqual(JSON.parse(JSON.stringify(await statsFromFacts(db, query({ metric: 'disclosure_rate', kind: 'government' })))))
    })

    it('gives by level and by year, filtered by level or kind, what grouping the facts gives, for every metric', async () => {
      const db = suite.site.conn.db
      let fromTally = 0
      for (const metric of METRIC_IDS)
        for (const q of [
          query({ metric, group_by: 'level' }),
          query({ metric, group_by: 'year' }),
          query({ metric, year: 2022, group_by: 'level' }),
          query({ metric, year: 2023, group_by: 'level', limit: 2, offset: 1 }),
          query({ metric, year: 2020, group_by: 'year' }),
          query({ metric, group_by: 'year', kind: 'department' }),
          query({ metric, year: 2022, group_by: 'level', kind: 'government', limit: 3 }),
          query({ metric, group_by: 'level', level: 'city' }),
          // A region's subtree by year: a province, a city (with an agency of the city's own code), a county, none.
          query({ metric, group_by: 'year', region: '97' }),
          query({ metric, group_by: 'year', region: '9702' }),
          query({ metric, year: 2022, group_by: 'year', region: '970101', limit: 1 }),
          query({ metric, group_by: 'year', region: '99' }),
          // A region with a level or kind, or by level: its rows by level and kind.
          query({ metric, group_by: 'year', region: '9701', level: 'county' }),
          query({ metric, group_by: 'level', region: '97' }),
          query({ metric, year: 2021, group_by: 'level', region: '97', kind: 'department' }),
          query({ metric, year: 2023, group_by: 'year', region: '9702', kind: 'government', level: 'township' }),
          // Not tallied: read from the facts, the same answer.
          query({ metric, group_by: 'year', region: '970' }),
        ]) {
          const fast = await statsFromTallies(db, q)
          if (fast) fromTally++
          expect(JSON.stringify(await statsAnswer(db, q)), JSON.stringify(q)).toBe(JSON.stringify(await statsFromFacts(db, q)))
          if (fast) expect(JSON.stringify(fast)).toBe(JSON.stringify(await statsFromFacts(db, q)))
        }
      // Most answers come from the tally (a group of a single report is read from the facts).
      expect(fromTally).toBeGreaterThanOrEqual(METRIC_IDS.length * 13)
      // The route gives the same.
      const res = await suite.site.app.request('/api/stats?metric=disclosure_rate&year=2022&group_by=level')
      expect(await res.json()).toEqual(
        JSON.parse(JSON.stringify(await statsFromFacts(db, query({ metric: 'disclosure_rate', year: 2022, group_by: 'level' })))),
      )
    })

    it('ranks by region, of a year or every year, of a region, level or kind, a page at a time: what grouping every fact gives', async () => {
      const db = suite.site.conn.db
      const filters: Array<{ level?: (typeof LEVELS)[number]; kind?: 'government' | 'department'; region?: string }> = [
        ...FILTERS,
        { region: '970' },
        { region: '9702' },
        { level: 'province', kind: 'government' },
      ]
      let singles = 0
      let named = 0
      let fromValues = 0
      for (const metric of METRIC_IDS)
        for (const year of [undefined, 2022])
          for (const filter of filters) {
            const at = `${metric} ${year} ${JSON.stringify(filter)}`
            const whole = await statsFromFacts(db, query({ metric, year, group_by: 'region', limit: 2000, ...filter }))
            const fast = await statsFromTallies(db, query({ metric, year, group_by: 'region', limit: 2000, ...filter }))
            expect(JSON.stringify(fast), at).toBe(JSON.stringify(whole))
            // A year, or every year, of the registry or a kept region prefix: from the regions' value rows.
            if (!filter.level && !filter.kind && filter.region !== '970') {
              const ranked = await regionRankingFromValues(db, query({ metric, year, group_by: 'region', limit: 2000, ...filter }))
              expect(JSON.stringify(ranked), at).toBe(JSON.stringify(whole))
              fromValues++
            }
            singles += whole.groups.filter((g) => g.reportId !== undefined).length
            named += whole.groups.filter((g) => g.label.zh !== g.key).length
            if (metric !== 'disclosure_rate') continue
            for (const limit of [1, 4]) {
              const groups: unknown[] = []
              for (let offset = 0; offset < whole.groupCount + limit; offset += limit) {
                const q = query({ metric, year, group_by: 'region', limit, offset, ...filter })
                const page = await statsFromTallies(db, q)
                expect(JSON.stringify(page), `${at} ${limit}@${offset}`).toBe(JSON.stringify(await statsFromFacts(db, q)))
                if (!filter.level && !filter.kind && filter.region !== '970')
                  expect(JSON.stringify(await regionRankingFromValues(db, q)), `${at} ${limit}@${offset}`).toBe(JSON.stringify(page))
                groups.push(...page!.groups)
              }
              expect(JSON.stringify(groups), `${at} ${limit} joined`).toBe(JSON.stringify(whole.groups))
            }
          }
      // Groups of one report (they name it), regions named by their government, and regions without one.
      expect(singles).toBeGreaterThan(0)
      expect(named).toBeGreaterThan(0)
      expect(fromValues).toBeGreaterThanOrEqual(METRIC_IDS.length * 8)
      const res = await suite.site.app.request('/api/stats?metric=disclosure_rate&year=2022&group_by=region')
      expect(await res.json()).toEqual(
        JSON.parse(JSON.stringify(await statsFromFacts(db, query({ metric: 'disclosure_rate', year: 2022, group_by: 'region' })))),
      )
    })

    it('keeps each region’s values of a year through publish, correct and withdraw, as counting the facts again gives', async () => {
      const db = suite.site.conn.db
      // Two reports of one new region published at once (on PostgreSQL, two transactions side by side): each adds its own.
      const run = transactionRunner(db)
      const b0 = new WriteBatch(suite.site.conn.dialect)
      const ids: string[] = []
      for (const k of [1, 2])
        ids.push(
          await insertAgency(
            b0.db,
            { name: `同区${k}局`, code: `same-region-${k}`, level: 'county', kind: 'department', regionCode: '960101', parentId: null },
            now,
          ),
        )
      await commit(run, b0)
      await Promise.all(
        ids.map(async (agencyId, k) => {
          const b = new WriteBatch(suite.site.conn.dialect)
          const doc = documentFor(`同区${k + 1}局`, `same-region-${k + 1}`, 'county', 'department', 2023, 70 + k)
          await insertPublishedReport(b.db, { agencyId, document: doc, note: 'test', authorId: null, at: new Date(Date.UTC(2024, 2, 1)) })
          await commit(run, b)
        }),
      )
      const rows = async () =>
        (await db.selectFrom('region_value').selectAll().orderBy('metric').orderBy('year').orderBy('region_code').execute()).map((r) => ({
          ...r,
          year: Number(r.year),
          n: Number(r.n),
          known: Number(r.known),
          value: Number(r.value),
          numerator: Number(r.numerator),
          denominator: Number(r.denominator),
          score: r.score === null ? null : Number(r.score),
        }))
      const kept = await rows()
      // Regions of their own codes and the agencies without one ('-'); groups without a value too.
      expect([...new Set(kept.map((r) => r.region_code))]).toEqual(
        expect.arrayContaining(['970101', '970102', '970201', '9702', '980101', '-']),
      )
      expect(kept.some((r) => r.score === null)).toBe(true)
      expect(kept.find((r) => r.metric === 'applications_new' && r.year === 2023 && r.region_code === '960101')?.n).toBe(2)
      // And of every year (year 0), beside the year's.
      expect(kept.find((r) => r.metric === 'applications_new' && r.year === 0 && r.region_code === '960101')?.n).toBe(2)
      const batch = new WriteBatch(suite.site.conn.dialect)
      await refillRegionValue(batch.db)
      await commit(transactionRunner(db), batch)
      const again = await rows()
      expect(again.map(({ value: _v, numerator: _n, denominator: _d, score: _s, ...rest }) => rest)).toEqual(
        kept.map(({ value: _v, numerator: _n, denominator: _d, score: _s, ...rest }) => rest),
      )
      for (const [i, r] of again.entries()) {
        for (const k of ['value', 'numerator', 'denominator'] as const) expect(r[k]).toBeCloseTo(kept[i]![k], 6)
        expect(r.score === null).toBe(kept[i]!.score === null)
      }
    })

    it('keeps the stats tally exact through publish, correct and withdraw, and the migration refills the same', async () => {
      const db = suite.site.conn.db
      const tally = async () =>
        (
          await db
            .selectFrom('stats_tally')
            .selectAll()
            .where('n', '!=', 0)
            .orderBy('metric')
            .orderBy('prefix')
            .orderBy('year')
            .orderBy('level')
            .orderBy('kind')
            .orderBy('template')
            .orderBy('reason')
            .execute()
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
      expect(kept.some((r) => r.reason !== '')).toBe(true)
      // Every kept prefix of the agencies' codes (the sample data's besides), none longer than six digits.
      const prefixes = [...new Set(kept.map((r) => r.prefix))]
      expect(prefixes).toEqual(expect.arrayContaining(['', '97', '98', '9701', '9702', '9801', '970101', '970102', '970201', '980101']))
      expect(prefixes.every((p) => [0, 2, 4, 6].includes(p.length))).toBe(true)
      const batch = new WriteBatch(suite.site.conn.dialect)
      await refillStatsTally(batch.db)
      await commit(transactionRunner(db), batch)
      const refilled = await tally()
      const exact = (rows: typeof kept) => rows.map(({ value: _v, numerator: _n, denominator: _d, ...rest }) => rest)
      expect(exact(refilled)).toEqual(exact(kept))
      for (const [i, r] of refilled.entries())
        for (const k of ['value', 'numerator', 'denominator'] as const) expect(r[k]).toBeCloseTo(kept[i]![k], 6)
    })

    it('refills the ranking tables and the unknown facts from the facts as the writes kept them', async () => {
      const db = suite.site.conn.db
      const numbers = <T extends { n: unknown; known: unknown; value: unknown; numerator: unknown; denominator: unknown }>(r: T) => ({
        ...r,
        n: Number(r.n),
        known: Number(r.known),
        value: Number(r.value),
        numerator: Number(r.numerator),
        denominator: Number(r.denominator),
      })
      const tables = async () => ({
        details: (
          await db
            .selectFrom('ranking_tally')
            .selectAll()
            .where('n', '!=', 0)
            .orderBy('agency_id')
            .orderBy('metric')
            .orderBy('template')
            .orderBy('reason')
            .execute()
        ).map(numbers),
        unknown: await db.selectFrom('unknown_fact').selectAll().orderBy('report_id').orderBy('metric').execute(),
        values: (await db.selectFrom('ranking_value').selectAll().orderBy('metric').orderBy('agency_id').execute()).map((r) => ({
          ...numbers(r),
          score: r.score === null ? null : Number(r.score),
        })),
      })
      const kept = await tables()
      // Withdrawn reports and corrected figures came and went: no value row is left without facts, none is negative.
      expect(kept.details.some((r) => r.reason !== '')).toBe(true)
      expect(kept.values.every((r) => r.n > 0 && r.known >= 0 && r.known <= r.n)).toBe(true)
      expect(kept.values.some((r) => r.score === null)).toBe(true)
      // Only the facts without a value, of public reports (withdrawn ones and drafts left none).
      expect(kept.unknown.length).toBeGreaterThan(0)
      const facts = await db.selectFrom('report_metric').select(['report_id', 'metric']).where('value', 'is', null).execute()
      expect(kept.unknown.map((u) => `${u.report_id} ${u.metric}`).sort()).toEqual(facts.map((u) => `${u.report_id} ${u.metric}`).sort())
      const batch = new WriteBatch(suite.site.conn.dialect)
      await refillRankingTally(batch.db)
      await refillUnknownFacts(batch.db)
      await commit(transactionRunner(db), batch)
      const refilled = await tables()
      const exact = <T extends { value: number; numerator: number; denominator: number }>(rows: T[]) =>
        rows.map(({ value: _v, numerator: _n, denominator: _d, ...rest }) => ({ ...rest, score: undefined }))
      expect(exact(refilled.details)).toEqual(exact(kept.details))
      expect(exact(refilled.values)).toEqual(exact(kept.values))
      expect(refilled.unknown).toEqual(kept.unknown)
      for (const [i, r] of refilled.values.entries()) {
        for (const k of ['value', 'numerator', 'denominator'] as const) expect(r[k]).toBeCloseTo(kept.values[i]![k], 6)
        if (r.score === null) expect(kept.values[i]!.score).toBeNull()
        else expect(r.score).toBeCloseTo(kept.values[i]!.score!, 6)
      }
    })
  })
}
