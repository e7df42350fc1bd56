import { PostgresAdapter, sql, type Kysely } from 'kysely'
import { bigramKey, bigrams } from '../bigrams.ts'

// A bigram index beside the trigram one, for words of two characters, which a trigram index
// cannot serve (SQLite's FTS5 `trigram` and pg_trgm both scan for them). A word of two caseless
// characters (Chinese characters, digits) is one bigram, so the index answers it exactly, with no
// second look at the text. Longer words keep the trigram index (measured with bench/api/search.ts:
// it is as fast or faster there). SQLite and D1: an FTS5 table of each report's bigrams, separated
// by spaces (`ascii` tokenizer). PostgreSQL: the bigrams as integers in report_search, under GIN.
// Filled here for the reports already indexed. Safe to run again.

export async function up(db: Kysely<any>): Promise<void> {
  const rows = (await sql<{ report_id: string; body: string }>`select report_id, body from report_search`.execute(db)).rows
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await sql`alter table report_search add column if not exists grams bigint[] not null default '{}'`.execute(db)
    for (let i = 0; i < rows.length; i += 500) {
      const values = sql.join(rows.slice(i, i + 500).map((r) => sql`(${r.report_id}, ${`{${bigrams(r.body).map(bigramKey).join(',')}}`})`))
      await sql`update report_search set grams = v.grams::bigint[] from (values ${values}) as v (id, grams) where report_search.report_id = v.id`.execute(db)
    }
    await sql`create index if not exists report_search_grams on report_search using gin (grams)`.execute(db)
  } else {
    await sql`create virtual table if not exists report_bigram using fts5(report_id unindexed, grams, tokenize = 'ascii')`.execute(db)
    await sql`delete from report_bigram`.execute(db)
    // 50 rows a statement: D1 binds at most 100 values in one.
    for (let i = 0; i < rows.length; i += 50) {
      await db
        .insertInto('report_bigram')
        .values(rows.slice(i, i + 50).map((r) => ({ report_id: r.report_id, grams: bigrams(r.body).join(' ') })))
        .execute()
    }
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await sql`drop index if exists report_search_grams`.execute(db)
    await sql`alter table report_search drop column if exists grams`.execute(db)
  } else {
    await sql`drop table if exists report_bigram`.execute(db)
  }
}
