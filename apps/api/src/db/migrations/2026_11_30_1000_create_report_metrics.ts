import { parseReportDocument } from '@gongkai/schema'
import { factRows } from '../metrics.ts'
import type { Kysely } from 'kysely'

// The fact table: each public report's current metrics (the catalogue in @gongkai/schema), one
// row per report and metric, so stats, region totals and comparisons read numbers, not documents.
// It is written in the same batch as publish, correct and withdraw (db/metrics.ts). A metric that
// cannot be computed is a row with a null value and its reason, never a 0.
//
// This migration also fills it for the reports published before it, from their current revision,
// with the rows publishing writes (db/metrics.ts `factRows`). The rebuild job refills it whenever
// the catalogue changes.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('report_metric')
    .addColumn('report_id', 'text', (c) => c.notNull().references('report.id').onDelete('cascade'))
    .addColumn('metric', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('template', 'text', (c) => c.notNull())
    .addColumn('value', 'double precision')
    .addColumn('numerator', 'double precision')
    .addColumn('denominator', 'double precision')
    .addColumn('reason', 'text')
    .addPrimaryKeyConstraint('report_metric_pk', ['report_id', 'metric'])
    .execute()
  // Stats and rankings: one metric in one year, ordered by value.
  await db.schema.createIndex('report_metric_query_idx').on('report_metric').columns(['metric', 'year', 'value']).execute()
  // Reports by agency and year, for the compliance board and region summaries.
  await db.schema.createIndex('report_agency_year_status_idx').on('report').columns(['year', 'status', 'agency_id']).execute()

  const reports = await db
    .selectFrom('report')
    .innerJoin('revision', (j) => j.onRef('revision.report_id', '=', 'report.id').onRef('revision.number', '=', 'report.current_revision'))
    .select(['report.id as id', 'revision.document as document'])
    .where('report.status', '=', 'published')
    .execute()
  for (const r of reports) {
    const rows = factRows(r.id, parseReportDocument(JSON.parse(r.document as string)))
    // D1 binds at most 100 parameters per statement: 8 columns × 12 rows.
    for (let i = 0; i < rows.length; i += 12)
      await db
        .insertInto('report_metric')
        .values(rows.slice(i, i + 12))
        .execute()
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('report_agency_year_status_idx').execute()
  await db.schema.dropTable('report_metric').execute()
}
