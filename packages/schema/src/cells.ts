import * as z from 'zod/mini'
import {
  AgencyRefSchema,
  CellSchema,
  ValidationAgencySchema,
  parseReportDocument,
  parseValidationInput,
  type Cell,
  type ReportDocument,
  type ValidationInput,
} from './document.ts'
import { getCell } from './cell-access.ts'
import { normalizeLabel } from './labels.ts'
import { TABLE_IDS, cellDefs, type CellDef, type TableId, type TemplateId } from './templates.ts'

// The cells format: one record per cell, addressed by label paths rather than internal keys, so
// other tools (and the tests) can exchange table data. It is both an export and an import; on
// import, label variants and ASCII punctuation are accepted through the template's aliases.

export const CELLS_FORMAT = 'gongkai.cells/1'

const label = z.string().check(z.maxLength(500))
const nullableText = (max: number) => z._default(z.nullable(z.string().check(z.maxLength(max))), null)

export const CellRecordSchema = z.object({
  table: z.enum(['二', '三', '四']),
  row: z.array(label).check(z.maxLength(10)),
  column: z.array(label).check(z.maxLength(10)),
  state: z.enum(['value', 'blank', 'na', 'not_reported']),
  value: z._default(z.nullable(z.number()), null),
  raw: nullableText(200),
  unit: nullableText(20),
  /** A non-template cell (an extra provincial row, a publisher's subtotal), kept as published. */
  extra: z._default(z.boolean(), false),
  /**
   * In the source, but the import could not read it (state `not_reported` until someone fills
   * it in): a failed read, which is not the same as a cell the source does not give.
   */
  unread: z._default(z.boolean(), false),
})
export type CellRecord = z.infer<typeof CellRecordSchema>

const cellsShape = {
  format: z._default(z.literal(CELLS_FORMAT), CELLS_FORMAT),
  agency: AgencyRefSchema,
  year: z.int().check(z.minimum(2008), z.maximum(2100)),
  template: z.enum(['2019', '2021']),
  cells: z.array(CellRecordSchema).check(z.maxLength(2_000)),
}
export const CellsDocumentSchema = z.object(cellsShape)
export type CellsDocument = z.infer<typeof CellsDocumentSchema>
/** A cells document for the validator only: the agency's level and kind may be missing. */
const ValidationCellsSchema = z.object({ ...cellsShape, agency: ValidationAgencySchema })

function toRecord(table: TableId, row: string[], column: string[], cell: Cell, extra = false, unread = false): CellRecord {
  return {
    extra,
    unread: unread && cell.state === 'not_reported',
    table,
    row,
    column,
    state: cell.state,
    value: cell.state === 'value' ? cell.value : null,
    raw: 'raw' in cell && cell.raw !== undefined ? cell.raw : null,
    unit: cell.state === 'value' && cell.unit ? cell.unit : null,
  }
}

/** Every template cell (not reported ones included, so the grid is complete) plus the extras. */
export function toCells(doc: ReportDocument): CellsDocument {
  const cells: CellRecord[] = []
  for (const table of TABLE_IDS) {
    const unread = doc.tables[table].unread ?? {}
    for (const def of cellDefs(doc.template, table))
      cells.push(toRecord(table, def.rowPath, def.columnPath, getCell(doc, table, def.id), false, def.id in unread))
    for (const extra of doc.tables[table].extras) cells.push(toRecord(table, extra.row, extra.column, extra.cell, true))
  }
  return { format: CELLS_FORMAT, agency: doc.agency, year: doc.year, template: doc.template, cells }
}

export interface CellsProblem {
  code: 'CELL_UNKNOWN' | 'CELL_AMBIGUOUS' | 'CELL_DUPLICATE' | 'CELL_INVALID'
  /** Index of the record in the input. */
  index: number
  table: string
  row: string[]
  column: string[]
  message: { zh: string; en: string }
}

export class CellsImportError extends Error {
  constructor(readonly problems: CellsProblem[]) {
    super(problems.map((p) => p.message.en).join('; '))
  }
}

function matches(input: string | undefined, canonical: string, aliases: readonly string[]): boolean {
  if (input === undefined) return false
  const n = normalizeLabel(input)
  return n === normalizeLabel(canonical) || aliases.some((a) => normalizeLabel(a) === n)
}

/** Does an input label path name this template path? Groups are compared when given. */
function pathMatches(
  input: string[],
  groups: readonly string[],
  leaf: string,
  leafAliases: readonly string[],
  groupAliases: readonly string[] = [],
): boolean {
  // Does this input label name the template's group at `at`?
  const groupMatches = (label: string, at: number) => {
    const canonical = groups[at]
    return canonical !== undefined && matches(label, canonical, groupAliases)
  }
  if (leaf === '') return input.length === 0 || (input.length === groups.length && input.every((l, i) => groupMatches(l, i)))
  if (!matches(input[input.length - 1], leaf, leafAliases)) return false
  const inputGroups = input.slice(0, -1)
  // A path may leave out outer groups (e.g. ["自然人"]), but what it gives must line up.
  const offset = groups.length - inputGroups.length
  if (offset < 0) return false
  return inputGroups.every((g, i) => groupMatches(g, offset + i))
}

