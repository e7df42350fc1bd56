import type { ReportDocument } from '@gongkai/schema'
import { CELLS_VERSION, encodeCells } from '../data-file.ts'
import type { WriteDb } from './database.ts'

// A report's current cells, stored for the year's download (data-file.ts). Written by
// publishDraft, withdrawReport and insertPublishedReport (db/drafts.ts), inside their write batch.

/** Replace a report's stored cells with those of `doc`, revision `revision` (null: no longer public). */
export async function writeReportCells(db: WriteDb, reportId: string, revision: number, doc: ReportDocument | null): Promise<void> {
  await db.deleteFrom('report_cells').where('report_id', '=', reportId).execute()
  if (!doc) return
  await db
    .insertInto('report_cells')
    .values({ report_id: reportId, revision, format: CELLS_VERSION, cells: encodeCells(doc) })
    .execute()
}
