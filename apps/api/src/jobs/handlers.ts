import { ImportError, type PdfAssetReader } from '@gongkai/importer'
import { inProcessImporter, type ImportRunner } from '../importer.ts'
import { daysUntilDeadline, deadlineFor, dueReportYear } from '@gongkai/schema'
import type { FileResult } from '@gongkai/schema/api'
import type { Kysely } from 'kysely'
import { findAgencyById, listAgencies } from '../db/agencies.ts'
import type { Database, Dialect } from '../db/database.ts'
import { WriteBatch, WriteConflict, type BatchRunner } from '../db/write-batch.ts'
import { readJobFile, type Job } from '../db/jobs.ts'
import { DocumentTooLarge } from '../db/document-size.ts'
import { getDraft } from '../db/drafts.ts'
import { listReportsForAdmin } from '../db/reports-list.ts'
import { reindexAll } from '../db/search-index.ts'
import { ApiError } from '../errors.ts'
import { importAsDraft, importFile } from '../ops/import-draft.ts'
import { publishRevision, validateWithPrevious } from '../ops/publish.ts'
import { fromBase64 } from '../zip.ts'

// What each kind of job does. A step that changes data also records that it was done, in one
// atomic batch, so a worker killed between steps loses nothing and repeats nothing.

export interface StepContext {
  db: Kysely<Database>
  dialect: Dialect
  batch: BatchRunner
  pdfAssets?: PdfAssetReader
  /** Reads a file (default: in-process with pdfAssets; Node passes a worker thread with limits). */
  importer?: ImportRunner
  now: () => Date
  /**
   * Report progress and keep the lease; false means the job is no longer ours (stop). Pass the
   * step's WriteBatch so the step and the record of it commit together (or neither does).
   */
  progress: (done: number, total: number, message: string | null, result?: unknown, step?: WriteBatch) => Promise<boolean>
  cancelled: () => Promise<boolean>
}

export type Outcome = { state: 'succeeded' | 'cancelled'; result: unknown }

export interface ImportBatchPayload {
  agencyId: string
  /** The files are stored beside the job (`job_file`); jobs queued before that carry them here. */
  files: Array<{ name: string; contentBase64?: string }>
}

export type { FileResult }

const decode = (b64: string) => fromBase64(b64)

async function importBatch(job: Job, ctx: StepContext): Promise<Outcome> {
  const p = job.payload as ImportBatchPayload
  const agency = await findAgencyById(ctx.db, p.agencyId)
  if (!agency) throw new Error(`agency ${p.agencyId} not found`)
  const files: FileResult[] = Array.isArray((job.result as { files?: FileResult[] } | null)?.files)
    ? [...(job.result as { files: FileResult[] }).files]
    : []
  // The files a run before this one finished are skipped.
  const done = files.length
  for (const [i, f] of p.files.entries()) {
    if (i < done) continue
    if (await ctx.cancelled()) return { state: 'cancelled', result: { files } }
    let outcome: FileResult
    // The draft and the record that this file is done commit together.
    const step = new WriteBatch(ctx.dialect)
    try {
      const content = f.contentBase64 ?? (await readJobFile(ctx.db, job.id, i))
      const bytes = decode(content)
      // Refused (BAD_TEXT) before anything is written, as on the import route.
      const r = await importFile(ctx.importer ?? inProcessImporter(ctx.pdfAssets), bytes, agency, { filename: f.name })
      const messages = r.problems
        .filter((x) => x.severity !== 'info')
        .map((x) => ({ code: x.code, severity: x.severity, zh: x.message.zh, en: x.message.en }))
      const found = r.detected ?? { agency: null, year: null }
      const differs = r.problems.find((x) => x.code === 'AGENCY_DIFFERS')
      if (differs) {
        // A file naming another agency is not filed under the chosen one: it is flagged, to be
        // imported on its own (where the clerk can confirm it) or under its own agency.
        outcome = { name: f.name, status: 'failed', year: r.document.year, found, messages, error: 'AGENCY_DIFFERS' }
      } else {
        // Refuses a document too large to store (DocumentTooLarge) before recording anything.
        const reportId = await importAsDraft(ctx.db, step.db, { agency, document: r.document, at: ctx.now() })
        outcome =
          reportId === null
            ? { name: f.name, status: 'failed', year: r.document.year, found, messages, error: 'REPORT_EXISTS' }
            : { name: f.name, status: 'imported', year: r.document.year, reportId, found, messages, problems: messages.map((x) => x.code) }
      }
    } catch (e) {
      const code = e instanceof ImportError || e instanceof ApiError ? e.code : e instanceof DocumentTooLarge ? 'DOCUMENT_TOO_LARGE' : null
      outcome = { name: f.name, status: 'failed', error: code ?? (e instanceof Error ? e.message : String(e)) }
    }
    const next = [...files, outcome]
    if (!(await ctx.progress(next.length, p.files.length, f.name, { files: next }, step))) throw new LeaseLost()
    files.push(outcome)
  }
  return { state: 'succeeded', result: { files } }
}

