import { validateReport, type ReportDocument } from '@gongkai/schema'
import { commit, WriteBatch, type BatchRunner } from '../db/write-batch.ts'
import { audit } from '../db/audit.ts'
import type { Db, Dialect } from '../db/database.ts'
import { publishDraft, type Draft } from '../db/drafts.ts'
import type { RevisionKind } from '../db/report.table.ts'
import { findPreviousYearDocument } from '../db/revisions.ts'
import { ApiError } from '../errors.ts'
import type { Lru } from '../lru.ts'

// Publishing a revision, for the publish and correct routes and the scheduled-publication job.
// Who may publish is the caller's to check: the routes check the user's role in the report's
// agency; a scheduled publication was checked when it was queued, and runs as the user who queued it.

/** The checks of a document, with the same agency's published report for the year before. */
export async function validateWithPrevious(db: Db, agencyId: string, doc: ReportDocument, cache?: Lru<string, ReportDocument>) {
  const previous = await findPreviousYearDocument(db, agencyId, doc.year, cache)
  return validateReport(doc, previous ? { previous } : {})
}

/** The checks a publication must pass: no errors; warnings only with an acknowledgement. */
export function assertPublishable(validation: ReturnType<typeof validateReport>, acknowledgement: string | null | undefined) {
  if (!validation.ok) throw new ApiError('VALIDATION_ERRORS', undefined, { validation })
  if (validation.warnings > 0 && !acknowledgement) throw new ApiError('WARNINGS_NOT_ACKNOWLEDGED', undefined, { validation })
}

export interface PublishInput {
  /** The draft as the caller read it: the batch commits only if its version and revision still hold. */
  draft: Pick<Draft, 'reportId' | 'version' | 'currentRevision'>
  document: ReportDocument
  kind: RevisionKind
  note: string
  acknowledgement: string | null
  authorId: string
  /** The audit entry: its action, the client's address, and what it records beside the revision number. */
  audit: { action: string; ip?: string | null; detail?: Record<string, unknown> }
}

/**
 * Publish the draft as the next revision. All or nothing: the revision, the report pointer, the
 * search index and the audit entry. Throws WriteConflict (writing nothing) if the draft moved on.
 */
export async function publishRevision(
  deps: { dialect: Dialect; batch: BatchRunner; now: () => Date },
  input: PublishInput,
): Promise<number> {
  const { dialect, batch, now } = deps
  const id = input.draft.reportId
  const w = new WriteBatch(dialect).expectRow('report', id, {
    draft_version: input.draft.version,
    current_revision: input.draft.currentRevision,
  })
  const number = await publishDraft(w.db, {
    reportId: id,
    number: (input.draft.currentRevision ?? 0) + 1,
    version: input.draft.version,
    document: input.document,
    kind: input.kind,
    note: input.note,
    acknowledgement: input.acknowledgement,
    authorId: input.authorId,
    at: now(),
  })
  await audit(w.db, {
    at: now(),
    userId: input.authorId,
    action: input.audit.action,
    target: id,
    ...(input.audit.ip !== undefined ? { ip: input.audit.ip } : {}),
    detail: { revision: number, ...input.audit.detail },
  })
  await commit(batch, w)
  return number
}
