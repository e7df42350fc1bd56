import { parseReportDocument, type ReportDocument } from '@gongkai/schema'
import type { Expression, ExpressionBuilder } from 'kysely'
import { sha256Hex } from '../auth/password.ts'
import type { Database, Db, WriteDb } from './database.ts'
import { storableJson } from './document-size.ts'
import { writeReportMetrics } from './metrics.ts'
import type { ReportStatus, RevisionKind } from './report.table.ts'
import { bumpAcrossVersion, bumpListVersion } from './reports-list.ts'
import { writeReportCells } from './report-cells.ts'
import { tallyReportState } from './compliance-tally.ts'
import { getRevision } from './revisions.ts'
import { indexReport } from './search-index.ts'

// Drafts and publishing. A published revision is written once and never updated.

/**
 * The agency's name as the report row keeps it for the list's order: read from the agency row
 * inside the same statement, so it holds in a write batch (where nothing can be read first).
 */
function agencyNameOf(agencyId: string | ((eb: ExpressionBuilder<Database, 'report'>) => Expression<string>)) {
  return (eb: ExpressionBuilder<Database, 'report'>) =>
    eb
      .selectFrom('agency')
      .select('agency.name')
      .where('agency.id', '=', typeof agencyId === 'string' ? agencyId : agencyId(eb))
}

export async function createDraftReport(db: WriteDb, input: { agencyId: string; document: ReportDocument; at: Date }): Promise<string> {
  const id = crypto.randomUUID()
  const at = input.at.toISOString()
  await db
    .insertInto('report')
    .values({
      id,
      agency_id: input.agencyId,
      agency_name: agencyNameOf(input.agencyId),
      year: input.document.year,
      template: input.document.template,
      title: input.document.title,
      status: 'draft',
      current_revision: null,
      draft_document: storableJson(input.document),
      draft_version: 1,
      withdrawn_reason: null,
      created_at: at,
      updated_at: at,
    })
    .execute()
  return id
}

export interface Draft {
  reportId: string
  agencyId: string
  status: ReportStatus
  currentRevision: number | null
  version: number
  /** The working copy; for a published report without one, its current revision. */
  document: ReportDocument | null
  hasDraft: boolean
}

export async function getDraft(db: Db, reportId: string): Promise<Draft | undefined> {
  const row = await db
    .selectFrom('report')
    .select(['id', 'agency_id', 'status', 'current_revision', 'draft_document', 'draft_version'])
    .where('id', '=', reportId)
    .executeTakeFirst()
  if (!row) return undefined
  let document: ReportDocument | null = row.draft_document ? parseReportDocument(JSON.parse(row.draft_document)) : null
  if (!document && row.current_revision !== null) {
    const rev = await getRevision(db, reportId, Number(row.current_revision))
    document = rev ? parseReportDocument(JSON.parse(rev.documentJson)) : null
  }
  return {
    reportId: row.id,
    agencyId: row.agency_id,
    status: row.status,
    currentRevision: row.current_revision === null ? null : Number(row.current_revision),
    version: Number(row.draft_version),
    document,
    hasDraft: row.draft_document !== null,
  }
}

/**
 * Save the working copy over `version`. Record it in a WriteBatch that `expectRow`s the same
 * version (optimistic concurrency: a stale save aborts the batch and the caller answers 409).
 */
export async function saveDraft(db: WriteDb, reportId: string, version: number, doc: ReportDocument, at: Date): Promise<number> {
  await db
    .updateTable('report')
    // The row's title and template are what lists show: a draft's only while nothing is
    // published; a published report keeps its published title until a correction is published.
    .set((eb) => ({
      draft_document: storableJson(doc),
      draft_version: version + 1,
      title: eb.case().when('current_revision', 'is', null).then(doc.title).else(eb.ref('title')).end(),
      template: eb.case().when('current_revision', 'is', null).then(doc.template).else(eb.ref('template')).end(),
      updated_at: at.toISOString(),
    }))
    .where('id', '=', reportId)
    .where('draft_version', '=', version)
    .execute()
  // The admin's lists show a draft's title.
  await bumpListVersion(db)
  return version + 1
}

/** Throw away the working copy; a report never published goes with it. Record it in a batch that checks `version`. */
export async function discardDraft(
  db: WriteDb,
  reportId: string,
  version: number,
  published: boolean,
  at: Date,
): Promise<'deleted' | 'discarded'> {
  if (!published) {
    await db.deleteFrom('report').where('id', '=', reportId).where('draft_version', '=', version).execute()
    return 'deleted'
  }
  await db
    .updateTable('report')
    .set({ draft_document: null, draft_version: version + 1, updated_at: at.toISOString() })
    .where('id', '=', reportId)
    .where('draft_version', '=', version)
    .execute()
  await bumpListVersion(db)
  return 'discarded'
}

