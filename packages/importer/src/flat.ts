import { TEMPLATES, parseCellText, singleSection } from '@gongkai/schema'
import type { Grid, GridCell } from './grid.ts'
import { PART_HEADING, bestLabel, matchForm } from './normalize.ts'

// Text whose tables were flattened one cell per line (copied from a page, or from a PDF by a
// text converter): label lines and value lines, in reading order. Rows are rebuilt from the row
// labels the templates know; a row keeps exactly the values that follow its label, so a row
// that lost blank cells stays short, and the recognizer refuses it instead of shifting.

const ROW_LABELS = [
  ...new Set(
    (['2019', '2021'] as const).flatMap((t) =>
      (['二', '三'] as const).flatMap((table) =>
        TEMPLATES[t].tables[table].sections.flatMap((s) => [
          ...s.rows.flatMap((r) => [r.label, ...r.aliases]),
          ...(s.title ? [s.title] : []),
        ]),
      ),
    ),
  ),
]
const GROUP_LABELS = new Set(
  (['2019', '2021'] as const).flatMap((t) => singleSection(t, '三').rows.flatMap((r) => r.groups.map(matchForm))),
)

const isValue = (l: string) => l.length <= 20 && parseCellText(l).ok

// A flattened multi-row header reads 申请人情况, 自然人, 法人或其他组织, 总计, 商业企业, …: not in
// column order. Values do come in column order, which tables 三 and 四 fix; their header is
// recognised by its labels and rebuilt in that order.
const T3_HEADER = singleSection('2021', '三').columns.map((c) => c.label)
const T4_HEADER = singleSection('2021', '四').columns.map((c) => c.label)
function canonicalHeader(cells: GridCell[]): GridCell[][] {
  const forms = cells.map((c) => matchForm(c.text))
  if (forms.includes(matchForm('自然人'))) return [[cell(''), ...T3_HEADER.map(cell)]]
  if (forms.includes(matchForm('行政复议'))) {
    const groups = T4_HEADER.map((_, k) => cell(k < 5 ? '行政复议' : '行政诉讼'))
    return [
      [cell(''), ...groups],
      [cell(''), ...T4_HEADER.map(cell)],
    ]
  }
  return [cells]
}
const cell = (text: string): GridCell => ({ text, spanned: false, colspan: 1 })
/** Prose, not a cell: a sentence, or a long line. */
const isProse = (l: string) => /[。；]/.test(l) || l.length > 60 || PART_HEADING.test(l)

export interface FlatTable {
  grid: Grid
  /** Line numbers (0-based) the table took, to leave out of the prose. */
  from: number
  to: number
}

/** Find flattened tables among the lines of a text. */
export function flatTables(lines: readonly string[]): FlatTable[] {
  const out: FlatTable[] = []
  let i = 0
  for (let line = lines[i]; line !== undefined; line = lines[i]) {
    // A table starts at a short line, with several short lines and values after it.
    const window = lines.slice(i, i + 12)
    const values = window.filter((l) => isValue(l.trim())).length
    if (isProse(line.trim()) || values < 3) {
      i++
      continue
    }
    const from = i
    const grid: Grid = []
    let header: GridCell[] = [cell('')]
    let row: GridCell[] | null = null
    let j = i
    for (let raw = lines[j]; raw !== undefined; raw = lines[++j]) {
      const l = raw.trim()
      if (!l) continue
      if (isProse(l)) break
      if (isValue(l)) {
        if (!row) {
          // Values before any row label: table 四's single row, under its header.
          if (header.length > 1) grid.push(...canonicalHeader(header))
          header = [cell('')]
          row = [cell('')]
        }
        row.push(cell(l))
        continue
      }
      const form = matchForm(l)
      // 总计 heads table 三's last column before any row of it: a row only after other rows.
      const headerWord = form === matchForm('总计') && !grid.some((r) => r[0]?.text.trim())
      const isRow =
        !headerWord && (bestLabel(l, ROW_LABELS, (x) => [x], 0.85) !== null || GROUP_LABELS.has(form) || form === matchForm('信息内容'))
      if (isRow) {
        if (row) grid.push(row)
        else if (header.length > 1) grid.push(...canonicalHeader(header))
        header = [cell('')]
        row = [cell(l)]
        // A block header row (信息内容 …) collects the column labels that follow it.
        if (form === matchForm('信息内容')) {
          header = row
          row = null
        }
      } else if (row && row.length > 1) {
        // A text line after a row's values starts a new header (the next table's).
        grid.push(row)
        row = null
        header = [cell(''), cell(l)]
      } else if (row) {
        row.push(cell(l))
      } else header.push(cell(l))
    }
    // A text cut off inside the next row's label ("…| 0 | 0 |\n2"): the number of that label is
    // not a value of this row.
    if (row && j >= lines.length && row.length > 2 && /^\d\.?$/.test(row.at(-1)?.text.trim() ?? '')) row.pop()
    if (row) grid.push(row)
    else if (header.length > 1) grid.push(...canonicalHeader(header))
    if (grid.filter((r) => r.some((c) => isValue(c.text))).length >= 1) out.push({ grid, from, to: j })
    i = Math.max(j, i + 1)
  }
  return out
}
