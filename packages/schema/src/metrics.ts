import { getCell } from './cell-access.ts'
import { KEY_FIGURES, type KeyFigureDef } from './comparable.ts'
import { applicantColumns, orgColumns, roundSum } from './derived.ts'
import type { CellState, ReportDocument } from './document.ts'
import { cellDef, cellId, type TableId, type TemplateId } from './templates.ts'

// The catalogue of metrics: every figure the API ranks, totals and compares across reports, for
// both templates. Each is defined by the cells it reads, in each template, and says how its
// 2019 and 2021 definitions relate. It starts from KEY_FIGURES (comparable.ts), the figures the
// year-over-year comparison already uses, so the two never disagree on which cells a figure is.
//
// A metric that cannot be computed is null with the reason, never 0: a cell that is blank, "/"
// or not reported gives no number here (blank is not zero), and neither does a cell the
// template does not have, or a share whose denominator is zero.

export type MetricUnit = '件' | '%' | '万元' | '项'

/** How a metric's 2019 definition relates to its 2021 one. */
export type MetricMapping =
  /** The same cells, the same meaning: comparable across the change. */
  | 'same'
  /** 2021 splits one 2019 row into several; their sum compares with the 2019 row. */
  | 'merged'
  /** Both templates report it under different labels with the same meaning. */
  | 'renamed'
  /** Both templates have a figure with this name, but it means different things: never compared. */
  | 'different'
  /** Only the 2019 template has it. */
  | 'only_2019'
  /** Only the 2021 template has it. */
  | 'only_2021'

export interface CellSource {
  table: TableId
  /** Cell ids (`row|column`) whose sum is the figure. */
  cells: readonly string[]
}

interface MetricBase {
  id: string
  zh: string
  en: string
  unit: MetricUnit
  /** Groups the reader shows together. */
  group: 'applications' | 'outcomes' | 'appeals' | 'proactive'
  mapping: MetricMapping
  note?: { zh: string; en: string }
}

export interface SumMetricDef extends MetricBase {
  kind: 'sum'
  /** Per template: the cells summed, or null when that template does not report it. */
  sources: Readonly<Record<TemplateId, CellSource | null>>
}

/** A share in percent: Σ numerator ÷ Σ denominator × 100, each a list of sum metrics. */
export interface RatioMetricDef extends MetricBase {
  kind: 'ratio'
  numerator: readonly string[]
  denominator: readonly string[]
}

export type MetricDef = SumMetricDef | RatioMetricDef

export type MetricReason =
  /** A cell it needs is not in the report (a table lost, a cell not given). */
  | 'not_reported'
  /** A cell it needs is "/" (does not apply). */
  | 'na'
  /** A cell it needs was left blank; blank is not read as 0. */
  | 'blank'
  /** The report's template has no such figure. */
  | 'not_in_template'
  /** A share whose denominator is 0. */
  | 'zero_denominator'

export type MetricValue =
  | { value: number; reason: null; numerator?: number; denominator?: number }
  | { value: null; reason: MetricReason; /** The cells (`table:row|column`) behind the reason. */ cells: string[] }

export const METRIC_REASONS: Readonly<Record<MetricReason, { zh: string; en: string }>> = {
  not_reported: { zh: '报告未提供所需数据', en: 'The report does not give a cell it needs' },
  na: { zh: '所需数据为“/”（不适用）', en: 'A cell it needs is "/" (does not apply)' },
  blank: { zh: '所需数据为空白，空白不计为0', en: 'A cell it needs is blank; blank is not read as 0' },
  not_in_template: { zh: '该年度报告格式无此项', en: "The report's template has no such figure" },
  zero_denominator: { zh: '分母为0，比率无法计算', en: 'The denominator is 0; the share cannot be computed' },
}

export const METRIC_MAPPINGS: Readonly<Record<MetricMapping, { zh: string; en: string }>> = {
  same: { zh: '两版格式相同，可比', en: 'The same in both templates; comparable' },
  merged: {
    zh: '2021年格式拆分为多行，合计与2019年一行可比',
    en: 'The 2021 template splits it into rows; their sum compares with the 2019 row',
  },
  renamed: { zh: '两版格式名称不同、含义相同，可比', en: 'Named differently in the two templates, with the same meaning; comparable' },
  different: { zh: '两版格式含义不同，不可比', en: 'The two templates mean different things; not comparable' },
  only_2019: { zh: '仅2019年格式有此项', en: 'Only in the 2019 template' },
  only_2021: { zh: '仅2021年格式有此项', en: 'Only in the 2021 template' },
}

