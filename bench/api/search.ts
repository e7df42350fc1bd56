// Search at 100,000 reports: the trigram indexes in use (SQLite FTS5 `trigram`, PostgreSQL pg_trgm
// GIN, queried with LIKE / ILIKE '%…%') against a bigram index of our own (SQLite: FTS5 over
// space-separated bigrams, `ascii` tokenizer; PostgreSQL: GIN over bigint[] of bigram keys, the
// pg_bigm idea without the extension, which Debian does not ship), each followed by the same
// LIKE / ILIKE on the candidates so that the matches are identical (checked here). A word of two
// caseless characters (Chinese characters, digits) is one bigram, which the index answers exactly.
// Needs the data of `pnpm bench:scale` kept: Run:
//   BENCH_SQLITE_FILE=/tmp/x.sqlite BENCH_PG_SCHEMA=gk_x pnpm bench:search
// It adds its bigram tables beside the data (bench_bigram) when they are missing.
import { loadavg } from 'node:os'
import { sql, type Kysely } from '../../apps/api/node_modules/kysely/dist/esm/index.js'
import { connect } from '../../apps/api/src/db/connect.ts'
import { bigramKey, bigrams } from '../../apps/api/src/db/bigrams.ts'
import { quantile } from '../must.ts'

const TOPICS = ['亲清在线', '营商环境', '政务服务', '数据开放', '乡村振兴', '应急管理', '生态环境', '城市更新']
const QUERIES: Array<[string, string[]]> = [
  ['2 characters (the topics’ last two)', TOPICS.map((t) => t.slice(2))],
  ['3 characters (the topics’ last three)', TOPICS.map((t) => t.slice(1))],
  ['4 characters (the topics)', TOPICS],
  ['an agency’s number (第…号, 10 reports)', Array.from({ length: 8 }, (_, i) => `第${i * 1237 + 11}号`)],
]
const ROUNDS = 3
const BOUND = 10_001

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the bench's own tables are not in the app's schema
type AnyDb = Kysely<any>

async function time(run: () => Promise<unknown>): Promise<number> {
  const t = performance.now()
  await run()
  return performance.now() - t
}

function stats(times: number[]) {
  times.sort((a, b) => a - b)
  const q = (p: number) => quantile(times, p).toFixed(1)
  return `${q(0.5)} / ${q(0.95)}`
}

async function fillSqlite(db: AnyDb) {
  const has = await sql<{ n: number }>`select count(*) as n from sqlite_master where name = 'bench_bigram'`.execute(db)
  if ((has.rows[0]?.n ?? 0) > 0) return 0
  const t = performance.now()
  await sql`create virtual table bench_bigram using fts5(report_id unindexed, body unindexed, grams, tokenize = 'ascii')`.execute(db)
  const rows = (await sql<{ report_id: string; body: string }>`select report_id, body from report_search`.execute(db)).rows
  await db.transaction().execute(async (trx) => {
    for (const r of rows)
      await sql`insert into bench_bigram (report_id, body, grams) values (${r.report_id}, ${r.body}, ${bigrams(r.body).join(' ')})`.execute(
        trx,
      )
  })
  return (performance.now() - t) / 1000
}

async function fillPostgres(db: AnyDb) {
  const has = await sql<{
    n: number
  }>`select count(*)::int as n from information_schema.tables where table_schema = current_schema() and table_name = 'bench_bigram'`.execute(
    db,
  )
  if ((has.rows[0]?.n ?? 0) > 0) return 0
  const t = performance.now()
  await sql`create table bench_bigram (report_id text primary key, body text not null, grams bigint[] not null)`.execute(db)
  const rows = (await sql<{ report_id: string; body: string }>`select report_id, body from report_search`.execute(db)).rows
  for (let i = 0; i < rows.length; i += 500) {
    const part = rows.slice(i, i + 500)
    await db
      .insertInto('bench_bigram')
      .values(part.map((r) => ({ report_id: r.report_id, body: r.body, grams: `{${bigrams(r.body).map(bigramKey).join(',')}}` })))
      .execute()
  }
  await sql`create index bench_bigram_grams on bench_bigram using gin (grams)`.execute(db)
  await sql`analyze bench_bigram`.execute(db)
  return (performance.now() - t) / 1000
}

