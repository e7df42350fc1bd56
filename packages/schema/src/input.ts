import { CELLS_FORMAT, fromCells, validationInputFromCells } from './cells.ts'
import { parseCellsCsv } from './cells-csv.ts'
import { ReportInputError } from './csv.ts'
import { parseReportDocument, parseValidationInput, type ReportDocument, type ValidationInput } from './document.ts'

// Input in any form a command or route reads a report from, told apart by its content.

/** What `gongkai import --json` prints: the document, and the problems the importer found. */
function isImportResult(data: unknown): data is { document: unknown; problems: unknown[] } {
  if (typeof data !== 'object' || data === null || 'agency' in data) return false
  const { document, problems } = data as { document?: unknown; problems?: unknown }
  return typeof document === 'object' && document !== null && Array.isArray(problems)
}

/** Which kind of input a text is, unparsed: cells (JSON or CSV) or a report document. */
function classifyInput(text: string): { cells: unknown } | { document: unknown } {
  const trimmed = text.replace(/^\uFEFF/, '').trimStart()
  if (!trimmed) throw new ReportInputError('EMPTY', '输入为空', 'the input is empty')
  if (!trimmed.startsWith('{') && !trimmed.startsWith('[')) return { cells: parseCellsCsv(text) }
  const parsed = JSON.parse(trimmed) as unknown
  const data = (isImportResult(parsed) ? parsed.document : parsed) as { format?: string; cells?: unknown }
  return data.format === CELLS_FORMAT || Array.isArray(data.cells) ? { cells: data } : { document: data }
}

/**
 * Read any input a CLI or API accepts: a report document, a cells document, cells CSV, or an
 * import result (`{ document, problems }`, as `gongkai import --json` prints it), so that what
 * one command prints, the next one reads. An import result's problems are not kept: the import
 * that found them printed them, and counted them in its exit code.
 */
export function readReportInput(text: string): ReportDocument {
  const input = classifyInput(text)
  return 'cells' in input ? fromCells(input.cells) : parseReportDocument(input.document)
}

/**
 * As `readReportInput`, for the validator: the agency's level and kind may be missing (a cells
 * file from another tool may not say them). `validateReport` then skips the rules that need them.
 */
export function readValidationInput(text: string): ValidationInput {
  const input = classifyInput(text)
  return 'cells' in input ? validationInputFromCells(input.cells) : parseValidationInput(input.document)
}
