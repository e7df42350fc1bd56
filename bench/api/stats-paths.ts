// `/api/stats` computed both ways on a database `pnpm bench:scale` loaded, side by side in one
// process so that both see the same load: from every fact (statsFromFacts, the computation before
// the tallies) and as the route answers (statsAnswer: the tallies and the value index where they
// hold the answer). Checks the two answers are the same bytes. Run (after bench:scale kept its data):
//   BENCH_SQLITE_FILE=path tsx bench/api/stats-paths.ts
//   BENCH_PG_SCHEMA=name [BENCH_PG_URL=…] tsx bench/api/stats-paths.ts
//   BENCH_ROUNDS (default 5): rounds over the ten years, each alternating the two ways
//   BENCH_CASES: only the cases whose label contains one of these words ("|"-separated: labels hold commas)
//   BENCH_GC=1 (with NODE_OPTIONS=--expose-gc): collect garbage before each timed request
//   BENCH_ROUTE_ONLY=1: time the route's requests one after another, as a server answers them; the
//     every-fact computation runs once a year, untimed, only to check the bytes are the same
import { loadavg } from 'node:os'
import { sql } from '../../apps/api/node_modules/kysely/dist/esm/index.js'
import { connect } from '../../apps/api/src/db/connect.ts'
import { migrateToLatest } from '../../apps/api/src/db/migrator.ts'
import { statsAnswer, statsFromFacts } from '../../apps/api/src/routes/stats.ts'
import { quantile } from '../must.ts'

