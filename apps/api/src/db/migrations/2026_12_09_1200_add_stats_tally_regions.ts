import type { Kysely } from 'kysely'
import { refillStatsTally } from '../stats-tally.ts'

// `/api/stats` of one region by year (`region=3301&group_by=year`) read every fact of the region's
// subtree, a fact looked up for each of its reports: a city over ten years is tens of thousands.
// The stats tally now also counts each year's facts per province, city and county (the 2-, 4- and
// 6-digit prefixes of the agency's region code, as metric_tally does), its level and kind left
// empty there (`prefix` '' keeps the whole registry by level and kind, as before). The tally is
// derived data: recreated with the new key and filled again from the facts. Safe to run again.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('stats_tally').ifExists().execute()
  await db.schema
    .createTable('stats_tally')
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('metric', 'text', (c) => c.notNull())
    .addColumn('prefix', 'text', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('template', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('n', 'integer', (c) => c.notNull())
    .addColumn('known', 'integer', (c) => c.notNull())
    .addColumn('value', 'double precision', (c) => c.notNull())
    .addColumn('numerator', 'double precision', (c) => c.notNull())
    .addColumn('denominator', 'double precision', (c) => c.notNull())
    .addPrimaryKeyConstraint('stats_tally_pk', ['metric', 'prefix', 'year', 'level', 'kind', 'template', 'reason'])
    .execute()
  await refillStatsTally(db)
}

export async function down(): Promise<void> {
  // The tally before it had no regions; 2026_12_08_1000 made it, and refills it when run again.
}
