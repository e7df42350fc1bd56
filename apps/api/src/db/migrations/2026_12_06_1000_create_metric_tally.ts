import type { Kysely } from 'kysely'
import { refillTally } from '../metric-tally.ts'

// Each metric summed over the public reports of every province, city and county (2-, 4- and
// 6-digit region prefixes) and year (db/metric-tally.ts), so a region's totals read a few dozen
// rows instead of its facts (a province: 350,000). Kept in the same batch as the fact table by
// writeReportMetrics; filled here from the facts already stored, in one statement. Safe to run again.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('metric_tally')
    .ifNotExists()
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('prefix', 'text', (c) => c.notNull())
    .addColumn('metric', 'text', (c) => c.notNull())
    .addColumn('n', 'integer', (c) => c.notNull())
    .addColumn('known', 'integer', (c) => c.notNull())
    .addColumn('value', 'double precision', (c) => c.notNull())
    .addColumn('numerator', 'double precision', (c) => c.notNull())
    .addColumn('denominator', 'double precision', (c) => c.notNull())
    .addPrimaryKeyConstraint('metric_tally_pk', ['year', 'prefix', 'metric'])
    .execute()
  await refillTally(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('metric_tally').execute()
}
