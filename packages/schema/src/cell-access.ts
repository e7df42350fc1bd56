// Reading cells of a report document. Kept apart from document.ts (the zod schema) so that code
// that only draws a document, such as the public reader, can use these without bundling zod.
import type { Cell, ReportDocument } from './document.ts'
import { cellDefs, type TableId } from './templates.ts'

export const NOT_REPORTED: Cell = Object.freeze({ state: 'not_reported' }) as Cell

/** The state of one template cell; absent cells are `not_reported`. */
export function getCell(doc: Pick<ReportDocument, 'tables'>, table: TableId, id: string): Cell {
  return doc.tables[table].cells[id] ?? NOT_REPORTED
}

/** A table is given when at least one of its template cells is anything but `not_reported`. */
export function tableGiven(doc: Pick<ReportDocument, 'template' | 'tables'>, table: TableId): boolean {
  return cellDefs(doc.template, table).some((d) => getCell(doc, table, d.id).state !== 'not_reported')
}

/** The number a cell contributes to sums: blank counts as 0, but is never rewritten to 0. */
export function numericValue(cell: Cell): number | null {
  if (cell.state === 'value') return cell.value
  if (cell.state === 'blank') return 0
  return null
}
