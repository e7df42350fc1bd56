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
  columnName,
  groupName,
  rowName,
  shortName,
  tableGiven,
  unitName,
  type Cell,
  type Finding,
  type KeyMetric,
  type RowDef,
  type ReportDocument,
  type TableId,
  type ValidationResult,
  type YearOverYear,
} from '@gongkai/schema'

// Everything the 图解 shows, computed from the report document alone. The Vue view, the
// standalone SVG and the plain-language summary all read this model, so they cannot disagree
// with each other or with the tables.

import type { Datum } from '@gongkai/charts/layout'
import type { Locale } from './messages.ts'
import type { Bilingual } from './titles.ts'

export type { Bilingual } from './titles.ts'

export interface Figure {
  /** The row or column key it comes from, or the metric. */
  key: string
  /** The name a chart draws: short when the template's label is long. */
  label: Bilingual
  /** The template's label in full, for the data table and screen readers. */
  full: Bilingual
  value: number | null
  state?: Cell['state']
}

const same = (zh: string, en: string): Bilingual => ({ zh, en })

/** A chart datum from a cell: its number for drawing, its state for saying what it is. */
function fromCell(key: string, label: Bilingual, full: Bilingual, cell: Cell): Figure {
  return { key, label, full, value: numericValue(cell), state: cell.state }
}

/** A figure as the charts take it, in one language. */
export function datum(f: Figure, locale: Locale): Datum {
  const en = locale === 'en'
  const label = en ? f.label.en : f.label.zh
  const full = en ? f.full.en : f.full.zh
  return { label, ...(full !== label ? { fullLabel: full } : {}), value: f.value, ...(f.state ? { state: f.state } : {}) }
}

const rowLabels = (r: RowDef) => ({ label: same(shortName(r, 'zh-CN'), shortName(r, 'en')), full: same(r.label, rowName(r, 'en')) })

export interface KnownFigure {
  label: Bilingual
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
  title: Bilingual
  /** The template column it draws (its Chinese label). */
  column: string
  unit: Bilingual
  data: Figure[]
}

export type Section = 'headline' | 'applicants' | 'outcomes' | 'balance' | 'reviews' | 'table2' | 'channels'

export interface InfographicModel {
  headline: Headline[]
  applicants: Figure[] | null
  outcomes: OutcomeGroup[] | null
  /** Only when all four numbers are known: a balance of unknowns is not drawn. */
  balance: { inflow: [KnownFigure, KnownFigure]; outflow: [KnownFigure, KnownFigure] } | null
  reviews: Array<{ label: Bilingual; parts: Figure[] }> | null
  table2: Panel[] | null
  channels: Figure[] | null
  missing: TableId[]
  /** Errors found by the validator, by the section whose figures they affect. */
  problems: Partial<Record<Section, Finding[]>>
}

const SECTION_OF_TABLE: Record<TableId, Section[]> = {
  二: ['table2'],
  三: ['applicants', 'outcomes', 'balance', 'headline'],
  四: ['reviews', 'headline'],
}

const PROACTIVE_LABEL: Bilingual = { zh: '主动公开信息', en: 'Information published proactively' }
/** A key figure's name in the headline: its short name, else its name (spelled once, in the schema). */
const headlineLabel = (def: (typeof KEY_FIGURES)[number]): Bilingual => def.short ?? { zh: def.zh, en: def.en }

function keyFigure(doc: ReportDocument, metric: KeyMetric): number | null {
  return doc.keyFigures.find((f) => f.metric === metric)?.value ?? null
}