export interface PublishAtPayload {
  reportId: string
  version: number
  note: string
  acknowledgement: string | null
  authorId: string
}

/** Publish a validated draft at its time, exactly once: the version check makes a repeat a no-op. */
async function publishAt(job: Job, ctx: StepContext): Promise<Outcome> {
  const p = job.payload as PublishAtPayload
  const draft = await getDraft(ctx.db, p.reportId)
  if (!draft?.document) throw new Error('the draft is gone')
  if (draft.currentRevision !== null && draft.version !== p.version)
    return { state: 'succeeded', result: { revision: draft.currentRevision, alreadyPublished: true } }
  const validation = await validateWithPrevious(ctx.db, draft.agencyId, draft.document)
  if (!validation.ok) throw new Error(`VALIDATION_ERRORS: ${validation.errors}`)
  // The version scheduled, not the one read: a draft changed since then is a conflict, never published.
  const revision = await publishRevision(ctx, {
    draft: { reportId: p.reportId, version: p.version, currentRevision: draft.currentRevision },
    document: draft.document,
    kind: draft.currentRevision === null ? 'first' : 'correction',
    note: p.note,
    acknowledgement: p.acknowledgement,
    authorId: p.authorId,
    audit: { action: 'report.publish-at' },
  }).catch((e: unknown) => {
    if (e instanceof WriteConflict) return null
    throw e
  })
  if (revision === null) {
    const now = await getDraft(ctx.db, p.reportId)
    if (now?.currentRevision !== null) return { state: 'succeeded', result: { revision: now?.currentRevision, alreadyPublished: true } }
    throw new ScheduledDraftChanged()
  }
  return { state: 'succeeded', result: { revision } }
}

/** Agencies without a published report for last year, as the statutory date approaches or passes. */
export async function deadlineReminders(job: Job, ctx: StepContext): Promise<Outcome> {
  const today = ctx.now()
  const year = dueReportYear(today)
  const reports = await listReportsForAdmin(ctx.db, null)
  const agencies = await listAgencies(ctx.db)
  const due = agencies.map((a) => {
    const deadline = deadlineFor(a.kind, year)
    const published = reports.some((r) => r.agency.id === a.id && r.year === year && r.revision !== null && r.status === 'published')
    const days = daysUntilDeadline(a.kind, year, today)
    return { agencyId: a.id, agency: a.name, year, deadline, published, daysLeft: days }
  })
  const missing = due.filter((d) => !d.published && d.daysLeft <= 30)
  await ctx.progress(1, 1, `${missing.length} agencies`)
  return { state: 'succeeded', result: { date: today.toISOString().slice(0, 10), missing } }
}

async function rebuild(_job: Job, ctx: StepContext): Promise<Outcome> {
  const count = await reindexAll(ctx.db, async (done, total) => void (await ctx.progress(done, total, 'search index')))
  return { state: 'succeeded', result: { reindexed: count } }
}

/** The job's lease went to another worker mid-run: stop without recording a failure. */
export class LeaseLost extends Error {
  readonly code = 'LEASE_LOST'
  constructor() {
    super('LEASE_LOST')
  }
}

/** A scheduled publish found the draft changed since it was scheduled; the message is what the job records. */
export class ScheduledDraftChanged extends Error {
  readonly code = 'VERSION_CONFLICT'
  constructor() {
    super('VERSION_CONFLICT: the draft changed after it was scheduled')
  }
}

export const HANDLERS: Record<Job['type'], (job: Job, ctx: StepContext) => Promise<Outcome>> = {
  'import-batch': importBatch,
  'publish-at': publishAt,
  'deadline-reminders': deadlineReminders,
  rebuild,
}
