import { TABLE_IDS, cellDefs, toCells, type ReportDocument, type TemplateId } from '@gongkai/schema'

// A year's data in one long table (GET /api/data/{year}.csv and .jsonl): one line per cell of
// every published report, the agency's fields first.
//
// Reading each report's document (a JSON parse and a schema check) and turning it into cells on
// every download made the file trickle out at 13–17 MB/s at 10,000 reports. So publishing also
// stores each report's cells in a compact form (the `report_cells` table, same write batch): a
// template cell is its state and value only, as its labels are the template's; an extra row
// keeps its own labels. The download decodes that, and the lines it writes are the ones the
// document would give (data-file.test.ts compares them with the builder's).

export const COLUMNS = [
  'agency',
  'code',
  'region',
  'level',
  'kind',
  'year',
  'template',
  'revision',
  'table',
  'row',
  'column',
  'state',
  'value',
] as const

export type DataFormat = 'csv' | 'jsonl'

export function csvField(s: string): string {
  return /[",\r\n]/.test(s) || /^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
}

export type CellLine = { table: string; row: string[]; column: string[]; state: string; value: number | null }

/**
 * The lines of one report in the year's file. The agency's fields are written once per report, and
 * a template cell's table, row and column once per process: the template's cells share their label
 * arrays across reports (`cellDefs` keeps them), so they key a WeakMap. Extra rows get theirs each time.
 */
const segments = { csv: new WeakMap<string[], WeakMap<string[], string>>(), jsonl: new WeakMap<string[], WeakMap<string[], string>>() }
function cellSegment(format: DataFormat, cell: CellLine): string {
  let byColumn = segments[format].get(cell.row)
  if (!byColumn) segments[format].set(cell.row, (byColumn = new WeakMap()))
  let segment = byColumn.get(cell.column)
  if (segment === undefined) {
    const row = cell.row.join(' > ')
    const column = cell.column.join(' > ')
    segment =
      format === 'csv'
        ? `${csvField(cell.table)},${csvField(row)},${csvField(column)},`
        : `${JSON.stringify({ table: cell.table, row, column }).slice(1, -1)},`
    byColumn.set(cell.column, segment)
  }
  return segment
}

export type Head = {
  agency: string
  code: string
  region: string
  level: string
  kind: string
  year: number
  template: string
  revision: number
}

export function reportLines(format: DataFormat, head: Head, cells: readonly CellLine[]): string {
  // The first eight columns, in COLUMNS' order.
  const first: Head = {
    agency: head.agency,
    code: head.code,
    region: head.region,
    level: head.level,
    kind: head.kind,
    year: head.year,
    template: head.template,
    revision: head.revision,
  }
  const prefix =
    format === 'csv'
      ? `${Object.values(first)
          .map((v) => csvField(String(v)))
          .join(',')},`
      : `{${JSON.stringify(first).slice(1, -1)},`
  let out = ''
  for (const cell of cells) {
    // A state is a fixed word and a value a number: neither needs quoting.
    out +=
      format === 'csv'
        ? `${prefix}${cellSegment(format, cell)}${cell.state},${cell.value === null ? '' : String(cell.value)}\r\n`
        : `${prefix}${cellSegment(format, cell)}"state":${JSON.stringify(cell.state)},"value":${cell.value === null ? 'null' : JSON.stringify(cell.value)}}\n`
  }
  return out
}

// ---------------------------------------------------------------------------------------------
// The same lines as bytes, for the download: encoding a year's 400 MB of text line by line cost
// more than everything else. A template cell's segment is encoded once per process and the
// agency's fields once per report; a line's state and value are ASCII, copied as they are.

const encoder = new TextEncoder()
const segmentBytes = {
  csv: new WeakMap<string[], WeakMap<string[], Uint8Array>>(),
  jsonl: new WeakMap<string[], WeakMap<string[], Uint8Array>>(),
}
function cellSegmentBytes(format: DataFormat, cell: CellLine): Uint8Array {
  let byColumn = segmentBytes[format].get(cell.row)
  if (!byColumn) segmentBytes[format].set(cell.row, (byColumn = new WeakMap()))
  let bytes = byColumn.get(cell.column)
  if (bytes === undefined) {
    bytes = encoder.encode(cellSegment(format, cell))
    byColumn.set(cell.column, bytes)
  }
  return bytes
}

const SINK_BYTES = 512 * 1024

/** A growing byte buffer, taken in chunks. */
export class ByteSink {
  #buf = new Uint8Array(SINK_BYTES)
  #len = 0
  get length(): number {
    return this.#len
  }
  #room(n: number) {
    if (this.#len + n <= this.#buf.length) return
    const next = new Uint8Array(Math.max(this.#buf.length * 2, this.#len + n))
    next.set(this.#buf.subarray(0, this.#len))
    this.#buf = next
  }
  bytes(b: Uint8Array) {
    this.#room(b.length)
    this.#buf.set(b, this.#len)
    this.#len += b.length
  }
  /** Text that should be ASCII (a state, a number, punctuation). */
  ascii(s: string) {
    this.#room(s.length)
    const start = this.#len
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i)
      if (c > 0x7f) {
        // Not ASCII after all (never from a valid document): encoded properly.
        this.#len = start
        this.text(s)
        return
      }
      this.#buf[this.#len++] = c
    }
  }
  text(s: string) {
    this.bytes(encoder.encode(s))
  }
  /** What was written since the last take (handed over, not copied: the sink starts a new buffer). */
  take(): Uint8Array {
    const out = this.#buf.subarray(0, this.#len)
    this.#buf = new Uint8Array(SINK_BYTES)
    this.#len = 0
    return out
  }
}

/** `reportLines`, written into `sink` as UTF-8. */
export function writeReportLines(sink: ByteSink, format: DataFormat, head: Head, cells: readonly CellLine[]): void {
  const first: Head = {
    agency: head.agency,
    code: head.code,
    region: head.region,
    level: head.level,
    kind: head.kind,
    year: head.year,
    template: head.template,
    revision: head.revision,
  }
  const prefix = encoder.encode(
    format === 'csv'
      ? `${Object.values(first)
          .map((v) => csvField(String(v)))
          .join(',')},`
      : `{${JSON.stringify(first).slice(1, -1)},`,
  )
  for (const cell of cells) {
    sink.bytes(prefix)
    sink.bytes(cellSegmentBytes(format, cell))
    // A state is a fixed word and a value a number: ASCII, and neither needs quoting.
    sink.ascii(
      format === 'csv'
        ? `${cell.state},${cell.value === null ? '' : String(cell.value)}\r\n`
        : `"state":${JSON.stringify(cell.state)},"value":${cell.value === null ? 'null' : JSON.stringify(cell.value)}}\n`,
    )
  }
}

/** The file's first line (CSV only: a BOM, for Excel and WPS, then the column names). */
export function fileHeader(format: DataFormat): string {
  return format === 'csv' ? `\uFEFF${COLUMNS.join(',')}\r\n` : ''
}

// ---------------------------------------------------------------------------------------------
// The stored form of a report's cells.

/** Bumped if the stored form changes: a row of another version is not read (the document is). */
export const CELLS_VERSION = 1

/** A template cell: [state, value]. An extra: [state, value, table, row, column]. In toCells' order. */
type StoredCell = [string, number | null] | [string, number | null, string, string[], string[]]

/** The cells of a document in their stored form (JSON text): its template, then its cells. */
export function encodeCells(doc: ReportDocument): string {
  const cells: StoredCell[] = toCells(doc).cells.map((c) => (c.extra ? [c.state, c.value, c.table, c.row, c.column] : [c.state, c.value]))
  return JSON.stringify({ template: doc.template, cells })
}

const templateCells = new Map<string, CellLine[]>()
/** The template's cells in toCells' order, with the label arrays `cellDefs` keeps. */
function templateLines(template: TemplateId): CellLine[] {
  let lines = templateCells.get(template)
  if (!lines) {
    lines = TABLE_IDS.flatMap((table) =>
      cellDefs(template, table).map((d) => ({ table, row: d.rowPath, column: d.columnPath, state: '', value: null })),
    )
    templateCells.set(template, lines)
  }
  return lines
}

/** The template and lines a stored form stands for; null when it does not fit its template (then the document is read). */
export function decodeCells(text: string): { template: string; cells: CellLine[] } | null {
  const stored = JSON.parse(text) as { template: string; cells: StoredCell[] }
  if (stored.template !== '2019' && stored.template !== '2021') return null
  const defs = templateLines(stored.template)
  const out: CellLine[] = []
  let next = 0
  for (const s of stored.cells) {
    if (s.length === 2) {
      const d = defs[next++]
      if (!d) return null
      out.push({ table: d.table, row: d.row, column: d.column, state: s[0], value: s[1] })
    } else out.push({ table: s[2], row: s[3], column: s[4], state: s[0], value: s[1] })
  }
  return next === defs.length ? { template: stored.template, cells: out } : null
}
