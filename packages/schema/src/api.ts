// The shapes the public and admin API answer with, once: the API's mappers are checked against
// them (`satisfies`) and the reader and the admin read them. Types only: importing this entry
// (`@gongkai/schema/api`) brings no runtime code, and no zod, into an app.
import type { AgencyKind, AgencyLevel, ReportDocument } from './document.ts'
import type { TemplateId } from './templates.ts'

export type ReportStatus = 'draft' | 'published' | 'withdrawn'
export type RevisionKind = 'first' | 'correction' | 'supplement'

/** One report in a list (public and admin) and the head of every report answer. */
export interface ReportSummary {
  id: string
  /** `regionCode`: the agency's administrative division code (GB/T 2260), when the registry has one. */
  agency: { id: string; name: string; code: string; level: AgencyLevel; kind: AgencyKind; regionCode: string | null }
  year: number
  template: TemplateId
  title: string
  status: ReportStatus
  revision: number | null
  /** When the current revision was published (null for drafts). */
  publishedAt: string | null
  updatedAt: string
}

/** One page of the public list (GET /api/reports): the next page starts at `nextCursor`. */
export interface ReportPage {
  items: ReportSummary[]
  /** Exact up to 10,000; beyond that 10,000 with `totalIsLowerBound` ("10,000+"). */
  total: number
  totalIsLowerBound: boolean
  nextCursor: string | null
}

/** One published revision of a report. */
export interface RevisionInfo {
  number: number
  kind: RevisionKind
  note: string
  publishedAt: string
  /** The SHA-256 of the revision's stored JSON. */
  sha256: string
}

export type JobState = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled'
export type JobType = 'import-batch' | 'publish-at' | 'deadline-reminders' | 'rebuild'

/** A background job as the admin API shows it. */
export interface JobView {
  id: string
  type: JobType
  payload: unknown
  state: JobState
  idempotencyKey: string | null
  agencyId: string | null
  createdBy: string | null
  attempts: number
  maxAttempts: number
  runAt: string
  progress: { done: number; total: number; message: string | null }
  result: unknown
  error: string | null
  cancelRequested: boolean
  createdAt: string
  updatedAt: string
}

/** Something the importer could not read, or read with doubt: a stable code and both languages. */
export interface ImportProblemView {
  code: string
  severity: 'error' | 'warning' | 'info'
  /** Where it applies: a part, a table, or a cell path (and, for ENCODING_CONVERTED, the `encoding`). */
  where: Record<string, string | number>
  message: { zh: string; en: string }
}

/** POST /api/admin/import: the draft made from one file, as read, and what was not read. */
export interface ImportResponse {
  /** The new draft report's id. */
  id: string
  version: number
  document: ReportDocument
  problems: ImportProblemView[]
}

/** What a batch import did with one file (in its job's `result.files`). */
export interface FileResult {
  name: string
  status: 'imported' | 'failed'
  reportId?: string
  year?: number
  /** Problem codes, for machines; `messages` says them in both languages. */
  problems?: string[]
  messages?: Array<{ code: string; severity: 'error' | 'warning' | 'info'; zh: string; en: string }>
  /** The agency and year the document itself names, for the clerk to confirm. */
  found?: { agency: string | null; year: number | null }
  error?: string
}

export type Role = 'editor' | 'publisher'

/** An account, without its password hash. */
export interface UserView {
  id: string
  username: string
  displayName: string
  isAdmin: boolean
  disabled: boolean
}

/** An account in the admin's user list, with its roles. */
export interface UserListItem extends UserView {
  memberships: Array<{ agencyId: string; role: Role }>
}

/** The body of every failed API answer. */
export interface ApiErrorBody {
  error: { code: string; message: string; message_en?: string; [detail: string]: unknown }
}
