import { parseCellText } from './cell-text.ts'
import { CELLS_FORMAT, CellRecordSchema, CellsImportError, fromCells, toCells, validationInputFromCells, type CellRecord, type CellsProblem } from './cells.ts'
import { getCell, tableGiven } from './cell-access.ts'
import { parseReportDocument, parseValidationInput, type Cell, type ReportDocument, type TableData, type ValidationInput } from './document.ts'
import { normalizeLabel, sameLabel } from './labels.ts'
import { PARTS, TABLE_IDS, TEMPLATES, cellId, type ColumnDef, type SectionDef, type TableId, type TemplateId } from './templates.ts'

// Downloads. CSV is UTF-8 with a BOM and CRLF line ends, so Excel and WPS open Chinese text
// correctly. Every format is generated from the report document alone.

export const EXPORT_FORMATS = ['official-csv', 'cells-csv', 'cells-json', 'json'] as const
export type ExportFormat = (typeof EXPORT_FORMATS)[number]

export const EXPORT_MEDIA: Record<ExportFormat, { type: string; extension: string }> = {
  'official-csv': { type: 'text/csv; charset=utf-8', extension: 'csv' },
  'cells-csv': { type: 'text/csv; charset=utf-8', extension: 'cells.csv' },
  'cells-json': { type: 'application/json; charset=utf-8', extension: 'cells.json' },
  json: { type: 'application/json; charset=utf-8', extension: 'json' },
}

const BOM = '\uFEFF'
const PATH_SEP = ' > '

// ---------------------------------------------------------------------------------------------
// CSV (RFC 4180)

function csvField(s: string): string {
  return /[",\r\n]/.test(s) || /^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
}

export function toCsv(rows: readonly (readonly string[])[]): string {
  return BOM + rows.map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n'
}

/** Parse CSV text (BOM, quotes, embedded newlines) into rows of fields. */
export function parseCsv(text: string): string[][] {
  const src = text.startsWith(BOM) ? text.slice(1) : text
  const rows: string[][] = []
  let row: string[] = []
  let field = ''
  let quoted = false
  for (let i = 0; i < src.length; i++) {
    const ch = src[i]!
    if (quoted) {
      if (ch === '"' && src[i + 1] === '"') {
        field += '"'
        i++
      } else if (ch === '"') quoted = false
      else field += ch
    } else if (ch === '"' && field === '') quoted = true
    else if (ch === ',') {
      row.push(field)
      field = ''
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && src[i + 1] === '\n') i++
      row.push(field)
      rows.push(row)
      row = []
      field = ''
    } else field += ch
  }
  if (field !== '' || row.length) {
    row.push(field)
    rows.push(row)
  }
  return rows
}

// ---------------------------------------------------------------------------------------------
// Cells as CSV

const CELLS_HEADER = ['agency', 'agency_level', 'agency_kind', 'year', 'template', 'table', 'row', 'column', 'state', 'value', 'raw', 'unit', 'extra'] as const
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

