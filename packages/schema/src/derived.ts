import { getCell, numericValue } from './cell-access.ts'
import type { ReportDocument } from './document.ts'
import {
  singleSection,
  T3_NOT_PROCESSED,
  T3_ORGS,
  T3_OTHER,
  T3_OUTCOMES,
  T3_UNABLE,
  T3_WITHHELD,
  type ColumnDef,
  type RowDef,
  type TableId,
  type TemplateId,
} from './templates.ts'

// Derived figures (docs/REPORT-FORMAT.md §8.1 DER): computed from cells, never entered. A figure is
// null when any cell it needs is "/" or not reported, so an unknown never turns into a number.

/** Sum of cells; null when any of them has no number (blank counts as 0). */
export function sumCells(doc: Pick<ReportDocument, 'tables'>, table: TableId, ids: readonly string[]): number | null {
  let total = 0
  for (const id of ids) {
    const v = numericValue(getCell(doc, table, id))
    if (v === null) return null
    total += v
  }
  return roundSum(total)
}

/** Sums of decimals (万元) must not show binary noise such as 0.30000000000000004. */
export function roundSum(n: number): number {
  return Math.round(n * 1e6) / 1e6
}

export function table3Rows(template: TemplateId): readonly RowDef[] {
  return singleSection(template, '三').rows
}

export function table3Columns(template: TemplateId): readonly ColumnDef[] {
  return singleSection(template, '三').columns
}

/** The rows that each closed application is counted in exactly once (T3-SUM's addends). */
export function outcomeRows(template: TemplateId): RowDef[] {
  return table3Rows(template).filter((r) => r.groups[0] === T3_OUTCOMES && r.key !== 'total')
}

export function rowsInGroup(template: TemplateId, group: string): RowDef[] {
  return table3Rows(template).filter((r) => r.groups.includes(group))
}

/** The applicant columns that add up to 总计 (T3-COL's addends). */
export function applicantColumns(template: TemplateId): ColumnDef[] {
  return table3Columns(template).filter((c) => c.key !== 'total')
}

export function orgColumns(template: TemplateId): ColumnDef[] {
  return table3Columns(template).filter((c) => c.groups.includes(T3_ORGS))
}

export const T3_GROUPS = { withheld: T3_WITHHELD, unable: T3_UNABLE, notProcessed: T3_NOT_PROCESSED, other: T3_OTHER } as const
