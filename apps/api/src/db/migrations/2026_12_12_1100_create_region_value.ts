import { PostgresAdapter, sql, type Kysely } from 'kysely'
import { refillRegionValue } from '../region-value.ts'

// A year's ranking by region (`/api/stats?…&year=…&group_by=region`) counted a year's facts by
// region code for every page (60–100 ms at 100,000 reports, ten thousand region codes). One derived
// table (db/region-value.ts), kept in the same batch as the fact table by writeReportMetrics: each
// metric's facts of a year per region code, with the value the region's group has, indexed so a page
// of the ranking is a range (the regions without a value by code). Region codes take collation "C"
// on PostgreSQL, so they are in code-unit order, as the process orders them. Created, then filled
// from the facts already stored. Safe to run again.

export async function up(db: Kysely<any>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter
  await db.schema
    .createTable('region_value')
    .ifNotExists()
    .addColumn('metric', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('region_code', postgres ? sql`text collate "C"` : 'text', (c) => c.notNull())
    .addColumn('n', 'integer', (c) => c.notNull())
    .addColumn('known', 'integer', (c) => c.notNull())
    .addColumn('value', 'double precision', (c) => c.notNull())
    .addColumn('numerator', 'double precision', (c) => c.notNull())
    .addColumn('denominator', 'double precision', (c) => c.notNull())
    .addColumn('score', 'double precision')
    .addPrimaryKeyConstraint('region_value_pk', ['metric', 'year', 'region_code'])
    .execute()
  await db.schema
    .createIndex('region_value_score_idx')
    .ifNotExists()
    .on('region_value')
    .columns(['metric', 'year', 'score', 'region_code'])
    .execute()
  await refillRegionValue(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('region_value').ifExists().execute()
}