// ---------------------------------------------------------------------------------------------
// The definitions

const GROUP_OF: Record<string, MetricBase['group']> = {
  applications_new: 'applications',
  applications_carried_in: 'applications',
  applications_handled: 'outcomes',
  applications_carried_out: 'applications',
  reviews: 'appeals',
  lawsuits: 'appeals',
  licensing_decisions: 'proactive',
  penalty_decisions: 'proactive',
  compulsion_decisions: 'proactive',
  normative_stock: 'proactive',
}

function fromKeyFigure(def: KeyFigureDef): SumMetricDef {
  const source = (t: TemplateId): CellSource | null => {
    const s = def.sources[t]
    return s ? { table: s.table, cells: s.ids(t) } : null
  }
  const sources = { '2019': source('2019'), '2021': source('2021') }
  const mapping = (): MetricMapping => {
    if (!def.sameMeaning) return 'different'
    const [s19, s21] = [sources['2019'], sources['2021']]
    if (!s19 || !s21) throw new Error(`key figure ${def.key} means the same in both templates but is missing from one`)
    return s19.cells.length !== s21.cells.length ? 'merged' : 'same'
  }
  return {
    id: def.key,
    zh: def.zh,
    en: def.en,
    unit: '件',
    group: GROUP_OF[def.key] ?? 'outcomes',
    kind: 'sum',
    sources,
    mapping: mapping(),
    ...(def.note ? { note: def.note } : {}),
  }
}

const both = (table: TableId, cells: string[]) => ({ '2019': { table, cells }, '2021': { table, cells } })
const t3new = (columns: string[]) =>
  both(
    '三',
    columns.map((c) => cellId('new', c)),
  )
const t4 = (...cols: string[]) =>
  both(
    '四',
    cols.map((c) => cellId('main', c)),
  )

// 行政规范性文件 made and issued: 2019 "本年新制作数量", 2021 "本年制发件数".
const issued = (row: 'rules' | 'normative') => ({
  '2019': { table: '二' as const, cells: [cellId(`art20_1.${row}`, 'made')] },
  '2021': { table: '二' as const, cells: [cellId(`art20_1.${row}`, 'issued')] },
})

const EXTRA_SUMS: SumMetricDef[] = [
  ...applicantColumns('2021').map((c): SumMetricDef => ({
    id: `applications_new_${c.key}`,
    zh: `本年新收申请：${c.label}`,
    en: `New applications: ${c.en}`,
    unit: '件',
    group: 'applications',
    kind: 'sum',
    sources: t3new([c.key]),
    mapping: 'same',
  })),
  {
    id: 'applications_new_organisations',
    zh: '本年新收申请：法人或其他组织',
    en: 'New applications: legal persons and other organisations',
    unit: '件',
    group: 'applications',
    kind: 'sum',
    sources: t3new(orgColumns('2021').map((c) => c.key)),
    mapping: 'same',
  },
  {
    id: 'reviews_corrected',
    zh: '行政复议结果纠正',
    en: 'Reconsiderations: corrected',
    unit: '件',
    group: 'appeals',
    kind: 'sum',
    sources: t4('rv_corrected'),
    mapping: 'same',
  },
  {
    id: 'reviews_concluded',
    zh: '行政复议已审结',
    en: 'Reconsiderations concluded',
    unit: '件',
    group: 'appeals',
    kind: 'sum',
    sources: t4('rv_upheld', 'rv_corrected', 'rv_other'),
    mapping: 'same',
    note: { zh: '结果维持 + 结果纠正 + 其他结果', en: 'upheld + corrected + other outcome' },
  },
  {
    id: 'lawsuits_corrected',
    zh: '行政诉讼结果纠正',
    en: 'Lawsuits: corrected',
    unit: '件',
    group: 'appeals',
    kind: 'sum',
    sources: t4('ld_corrected', 'lr_corrected'),
    mapping: 'same',
  },
  {
    id: 'lawsuits_concluded',
    zh: '行政诉讼已审结',
    en: 'Lawsuits concluded',
    unit: '件',
    group: 'appeals',
    kind: 'sum',
    sources: t4('ld_upheld', 'ld_corrected', 'ld_other', 'lr_upheld', 'lr_corrected', 'lr_other'),
    mapping: 'same',
    note: {
      zh: '未经复议直接起诉与复议后起诉的结果维持 + 结果纠正 + 其他结果',
      en: 'upheld + corrected + other outcome, direct and after reconsideration',
    },
  },
  {
    id: 'rules_issued',
    zh: '本年制发规章',
    en: 'Rules (规章) issued this year',
    unit: '件',
    group: 'proactive',
    kind: 'sum',
    sources: issued('rules'),
    mapping: 'renamed',
    note: { zh: '2019年为“本年新制作数量”，2021年为“本年制发件数”', en: '2019: newly made this year; 2021: issued this year' },
  },
  {
    id: 'normative_issued',
    zh: '本年制发规范性文件',
    en: 'Normative documents issued this year',
    unit: '件',
    group: 'proactive',
    kind: 'sum',
    sources: issued('normative'),
    mapping: 'renamed',
    note: { zh: '2019年为“本年新制作数量”，2021年为“本年制发件数”', en: '2019: newly made this year; 2021: issued this year' },
  },
  {
    id: 'normative_repealed',
    zh: '本年废止规范性文件',
    en: 'Normative documents repealed this year',
    unit: '件',
    group: 'proactive',
    kind: 'sum',
    sources: { '2019': null, '2021': { table: '二', cells: [cellId('art20_1.normative', 'repealed')] } },
    mapping: 'only_2021',
  },
  {
    id: 'fee_amount',
    zh: '行政事业性收费金额',
    en: 'Administrative fees collected',
    unit: '万元',
    group: 'proactive',
    kind: 'sum',
    sources: { '2019': null, '2021': { table: '二', cells: [cellId('art20_8.fees', 'fee_amount')] } },
    mapping: 'only_2021',
    note: { zh: '2019年格式只报收费项目数，不报金额', en: 'The 2019 template reports the number of fee items, not money' },
  },
  {
    id: 'fee_items',
    zh: '行政事业性收费项目数',
    en: 'Administrative fee items',
    unit: '项',
    group: 'proactive',
    kind: 'sum',
    sources: { '2019': { table: '二', cells: [cellId('art20_8.fees', 'prev_items')] }, '2021': null },
    mapping: 'only_2019',
    note: { zh: '上一年项目数量；2021年格式改报收费金额', en: 'Items at the end of last year; the 2021 template reports money instead' },
  },
]

