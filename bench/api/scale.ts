// List, search, stats, region summaries, the compliance board and the year's CSV over 100,000 reports (10,000 agencies × 10 years of generated, consistent data),
// on SQLite and on PostgreSQL. Run: pnpm bench:scale
//   BENCH_AGENCIES (default 10000), BENCH_PG_URL (default postgres://postgres@127.0.0.1:5432/test)
//   BENCH_SCOPE=lists: only the list and search rows (no stats, board or CSV); BENCH_SCOPE=across: only stats, board and CSV
//   BENCH_ENGINES=sqlite or postgres: one engine only
//   BENCH_SQLITE_FILE=path: keep the SQLite database there, and reuse it when it exists (no reload)
//   BENCH_PG_SCHEMA=name: keep the PostgreSQL data in that schema, and reuse it when it is loaded
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  computeMetrics,
  generateTables,
  parseReportDocument,
  seededRandom,
  templateForYear,
  type ReportDocument,
} from '../../packages/schema/src/index.ts'
// kysely is a dependency of the API package, not of the root: the same copy, through its path.
import { sql } from '../../apps/api/node_modules/kysely/dist/esm/index.js'
import { createApp } from '../../apps/api/src/app.ts'
import { connect, dropSchema, type Connection } from '../../apps/api/src/db/connect.ts'
import { migrateToLatest } from '../../apps/api/src/db/migrator.ts'
import { insertSearchRows, searchBody } from '../../apps/api/src/db/search-index.ts'
import { encodeCursor } from '../../apps/api/src/cursor.ts'
import { CELLS_VERSION, encodeCells } from '../../apps/api/src/data-file.ts'
import { refillComplianceTally } from '../../apps/api/src/db/compliance-tally.ts'
import { refillTally } from '../../apps/api/src/db/metric-tally.ts'
import { refillStatsTally } from '../../apps/api/src/db/stats-tally.ts'
import { refillRankingTally } from '../../apps/api/src/db/ranking-tally.ts'
import { refillRegionValue } from '../../apps/api/src/db/region-value.ts'
import { refillUnknownFacts } from '../../apps/api/src/db/unknown-facts.ts'
import { must, quantile } from '../must.ts'

const AGENCIES = Number(process.env.BENCH_AGENCIES ?? 10_000)
const YEARS = Array.from({ length: 10 }, (_, i) => 2014 + i)
const LEVELS = ['province', 'city', 'county', 'township'] as const
const TOPICS = ['亲清在线', '营商环境', '政务服务', '数据开放', '乡村振兴', '应急管理', '生态环境', '城市更新']

function documentFor(a: number, year: number): ReportDocument {
  const rnd = seededRandom(a * 97 + year)
  const level = must(LEVELS[a % LEVELS.length], 'level')
  const name = `示例${Math.floor(a / 100)}区第${a}号${level === 'township' ? '街道' : '局'}`
  const topic = must(TOPICS[(a + year) % TOPICS.length], 'topic')
  return parseReportDocument({
    agency: {
      name,
      code: `bench-${a}`,
      level,
      kind: a % 3 === 0 ? 'government' : 'department',
      region: `99${String(a % 100).padStart(2, '0')}${String(a % 97).padStart(2, '0')}`,
    },
    year,
    template: templateForYear(year),
    title: `${name}${year}年政府信息公开工作年度报告（示例）`,
    parts: {
      一: [{ type: 'paragraph', text: `${year}年，${name}围绕${topic}推进政务公开，全年主动公开信息${Math.floor(rnd() * 5000)}条。` }],
    },
    tables: generateTables(templateForYear(year), rnd, { scale: 1 + (a % 5) }).tables,
    source: { kind: 'manual', note: 'benchmark data' },
  })
}

/** Publication times as they come: each year's reports over the following weeks, a minute apart. */
function publishedAt(a: number, year: number): string {
  return new Date(Date.UTC(year + 1, 0, 20) + a * 60_000).toISOString()
}