const like = (q: string) => `%${q}%`
const exact = (q: string) => [...q].length === 2 && bigrams(q).length === 1

function matchers(engine: 'sqlite' | 'postgres') {
  const op = engine === 'postgres' ? sql`ilike` : sql`like`
  const trigram = (q: string) => sql`select report_id from report_search where body ${op} ${like(q)}`
  const bigram = (q: string) =>
    // A word of two caseless characters is its own bigram: the index alone answers it exactly.
    exact(q)
      ? engine === 'postgres'
        ? sql`select report_id from bench_bigram where grams @> ${`{${bigramKey(q)}}`}::bigint[]`
        : sql`select report_id from bench_bigram where bench_bigram match ${`"${q}"`}`
      : engine === 'postgres'
        ? sql`select report_id from bench_bigram where grams @> ${`{${bigrams(q).map(bigramKey).join(',')}}`}::bigint[] and body ilike ${like(q)}`
        : sql`select report_id from bench_bigram where bench_bigram match ${bigrams(q)
            .map((g) => `"${g}"`)
            .join(' AND ')} and body like ${like(q)}`
  return { trigram, bigram }
}

async function compare(name: string, db: AnyDb, engine: 'sqlite' | 'postgres', filled: number) {
  const m = matchers(engine)
  console.log(
    `\n### ${name}${filled ? ` (bigram index built in ${filled.toFixed(0)} s)` : ''}; load average ${loadavg()
      .map((x) => x.toFixed(1))
      .join(' ')}\n`,
  )
  console.log(
    '| query | matches | trigram: count ≤ 10,001, p50 / p95 ms | bigram: count | trigram: first page | bigram: first page |\n|---|---|---|---|---|---|',
  )
  for (const [label, qs] of QUERIES) {
    const t = { tc: [] as number[], bc: [] as number[], tp: [] as number[], bp: [] as number[] }
    let matches = 0
    for (const q of qs) {
      // The same matches, in full, both ways.
      const a = (await sql<{ report_id: string }>`${m.trigram(q)}`.execute(db)).rows.map((r) => r.report_id).sort()
      const b = (await sql<{ report_id: string }>`${m.bigram(q)}`.execute(db)).rows.map((r) => r.report_id).sort()
      if (a.length !== b.length || a.some((x, i) => x !== b[i]))
        throw new Error(`${engine}: "${q}" matches ${a.length} by trigram, ${b.length} by bigram`)
      matches = a.length
    }
    for (let r = 0; r < ROUNDS; r++) {
      for (const q of qs) {
        const page = (sub: ReturnType<typeof m.trigram>) =>
          sql`select id from report where current_revision is not null and year <= 2100 and id in (${sub}) order by year desc, agency_name, id limit 51`.execute(
            db,
          )
        t.tc.push(await time(() => sql`select count(*) from (${m.trigram(q)} limit ${BOUND}) x`.execute(db)))
        t.bc.push(await time(() => sql`select count(*) from (${m.bigram(q)} limit ${BOUND}) x`.execute(db)))
        t.tp.push(await time(() => page(m.trigram(q))))
        t.bp.push(await time(() => page(m.bigram(q))))
      }
    }
    console.log(`| ${label} | ${matches} (last) | ${stats(t.tc)} | ${stats(t.bc)} | ${stats(t.tp)} | ${stats(t.bp)} |`)
  }
}

const file = process.env.BENCH_SQLITE_FILE
const schema = process.env.BENCH_PG_SCHEMA
if (!file && !schema) throw new Error('set BENCH_SQLITE_FILE and/or BENCH_PG_SCHEMA to the data `pnpm bench:scale` kept')
if (file) {
  const c = await connect({ url: file })
  await compare('SQLite (file, WAL)', c.db as AnyDb, 'sqlite', await fillSqlite(c.db as AnyDb))
  await c.close()
}
if (schema) {
  const c = await connect({ url: process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test', schema })
  await compare('PostgreSQL 15', c.db as AnyDb, 'postgres', await fillPostgres(c.db as AnyDb))
  await c.close()
}
