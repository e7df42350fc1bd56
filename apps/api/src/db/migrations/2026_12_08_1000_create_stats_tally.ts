import type { Kysely } from 'kysely'

// Each metric's facts counted and summed per year, level, kind, template and reason
// (db/stats-tally.ts), so `/api/stats` by level or year, and a year's totals and counts, read a
// few dozen rows instead of every fact of the year. Kept in the same batch as the fact table by
// writeReportMetrics; filled from the facts already stored by 2026_12_09_1200. Safe to run again.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('stats_tally')
    .ifNotExists()
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('metric', 'text', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('template', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('n', 'integer', (c) => c.notNull())
    .addColumn('known', 'integer', (c) => c.notNull())
    .addColumn('value', 'double precision', (c) => c.notNull())
    .addColumn('numerator', 'double precision', (c) => c.notNull())
    .addColumn('denominator', 'double precision', (c) => c.notNull())
    .addPrimaryKeyConstraint('stats_tally_pk', ['metric', 'year', 'level', 'kind', 'template', 'reason'])
    .execute()
  // Filled by 2026_12_09_1200, which gives the tally its region prefixes (the code that fills it
  // writes those now): a database this migration runs on has that one still to run.
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('stats_tally').execute()
}
