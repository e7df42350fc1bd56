import { PostgresAdapter, sql, type Kysely } from 'kysely'
import { bigramKey, bigrams } from '../bigrams.ts'

// A bigram index beside the trigram one, for words of two characters, which a trigram index
// cannot serve (SQLite's FTS5 `trigram` and pg_trgm both scan for them). A word of two caseless
// characters (Chinese characters, digits) is one bigram, so the index answers it exactly, with no
// second look at the text. Longer words keep the trigram index (measured with bench/api/search.ts).
// `report_bigram(report_id, grams)`: on SQLite and D1 an FTS5 table of each indexed report's
// bigrams separated by spaces (`ascii` tokenizer); on PostgreSQL the bigrams as integers under a
// GIN index, in a table of their own so that report_search (scanned by ILIKE) stays narrow.
// Filled here for the reports already indexed. Safe to run again.

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter
  if (pg) {
    await sql`create table if not exists report_bigram (report_id text primary key references report (id) on delete cascade, grams bigint[] not null)`.execute(
      db,
    )
    await sql`create index if not exists report_bigram_grams on report_bigram using gin (grams)`.execute(db)
  } else {
    await sql`create virtual table if not exists report_bigram using fts5(report_id unindexed, grams, tokenize = 'ascii')`.execute(db)
  }
  await sql`delete from report_bigram`.execute(db)
  const grams = (body: string) => (pg ? `{${bigrams(body).map(bigramKey).join(',')}}` : bigrams(body).join(' '))
  // A few reports at a time (never every body in memory), 50 rows a statement: D1 binds at most
  // 100 values in one.
  // Paged by the key each engine finds fast: report_id on PostgreSQL, FTS5's rowid on SQLite.
  let after: string | number = pg ? '' : 0
  for (;;) {
    const page = pg
      ? sql<{
          k: string
          report_id: string
          body: string
        }>`select report_id as k, report_id, body from report_search where report_id > ${after} order by report_id limit 50`
      : sql<{
          k: number
          report_id: string
          body: string
        }>`select rowid as k, report_id, body from report_search where rowid > ${after} order by rowid limit 50`
    const rows = (await page.execute(db)).rows
    const last = rows.at(-1)
    if (!last) break
    await db
      .insertInto('report_bigram')
      .values(rows.map((r) => ({ report_id: r.report_id, grams: grams(r.body) })))
      .execute()
    after = last.k
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table if exists report_bigram`.execute(db)
}
