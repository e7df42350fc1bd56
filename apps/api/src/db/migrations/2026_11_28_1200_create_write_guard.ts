import { sql, type Kysely } from 'kysely'

// The table a write batch inserts into when one of its checks fails (see db/write-batch.ts). It never
// holds a row: the CHECK refuses every insert, which aborts the batch on every engine — D1's
// batch() included, where no code can run between the statements to roll back by hand.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('write_guard')
    .addColumn('ok', 'integer', (c) => c.notNull())
    .addCheckConstraint('write_guard_holds', sql`ok = 1`)
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('write_guard').execute()
}
