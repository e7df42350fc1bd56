import { PostgresAdapter, sql, type Kysely } from 'kysely'

// Search must find Chinese words inside sentences, which word tokenizers cannot do. Both engines
// get a trigram index behind one table shape, `report_search(report_id, body)`, queried with
// LIKE / ILIKE '%…%': FTS5's trigram tokenizer on SQLite, pg_trgm's GIN index on PostgreSQL.

function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter
}

export async function up(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) {
    // The extension lives in `public` so that dropping a (test) schema never drops it.
    await sql`create extension if not exists pg_trgm with schema public`.execute(db)
    await db.schema
      .createTable('report_search')
      .addColumn('report_id', 'text', (c) => c.primaryKey().references('report.id').onDelete('cascade'))
      .addColumn('body', 'text', (c) => c.notNull())
      .execute()
    await sql`create index report_search_body_trgm on report_search using gin (body public.gin_trgm_ops)`.execute(db)
  } else {
    await sql`create virtual table report_search using fts5(report_id unindexed, body, tokenize = 'trigram')`.execute(db)
  }

  await db.schema
    .createTable('login_attempt')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('window_start', 'text', (c) => c.notNull())
    .addColumn('locked_until', 'text')
    .execute()

  await db.schema.alterTable('revision').addColumn('acknowledgement', 'text').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('revision').dropColumn('acknowledgement').execute()
  await db.schema.dropTable('login_attempt').execute()
  await db.schema.dropTable('report_search').execute()
}
