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
  const paths = columns.map((c) => [...c.groups, c.label])
  const depth = Math.max(...paths.map((p) => p.length))
  const rows: HeaderCell[][] = []
  for (let level = 0; level < depth; level++) {
    const cells: HeaderCell[] = []
    for (let i = 0; i < columns.length; i++) {
      const path = paths[i]!
      // A leaf above the deepest level spans down (rowspan), so deeper rows skip it.
      if (path.length <= level) continue
      const isLeaf = level === path.length - 1
      const prev = cells[cells.length - 1]
      const prevPath = i > 0 ? paths[i - 1]! : null
      const sameGroup =
        !isLeaf && prev && prev.columnKey === null && prevPath && prevPath.length > level + 1 && prevPath.slice(0, level + 1).join('\u0000') === path.slice(0, level + 1).join('\u0000')
      if (sameGroup) {
        prev.colspan++
        continue
      }
      const label = isLeaf ? columnName(columns[i]!, locale) : groupName(path[level]!, locale)
      cells.push({ label, colspan: 1, rowspan: isLeaf ? depth - level : 1, columnKey: isLeaf ? columns[i]!.key : null })
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
    for (let d = common; d < groups.length; d++) lines.push({ kind: 'group', label: groups[d]!, depth: d })
    open = groups
    lines.push({ kind: 'row', row, depth: groups.length })
  }
  return lines
}