async function load(conn: Connection) {
  const t0 = performance.now()
  const at = new Date('2026-11-28T00:00:00Z').toISOString()
  const db = conn.db
  for (let start = 0; start < AGENCIES; start += 200) {
    await db.transaction().execute(async (trx) => {
      const agencies = []
      const reports = []
      const revisions = []
      const search = []
      const cells = []
      const metrics = []
      for (let a = start; a < Math.min(AGENCIES, start + 200); a++) {
        const first = documentFor(a, must(YEARS[0], 'year'))
        agencies.push({
          id: `agency-${a}`,
          name: first.agency.name,
          code: must(first.agency.code, 'agency code'),
          level: first.agency.level,
          kind: first.agency.kind,
          region_code: first.agency.region,
          parent_id: null,
          created_at: at,
        })
        for (const year of YEARS) {
          const doc = year === YEARS[0] ? first : documentFor(a, year)
          const id = `r-${a}-${year}`
          reports.push({
            id,
            agency_id: `agency-${a}`,
            agency_name: first.agency.name,
            year,
            template: doc.template,
            title: doc.title,
            status: 'published' as const,
            current_revision: 1,
            draft_document: null,
            draft_version: 2,
            withdrawn_reason: null,
            created_at: at,
            updated_at: at,
          })
          revisions.push({
            id: `rev-${a}-${year}`,
            report_id: id,
            number: 1,
            kind: 'first' as const,
            note: 'bench',
            author_id: null,
            published_at: publishedAt(a, year),
            document: JSON.stringify(doc),
            sha256: '0'.repeat(64),
            acknowledgement: null,
          })
          search.push({ report_id: id, body: searchBody(doc) })
          cells.push({ report_id: id, revision: 1, format: CELLS_VERSION, cells: encodeCells(doc) })
          for (const [metric, v] of Object.entries(computeMetrics(doc))) {
            metrics.push({
              report_id: id,
              metric,
              year,
              template: doc.template,
              value: v.value,
              numerator: v.value !== null ? (v.numerator ?? null) : null,
              denominator: v.value !== null ? (v.denominator ?? null) : null,
              reason: v.reason,
              level: first.agency.level,
              kind: first.agency.kind,
              region_code: first.agency.region,
            })
          }
        }
      }
      await trx.insertInto('agency').values(agencies).execute()
      for (let i = 0; i < reports.length; i += 500) {
        await trx
          .insertInto('report')
          .values(reports.slice(i, i + 500))
          .execute()
        await trx
          .insertInto('revision')
          .values(revisions.slice(i, i + 500))
          .execute()
        await insertSearchRows(trx, search.slice(i, i + 500))
        await trx
          .insertInto('report_cells')
          .values(cells.slice(i, i + 500))
          .execute()
      }
      for (let i = 0; i < metrics.length; i += 1000)
        await trx
          .insertInto('report_metric')
          .values(metrics.slice(i, i + 1000))
          .execute()
    })
  }
  // Loaded around the write path: the region tallies it keeps are counted once from the tables.
  await refillTally(db)
  await refillStatsTally(db)
  await refillRankingTally(db)
  await refillRegionValue(db)
  await refillUnknownFacts(db)
  await refillComplianceTally(db)
  return (performance.now() - t0) / 1000
}

async function measure(app: ReturnType<typeof createApp>, label: string, paths: string[], rounds = 3, warm = false) {
  const times: number[] = []
  // Warm: each answer built once (as the first request after a publish does), then measured from the response cache.
  if (warm) for (const p of paths) await (await app.request(p)).arrayBuffer()
  let total: number | string = 0
  for (let r = 0; r < rounds; r++) {
    for (const p of paths) {
      const t = performance.now()
      const res = await app.request(p)
      // The body's bytes are received within the time; the client's decoding and JSON parse are not (a province's
      // summary is 4.5 MB, which this client takes tens of milliseconds to decode and parse on a loaded machine).
      const bytes = await res.arrayBuffer()
      times.push(performance.now() - t)
      const body = JSON.parse(new TextDecoder().decode(bytes)) as {
        total: number | { reports: number }
        totalIsLowerBound?: boolean
        reports?: number
        counts?: { agencies: number }
      }
      if (res.status !== 200) throw new Error(`${p}: ${res.status}`)
      total = typeof body.total === 'number' ? body.total : (body.total?.reports ?? body.counts?.agencies ?? body.reports ?? 0)
      if (body.totalIsLowerBound) total = `${total}+`
    }
  }
  times.sort((x, y) => x - y)
  const q = (p: number) => quantile(times, p).toFixed(1)
  return `| ${label} | ${times.length} | ${q(0.5)} | ${q(0.95)} | ${total} |`
}

