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
  const rows = (await sql<{ report_id: string; body: string }>`select report_id, body from report_search`.execute(db)).rows
  const pg = db.getExecutor().adapter instanceof PostgresAdapter
  if (pg) {
    await sql`create table if not exists report_bigram (report_id text primary key references report (id) on delete cascade, grams bigint[] not null)`.execute(db)
    await sql`create index if not exists report_bigram_grams on report_bigram using gin (grams)`.execute(db)
  } else {
    await sql`create virtual table if not exists report_bigram using fts5(report_id unindexed, grams, tokenize = 'ascii')`.execute(db)
  }
  await sql`delete from report_bigram`.execute(db)
  // 50 rows a statement: D1 binds at most 100 values in one.
  for (let i = 0; i < rows.length; i += 50) {
    const grams = (body: string) => (pg ? `{${bigrams(body).map(bigramKey).join(',')}}` : bigrams(body).join(' '))
    await db
      .insertInto('report_bigram')
      .values(rows.slice(i, i + 50).map((r) => ({ report_id: r.report_id, grams: grams(r.body) })))
      .execute()
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table if exists report_bigram`.execute(db)
}