const RATIOS: RatioMetricDef[] = [
  {
    id: 'disclosure_rate',
    zh: '予以公开率',
    en: 'Share granted in full or in part',
    unit: '%',
    group: 'outcomes',
    kind: 'ratio',
    numerator: ['disclosed', 'partial'],
    denominator: ['applications_handled'],
    mapping: 'same',
    note: { zh: '（予以公开 + 部分公开）÷ 办理结果总计', en: '(disclosed + partly disclosed) ÷ total outcomes' },
  },
  {
    id: 'review_correction_rate',
    zh: '行政复议纠错率',
    en: 'Reconsiderations: share corrected',
    unit: '%',
    group: 'appeals',
    kind: 'ratio',
    numerator: ['reviews_corrected'],
    denominator: ['reviews_concluded'],
    mapping: 'same',
    note: { zh: '结果纠正 ÷ 已审结（维持 + 纠正 + 其他结果）', en: 'corrected ÷ concluded (upheld + corrected + other)' },
  },
  {
    id: 'lawsuit_correction_rate',
    zh: '行政诉讼纠错率',
    en: 'Lawsuits: share corrected',
    unit: '%',
    group: 'appeals',
    kind: 'ratio',
    numerator: ['lawsuits_corrected'],
    denominator: ['lawsuits_concluded'],
    mapping: 'same',
    note: { zh: '结果纠正 ÷ 已审结（维持 + 纠正 + 其他结果）', en: 'corrected ÷ concluded (upheld + corrected + other)' },
  },
]

// Fees (KEY_FIGURES `fees`) change unit between the templates (items, then 万元); the catalogue
// keeps them apart as `fee_items` and `fee_amount`, so one metric always has one unit.
export const METRICS: readonly MetricDef[] = [...KEY_FIGURES.filter((k) => k.key !== 'fees').map(fromKeyFigure), ...EXTRA_SUMS, ...RATIOS]

const BY_ID = new Map(METRICS.map((m) => [m.id, m]))
export const METRIC_IDS: readonly string[] = METRICS.map((m) => m.id)

export function metricDef(id: string): MetricDef | undefined {
  return BY_ID.get(id)
}

// ---------------------------------------------------------------------------------------------
// Computing

const REASON_ORDER: Record<Exclude<CellState, 'value'>, MetricReason> = { not_reported: 'not_reported', na: 'na', blank: 'blank' }
const PRIORITY: MetricReason[] = ['not_reported', 'na', 'blank']

