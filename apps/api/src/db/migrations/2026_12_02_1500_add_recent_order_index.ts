import type { Kysely } from 'kysely'

// The public list's "newest publication first" order (and the Atom feed) walk revisions by
// publication time, a page at a time, instead of sorting them all. Measured with bench/api/scale.ts.
// Safe to run again (a test re-runs the migrations after an earlier one).

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('revision_published_idx').ifNotExists().on('revision').column('published_at').execute()
  // The feed's validator: the latest change to any report (publish, correct, withdraw, a title).
  await db.schema.createIndex('report_updated_idx').ifNotExists().on('report').column('updated_at').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('report_updated_idx').execute()
  await db.schema.dropIndex('revision_published_idx').execute()
}
