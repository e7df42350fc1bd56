import type { Kysely } from 'kysely'

// A year by region (`/api/stats?…&year=…&group_by=region`) counts and sums a metric's facts by
// their agency's region code, template and reason in the database (db/ranking.ts `regionTally`).
// The index by region held the region code, kind, level and value only, so each of a year's ten
// thousand facts was looked up in the table for the rest: 110 ms at 100,000 reports. The index
// now holds every column that read takes, after the ones a region's ranking reads by (which it
// still does, as the start of this one). Safe to run again.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('report_metric_region_cover_idx')
    .ifNotExists()
    .on('report_metric')
    .columns(['metric', 'year', 'region_code', 'kind', 'level', 'value', 'template', 'reason', 'numerator', 'denominator', 'report_id'])
    .execute()
  await db.schema.dropIndex('report_metric_region_idx').ifExists().execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('report_metric_region_idx')
    .ifNotExists()
    .on('report_metric')
    .columns(['metric', 'year', 'region_code', 'kind', 'level', 'value'])
    .execute()
  await db.schema.dropIndex('report_metric_region_cover_idx').ifExists().execute()
}