/** The cursor of the page that starts `depth` rows into the default order (as a reader walking there would hold). */
async function cursorAt(conn: Connection, depth: number): Promise<string> {
  const row = await conn.db
    .selectFrom('report')
    .innerJoin('agency', 'agency.id', 'report.agency_id')
    .select(['report.id', 'report.year', 'agency.name'])
    .where('report.current_revision', 'is not', null)
    .orderBy('report.year', 'desc')
    .orderBy('agency.name')
    .orderBy('report.id')
    .limit(1)
    .offset(depth - 1)
    .executeTakeFirstOrThrow()
  return encodeCursor({ sort: 'year', year: Number(row.year), agencyName: row.name, id: row.id })
}

async function bench(name: string, conn: Connection, reuse = false) {
  await migrateToLatest(conn.db)
  const seconds = reuse ? 0 : await load(conn)
  // As a database in use would be: the planners know the tables' sizes and spreads, and on
  // PostgreSQL autovacuum has set the visibility map (without it no index-only scan is chosen;
  // after a bulk load autovacuum gets there in its own time).
  await sql.raw(conn.dialect === 'postgres' ? 'vacuum analyze' : 'analyze').execute(conn.db)
  // Without the response cache, so each request runs its queries (as the first one after a
  // publish does); the cached answers are measured apart below.
  const app = createApp({ db: conn.db, dialect: conn.dialect, responseCacheBytes: 0 })
  const cached = createApp({ db: conn.db, dialect: conn.dialect })
  const n = (k: number) => Array.from({ length: 20 }, (_, i) => (i * 7919 + k) % AGENCIES)
  const deep = Math.min(AGENCIES * YEARS.length - 50, 2_000 * 50)
  const lists = process.env.BENCH_SCOPE !== 'across'
  // The process's first request compiles the route's code (the API's modules, zod's schemas,
  // Kysely's builders): a request of another shape first, so the rows time their queries, each
  // still including its own first, cold run. A server pays this once, at its first visitor.
  await (await app.request('/api/reports?agency=bench-1')).arrayBuffer()
  const rows: string[] = !lists
    ? []
    : [
        await measure(app, 'first page, no filter', ['/api/reports'], 10),
        await measure(cached, 'first page, no filter, from the list cache (warm)', ['/api/reports'], 10),
        await measure(app, 'first page, newest publications first', ['/api/reports?sort=recent'], 10),
        await measure(
          app,
          'by year',
          YEARS.map((y) => `/api/reports?year=${y}`),
        ),
        await measure(
          app,
          'by region prefix + level',
          n(1).map((a) => `/api/reports?region=99${String(a % 100).padStart(2, '0')}&level=county`),
        ),
        await measure(
          app,
          'by agency code',
          n(2).map((a) => `/api/reports?agency=bench-${a}`),
        ),
        await measure(
          app,
          `page 2,000 deep by cursor (row ${deep.toLocaleString('en')})`,
          [`/api/reports?limit=50&cursor=${await cursorAt(conn, deep)}`],
          10,
        ),
        await measure(app, 'page 21 by offset (1,000, the most an old link may skip)', ['/api/reports?offset=1000&limit=50'], 10),
        await measure(
          app,
          'search: a 4-character word (1 in 8 reports)',
          TOPICS.map((t) => `/api/reports?q=${encodeURIComponent(t)}`),
        ),
        await measure(
          app,
          'search: an agency name (10 reports)',
          n(3).map((a) => `/api/reports?q=${encodeURIComponent(`第${a}号`)}`),
        ),
        await measure(
          app,
          'search: 3 characters (each topic’s last three)',
          TOPICS.map((t) => `/api/reports?q=${encodeURIComponent(t.slice(1))}`),
        ),
        await measure(app, 'search: 2 characters (below a trigram)', ['/api/reports?q=%E5%BA%94%E6%80%A5']),
        await measure(
          app,
          'search: 2 characters (each topic’s last two)',
          TOPICS.map((t) => `/api/reports?q=${encodeURIComponent(t.slice(2))}`),
        ),
      ]
  if (process.env.BENCH_SCOPE === 'lists') {
    console.log(
      `\n### ${name}: ${AGENCIES * YEARS.length} reports${reuse ? ' (reused)' : `, loaded in ${seconds.toFixed(0)} s`}; load average ${loadavg()
        .map((x) => x.toFixed(1))
        .join(' ')}\n`,
    )
    console.log('| query | runs | p50 ms | p95 ms | matches |\n|---|---|---|---|---|')
    for (const r of rows) console.log(r)
    return
  }
  const acrossPaths = {
    ranked: YEARS.map((y) => `/api/stats?metric=applications_new&year=${y}`),
    byLevel: YEARS.map((y) => `/api/stats?metric=disclosure_rate&year=${y}&group_by=level`),
    byYear: n(4).map((a) => `/api/stats?metric=reviews&region=99${String(a % 100).padStart(2, '0')}&group_by=year`),
    summary: n(5).map((a) => `/api/regions/99${String(a % 100).padStart(2, '0')}/summary?year=2022`),
    province: ['/api/regions/99/summary?year=2022'],
    board: n(6).map((a) => `/api/compliance?year=2022&region=99${String(a % 100).padStart(2, '0')}`),
    boardAll: ['/api/compliance?year=2022'],
  }
  const across = [
    await measure(app, 'stats: one metric, one year, ranked by agency', acrossPaths.ranked),
    await measure(app, 'stats: a share, one year, by level', acrossPaths.byLevel),
    await measure(app, 'stats: one region prefix, all years, by year', acrossPaths.byYear),
    await measure(app, 'region summary (one 4-digit prefix, one year; 9900 is the province)', acrossPaths.summary),
    await measure(app, 'region summary of the province (99, 10,000 agencies)', acrossPaths.province, 5),
    await measure(app, 'compliance board (one 4-digit prefix, one year)', acrossPaths.board),
    await measure(app, 'compliance board, whole registry (10,000 agencies)', acrossPaths.boardAll, 5),
    await measure(cached, 'stats, ranked by agency, from the response cache (warm)', acrossPaths.ranked, 3, true),
    await measure(cached, 'stats, by level (warm)', acrossPaths.byLevel, 3, true),
    await measure(cached, 'stats, region by year (warm)', acrossPaths.byYear, 3, true),
    await measure(cached, 'region summary, 4-digit prefix (warm)', acrossPaths.summary, 3, true),
    await measure(cached, 'region summary of the province (warm)', acrossPaths.province, 10, true),
    await measure(cached, 'compliance board, 4-digit prefix (warm)', acrossPaths.board, 3, true),
    await measure(cached, 'compliance board, whole registry (warm)', acrossPaths.boardAll, 10, true),
  ]
  rows.push(...across)
  for (const file of ['2022.csv', '2022.jsonl']) {
    const t = performance.now()
    const bytes = (await (await app.request(`/api/data/${file}`)).arrayBuffer()).byteLength
    const seconds2 = (performance.now() - t) / 1000
    rows.push(
      `| the ${file} (${(bytes / 1e6).toFixed(1)} MB, first request) | 1 | ${(seconds2 * 1000).toFixed(0)} | | ${(bytes / 1e6 / seconds2).toFixed(1)} MB/s |`,
    )
  }
  console.log(
    `\n### ${name}: ${AGENCIES * YEARS.length} reports${reuse ? ' (reused)' : `, loaded in ${seconds.toFixed(0)} s`}; load average ${loadavg()
      .map((x) => x.toFixed(1))
      .join(' ')}\n`,
  )
  console.log('| query | runs | p50 ms | p95 ms | matches |\n|---|---|---|---|---|')
  for (const r of rows) console.log(r)
}

