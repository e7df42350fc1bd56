import { PostgresAdapter, sql, type Kysely } from 'kysely'

// On SQLite and D1 the search indexes are FTS5 tables, which hold each report's id as text in
// their content: finding a frequent word's reports read the content row of every match (10,000
// scattered reads, two thirds of a search's time at 100,000 reports), and taking one report out
// of the index scanned every row for its id. Each indexed report now has an integer key, the
// rowid of its rows in both FTS5 tables (`report_search_key`, an INTEGER PRIMARY KEY, so that
// VACUUM and a dump and reload keep it): a search is the index's rowids alone, a report's rows
// are found by key. The keys are the trigram table's rowids as they are; the bigram table's rows
// are moved to the same rowids. PostgreSQL's search tables are keyed by report id already:
// nothing changes there. Safe to run again.

export async function up(db: Kysely<any>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) return
  await sql`create table if not exists report_search_key (key integer primary key, report_id text not null unique)`.execute(db)
  await sql`insert or ignore into report_search_key (key, report_id) select rowid, report_id from report_search`.execute(db)
  // A second row of one report (there should be none) would have no key: the index keeps one.
  await sql`delete from report_search where rowid not in (select key from report_search_key)`.execute(db)
  await sql`drop table if exists report_bigram_moved`.execute(db)
  await sql`create table report_bigram_moved as select k.key as key, b.report_id as report_id, b.grams as grams
from report_bigram b join report_search_key k on k.report_id = b.report_id`.execute(db)
  await sql`delete from report_bigram`.execute(db)
  await sql`insert into report_bigram (rowid, report_id, grams) select key, report_id, grams from report_bigram_moved`.execute(db)
  await sql`drop table report_bigram_moved`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) return
  await sql`drop table if exists report_search_key`.execute(db)
}
