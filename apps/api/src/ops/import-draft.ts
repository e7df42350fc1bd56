import type { ImportResult } from '@gongkai/importer'
import type { ReportDocument } from '@gongkai/schema'
import { agencyRef, type Agency } from '../db/agencies.ts'
import type { Db, WriteDb } from '../db/database.ts'
import { createDraftReport } from '../db/drafts.ts'
import { findReportByAgencyYear } from '../db/reports-list.ts'
import { checkUploadHead, type ImportRunner } from '../importer.ts'
import { assertText } from '../text.ts'

// Importing a file as a draft, for the import route and the batch-import job. Who may import is
// the caller's to check: the route checks the user may edit for the agency; a batch import was
// checked when it was queued, and runs as the user who queued it.

export interface ImportFileOptions {
  format?: NonNullable<Parameters<ImportRunner>[1]['format']>
  year?: number
  filename?: string
}

/**
 * Read a file for the agency: its head checked before it is parsed, and its text held to the same
 * rule as a request's (a NUL in it is refused, naming where). Throws ImportError or ApiError.
 */
export async function importFile(
  importer: ImportRunner,
  bytes: Uint8Array | string,
  agency: Agency,
  options: ImportFileOptions,
): Promise<ImportResult> {
  checkUploadHead(bytes, options.format ?? 'auto')
  const result = await importer(bytes, {
    ...(options.format !== undefined ? { format: options.format } : {}),
    agency: agencyRef(agency),
    ...(options.year !== undefined ? { year: options.year } : {}),
    ...(options.filename !== undefined ? { filename: options.filename } : {}),
  })
  assertText(result.document, 'document')
  return result
}

/**
 * Record (into a write batch) a draft of the imported document, or return null when the agency
 * already has a report for its year. Refuses a document too large to store (DocumentTooLarge).
 */
export async function importAsDraft(
  db: Db,
  into: WriteDb,
  input: { agency: Agency; document: ReportDocument; at: Date },
): Promise<string | null> {
  if (await findReportByAgencyYear(db, input.agency.id, input.document.year)) return null
  return createDraftReport(into, { agencyId: input.agency.id, document: input.document, at: input.at })
}