const YEARS = Array.from({ length: 10 }, (_, i) => 2014 + i)
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5)
const gc = process.env.BENCH_GC === '1' ? (globalThis as { gc?: () => void }).gc : undefined
if (process.env.BENCH_GC === '1' && !gc) throw new Error('BENCH_GC=1 needs node --expose-gc (NODE_OPTIONS=--expose-gc)')
const file = process.env.BENCH_SQLITE_FILE
const schema = process.env.BENCH_PG_SCHEMA
if (!file === !schema) throw new Error('set BENCH_SQLITE_FILE or BENCH_PG_SCHEMA (one)')
const conn = file
  ? await connect({ url: file })
  : await connect({ url: process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test', schema: schema as string })
const load = () =>
  loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')
try {
  const t0 = performance.now()
  const applied = await migrateToLatest(conn.db)
  if (applied.length) console.log(`migrations ${applied.join(', ')}: ${((performance.now() - t0) / 1000).toFixed(1)} s (load ${load()})`)
  await sql.raw(conn.dialect === 'postgres' ? 'vacuum analyze' : 'analyze').execute(conn.db)
  const cases = {
    'one metric, one year, ranked by agency': (year: number) => ({ metric: 'applications_new', year, group_by: 'agency' as const }),
    'a share, one year, by level': (year: number) => ({ metric: 'disclosure_rate', year, group_by: 'level' as const }),
    'one metric, one year, ranked by agency, page 26 (offset 5,000)': (year: number) => ({
      metric: 'applications_new',
      year,
      group_by: 'agency' as const,
      offset: 5000,
    }),
    'one metric, one year, ranked by agency, one level (county)': (year: number) => ({
      metric: 'applications_new',
      year,
      group_by: 'agency' as const,
      level: 'county' as const,
    }),
    'one metric, one year, ranked by agency, one kind (government)': (year: number) => ({
      metric: 'applications_new',
      year,
      group_by: 'agency' as const,
      kind: 'government' as const,
    }),
    // A region (a 4-digit prefix, 100 agencies), every year, by year: a different region each time.
    'one region, every year, by year': (year: number) => ({
      metric: 'reviews',
      region: `99${String((year * 37) % 100).padStart(2, '0')}`,
      group_by: 'year' as const,
    }),
    // Every year at once, ranked by agency (the same answer each time; the year only counts the runs).
    'one metric, every year, ranked by agency': () => ({ metric: 'applications_new', group_by: 'agency' as const }),
    'one metric, every year, ranked by agency, page 26 (offset 5,000)': () => ({
      metric: 'applications_new',
      group_by: 'agency' as const,
      offset: 5000,
    }),
    'a share, every year, ranked by agency, one level (county)': () => ({
      metric: 'disclosure_rate',
      group_by: 'agency' as const,
      level: 'county' as const,
    }),
    // A metric no report gives in three of the ten years (fee_items: unknown for every agency from 2021):
    // the reports not counted are listed, and a year's ranking is its groups without a value, by code.
    'a metric unknown in three years, one year, ranked by agency (its groups without a value)': (year: number) => ({
      metric: 'fee_items',
      year,
      group_by: 'agency' as const,
    }),
    'a metric unknown in three years, every year, ranked by agency': () => ({ metric: 'fee_items', group_by: 'agency' as const }),
    // A metric no report gives in any year (rules_issued here): every group is without a value, listed by code.
    'a metric unknown in every year, every year, ranked by agency': () => ({ metric: 'rules_issued', group_by: 'agency' as const }),
    // A region's agencies (a 4-digit prefix, 100 agencies) over every year: a different region each time.
    'one metric, every year, ranked by agency, one region': (year: number) => ({
      metric: 'reviews',
      region: `99${String((year * 37) % 100).padStart(2, '0')}`,
      group_by: 'agency' as const,
    }),
    // The whole province (prefix 99: every agency of the bench data) with a level or kind, which no
    // tally kept: a year's values of the province (10,000; a level's 2,500) read from the index by
    // region and sorted, by level from the tally's rows, and over every year from the ranking tables.
    'a province, one year, ranked by agency': (year: number) => ({
      metric: 'applications_new',
      year,
      region: '99',
      group_by: 'agency' as const,
    }),
    'a province, one year, ranked by agency, one level (county)': (year: number) => ({
      metric: 'applications_new',
      year,
      region: '99',
      group_by: 'agency' as const,
      level: 'county' as const,
    }),
    // By region (each agency's own region code: 9,700 groups here), from the facts counted by region code in the database.
    'one metric, one year, by region': (year: number) => ({ metric: 'applications_new', year, group_by: 'region' as const }),
    // A province by region (its 9,700 codes' values read and sorted: a prefix is not in score order).
    'a province, one year, by region': (year: number) => ({ metric: 'disclosure_rate', year, region: '99', group_by: 'region' as const }),
    // By region over every year, or with a level: the facts counted by region code in the database.
    'one metric, every year, by region': () => ({ metric: 'applications_new', group_by: 'region' as const }),
    'one metric, one year, by region, one level (county)': (year: number) => ({
      metric: 'applications_new',
      year,
      group_by: 'region' as const,
      level: 'county' as const,
    }),
    'a province, one year, by level': (year: number) => ({ metric: 'disclosure_rate', year, region: '99', group_by: 'level' as const }),
    'a province, every year, ranked by agency, one kind (government)': () => ({
      metric: 'applications_new',
      region: '99',
      group_by: 'agency' as const,
      kind: 'government' as const,
    }),
  }
  console.log(`\n### ${file ? 'SQLite' : 'PostgreSQL'}: ${ROUNDS} rounds × ${YEARS.length} years; load average before ${load()}\n`)
  console.log('| stats (100,000 reports) | every fact p50 / p95 ms | tallies and index p50 / p95 ms | same bytes |\n|---|---|---|---|')
  const only = process.env.BENCH_CASES?.split('|')
  const routeOnly = process.env.BENCH_ROUTE_ONLY === '1'
  for (const [label, make] of Object.entries(cases)) {
    if (only && !only.some((w) => label.includes(w))) continue
    const old: number[] = []
    const now: number[] = []
    let same = true
    if (routeOnly) {
      for (const year of YEARS) {
        const q = { limit: 200, offset: 0, ...make(year) }
        const [a, b] = [JSON.stringify(await statsFromFacts(conn.db, q)), JSON.stringify(await statsAnswer(conn.db, q))]
        if (a !== b) same = false
      }
      for (let r = 0; r < ROUNDS; r++)
        for (const year of YEARS) {
          gc?.()
          const t = performance.now()
          JSON.stringify(await statsAnswer(conn.db, { limit: 200, offset: 0, ...make(year) }))
          now.push(performance.now() - t)
        }
    }
    for (let r = 0; r < (routeOnly ? 0 : ROUNDS); r++)
      for (const year of YEARS) {
        const q = { limit: 200, offset: 0, ...make(year) }
        const bodies: Record<string, string> = {}
        for (const which of (r + year) % 2 === 0 ? ['old', 'new'] : ['new', 'old']) {
          // With BENCH_GC=1 (node --expose-gc): the garbage of the other way's request is collected
          // before this one is timed, so a request does not pay for the one before it.
          gc?.()
          const t = performance.now()
          bodies[which] = JSON.stringify(which === 'old' ? await statsFromFacts(conn.db, q) : await statsAnswer(conn.db, q))
          ;(which === 'old' ? old : now).push(performance.now() - t)
        }
        if (bodies.old !== bodies.new) same = false
      }
    old.sort((a, b) => a - b)
    now.sort((a, b) => a - b)
    const f = (xs: number[]) => (xs.length ? `${quantile(xs, 0.5).toFixed(1)} / ${quantile(xs, 0.95).toFixed(1)}` : 'once a year, untimed')
    console.log(`| ${label} | ${f(old)} | ${f(now)} | ${same ? 'yes' : 'NO'} |`)
  }
  console.log(`\nload average after ${load()}`)
} finally {
  await conn.close()
}
