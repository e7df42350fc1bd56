import {
  KEY_FIGURES,
  TEMPLATES,
  T3_GROUPS,
  T4_AFTER_REVIEW,
  T4_DIRECT,
  T4_REVIEW,
  cellId,
  compareYears,
  getCell,
  keyFigureValue,
  numericValue,
  outcomeRows,
  applicantColumns,
  tableGiven,
  type Cell,
  type Finding,
  type KeyMetric,
  type ReportDocument,
  type TableId,
  type ValidationResult,
  type YearOverYear,
} from '@gongkai/schema'

// Everything the 图解 shows, computed from the report document alone. The Vue view, the
// standalone SVG and the plain-language summary all read this model, so they cannot disagree
// with each other or with the tables.

export interface Bilingual {
  zh: string
  en: string
}

export interface Figure {
  label: string
  value: number | null
  state?: Cell['state']
}

/** A chart datum from a cell: its number for drawing, its state for saying what it is. */
function fromCell(label: string, cell: Cell): Figure {
  return { label, value: numericValue(cell), state: cell.state }
}

export interface KnownFigure {
  label: string
  value: number
}

export interface Headline {
  key: string
  label: Bilingual
  value: number | null
  unit: string
  previous: number | null
}

export interface OutcomeGroup {
  label: Bilingual
  items: Figure[]
}

export interface Panel {
  title: string
  column: string
  unit: string
  data: Figure[]
}

export type Section = 'headline' | 'applicants' | 'outcomes' | 'balance' | 'reviews' | 'table2' | 'channels'

export interface InfographicModel {
  headline: Headline[]
  applicants: Figure[] | null
  outcomes: OutcomeGroup[] | null
  /** Only when all four numbers are known: a balance of unknowns is not drawn. */
  balance: { inflow: [KnownFigure, KnownFigure]; outflow: [KnownFigure, KnownFigure] } | null
  reviews: Array<{ label: string; parts: Figure[] }> | null
  table2: Panel[] | null
  channels: Figure[] | null
  missing: TableId[]
  /** Errors found by the validator, by the section whose figures they affect. */
  problems: Partial<Record<Section, Finding[]>>
}

const SECTION_OF_TABLE: Record<TableId, Section[]> = { 二: ['table2'], 三: ['applicants', 'outcomes', 'balance', 'headline'], 四: ['reviews', 'headline'] }

const HEADLINE_LABELS: Record<string, Bilingual> = {
  proactive: { zh: '主动公开信息', en: 'Information published proactively' },
  applications_new: { zh: '新收申请', en: 'New applications' },
  applications_handled: { zh: '办理完毕', en: 'Applications handled' },
  applications_carried_out: { zh: '结转下年度', en: 'Carried over to next year' },
  reviews: { zh: '行政复议', en: 'Administrative reconsiderations' },
  lawsuits: { zh: '行政诉讼', en: 'Lawsuits' },
}

function keyFigure(doc: ReportDocument, metric: KeyMetric): number | null {
  return doc.keyFigures.find((f) => f.metric === metric)?.value ?? null
}

const t3 = (doc: ReportDocument, row: string, col: string) => numericValue(getCell(doc, '三', cellId(row, col)))
const t3fig = (doc: ReportDocument, label: string, row: string, col: string) => fromCell(label, getCell(doc, '三', cellId(row, col)))

export interface ModelOptions {
  /** Last year's report, or its comparison rows as the API sends them. */
  previous?: ReportDocument
  yearOverYear?: readonly YearOverYear[]
  validation?: ValidationResult
}

