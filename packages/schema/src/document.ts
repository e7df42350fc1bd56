import * as z from 'zod/mini'

/** What a failed parse throws: it lists every problem with its path. */
export { $ZodError as SchemaError } from 'zod/v4/core'
import { PART_IDS, TABLE_IDS, cellDefs, type PartId, type TableId, type TemplateId } from './templates.ts'

// The report document: the one validated record everything else is generated from.

export const DOCUMENT_FORMAT = 'gongkai.report/1'

// zod/mini: the same checks as classic zod, tree-shakable, so the reader's bundle stays small.
const text = (max: number, min = 0) => z.string().check(z.minLength(min), z.maxLength(max))
const list = <T extends z.ZodMiniType>(item: T, max: number) => z.array(item).check(z.maxLength(max))
const int = (min: number, max = Number.MAX_SAFE_INTEGER) => z.int().check(z.minimum(min), z.maximum(max))

/**
 * A cell's state. Blank, "/", 0 and "not reported" are different things end to end:
 * - `value`: a number was published (`raw` keeps the string as printed, e.g. `减4`, `79000.1元`;
 *   `unit` is a unit written in the cell itself, the column's unit being the template's);
 * - `blank`: the cell exists in the source but is empty;
 * - `na`: the source says it does not apply (`/`, `—`);
 * - `not_reported`: the source does not give the cell at all (e.g. the table was lost).
 * A cell missing from a table's map is `not_reported`.
 */
export const CellSchema = z.discriminatedUnion('state', [
  z.object({
    state: z.literal('value'),
    value: z.number(),
    raw: z.optional(text(200)),
    unit: z.optional(text(20)),
  }),
  z.object({ state: z.literal('blank'), raw: z.optional(text(200)) }),
  z.object({ state: z.literal('na'), raw: z.optional(text(200)) }),
  z.object({ state: z.literal('not_reported') }),
])
export type Cell = z.infer<typeof CellSchema>
export type CellState = Cell['state']

export const BlockSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('heading'), text: text(500) }),
  z.object({ type: z.literal('paragraph'), text: text(20_000) }),
  z.object({ type: z.literal('list'), ordered: z.boolean(), items: list(text(5_000), 500) }),
])
export type Block = z.infer<typeof BlockSchema>

export const AGENCY_LEVELS = ['national', 'province', 'city', 'county', 'township'] as const
export type AgencyLevel = (typeof AGENCY_LEVELS)[number]
export const AGENCY_KINDS = ['government', 'department'] as const
export type AgencyKind = (typeof AGENCY_KINDS)[number]

export const AgencyRefSchema = z.object({
  name: text(200, 1),
  code: z._default(z.nullable(text(64)), null),
  level: z.enum(AGENCY_LEVELS),
  /** A government, or a department of a government at `level`. */
  kind: z.enum(AGENCY_KINDS),
  region: z._default(z.nullable(text(64)), null),
})
export type AgencyRef = z.infer<typeof AgencyRefSchema>

/** The two facts about an agency that some validator rules depend on. */
export const AGENCY_CLASS_FIELDS = ['level', 'kind'] as const
export type AgencyClassField = (typeof AGENCY_CLASS_FIELDS)[number]

/**
 * An agency as the validator may receive it: a cells file from another tool may not say the
 * agency's level or kind (absent or null). Rules that depend on them are then skipped, and say so.
 * A stored report always has both (`AgencyRefSchema`).
 */
export const ValidationAgencySchema = z.object({
  ...AgencyRefSchema.shape,
  level: z.optional(z.nullable(z.enum(AGENCY_LEVELS))),
  kind: z.optional(z.nullable(z.enum(AGENCY_KINDS))),
})
export type ValidationAgency = z.infer<typeof ValidationAgencySchema>

/** A non-template cell kept as published: an extra provincial row, a publisher's subtotal. */
export const ExtraCellSchema = z.object({
  row: z.array(text(500)),
  column: z.array(text(500)),
  cell: CellSchema,
})
export type ExtraCell = z.infer<typeof ExtraCellSchema>

/** Where in the source a cell was read: enough for a person to find it and check it. */
export const ProvenanceSchema = z.object({
  /** 1-based line in a text source. */
  line: z.optional(int(1)),
  /** 1-based page of a PDF. */
  page: z.optional(int(1)),
  /** 0-based index of the table in the source, and the cell's row and column in its grid. */
  grid: z.optional(z.object({ table: int(0), row: int(0), column: int(0) })),
  /** The text read, verbatim. */
  text: z.optional(text(500)),
  /** Where on the PDF page (points from the page's top left): to highlight the source of a cell. */
  box: z.optional(z.object({ x: z.number(), y: z.number(), w: z.number(), h: z.optional(z.number()) })),
  /**
   * How a value that was not plainly printed was read: `split` from digits that lost their
   * separators, by the table's identities; `prose` confirmed by a figure the report states in
   * words. Both are shown to the clerk as read with less confidence.
   */
  how: z.optional(z.enum(['split', 'prose'])),
})
export type Provenance = z.infer<typeof ProvenanceSchema>

