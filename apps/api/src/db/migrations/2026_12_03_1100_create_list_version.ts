import { sql, type Kysely } from 'kysely'

// The public list's version: one row whose number goes up in the same write batch as every change
// the list can show (a report published, corrected, withdrawn or stored as published, a draft
// saved or discarded, the search index rebuilt). The list route reads it (one primary-key lookup)
// to derive its ETag, so a change made through one process is seen by every other on its next
// request, as the report read's head row is. Safe to run again.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('list_version')
    .ifNotExists()
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('n', 'integer', (c) => c.notNull())
    .execute()
  await sql`insert into list_version (id, n) select 'reports', 0 where not exists (select 1 from list_version where id = 'reports')`.execute(
    db,
  )
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('list_version').execute()
}
