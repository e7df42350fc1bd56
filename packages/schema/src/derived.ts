import { getCell, numericValue } from './cell-access.ts'
import type { ReportDocument } from './document.ts'
import {
  TEMPLATES,
  T3_NOT_PROCESSED,
  T3_ORGS,
  T3_OTHER,
  T3_OUTCOMES,
  T3_UNABLE,
  T3_WITHHELD,
  cellId,
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
  return TEMPLATES[template].tables['三'].sections[0]!.rows
}

export function table3Columns(template: TemplateId): readonly ColumnDef[] {
  return TEMPLATES[template].tables['三'].sections[0]!.columns
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

export interface DerivedFigures {
  /** 受理总量 = 一 + 二, per applicant column key. */
  received: Record<string, number | null>
  withheld: Record<string, number | null>
  unable: Record<string, number | null>
  notProcessed: Record<string, number | null>
  /** 其他处理: the 2019 row, or Σ of the three 2021 rows. */
  other: Record<string, number | null>
  /** 法人或其他组织 = Σ of its five columns, per table-三 row key. */
  organisations: Record<string, number | null>
  /** 行政诉讼 total = 未经复议直接起诉.总计 + 复议后起诉.总计. */
  litigationTotal: number | null
}

export function derivedFigures(doc: ReportDocument): DerivedFigures {
  const t = doc.template
  const cols = table3Columns(t)
  const perColumn = (rows: readonly RowDef[]) =>
    Object.fromEntries(cols.map((c) => [c.key, sumCells(doc, '三', rows.map((r) => cellId(r.key, c.key)))]))
  const otherRows = t === '2019' ? table3Rows(t).filter((r) => r.key === 'other') : rowsInGroup(t, T3_OTHER)
  return {
    received: Object.fromEntries(cols.map((c) => [c.key, sumCells(doc, '三', [cellId('new', c.key), cellId('carried_in', c.key)])])),
    withheld: perColumn(rowsInGroup(t, T3_WITHHELD)),
    unable: perColumn(rowsInGroup(t, T3_UNABLE)),
    notProcessed: perColumn(rowsInGroup(t, T3_NOT_PROCESSED)),
    other: perColumn(otherRows),
    organisations: Object.fromEntries(
      table3Rows(t).map((r) => [r.key, sumCells(doc, '三', orgColumns(t).map((c) => cellId(r.key, c.key)))]),
    ),
    litigationTotal: sumCells(doc, '四', [cellId('main', 'ld_total'), cellId('main', 'lr_total')]),
  }
}
