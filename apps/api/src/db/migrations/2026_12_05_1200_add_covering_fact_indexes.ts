import type { Kysely } from 'kysely'

// A year-wide ranking reads one metric of ten thousand reports. Each report's facts were written
// together, so the ten thousand rows of one metric sit on ten thousand pages, and the reports
// of one year on thousands more. These two indexes hold every column the ranking reads, in the
// order it reads them: the facts of a metric and year, and the public reports of a year with
// their agency and revision, each one contiguous range (db/metrics.ts `listMetricFacts`).
// Safe to run again.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('report_metric_covering_idx')
    .ifNotExists()
    .on('report_metric')
    .columns(['metric', 'year', 'report_id', 'template', 'value', 'numerator', 'denominator', 'reason'])
    .execute()
  await db.schema
    .createIndex('report_year_public_idx')
    .ifNotExists()
    .on('report')
    .columns(['year', 'status', 'id', 'agency_id', 'current_revision'])
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('report_year_public_idx').ifExists().execute()
  await db.schema.dropIndex('report_metric_covering_idx').ifExists().execute()
}