export const TableDataSchema = z.object({
  cells: z._default(z.record(z.string(), CellSchema), {}),
  extras: z._default(z.array(ExtraCellSchema), []),
  /** Per cell id: where the importer read it. Empty for reports typed in. */
  provenance: z.optional(z.record(z.string(), ProvenanceSchema)),
  /**
   * Per cell id: cells the source has but the importer could not read, with the reason's code
   * (TABLE_UNREADABLE, TABLE_PARTIAL, TABLE_AS_IMAGE, TEXT_GARBLED, ROW_UNREADABLE, CELLS_RUN_TOGETHER). A draft never hides a
   * failed read as "not reported": a cell stays here until a clerk fills it in or marks it not
   * reported, and a report with any of them cannot be published (validator rule UNREAD).
   */
  unread: z.optional(z.record(z.string(), z.string().check(z.maxLength(40)))),
})
export type TableData = z.infer<typeof TableDataSchema>

/** What a key figure measures, when it maps onto something the validator or 图解 knows. */
export const KEY_METRICS = [
  'proactive_total',
  'channel_website',
  'channel_weibo',
  'channel_wechat',
  'applications_received',
  'reviews_total',
  'lawsuits_total',
  'fees_collected',
  /** 行政事业性收费 stated in the prose: the figure table 二 (2021) gives in 万元. */
  'admin_fees',
] as const
export type KeyMetric = (typeof KEY_METRICS)[number]

export const KeyFigureSchema = z.object({
  label: text(200, 1),
  value: z.number(),
  unit: text(20),
  /** The sentence the figure is quoted from, verbatim. */
  sentence: text(2_000),
  part: z.enum(PART_IDS as [PartId, ...PartId[]]),
  metric: z._default(z.nullable(z.enum(KEY_METRICS)), null),
})
export type KeyFigure = z.infer<typeof KeyFigureSchema>

export const SourceSchema = z.object({
  kind: z.enum(['html', 'text', 'pdf', 'docx', 'doc', 'markdown', 'manual', 'cells']),
  url: z._default(z.nullable(text(2_000)), null),
  filename: z._default(z.nullable(text(500)), null),
  sha256: z._default(z.nullable(z.string().check(z.regex(/^[0-9a-f]{64}$/))), null),
  importedAt: z._default(z.nullable(text(40)), null),
  note: z._default(z.nullable(text(2_000)), null),
})
export type Source = z.infer<typeof SourceSchema>

const isoDate = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/))

const blocks = (max: number) => z._default(list(BlockSchema, max), [])
const partsShape = Object.fromEntries(PART_IDS.map((p) => [p, blocks(2_000)])) as Record<PartId, ReturnType<typeof blocks>>
const tableData = () => z._default(TableDataSchema, { cells: {}, extras: [] })
const tablesShape = Object.fromEntries(TABLE_IDS.map((t) => [t, tableData()])) as Record<TableId, ReturnType<typeof tableData>>

const documentShape = {
  format: z._default(z.literal(DOCUMENT_FORMAT), DOCUMENT_FORMAT),
  agency: AgencyRefSchema,
  year: int(2008, 2100),
  template: z.enum(['2019', '2021']),
  title: text(500, 1),
  preamble: blocks(200),
  period: z._default(z.nullable(z.object({ start: isoDate, end: isoDate })), null),
  /** Prose of each part; parts 二–四 usually hold only their table, but some reports add notes. */
  parts: z.prefault(z.object(partsShape), {}),
  /** Part headings as published, when they differ from the template's. */
  headings: z._default(z.partialRecord(z.enum(PART_IDS as [PartId, ...PartId[]]), text(500)), {}),
  tables: z.prefault(z.object(tablesShape), {}),
  keyFigures: z._default(list(KeyFigureSchema, 500), []),
  source: SourceSchema,
}

/** Cells must be addressed by the template's own ids; anything else belongs in `extras`. */
const cellIdsInTemplate = z.superRefine((doc: { template: TemplateId; tables: Record<TableId, TableData> }, ctx) => {
  for (const t of TABLE_IDS) {
    const known = new Set(cellDefs(doc.template, t).map((d) => d.id))
    for (const id of Object.keys(doc.tables[t].cells)) {
      if (!known.has(id)) {
        ctx.addIssue({
          code: 'custom',
          path: ['tables', t, 'cells', id],
          message: `表${t}没有单元格 ${id}（模板 ${doc.template}） / table ${t} has no cell ${id} in template ${doc.template}`,
        })
      }
    }
  }
})

export const ReportDocumentSchema = z.object(documentShape).check(cellIdsInTemplate)

/** What the validator reads: a report document whose agency may lack its level or kind. */
export const ValidationInputSchema = z.object({ ...documentShape, agency: ValidationAgencySchema }).check(cellIdsInTemplate)

export type ReportDocument = z.infer<typeof ReportDocumentSchema>

/** Parse and fill defaults; throws a ZodError naming the offending fields. */
export function parseReportDocument(input: unknown): ReportDocument {
  return ReportDocumentSchema.parse(input)
}

/** A report document is a validation input; so is one whose agency's level or kind is not known. */
export type ValidationInput = z.infer<typeof ValidationInputSchema>

/** Parse what `validateReport` may check: as `parseReportDocument`, but level and kind may be missing. */
export function parseValidationInput(input: unknown): ValidationInput {
  return ValidationInputSchema.parse(input)
}

/** An empty document for an agency and year: every part empty, every cell not reported. */
export function emptyDocument(agency: AgencyRef, year: number, template: TemplateId, title?: string): ReportDocument {
  return parseReportDocument({
    agency,
    year,
    template,
    title: title ?? `${agency.name}${year}年政府信息公开工作年度报告`,
    parts: {},
    tables: {},
    source: { kind: 'manual' },
  })
}