const t3 = (doc: ReportDocument, row: string, col: string) => numericValue(getCell(doc, '三', cellId(row, col)))

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
      label: PROACTIVE_LABEL,
      value: proactive,
      unit: '条',
      previous: previousOf('proactive'),
    })
  }
  for (const key of ['applications_new', 'applications_handled', 'applications_carried_out', 'reviews', 'lawsuits']) {
    const def = KEY_FIGURES.find((k) => k.key === key)
    if (!def) throw new Error(`infographicModel: no key figure named ${key} in KEY_FIGURES`)
    // Shown when its table was given (a figure the template does not have is not a headline).
    const source = def.sources[t]
    if (!source || !tableGiven(doc, source.table)) continue
    headline.push({ key, label: headlineLabel(def), value: keyFigureValue(doc, def), unit: '件', previous: previousOf(key) })
  }

  const applicants = has3
    ? applicantColumns(t).map((c) => {
        const name = same(c.label, columnName(c, 'en'))
        return fromCell(c.key, name, name, getCell(doc, '三', cellId('new', c.key)))
      })
    : null

  let outcomes: OutcomeGroup[] | null = null
  if (has3) {
    const rows = outcomeRows(t)
    const item = (r: RowDef) => {
      const { label, full } = rowLabels(r)
      return fromCell(r.key, label, full, getCell(doc, '三', cellId(r.key, 'total')))
    }
    const byKey = (key: string) => {
      const row = rows.find((r) => r.key === key)
      if (!row) throw new Error(`infographicModel: table 三 of template ${t} has no outcome row ${key}`)
      return item(row)
    }
    const group = (g: string, zh: string, en: string): OutcomeGroup => ({
      label: { zh, en },
      items: rows.filter((r) => r.groups.includes(g)).map(item),
    })
    outcomes = [
      { label: { zh: '予以公开与部分公开', en: 'Disclosed in full or in part' }, items: [byKey('disclosed'), byKey('partial')] },
      group(T3_GROUPS.withheld, '不予公开', 'Not disclosed'),
      group(T3_GROUPS.unable, '无法提供', 'Cannot be provided'),
      group(T3_GROUPS.notProcessed, '不予处理', 'Not processed'),
      t === '2019'
        ? { label: { zh: '其他处理', en: 'Other handling' }, items: [byKey('other')] }
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
          { label: same('本年新收', 'New'), value: n },
          { label: same('上年结转', 'Carried over'), value: c },
        ],
        outflow: [
          { label: same('本年办结', 'Handled'), value: h },
          { label: same('结转下年', 'Carried forward'), value: o },
        ],
      }
    }
  }

  const outcomesOf4 = [
    { key: 'upheld', label: same('结果维持', 'Upheld') },
    { key: 'corrected', label: same('结果纠正', 'Corrected') },
    { key: 'other', label: same('其他结果', 'Other outcome') },
    { key: 'pending', label: same('尚未审结', 'Not yet concluded') },
  ]
  const reviews = has4
    ? [
        { prefix: 'rv', label: same(T4_REVIEW, 'Reconsideration') },
        { prefix: 'ld', label: same(T4_DIRECT, 'Lawsuits filed directly') },
        { prefix: 'lr', label: same(T4_AFTER_REVIEW, 'Lawsuits after reconsideration') },
      ].map((r) => ({
        label: r.label,
        parts: outcomesOf4.map((o) =>
          fromCell(`${r.prefix}_${o.key}`, o.label, o.label, getCell(doc, '四', cellId('main', `${r.prefix}_${o.key}`))),
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
        const data = section.rows.map((r) => {
          const { label, full } = rowLabels(r)
          return fromCell(r.key, label, full, getCell(doc, '二', cellId(r.key, col.key)))
        })
        if (data.every((d) => d.state === 'not_reported')) continue
        const title = section.title ?? ''
        table2.push({
          title: { zh: `${title}：${shortName(col, 'zh-CN')}`, en: `${groupName(title, 'en')} — ${shortName(col, 'en')}` },
          column: col.label,
          unit: same(col.unit ?? '', unitName(col.unit, 'en')),
          data,
        })
      }
    }
  }

  const channelMetrics: Array<[KeyMetric, Bilingual]> = [
    ['channel_website', same('政府网站', 'Government website')],
    ['channel_weibo', same('政务微博', 'Government Weibo')],
    ['channel_wechat', same('政务微信', 'Government WeChat')],
  ]
  const channelValues = channelMetrics.map(([m, label]): Figure => ({ key: m, label, full: label, value: keyFigure(doc, m) }))
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