/** `agency_name = (select name from agency where id = report.agency_id)`, for updates of the report row. */
const fromAgencyRow = agencyNameOf((eb) => eb.ref('report.agency_id'))

/** Write a revision row, once: the document text as stored here is what the public gets, always. */
async function insertRevision(
  db: WriteDb,
  r: {
    reportId: string
    number: number
    kind: RevisionKind
    note: string
    acknowledgement: string | null
    authorId: string | null
    at: string
    document: ReportDocument
  },
): Promise<void> {
  const json = storableJson(r.document)
  await db
    .insertInto('revision')
    .values({
      id: crypto.randomUUID(),
      report_id: r.reportId,
      number: r.number,
      kind: r.kind,
      note: r.note,
      author_id: r.authorId,
      published_at: r.at,
      document: json,
      sha256: await sha256Hex(json),
      acknowledgement: r.acknowledgement,
    })
    .execute()
}

/**
 * Publish the working copy as revision `number` (the current one plus one). Record it in a
 * WriteBatch that `expectRow`s the version and current revision the caller read: the revision
 * row, the report pointer and the search index change together or not at all.
 */
export async function publishDraft(
  db: WriteDb,
  input: {
    reportId: string
    number: number
    version: number
    document: ReportDocument
    kind: RevisionKind
    note: string
    acknowledgement: string | null
    authorId: string
    at: Date
  },
): Promise<number> {
  const at = input.at.toISOString()
  // The board's counts: the report as it was out, as it is after this batch in (below).
  await tallyReportState(db, input.reportId, -1)
  await insertRevision(db, {
    reportId: input.reportId,
    number: input.number,
    kind: input.kind,
    note: input.note,
    acknowledgement: input.acknowledgement,
    authorId: input.authorId,
    at,
    document: input.document,
  })
  await db
    .updateTable('report')
    .set({
      status: 'published',
      current_revision: input.number,
      draft_document: null,
      draft_version: input.version + 1,
      title: input.document.title,
      template: input.document.template,
      withdrawn_reason: null,
      agency_name: fromAgencyRow,
      updated_at: at,
    })
    .where('id', '=', input.reportId)
    .where('draft_version', '=', input.version)
    .execute()
  await indexReport(db, input.reportId, input.document)
  await writeReportMetrics(db, input.reportId, input.document)
  await writeReportCells(db, input.reportId, input.number, input.document)
  await tallyReportState(db, input.reportId, 1)
  await bumpListVersion(db)
  await bumpAcrossVersion(db)
  return input.number
}

export async function withdrawReport(db: WriteDb, reportId: string, reason: string, at: Date): Promise<void> {
  await tallyReportState(db, reportId, -1)
  await db
    .updateTable('report')
    .set({ status: 'withdrawn', withdrawn_reason: reason, agency_name: fromAgencyRow, updated_at: at.toISOString() })
    .where('id', '=', reportId)
    .execute()
  await indexReport(db, reportId, null)
  await writeReportMetrics(db, reportId, null)
  await writeReportCells(db, reportId, 0, null)
  await tallyReportState(db, reportId, 1)
  await bumpListVersion(db)
  await bumpAcrossVersion(db)
}

/**
 * Store a report that is already public elsewhere (sample data, an archive) as its first
 * published revision.
 */
export async function insertPublishedReport(
  db: WriteDb,
  input: { agencyId: string; document: ReportDocument; note: string; authorId: string | null; at: Date },
): Promise<string> {
  const id = await createDraftReport(db, input)
  await insertRevision(db, {
    reportId: id,
    number: 1,
    kind: 'first',
    note: input.note,
    acknowledgement: null,
    authorId: input.authorId,
    at: input.at.toISOString(),
    document: input.document,
  })
  await db
    .updateTable('report')
    .set({ status: 'published', current_revision: 1, draft_document: null, draft_version: 2, agency_name: fromAgencyRow })
    .where('id', '=', id)
    .execute()
  await indexReport(db, id, input.document)
  await writeReportMetrics(db, id, input.document)
  await writeReportCells(db, id, 1, input.document)
  await tallyReportState(db, id, 1)
  await bumpListVersion(db)
  await bumpAcrossVersion(db)
  return id
}
