import { PostgresAdapter, sql, type Kysely } from 'kysely'

// The public list's default order is newest year first, then agency name, then id. With the
// agency's name on the agency row only, the first page joined a whole year's reports to their
// agencies and sorted them (57 ms p95 on SQLite, 96 ms on PostgreSQL at 100,000 reports). The name
// is now also on the report row, kept in step in the same write as the report's own changes
// (db/drafts.ts: a draft created, published, corrected, withdrawn, stored as published), so the
// order is an index order and a page is one index range read with no join or sort.
//
// The index is partial (public reports only) and descending on the year, as the list reads it;
// SQLite, D1 and PostgreSQL build it the same way. Safe to run again (a test re-runs the
// migrations after an earlier one).

async function hasColumn(db: Kysely<any>): Promise<boolean> {
  try {
    await sql`select agency_name from report limit 0`.execute(db)
    return true
  } catch {
    return false
  }
}

export async function up(db: Kysely<any>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    // PostgreSQL runs the migration in a transaction, which a failed probe would abort.
    await sql`alter table report add column if not exists agency_name text not null default ''`.execute(db)
  } else if (!(await hasColumn(db))) {
    await db.schema
      .alterTable('report')
      .addColumn('agency_name', 'text', (c) => c.notNull().defaultTo(''))
      .execute()
  }
  await sql`update report set agency_name = (select agency.name from agency where agency.id = report.agency_id)`.execute(db)
  await sql`create index if not exists report_list_order_idx on report (year desc, agency_name, id) where current_revision is not null`.execute(
    db,
  )
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('report_list_order_idx').execute()
  await db.schema.alterTable('report').dropColumn('agency_name').execute()
}
