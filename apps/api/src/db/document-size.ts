import type { ReportDocument } from '@gongkai/schema'

// The size limit of a stored document.

/**
 * The most JSON a stored document may take: about ten times a long real report, and safely under
 * what D1 accepts in one value (it refuses a value of a million characters with SQLITE_TOOBIG).
 * The same limit on every engine, so a document is never storable on one and not another.
 */
export const MAX_DOCUMENT_CHARS = 500_000

export class DocumentTooLarge extends Error {
  constructor(readonly chars: number) {
    super(`document of ${chars} characters; at most ${MAX_DOCUMENT_CHARS}`)
  }
}

/** The document as stored; refuses one over the limit before anything is written. */
export function storableJson(doc: ReportDocument): string {
  const json = JSON.stringify(doc)
  if (json.length > MAX_DOCUMENT_CHARS) throw new DocumentTooLarge(json.length)
  return json
}