const engines = (process.env.BENCH_ENGINES ?? 'sqlite,postgres').split(',')
const dir = mkdtempSync(join(tmpdir(), 'gongkai-scale-'))
try {
  if (engines.includes('sqlite')) {
    const file = process.env.BENCH_SQLITE_FILE ?? join(dir, 'bench.sqlite')
    const reuse = existsSync(file)
    const sqlite = await connect({ url: file })
    await bench('SQLite (file, WAL)', sqlite, reuse)
    await sqlite.close()
  }
  if (engines.includes('postgres')) {
    const pgUrl = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test'
    const kept = process.env.BENCH_PG_SCHEMA
    const schema = kept ?? `gk_bench_${Date.now()}`
    const pg = await connect({ url: pgUrl, schema })
    try {
      const { rows } = await sql<{
        n: number
      }>`select count(*)::int as n from information_schema.tables where table_schema = ${schema} and table_name = 'report'`.execute(pg.db)
      const loaded =
        (rows[0]?.n ?? 0) > 0 &&
        Number(
          (
            await pg.db
              .selectFrom('report')
              .select((eb) => eb.fn.countAll<string>().as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        ) > 0
      await bench('PostgreSQL 15', pg, loaded)
    } finally {
      await pg.close()
      if (!kept) await dropSchema(pgUrl, schema)
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true })
}
