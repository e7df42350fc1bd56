import { columnName, groupName, type ColumnDef, type LabelLocale, type RowDef } from '@gongkai/schema'

// Header and row layout of a statistic table in the official format, derived from the template's
// group paths: nothing here knows any label.

export interface HeaderCell {
  label: string
  colspan: number
  rowspan: number
  /** The leaf column this header cell names, when it is a leaf. */
  columnKey: string | null
}

/** Rows of header cells, outermost first, with spans as the official layout prints them. */
export function headerRows(columns: readonly ColumnDef[], locale: LabelLocale = 'zh-CN'): HeaderCell[][] {
  const paths = columns.map((column) => ({ column, path: [...column.groups, column.label] }))
  const depth = Math.max(...paths.map((p) => p.path.length))
  const rows: HeaderCell[][] = []
  for (let level = 0; level < depth; level++) {
    const cells: HeaderCell[] = []
    let prevPath: string[] | null = null
    for (const { column, path } of paths) {
      const before = prevPath
      prevPath = path
      // A leaf above the deepest level spans down (rowspan), so deeper rows skip it.
      const name = path[level]
      if (name === undefined) continue
      const isLeaf = level === path.length - 1
      const prev = cells[cells.length - 1]
      const sameGroup =
        !isLeaf &&
        prev &&
        prev.columnKey === null &&
        before &&
        before.length > level + 1 &&
        before.slice(0, level + 1).join('\u0000') === path.slice(0, level + 1).join('\u0000')
      if (sameGroup) {
        prev.colspan++
        continue
      }
      const label = isLeaf ? columnName(column, locale) : groupName(name, locale)
      cells.push({ label, colspan: 1, rowspan: isLeaf ? depth - level : 1, columnKey: isLeaf ? column.key : null })
    }
    rows.push(cells)
  }
  return rows
}

export type BodyLine = { kind: 'group'; label: string; depth: number } | { kind: 'row'; row: RowDef; depth: number }

/**
 * The body in reading order: a group header line wherever a new group opens, then its rows.
 * `skipGroups` leaves out outer groups already shown elsewhere (table 二's block titles).
 */
export function bodyLines(rows: readonly RowDef[], skipGroups = 0): BodyLine[] {
  const lines: BodyLine[] = []
  let open: readonly string[] = []
  for (const row of rows) {
    const groups = row.groups.slice(skipGroups)
    let common = 0
    while (common < groups.length && common < open.length && groups[common] === open[common]) common++
    groups.slice(common).forEach((label, k) => lines.push({ kind: 'group', label, depth: common + k }))
    open = groups
    lines.push({ kind: 'row', row, depth: groups.length })
  }
  return lines
}
