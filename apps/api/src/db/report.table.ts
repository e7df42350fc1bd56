import type { TemplateId } from '@gongkai/schema'
import type { Generated } from 'kysely'

import type { ReportStatus, RevisionKind } from '@gongkai/schema/api'

export type { ReportStatus, RevisionKind }

export interface ReportTable {
  id: string
  agency_id: string
  /**
   * The agency's name, copied from its row for the list's order (an index, no join). Written with
   * the report's own changes from the agency row, in the same statement; an agency rename must
   * update it in the same write batch.
   */
  agency_name: string
  year: number
  template: TemplateId
  title: string
  status: ReportStatus
  /** Number of the current published revision, or null while only a draft exists. */
  current_revision: number | null
  /** The working copy (JSON), with its own version counter for optimistic concurrency. */
  draft_document: string | null
  draft_version: number
  withdrawn_reason: string | null
  created_at: string
  updated_at: string
}

/** Append-only: a row is written once when a revision is published and never updated. */
export interface RevisionTable {
  id: string
  report_id: string
  number: number
  kind: RevisionKind
  note: string
  author_id: string | null
  published_at: string
  document: string
  sha256: string
  /** The publisher's note acknowledging the validator's warnings, kept with the revision. */
  acknowledgement: string | null
}

export interface ReportSearchTable {
  /** SQLite and D1 (FTS5) only: the report's key in report_search_key. */
  rowid: Generated<number>
  report_id: string
  body: string
}

/**
 * Each indexed report's bigrams (db/bigrams.ts): on SQLite and D1 an FTS5 table of words separated
 * by spaces; on PostgreSQL a bigint[] literal of their keys, under a GIN index.
 */
export interface ReportBigramTable {
  /** SQLite and D1 (FTS5) only: the report's key in report_search_key. */
  rowid: Generated<number>
  report_id: string
  grams: string
}

/**
 * SQLite and D1 only: each indexed report's key, the rowid of its rows in both FTS5 tables, so a
 * search reads the index's rowids alone and a report's rows are found by key (migration 2026_12_09_1100).
 */
export interface ReportSearchKeyTable {
  key: Generated<number>
  report_id: string
}

/** One row per cached list ('reports'): its number goes up with every change the list can show. */
/** A report's current cells in the stored form of data-file.ts, for the year's CSV and JSONL. */
export interface ReportCellsTable {
  report_id: string
  /** The revision they were made from: the download reads the document when it is not the current one. */
  revision: number
  /** CELLS_VERSION of data-file.ts when they were made. */
  format: number
  cells: string
}

export interface ListVersionTable {
  id: string
  n: number
}