export function infographicModel(doc: ReportDocument, opts: ModelOptions = {}): InfographicModel {
  const t = doc.template
  const has3 = tableGiven(doc, '三')
  const has4 = tableGiven(doc, '四')
  const has2 = tableGiven(doc, '二')
  const yoy = opts.yearOverYear ?? (opts.previous ? compareYears(opts.previous, doc) : [])
  const previousOf = (key: string) => {
    const row = yoy.find((r) => r.key === key)
    return row && row.comparable ? row.previous : null
  }

  const headline: Headline[] = []
  const proactive = keyFigure(doc, 'proactive_total')
  if (proactive !== null) {
    headline.push({
      key: 'proactive',
      label: HEADLINE_LABELS.proactive!,
      value: proactive,
      unit: '条',
      previous: previousOf('proactive'),
    })
  }
  for (const key of ['applications_new', 'applications_handled', 'applications_carried_out', 'reviews', 'lawsuits']) {
    const def = KEY_FIGURES.find((k) => k.key === key)!
    const table = def.sources[t]!.table
    if (!tableGiven(doc, table)) continue
    headline.push({ key, label: HEADLINE_LABELS[key]!, value: keyFigureValue(doc, def), unit: '件', previous: previousOf(key) })
  }

  const applicants = has3 ? applicantColumns(t).map((c) => t3fig(doc, c.label, 'new', c.key)) : null

  let outcomes: OutcomeGroup[] | null = null
  if (has3) {
    const rows = outcomeRows(t)
    const item = (key: string, label: string) => t3fig(doc, label, key, 'total')
    const group = (g: string, zh: string, en: string): OutcomeGroup => ({
      label: { zh, en },
      items: rows.filter((r) => r.groups.includes(g)).map((r) => item(r.key, r.label.replace(/^\d+\./, ''))),
    })
    outcomes = [
      { label: { zh: '予以公开与部分公开', en: 'Disclosed in full or in part' }, items: [item('disclosed', '予以公开'), item('partial', '部分公开')] },
      group(T3_GROUPS.withheld, '不予公开', 'Not disclosed'),
      group(T3_GROUPS.unable, '无法提供', 'Cannot be provided'),
      group(T3_GROUPS.notProcessed, '不予处理', 'Not processed'),
      t === '2019'
        ? { label: { zh: '其他处理', en: 'Other handling' }, items: [item('other', '其他处理')] }
        : group(T3_GROUPS.other, '其他处理', 'Other handling'),
    ]
  }

  let balance: InfographicModel['balance'] = null
  if (has3) {
    const v = (row: string) => t3(doc, row, 'total')
    const [n, c, h, o] = [v('new'), v('carried_in'), v('total'), v('carried_out')]
    if (n !== null && c !== null && h !== null && o !== null) {
      balance = {
        inflow: [
          { label: '本年新收', value: n },
          { label: '上年结转', value: c },
        ],
        outflow: [
          { label: '本年办结', value: h },
          { label: '结转下年', value: o },
        ],
      }
    }
  }

  const reviews = has4
    ? [
        { prefix: 'rv', label: T4_REVIEW },
        { prefix: 'ld', label: T4_DIRECT },
        { prefix: 'lr', label: T4_AFTER_REVIEW },
      ].map((r) => ({
        label: r.label,
        parts: ['upheld', 'corrected', 'other', 'pending'].map((k, i) =>
          fromCell(['结果维持', '结果纠正', '其他结果', '尚未审结'][i]!, getCell(doc, '四', cellId('main', `${r.prefix}_${k}`))),
        ),
      }))
    : null

  let table2: Panel[] | null = null
  if (has2) {
    table2 = []
    for (const section of TEMPLATES[t].tables['二'].sections) {
      for (const col of section.columns) {
        // A signed change (本年增/减) is not a quantity to draw as bars; it stays in the table.
        if (col.domain === 'signed') continue
        const data = section.rows.map((r) => fromCell(r.label, getCell(doc, '二', cellId(r.key, col.key))))
        if (data.every((d) => d.state === 'not_reported')) continue
        table2.push({ title: `${section.title}：${col.label}`, column: col.label, unit: col.unit ?? '', data })
      }
    }
  }

  const channelMetrics: Array<[KeyMetric, string]> = [
    ['channel_website', '政府网站'],
    ['channel_weibo', '政务微博'],
    ['channel_wechat', '政务微信'],
  ]
  const channelValues = channelMetrics.map(([m, label]) => ({ label, value: keyFigure(doc, m) }))
  const channels = channelValues.some((c) => c.value !== null) ? channelValues : null

  const problems: InfographicModel['problems'] = {}
  for (const f of opts.validation?.findings ?? []) {
    if (f.severity !== 'error') continue
    const tables = new Set(f.cells.map((c) => c.table))
    for (const table of tables) {
      for (const s of SECTION_OF_TABLE[table]) (problems[s] ??= []).push(f)
    }
  }

  return {
    headline,
    applicants,
    outcomes,
    balance,
    reviews,
    table2,
    channels,
    missing: (['二', '三', '四'] as const).filter((x) => !tableGiven(doc, x)),
    problems,
  }
}

/** Sum of known values, or null when none is known. */
export function total(items: readonly Figure[]): number | null {
  const known = items.filter((i) => i.value !== null)
  return known.length ? known.reduce((s, i) => s + (i.value ?? 0), 0) : null
}
