import { PART_IDS, type Block, type ReportDocument } from '@gongkai/schema'
import { PostgresAdapter, sql } from 'kysely'
import { bigramKey, bigrams } from './bigrams.ts'
import type { Db, WriteDb } from './database.ts'
import { writeReportMetrics } from './metrics.ts'
import { bumpAcrossVersion, bumpListVersion } from './reports-list.ts'
import { writeReportCells } from './report-cells.ts'
import { revisionDocument } from './revisions.ts'

// ---------------------------------------------------------------------------------------------
// Search index: the current published text of each public report.

function blockText(b: Block): string {
  return b.type === 'list' ? b.items.join('\n') : b.text
}

export function searchBody(doc: ReportDocument): string {
  return [doc.agency.name, doc.title, ...doc.preamble.map(blockText), ...PART_IDS.flatMap((p) => doc.parts[p].map(blockText))].join('\n')
}

/** Rebuild the search index and the metrics of every public report from its current revision. */
export async function reindexAll(db: Db, progress?: (done: number, total: number) => Promise<void>): Promise<number> {
  const rows = await db.selectFrom('report').select(['id', 'current_revision', 'status']).execute()
  let done = 0
  for (const r of rows) {
    const doc =
      r.current_revision !== null && r.status === 'published' ? await revisionDocument(db, r.id, Number(r.current_revision)) : null
    await indexReport(db, r.id, doc ?? null)
    await writeReportMetrics(db, r.id, doc ?? null)
    await writeReportCells(db, r.id, Number(r.current_revision), doc ?? null)
    done++
    if (progress && done % 50 === 0) await progress(done, rows.length)
  }
  await bumpListVersion(db)
  await bumpAcrossVersion(db)
  await progress?.(done, rows.length)
  return done
}

export async function indexReport(db: WriteDb, reportId: string, doc: ReportDocument | null): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await db.deleteFrom('report_search').where('report_id', '=', reportId).execute()
    await db.deleteFrom('report_bigram').where('report_id', '=', reportId).execute()
  } else {
    // FTS5 finds a row by its rowid only (the report's id is unindexed text): by the report's key.
    const key = sql<number>`(select key from report_search_key where report_id = ${reportId})`
    await db.deleteFrom('report_search').where('rowid', '=', key).execute()
    await db.deleteFrom('report_bigram').where('rowid', '=', key).execute()
  }
  if (doc) await insertSearchRows(db, [{ report_id: reportId, body: searchBody(doc) }])
}

/** D1 binds at most 100 values in a statement: three a row (the id twice, the text) in the FTS5 tables. */
const SEARCH_ROWS_PER_INSERT = 30

/**
 * Index reports' text for search: the trigram index and the bigram one (migration 2026_12_03_1200).
 * On SQLite and D1 each report's rows in both FTS5 tables have its key as their rowid (migration
 * 2026_12_09_1100): given here, the key made first when the report has none.
 */
export async function insertSearchRows(db: WriteDb, rows: Array<{ report_id: string; body: string }>): Promise<void> {
  if (rows.length === 0) return
  // PostgreSQL keeps the bigrams as integers (bigint[] under GIN); FTS5 as words.
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await db.insertInto('report_search').values(rows).execute()
    await db
      .insertInto('report_bigram')
      .values(rows.map((r) => ({ report_id: r.report_id, grams: `{${bigrams(r.body).map(bigramKey).join(',')}}` })))
      .execute()
    return
  }
  for (let i = 0; i < rows.length; i += SEARCH_ROWS_PER_INSERT) {
    const part = rows.slice(i, i + SEARCH_ROWS_PER_INSERT)
    await db
      .insertInto('report_search_key')
      .values(part.map((r) => ({ report_id: r.report_id })))
      .onConflict((oc) => oc.column('report_id').doNothing())
      .execute()
    const key = (r: (typeof part)[number]) => sql<number>`(select key from report_search_key where report_id = ${r.report_id})`
    await db
      .insertInto('report_search')
      .values(part.map((r) => ({ rowid: key(r), report_id: r.report_id, body: r.body })))
      .execute()
    await db
      .insertInto('report_bigram')
      .values(part.map((r) => ({ rowid: key(r), report_id: r.report_id, grams: bigrams(r.body).join(' ') })))
      .execute()
  }
}
