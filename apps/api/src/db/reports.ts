import { parseReportDocument, type ReportDocument } from '@gongkai/schema'
import { sha256Hex } from '../auth/password.ts'
import type { Db } from './database.ts'
import type { ReportStatus, RevisionKind } from './report.table.ts'

export interface ReportSummary {
  id: string
  agency: { id: string; name: string; code: string; level: string; kind: string }
  year: number
  template: string
  title: string
  status: ReportStatus
  revision: number | null
  updatedAt: string
}

export interface PublishedReport extends ReportSummary {
  revisionInfo: { number: number; kind: RevisionKind; note: string; publishedAt: string; sha256: string }
  document: ReportDocument
  withdrawnReason: string | null
}

function summaryQuery(db: Db) {
  return db
    .selectFrom('report')
    .innerJoin('agency', 'agency.id', 'report.agency_id')
    .select([
      'report.id as id',
      'report.year as year',
      'report.template as template',
      'report.title as title',
      'report.status as status',
      'report.current_revision as revision',
      'report.updated_at as updated_at',
      'agency.id as agency_id',
      'agency.name as agency_name',
      'agency.code as agency_code',
      'agency.level as agency_level',
      'agency.kind as agency_kind',
    ])
}

type SummaryRow = Awaited<ReturnType<ReturnType<typeof summaryQuery>['execute']>>[number]

function toSummary(r: SummaryRow): ReportSummary {
  return {
    id: r.id,
    agency: { id: r.agency_id, name: r.agency_name, code: r.agency_code, level: r.agency_level, kind: r.agency_kind },
    year: Number(r.year),
    template: r.template,
    title: r.title,
    status: r.status,
    revision: r.revision === null ? null : Number(r.revision),
    updatedAt: r.updated_at,
  }
}

/** Reports the public may see: published or withdrawn, never drafts. */
export async function listPublicReports(db: Db): Promise<ReportSummary[]> {
  const rows = await summaryQuery(db)
    .where('report.current_revision', 'is not', null)
    .orderBy('report.year', 'desc')
    .orderBy('agency.name')
    .execute()
  return rows.map(toSummary)
}

/** Every report of the given agencies (all agencies when `agencyIds` is null), drafts included. */
export async function listReportsForAdmin(db: Db, agencyIds: string[] | null): Promise<ReportSummary[]> {
  let q = summaryQuery(db)
  if (agencyIds !== null) {
    if (agencyIds.length === 0) return []
    q = q.where('report.agency_id', 'in', agencyIds)
  }
  const rows = await q.orderBy('report.year', 'desc').orderBy('agency.name').execute()
  return rows.map(toSummary)
}

export async function getPublishedReport(db: Db, id: string): Promise<PublishedReport | undefined> {
  const row = await summaryQuery(db)
    .innerJoin('revision', (j) => j.onRef('revision.report_id', '=', 'report.id').onRef('revision.number', '=', 'report.current_revision'))
    .select([
      'revision.number as rev_number',
      'revision.kind as rev_kind',
      'revision.note as rev_note',
      'revision.published_at as rev_published_at',
      'revision.sha256 as rev_sha256',
      'revision.document as rev_document',
      'report.withdrawn_reason as withdrawn_reason',
    ])
    .where('report.id', '=', id)
    .executeTakeFirst()
  if (!row) return undefined
  return {
    ...toSummary(row),
    revisionInfo: {
      number: Number(row.rev_number),
      kind: row.rev_kind,
      note: row.rev_note,
      publishedAt: row.rev_published_at,
      sha256: row.rev_sha256,
    },
    document: parseReportDocument(JSON.parse(row.rev_document)),
    withdrawnReason: row.withdrawn_reason,
  }
}

export interface RevisionSummary {
  number: number
  kind: RevisionKind
  note: string
  publishedAt: string
  sha256: string
}

/** Published revisions of a public report, newest first. Drafts are not revisions. */
export async function listRevisions(db: Db, reportId: string): Promise<RevisionSummary[]> {
  const rows = await db
    .selectFrom('revision')
    .select(['number', 'kind', 'note', 'published_at', 'sha256'])
    .where('report_id', '=', reportId)
    .orderBy('number', 'desc')
    .execute()
  return rows.map((r) => ({ number: Number(r.number), kind: r.kind, note: r.note, publishedAt: r.published_at, sha256: r.sha256 }))
}

/** One published revision, exactly as stored (the JSON text is returned untouched). */
export async function getRevision(db: Db, reportId: string, number: number) {
  const row = await db
    .selectFrom('revision')
    .select(['number', 'kind', 'note', 'published_at', 'sha256', 'document'])
    .where('report_id', '=', reportId)
    .where('number', '=', number)
    .executeTakeFirst()
  return row
    ? { number: Number(row.number), kind: row.kind, note: row.note, publishedAt: row.published_at, sha256: row.sha256, documentJson: row.document }
    : undefined
}

/** The current published document of the same agency's report for the year before, if any. */
export async function findPreviousYearDocument(db: Db, agencyId: string, year: number): Promise<ReportDocument | undefined> {
  const row = await db
    .selectFrom('report')
    .innerJoin('revision', (j) => j.onRef('revision.report_id', '=', 'report.id').onRef('revision.number', '=', 'report.current_revision'))
    .select('revision.document')
    .where('report.agency_id', '=', agencyId)
    .where('report.year', '=', year - 1)
    .where('report.status', '=', 'published')
    .executeTakeFirst()
  return row ? parseReportDocument(JSON.parse(row.document)) : undefined
}

export async function countReports(db: Db): Promise<number> {
  const row = await db.selectFrom('report').select((eb) => eb.fn.countAll<string | number>().as('n')).executeTakeFirstOrThrow()
  return Number(row.n)
}

/**
 * Store a report that is already public elsewhere (sample data, an archive import) as its first
 * published revision. The document is stored exactly as serialised here, and never rewritten.
 */
export async function insertPublishedReport(
  db: Db,
  input: { agencyId: string; document: ReportDocument; note: string; authorId: string | null; at: Date },
): Promise<string> {
  const id = crypto.randomUUID()
  const json = JSON.stringify(input.document)
  const at = input.at.toISOString()
  await db
    .insertInto('report')
    .values({
      id,
      agency_id: input.agencyId,
      year: input.document.year,
      template: input.document.template,
      title: input.document.title,
      status: 'published',
      current_revision: 1,
      draft_document: null,
      draft_version: 0,
      withdrawn_reason: null,
      created_at: at,
      updated_at: at,
    })
    .execute()
  await db
    .insertInto('revision')
    .values({
      id: crypto.randomUUID(),
      report_id: id,
      number: 1,
      kind: 'first',
      note: input.note,
      author_id: input.authorId,
      published_at: at,
      document: json,
      sha256: await sha256Hex(json),
    })
    .execute()
  return id
}
