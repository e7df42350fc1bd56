import type { Kysely } from 'kysely'

// A stats answer lists the reports it could not count by year then code; found among every unknown
// fact of the metric and sorted, that took PostgreSQL 100–200 ms where a metric is unknown for
// every agency of a year. `unknown_fact` (db/unknown-facts.ts) keeps those facts with their agency's
// code, level and kind, indexed in the list's order, in the same batch as the fact table. Derived
// data: created here, filled from the facts already stored by 2026_12_11_1200. Safe to run again.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('unknown_fact')
    .ifNotExists()
    .addColumn('report_id', 'text', (c) => c.notNull())
    .addColumn('metric', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('agency_id', 'text', (c) => c.notNull())
    .addColumn('agency_code', 'text', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('template', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('unknown_fact_pk', ['report_id', 'metric'])
    .execute()
  await db.schema
    .createIndex('unknown_fact_order_idx')
    .ifNotExists()
    .on('unknown_fact')
    .columns(['metric', 'year', 'agency_code'])
    .execute()
  // Filled from the facts by 2026_12_11_1200, which adds the agency's region code to its rows.
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('unknown_fact').ifExists().execute()
}