function sumSource(doc: Pick<ReportDocument, 'tables'>, source: CellSource): MetricValue {
  let total = 0
  const missing: Partial<Record<MetricReason, string[]>> = {}
  for (const id of source.cells) {
    const cell = getCell(doc, source.table, id)
    if (cell.state === 'value') total += cell.value
    else (missing[REASON_ORDER[cell.state]] ??= []).push(`${source.table}:${id}`)
  }
  for (const reason of PRIORITY) {
    const cells = missing[reason]
    if (cells) return { value: null, reason, cells }
  }
  return { value: roundSum(total), reason: null }
}

function computeOne(doc: Pick<ReportDocument, 'template' | 'tables'>, def: MetricDef, seen: Map<string, MetricValue>): MetricValue {
  const hit = seen.get(def.id)
  if (hit) return hit
  let result: MetricValue
  if (def.kind === 'sum') {
    const source = def.sources[doc.template]
    result = source ? sumSource(doc, source) : { value: null, reason: 'not_in_template', cells: [] }
  } else {
    const part = (ids: readonly string[]): MetricValue => {
      let total = 0
      for (const id of ids) {
        const partDef = BY_ID.get(id)
        if (!partDef) throw new Error(`metric ${def.id} is made of ${id}, which is no metric`)
        const v = computeOne(doc, partDef, seen)
        if (v.value === null) return v
        total += v.value
      }
      return { value: roundSum(total), reason: null }
    }
    const num = part(def.numerator)
    const den = part(def.denominator)
    if (num.value === null) result = num
    else if (den.value === null) result = den
    else if (den.value === 0) result = { value: null, reason: 'zero_denominator', cells: [] }
    else
      result = { value: Math.round((num.value / den.value) * 100 * 1e4) / 1e4, reason: null, numerator: num.value, denominator: den.value }
  }
  seen.set(def.id, result)
  return result
}

/** One metric of one report. */
export function computeMetric(doc: Pick<ReportDocument, 'template' | 'tables'>, id: string): MetricValue {
  const def = BY_ID.get(id)
  if (!def) throw new Error(`unknown metric ${id}`)
  return computeOne(doc, def, new Map())
}

/** Every metric of the catalogue for one report, by id. */
export function computeMetrics(doc: Pick<ReportDocument, 'template' | 'tables'>): Record<string, MetricValue> {
  const seen = new Map<string, MetricValue>()
  return Object.fromEntries(METRICS.map((m) => [m.id, computeOne(doc, m, seen)]))
}

/** Whether values of a metric from reports of these two templates may be compared. */
export function metricComparable(def: MetricDef, a: TemplateId, b: TemplateId): boolean {
  return a === b || def.mapping === 'same' || def.mapping === 'merged' || def.mapping === 'renamed'
}

// ---------------------------------------------------------------------------------------------
// The catalogue as published (GET /api/metrics): definitions in cells, with their labels.

export interface CatalogueCell {
  table: TableId
  id: string
  row: string
  column: string
}

export interface CatalogueEntry {
  id: string
  zh: string
  en: string
  unit: MetricUnit
  group: MetricBase['group']
  kind: MetricDef['kind']
  mapping: MetricMapping
  mappingText: { zh: string; en: string }
  note: { zh: string; en: string } | null
  /** For sums: per template, the cells added up (null: the template has no such figure). */
  cells: Record<TemplateId, CatalogueCell[] | null> | null
  /** For shares: the metrics added up above and below the line. */
  ratio: { numerator: string[]; denominator: string[] } | null
}

function labelled(template: TemplateId, source: CellSource | null): CatalogueCell[] | null {
  if (!source) return null
  return source.cells.map((id) => {
    const d = cellDef(template, source.table, id)
    if (!d) throw new Error(`metric cell ${source.table}:${id} is not in the ${template} template`)
    return { table: source.table, id, row: d.rowPath.join(' / ') || d.section.title || '', column: d.columnPath.join(' / ') }
  })
}

export function metricCatalogue(): CatalogueEntry[] {
  return METRICS.map((m) => ({
    id: m.id,
    zh: m.zh,
    en: m.en,
    unit: m.unit,
    group: m.group,
    kind: m.kind,
    mapping: m.mapping,
    mappingText: METRIC_MAPPINGS[m.mapping],
    note: m.note ?? null,
    cells: m.kind === 'sum' ? { '2019': labelled('2019', m.sources['2019']), '2021': labelled('2021', m.sources['2021']) } : null,
    ratio: m.kind === 'ratio' ? { numerator: [...m.numerator], denominator: [...m.denominator] } : null,
  }))
}
