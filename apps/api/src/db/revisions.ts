import { parseReportDocument, type ReportDocument } from '@gongkai/schema'
import type { CompiledQuery } from 'kysely'
import { Lru } from '../lru.ts'
import { changeMark } from './change-mark.ts'
import type { Db } from './database.ts'
import type { RevisionInfo } from '@gongkai/schema/api'
import { getReportSummary, summaryQuery, toSummary, type ReportSummary } from './reports-list.ts'

// Published revisions, the documents they hold (immutable, so cached), and the head row a
// public read of a report depends on.

/** A published revision as the API shows it. */
export type RevisionSummary = RevisionInfo

export interface PublishedReport extends ReportSummary {
  revisionInfo: RevisionSummary
  document: ReportDocument
  /** Every published revision, newest first. */
  revisions: RevisionSummary[]
}

/** The parsed document of a published revision; immutable, so cached by report and number. */
export async function revisionDocument(
  db: Db,
  reportId: string,
  number: number,
  cache?: Lru<string, ReportDocument>,
): Promise<ReportDocument | undefined> {
  const load = async () => {
    const rev = await getRevision(db, reportId, number)
    return rev ? parseReportDocument(JSON.parse(rev.documentJson)) : undefined
  }
  if (!cache) return load()
  const key = `${reportId}:${number}`
  const hit = cache.get(key)
  if (hit) return hit
  const doc = await load()
  if (doc) cache.set(key, doc)
  return doc
}

/**
 * Everything a public read of a report depends on, in one indexed statement: the summary row,
 * why it was withdrawn, the current revision's hash, and which revision of the same agency's
 * report for the year before is current (its checks and comparison depend on it). Public
 * responses are derived from this row only, so it is also their ETag.
 */
export interface ReportHead {
  summary: ReportSummary
  withdrawnReason: string | null
  /** The SHA-256 of the current revision's stored JSON (null for a report never published). */
  sha256: string | null
  previous: { reportId: string; number: number } | null
}

function headQuery(db: Db, id: string) {
  return summaryQuery(db)
    .select((eb) => [
      'report.withdrawn_reason as withdrawn_reason',
      'cur.sha256 as sha256',
      eb
        .selectFrom('report as prev')
        .select('prev.id')
        .whereRef('prev.agency_id', '=', 'report.agency_id')
        .where((p) => p('prev.year', '=', p(p.ref('report.year'), '-', 1)))
        .where('prev.status', '=', 'published')
        .as('prev_id'),
      eb
        .selectFrom('report as prev')
        .select('prev.current_revision')
        .whereRef('prev.agency_id', '=', 'report.agency_id')
        .where((p) => p('prev.year', '=', p(p.ref('report.year'), '-', 1)))
        .where('prev.status', '=', 'published')
        .as('prev_revision'),
    ])
    .where('report.id', '=', id)
}

type HeadRow = Awaited<ReturnType<ReturnType<typeof headQuery>['execute']>>[number]

/** Stands for the id in the head query compiled once per database (never a real id: it holds NUL). */
const HEAD_ID = '\u0000report-id'
const compiledHeads = new WeakMap<Db, CompiledQuery<HeadRow>>()

/** Heads read, per database, with the change mark read before each (SQLite only: change-mark.ts). */
const keptHeads = new WeakMap<Db, Lru<string, { mark: string; head: ReportHead }>>()

export async function getReportHead(db: Db, id: string): Promise<ReportHead | undefined> {
  // Where the database says nothing changed since a head was read, that head is the answer.
  const mark = changeMark(db)
  if (mark !== undefined) {
    const kept = keptHeads.get(db)?.get(id)
    if (kept?.mark === mark) return kept.head
  }
  const head = await readReportHead(db, id)
  if (mark !== undefined && head) {
    let kept = keptHeads.get(db)
    if (!kept) keptHeads.set(db, (kept = new Lru(5_000)))
    kept.set(id, { mark, head })
  }
  return head
}

