import { CELLS_FORMAT, CellRecordSchema, toCells, type CellRecord } from './cells.ts'
import { PATH_SEP, ReportInputError, parseCsv, toCsv } from './csv.ts'
import type { ReportDocument } from './document.ts'

// Cells as CSV: one line per cell with its label paths, state and value, the long format a
// spreadsheet or another tool reads.

const CELLS_HEADER = [
  'agency',
  'agency_level',
  'agency_kind',
  'year',
  'template',
  'table',
  'row',
  'column',
  'state',
  'value',
  'raw',
  'unit',
  'extra',
] as const
/** Written after the others, and optional on reading (older files have no such column). */
const UNREAD_COLUMN = 'unread'

export function cellsCsv(doc: ReportDocument): string {
  const c = toCells(doc)
  return toCsv([
    [...CELLS_HEADER, UNREAD_COLUMN],
    ...c.cells.map((r) => [
      c.agency.name,
      c.agency.level,
      c.agency.kind,
      String(c.year),
      c.template,
      r.table,
      r.row.join(PATH_SEP),
      r.column.join(PATH_SEP),
      r.state,
      r.value === null ? '' : String(r.value),
      r.raw ?? '',
      r.unit ?? '',
      r.extra ? '1' : '',
      r.unread ? '1' : '',
    ]),
  ])
}

/** Read cells CSV back into a cells document (and from there, with `fromCells`, a report). */
export function parseCellsCsv(text: string) {
  const [header, ...rows] = parseCsv(text).filter((r) => r.some((f) => f !== ''))
  if (!header?.some((h) => (CELLS_HEADER as readonly string[]).includes(h.trim()))) {
    throw new ReportInputError('UNKNOWN_INPUT', '不是报告 JSON、单元格 JSON 或单元格 CSV', 'not a report JSON, a cells JSON or a cells CSV')
  }
  const col = (name: string) => {
    const i = header.indexOf(name)
    if (i < 0) throw new ReportInputError('INVALID_CSV', `单元格 CSV 缺少列 ${name}`, `the cells CSV has no column "${name}"`)
    return i
  }
  const idx = Object.fromEntries(CELLS_HEADER.map((h) => [h, col(h)])) as Record<(typeof CELLS_HEADER)[number], number>
  const unreadAt = header?.indexOf(UNREAD_COLUMN) ?? -1
  const first = rows[0] ?? []
  const field = (r: string[], k: keyof typeof idx) => r[idx[k]] ?? ''
  const split = (s: string) => (s === '' ? [] : s.split(PATH_SEP))
  return {
    format: CELLS_FORMAT,
    // An empty level or kind is not given: `fromCells` refuses it, the validator skips what needs it.
    agency: {
      name: field(first, 'agency'),
      code: null,
      level: field(first, 'agency_level') || undefined,
      kind: field(first, 'agency_kind') || undefined,
      region: null,
    },
    year: Number(field(first, 'year')),
    template: field(first, 'template'),
    cells: rows.map((r): CellRecord =>
      CellRecordSchema.parse({
        table: field(r, 'table'),
        row: split(field(r, 'row')),
        column: split(field(r, 'column')),
        state: field(r, 'state'),
        value: field(r, 'value') === '' ? null : Number(field(r, 'value')),
        raw: field(r, 'state') === 'not_reported' || (field(r, 'raw') === '' && field(r, 'state') !== 'blank') ? null : field(r, 'raw'),
        unit: field(r, 'unit') || null,
        extra: field(r, 'extra') === '1',
        unread: unreadAt >= 0 && r[unreadAt] === '1',
      }),
    ),
  }
}