function findDefs(template: TemplateId, table: TableId, row: string[], column: string[]): CellDef[] {
  return cellDefs(template, table).filter(
    (d) =>
      pathMatches(row, d.row.groups, d.row.label, d.row.aliases, d.section.titleAliases) &&
      pathMatches(column, d.column.groups, d.column.label, d.column.aliases),
  )
}

function recordCell(r: CellRecord): Cell {
  const raw = r.raw ?? undefined
  switch (r.state) {
    case 'value':
      return CellSchema.parse({
        state: 'value',
        value: r.value,
        ...(raw !== undefined ? { raw } : {}),
        ...(r.unit ? { unit: r.unit } : {}),
      })
    case 'blank':
      return raw !== undefined ? { state: 'blank', raw } : { state: 'blank' }
    case 'na':
      return raw !== undefined ? { state: 'na', raw } : { state: 'na' }
    case 'not_reported':
      return { state: 'not_reported' }
  }
}

/**
 * Place each record in its template cell. Records that name no template cell are refused, not
 * guessed at; use `extras` for those.
 */
function placeCells(cells: Pick<CellsDocument, 'template' | 'cells'>): Record<TableId, ReportDocument['tables'][TableId]> {
  const problems: CellsProblem[] = []
  const tables: Record<
    TableId,
    { cells: Record<string, Cell>; extras: ReportDocument['tables'][TableId]['extras']; unread?: Record<string, string> }
  > = {
    二: { cells: {}, extras: [] },
    三: { cells: {}, extras: [] },
    四: { cells: {}, extras: [] },
  }
  const where = (r: CellRecord) => `表${r.table}「${[...r.row, ...r.column].join(' › ') || '—'}」`
  const whereEn = (r: CellRecord) => `table ${r.table} [${r.row.join(' › ')}] × [${r.column.join(' › ')}]`
  cells.cells.forEach((r, index) => {
    const at = { index, table: r.table, row: r.row, column: r.column }
    if (r.state === 'value' && r.value === null) {
      problems.push({
        ...at,
        code: 'CELL_INVALID',
        message: { zh: `${where(r)}状态为数值但没有数值`, en: `${whereEn(r)} has state "value" but no value` },
      })
      return
    }
    if (r.extra) {
      tables[r.table].extras.push({ row: r.row, column: r.column, cell: recordCell(r) })
      return
    }
    const defs = findDefs(cells.template, r.table, r.row, r.column)
    const def = defs[0]
    if (!def) {
      problems.push({
        ...at,
        code: 'CELL_UNKNOWN',
        message: { zh: `${cells.template}年格式中没有单元格${where(r)}`, en: `The ${cells.template} template has no cell ${whereEn(r)}` },
      })
      return
    }
    if (defs.length > 1) {
      problems.push({
        ...at,
        code: 'CELL_AMBIGUOUS',
        message: {
          zh: `${where(r)}可指多个单元格，请写出完整的标签路径`,
          en: `${whereEn(r)} could be several cells; give the full label path`,
        },
      })
      return
    }
    if (tables[r.table].cells[def.id]) {
      problems.push({ ...at, code: 'CELL_DUPLICATE', message: { zh: `${where(r)}出现了两次`, en: `${whereEn(r)} appears twice` } })
      return
    }
    if (r.state !== 'not_reported') tables[r.table].cells[def.id] = recordCell(r)
    else if (r.unread) (tables[r.table].unread ??= {})[def.id] = 'UNREAD'
  })
  if (problems.length) throw new CellsImportError(problems)
  return tables
}

/** The report fields a cells document gives; narrative empty unless `base` gives it. */
function reportFields<A extends { name: string }>(
  cells: { agency: A; year: number; template: CellsDocument['template']; cells: CellRecord[] },
  base?: ReportDocument,
) {
  return {
    ...(base ?? { title: `${cells.agency.name}${cells.year}年政府信息公开工作年度报告`, parts: {}, source: { kind: 'cells' } }),
    agency: cells.agency,
    year: cells.year,
    template: cells.template,
    tables: placeCells(cells),
  }
}

/** Read a cells document into a report document (narrative empty unless `base` gives it). */
export function fromCells(input: unknown, base?: ReportDocument): ReportDocument {
  return parseReportDocument(reportFields(CellsDocumentSchema.parse(input), base))
}

/** As `fromCells`, for the validator: the agency's level and kind may be missing. */
export function validationInputFromCells(input: unknown): ValidationInput {
  return parseValidationInput(reportFields(ValidationCellsSchema.parse(input)))
}