async function readReportHead(db: Db, id: string): Promise<ReportHead | undefined> {
  // The hottest query of the public site: built and compiled once, then run with the id.
  let compiled = compiledHeads.get(db)
  if (!compiled) {
    compiled = headQuery(db, HEAD_ID).compile()
    compiledHeads.set(db, compiled)
  }
  const { rows } = await db.executeQuery<HeadRow>({ ...compiled, parameters: compiled.parameters.map((p) => (p === HEAD_ID ? id : p)) })
  const row = rows[0]
  if (!row) return undefined
  const previous =
    row.prev_id && row.prev_revision !== null && row.prev_revision !== undefined
      ? { reportId: row.prev_id, number: Number(row.prev_revision) }
      : null
  return { summary: toSummary(row), withdrawnReason: row.withdrawn_reason, sha256: row.sha256 ?? null, previous }
}

/** The current published revision of a report, or undefined for drafts and unknown ids. */
export async function getPublishedReport(db: Db, id: string, cache?: Lru<string, ReportDocument>): Promise<PublishedReport | undefined> {
  const summary = await getReportSummary(db, id)
  return summary ? publishedReportOf(db, summary, cache) : undefined
}

/** The current published revision for a summary already read (no second read of the row). */
export async function publishedReportOf(
  db: Db,
  summary: ReportSummary,
  cache?: Lru<string, ReportDocument>,
): Promise<PublishedReport | undefined> {
  const id = summary.id
  if (summary.revision === null || summary.status !== 'published') return undefined
  const [revs, document] = await Promise.all([listRevisions(db, id), revisionDocument(db, id, summary.revision, cache)])
  const revisionInfo = revs.find((r) => r.number === summary.revision)
  if (!revisionInfo || !document) return undefined
  return { ...summary, revisionInfo, document, revisions: revs }
}

/** Published revisions, newest first. Drafts are not revisions. */
export async function listRevisions(db: Db, reportId: string): Promise<RevisionSummary[]> {
  const rows = await db
    .selectFrom('revision')
    .select(['number', 'kind', 'note', 'published_at', 'sha256'])
    .where('report_id', '=', reportId)
    .orderBy('number', 'desc')
    .execute()
  return rows.map(
    (r) => ({ number: Number(r.number), kind: r.kind, note: r.note, publishedAt: r.published_at, sha256: r.sha256 }) satisfies RevisionInfo,
  )
}

/** One published revision, its JSON text exactly as stored. */
export async function getRevision(db: Db, reportId: string, number: number) {
  const row = await db
    .selectFrom('revision')
    .select(['number', 'kind', 'note', 'published_at', 'sha256', 'document'])
    .where('report_id', '=', reportId)
    .where('number', '=', number)
    .executeTakeFirst()
  return row
    ? {
        number: Number(row.number),
        kind: row.kind,
        note: row.note,
        publishedAt: row.published_at,
        sha256: row.sha256,
        documentJson: row.document,
      }
    : undefined
}

/** The same agency's published report for the year before: which revision is current. */
export async function previousYearRevision(
  db: Db,
  agencyId: string,
  year: number,
): Promise<{ reportId: string; number: number } | undefined> {
  const row = await db
    .selectFrom('report')
    .select(['id', 'current_revision'])
    .where('agency_id', '=', agencyId)
    .where('year', '=', year - 1)
    .where('status', '=', 'published')
    .executeTakeFirst()
  return row && row.current_revision !== null ? { reportId: row.id, number: Number(row.current_revision) } : undefined
}

/** The current published document of the same agency for the year before, if any. */
export async function findPreviousYearDocument(
  db: Db,
  agencyId: string,
  year: number,
  cache?: Lru<string, ReportDocument>,
): Promise<ReportDocument | undefined> {
  const prev = await previousYearRevision(db, agencyId, year)
  return prev ? revisionDocument(db, prev.reportId, prev.number, cache) : undefined
}