/** Input that is not a report in any form read here, with a stable code and both languages. */
export class ReportInputError extends Error {
  constructor(
    readonly code: 'EMPTY' | 'UNKNOWN_INPUT' | 'INVALID_CSV',
    readonly zh: string,
    readonly en: string,
  ) {
    super(`${zh} / ${en}`)
  }
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
    agency: { name: field(first, 'agency'), code: null, level: field(first, 'agency_level') || undefined, kind: field(first, 'agency_kind') || undefined, region: null },
    year: Number(field(first, 'year')),
    template: field(first, 'template'),
    cells: rows.map(
      (r): CellRecord =>
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

// ---------------------------------------------------------------------------------------------
// Official layout CSV: the three tables as printed in the notice, one block after another.

/** What an official-layout cell prints: the number as published, "" for blank, "/" for n/a. */
export function officialCellText(cell: Cell): string {
  switch (cell.state) {
    case 'value':
      return cell.raw?.trim() || String(cell.value)
    case 'blank':
      return ''
    case 'na':
      return cell.raw?.trim() || '/'
    case 'not_reported':
      return '未提供'
  }
}

function headerLines(columns: readonly ColumnDef[]): string[][] {
  const depth = Math.max(...columns.map((c) => c.groups.length + 1))
  return Array.from({ length: depth }, (_, level) =>
    columns.map((c, i) => {
      const path = [...c.groups, c.label]
      const label = path[level] ?? ''
      // A spanning group label is printed once, over its first column.
      const prev = i > 0 ? [...columns[i - 1]!.groups, columns[i - 1]!.label] : null
      const sameSpan = prev && level < path.length - 1 && prev.slice(0, level + 1).join('\u0000') === path.slice(0, level + 1).join('\u0000')
      return sameSpan ? '' : label
    }),
  )
}

const NOT_GIVEN_LINE = '未在原文中提供 / not given in the source'
const EXTRA_SEP = ' × '

/** The header lines of a section, first cell included, exactly as `officialCsv` prints them. */
function sectionHeader(table: TableId, section: SectionDef, corner: string | null): string[][] {
  return headerLines(section.columns).map((h, i) => [i === 0 ? (table === '二' ? '信息内容' : (corner ?? '')) : '', ...h])
}

export function officialCsv(doc: ReportDocument): string {
  const lines: string[][] = [[doc.title], [`${doc.agency.name}`, `${doc.year}`, TEMPLATES[doc.template].name]]
  for (const table of TABLE_IDS) {
    const part = PARTS.find((p) => p.table === table)!
    lines.push([], [part.heading])
    if (!tableGiven(doc, table)) {
      lines.push([NOT_GIVEN_LINE])
      continue
    }
    const def = TEMPLATES[doc.template].tables[table]
    for (const section of def.sections) {
      if (section.title) lines.push([section.title])
      lines.push(...sectionHeader(table, section, def.corner))
      let openGroups: readonly string[] = []
      for (const row of section.rows) {
        const groups = row.groups.slice(section.title ? 1 : 0)
        groups.forEach((g, i) => {
          if (openGroups[i] !== g) lines.push([g])
        })
        openGroups = groups
        lines.push([row.label, ...section.columns.map((c) => officialCellText(getCell(doc, table, cellId(row.key, c.key))))])
      }
    }
    for (const extra of doc.tables[table].extras) lines.push([`${extra.row.join(PATH_SEP)}${EXTRA_SEP}${extra.column.join(PATH_SEP)}`, officialCellText(extra.cell)])
  }
  return toCsv(lines)
}

/** What the first two lines of an official-layout CSV say: the title, the agency's name, the year and the template. */
export function officialCsvHead(text: string): { title: string; agency: string; year: number; template: TemplateId } {
  const [first, second] = parseCsv(text).filter((r) => r.some((f) => f !== ''))
  const title = first?.[0]?.trim() ?? ''
  const [agency = '', year = '', name = ''] = (second ?? []).map((f) => f.trim())
  const template = (Object.keys(TEMPLATES) as TemplateId[]).find((id) => TEMPLATES[id].name === name)
  if (!title || !agency || !/^\d{4}$/.test(year) || !template) {
    throw new ReportInputError(
      'INVALID_CSV',
      '不是官方格式的 CSV：第一行应为报告标题，第二行应为机关名称、年度和格式名称',
      'not an official-layout CSV: the first line is the title, the second the agency, the year and the template name',
    )
  }
  return { title, agency, year: Number(year), template }
}

/**
 * An official-layout CSV as a report, the inverse of `officialCsv`: the title, agency name, year
 * and template from its first lines, the tables from its blocks (`fromOfficialCsv`), everything
 * the CSV does not carry (the agency's level, kind and code, the period, the prose) from `base`.
 */
export function readOfficialCsv(text: string, base: ReportDocument): ReportDocument {
  const head = officialCsvHead(text)
  return fromOfficialCsv(text, { ...base, title: head.title, year: head.year, template: head.template, agency: { ...base.agency, name: head.agency } })
}

/**
 * Read an official-layout CSV (as exported, or filled in from it in Excel or WPS) back into the
 * tables of `base`. Headers must match the template; a row whose cell count does not fit is
 * refused, never shifted; every unreadable cell is named.
 */
export function fromOfficialCsv(text: string, base: ReportDocument): ReportDocument {
  const rows = parseCsv(text).map((r) => (r.length === 1 && r[0] === '' ? [] : r))
  const template = TEMPLATES[base.template]
  const tables: Record<TableId, TableData> = { 二: { cells: {}, extras: [] }, 三: { cells: {}, extras: [] }, 四: { cells: {}, extras: [] } }
  const problems: CellsProblem[] = []
  const fail = (index: number, table: string, label: string, zh: string, en: string) =>
    problems.push({ code: 'CELL_INVALID', index, table, row: [label], column: [], message: { zh: `第${index + 1}行：${zh}`, en: `Line ${index + 1}: ${en}` } })
  let table: TableId | null = null
  let section: SectionDef | null = null
  let headerLeft: string[][] = []
  rows.forEach((row, index) => {
    const first = row[0] ?? ''
    if (row.every((f) => f === '')) return
    const part = PARTS.find((p) => p.table && (sameLabel(first, p.heading) || p.aliases.some((a) => sameLabel(first, a))))
    if (part?.table) {
      table = part.table
      const sections = template.tables[table].sections
      section = sections.length === 1 ? sections[0]! : null
      headerLeft = section ? sectionHeader(table, section, template.tables[table].corner) : []
      return
    }
    if (!table) return
    const t: TableId = table
    if (first === NOT_GIVEN_LINE) return
    const titled = template.tables[t].sections.find((s) => s.title && (sameLabel(first, s.title) || s.titleAliases.some((a) => sameLabel(first, a))))
    if (titled) {
      section = titled
      headerLeft = sectionHeader(t, titled, null)
      return
    }
    if (!section) return
    const sec: SectionDef = section
    if (headerLeft.length) {
      const expected = headerLeft.shift()!
      const same = expected.length === row.length && expected.every((h, i) => normalizeLabel(h) === normalizeLabel(row[i] ?? ''))
      if (!same) fail(index, t, first, `表${t}的表头与模板不符`, `the header of table ${t} does not match the template`)
      return
    }
    if (first.includes(EXTRA_SEP)) {
      const [r, c] = first.split(EXTRA_SEP)
      const parsed = parseCellText(row[1] ?? '')
      if (parsed.ok) tables[t].extras.push({ row: r!.split(PATH_SEP), column: c!.split(PATH_SEP), cell: parsed.cell })
      else fail(index, t, first, parsed.message.zh, parsed.message.en)
      return
    }
    if (row.length === 1 && sec.rows.some((r) => r.groups.some((g) => sameLabel(g, first)))) return
    const rowDef = sec.rows.find((r) => sameLabel(first, r.label) || r.aliases.some((a) => sameLabel(first, a)))
    if (!rowDef) {
      fail(index, t, first, `表${t}没有“${first}”这一行`, `table ${t} has no row "${first}"`)
      return
    }
    if (row.length !== sec.columns.length + 1) {
      fail(index, t, first, `“${first}”有 ${row.length - 1} 个数据单元格，应为 ${sec.columns.length} 个（不会移位猜测）`, `"${first}" has ${row.length - 1} data cells where ${sec.columns.length} are expected (values are not shifted to fit)`)
      return
    }
    sec.columns.forEach((col, i) => {
      const parsed = parseCellText(row[i + 1] ?? '')
      if (!parsed.ok) return fail(index, t, first, `「${col.label}」${parsed.message.zh}`, `"${col.en}": ${parsed.message.en}`)
      if (parsed.cell.state !== 'not_reported') tables[t].cells[cellId(rowDef.key, col.key)] = parsed.cell
    })
  })
  if (problems.length) throw new CellsImportError(problems)
  return parseReportDocument({ ...base, tables })
}

// ---------------------------------------------------------------------------------------------

export function exportReport(doc: ReportDocument, format: ExportFormat): string {
  switch (format) {
    case 'official-csv':
      return officialCsv(doc)
    case 'cells-csv':
      return cellsCsv(doc)
    case 'cells-json':
      return JSON.stringify(toCells(doc), null, 2) + '\n'
    case 'json':
      return JSON.stringify(doc, null, 2) + '\n'
  }
}

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
