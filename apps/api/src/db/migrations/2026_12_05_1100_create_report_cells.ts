import { parseReportDocument } from '@gongkai/schema'
import type { Kysely } from 'kysely'
import { CELLS_VERSION, encodeCells } from '../../data-file.ts'

// Each report's current cells in a compact form (data-file.ts), for the year's CSV and JSONL:
// written in the same batch as publish and correct, so a download reads no documents. One row per
// report, with the revision it was made from; the download reads the document instead when the
// row is missing or not the current revision's.
//
// This also fills it for the reports published before it, from their current revision, 200 at a
// time (a large archive is not read into memory at once). Safe to run again.

interface Row {
  id: string
  number: number | string
  document: string
}

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('report_cells')
    .ifNotExists()
    .addColumn('report_id', 'text', (c) => c.primaryKey().references('report.id').onDelete('cascade'))
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('format', 'integer', (c) => c.notNull())
    .addColumn('cells', 'text', (c) => c.notNull())
    .execute()
  let after = ''
  for (;;) {
    const rows = (await db
      .selectFrom('report')
      .innerJoin('revision', (j) =>
        j.onRef('revision.report_id', '=', 'report.id').onRef('revision.number', '=', 'report.current_revision'),
      )
      .select(['report.id as id', 'revision.number as number', 'revision.document as document'])
      .where('report.status', '=', 'published')
      .where('report.id', '>', after)
      .orderBy('report.id')
      .limit(200)
      .execute()) as Row[]
    const last = rows.at(-1)
    if (!last) break
    after = last.id
    const values = []
    for (const r of rows) {
      let cells: string
      try {
        cells = encodeCells(parseReportDocument(JSON.parse(r.document)))
      } catch {
        // Not readable as a document now: the download reads (and skips) it as before.
        continue
      }
      values.push({ report_id: r.id, revision: Number(r.number), format: CELLS_VERSION, cells })
    }
    const ids = values.map((v) => v.report_id)
    for (let i = 0; i < ids.length; i += 90)
      await db
        .deleteFrom('report_cells')
        .where('report_id', 'in', ids.slice(i, i + 90))
        .execute()
    // D1 binds at most 100 parameters per statement: 4 columns × 20 rows.
    for (let i = 0; i < values.length; i += 20)
      await db
        .insertInto('report_cells')
        .values(values.slice(i, i + 20))
        .execute()
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('report_cells').execute()
}
