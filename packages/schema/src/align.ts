import { getCell } from './cell-access.ts'
import { roundSum } from './derived.ts'
import type { CellState, ReportDocument } from './document.ts'
import type { MetricMapping } from './metrics.ts'
import { TABLE_IDS, cellDefs, cellId, type CellDef, type TableId, type TemplateId } from './templates.ts'

// The three tables of several reports side by side, aligned by template row and column. Reports
// of the two templates are aligned through the 2019 ↔ 2021 mapping: a cell with the same id and
// meaning is one line; 2019 "本年新制作数量" is 2021 "本年制发件数"; 2019 "（六）其他处理" is the
// sum of the three 2021 rows; figures whose meaning changed stay on one line but are never
// compared; a cell only one template has is its own line.

export interface AlignedValue {
  /** A cell's state; `sum` for a 2021 sum standing for one 2019 cell; `not_in_template` when the report's template has no such cell. */
  state: CellState | 'sum' | 'not_in_template'
  value: number | null
  raw?: string
}

export interface AlignedLine {
  table: TableId
  /** Stable key: the 2021 cell id, or the 2019 one for a cell only 2019 has. */
  key: string
  row: { zh: string; en: string }
  column: { zh: string; en: string }
  mapping: MetricMapping
  values: AlignedValue[]
  /** True when comparable values differ; false when they agree; null when they cannot be compared. */
  differs: boolean | null
}

interface LineDef {
  table: TableId
  key: string
  /** Per template: the cells that make the line (one, or the 2021 cells summed), or null. */
  cells: Record<TemplateId, string[] | null>
  mapping: MetricMapping
  label: CellDef
}

const OTHER_2021 = ['other_1', 'other_2', 'other_3']

function lineDefs(table: TableId): LineDef[] {
  const d19 = cellDefs('2019', table)
  const d21 = cellDefs('2021', table)
  const ids19 = new Set(d19.map((d) => d.id))
  const used19 = new Set<string>()
  const out: LineDef[] = []
  for (const d of d21) {
    let from19: string | null = null
    let mapping: MetricMapping = 'only_2021'
    const [row, col] = d.id.split('|') as [string, string]
    if (ids19.has(d.id)) {
      from19 = d.id
      mapping = 'same'
    } else if (table === '二' && col === 'issued' && ids19.has(cellId(row, 'made'))) {
      from19 = cellId(row, 'made')
      mapping = 'renamed'
    } else if (table === '二' && col === 'in_force' && ids19.has(cellId(row, 'total'))) {
      from19 = cellId(row, 'total')
      mapping = 'different'
    }
    if (table === '三' && row === 'other_1') {
      // The 2019 row, against the sum of the three 2021 rows, before the rows themselves.
      const label = d19.find((x) => x.id === cellId('other', col))
      if (!label) throw new Error(`the 2019 template has no cell ${cellId('other', col)} in table 三`)
      out.push({
        table,
        key: cellId('other', col),
        cells: { '2019': [cellId('other', col)], '2021': OTHER_2021.map((r) => cellId(r, col)) },
        mapping: 'merged',
        label,
      })
      used19.add(cellId('other', col))
    }
    if (from19) used19.add(from19)
    out.push({ table, key: d.id, cells: { '2019': from19 ? [from19] : null, '2021': [d.id] }, mapping, label: d })
  }
  for (const d of d19)
    if (!used19.has(d.id)) out.push({ table, key: d.id, cells: { '2019': [d.id], '2021': null }, mapping: 'only_2019', label: d })
  return out
}

const LINES: Record<TableId, LineDef[]> = Object.fromEntries(TABLE_IDS.map((t) => [t, lineDefs(t)])) as Record<TableId, LineDef[]>

function valueOf(doc: Pick<ReportDocument, 'template' | 'tables'>, line: LineDef): AlignedValue {
  const ids = line.cells[doc.template]
  if (!ids) return { state: 'not_in_template', value: null }
  const [only] = ids
  if (ids.length === 1 && only !== undefined) {
    const c = getCell(doc, line.table, only)
    if (c.state === 'value') return { state: 'value', value: c.value, ...(c.raw !== undefined ? { raw: c.raw } : {}) }
    return { state: c.state, value: null }
  }
  let total = 0
  for (const id of ids) {
    const c = getCell(doc, line.table, id)
    if (c.state !== 'value') return { state: c.state, value: null }
    total += c.value
  }
  return { state: 'sum', value: roundSum(total) }
}

function comparableValue(v: AlignedValue): string {
  return v.value !== null ? String(v.value) : v.state
}

/** The lines of one table for these reports, in template order, each with its values and whether they differ. */
export function alignTable(docs: ReadonlyArray<Pick<ReportDocument, 'template' | 'tables'>>, table: TableId): AlignedLine[] {
  const templates = new Set(docs.map((d) => d.template))
  return LINES[table]
    .filter((l) => [...templates].some((t) => l.cells[t] !== null))
    .map((l) => {
      const values = docs.map((d) => valueOf(d, l))
      const present = values.filter((v) => v.state !== 'not_in_template')
      const comparable = (templates.size === 1 || l.mapping !== 'different') && present.length >= 2
      return {
        table,
        key: l.key,
        row: { zh: l.label.rowPath.join(' / ') || l.label.section.title || '', en: l.label.row.en },
        column: { zh: l.label.columnPath.join(' / '), en: l.label.column.en },
        mapping: l.mapping,
        values,
        differs: comparable ? new Set(present.map(comparableValue)).size > 1 : null,
      }
    })
}

/** All three tables aligned. */
export function alignTables(docs: ReadonlyArray<Pick<ReportDocument, 'template' | 'tables'>>): Record<TableId, AlignedLine[]> {
  return Object.fromEntries(TABLE_IDS.map((t) => [t, alignTable(docs, t)])) as Record<TableId, AlignedLine[]>
}
