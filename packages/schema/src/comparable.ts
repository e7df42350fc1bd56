import { rowsInGroup, sumCells, T3_GROUPS } from './derived.ts'
import type { ReportDocument } from './document.ts'
import { cellId, type TableId, type TemplateId } from './templates.ts'

// Year-over-year figures and whether they can be compared across the 2019 → 2021 change
// (docs/REPORT-FORMAT.md §6). A figure is defined per template as a sum of cells; it is comparable
// when both templates define it with the same meaning.

type Source = { table: TableId; ids: (t: TemplateId) => string[] } | null

export interface KeyFigureDef {
  key: string
  zh: string
  en: string
  /** The shorter name the 图解's headline figures use, when it differs. */
  short?: { zh: string; en: string }
  unit: string
  /** When the unit depends on the template (收费: items in 2019, 万元 in 2021). */
  units?: Record<TemplateId, string>
  sources: Record<TemplateId, Source>
  /** False when the two templates use one label for different quantities. */
  sameMeaning: boolean
  note?: { zh: string; en: string }
}

const t3 = (row: string) => ({ table: '三' as const, ids: () => [cellId(row, 'total')] })
const t3group = (group: string) => ({
  table: '三' as const,
  ids: (t: TemplateId) => rowsInGroup(t, group).map((r) => cellId(r.key, 'total')),
})
const t4 = (...cols: string[]) => ({ table: '四' as const, ids: () => cols.map((c) => cellId('main', c)) })
const t2 = (row: string, col: string) => ({ table: '二' as const, ids: () => [cellId(row, col)] })
const both = (s: Source) => ({ '2019': s, '2021': s })

export const KEY_FIGURES: readonly KeyFigureDef[] = [
  {
    key: 'applications_new',
    zh: '本年新收申请',
    en: 'New applications',
    short: { zh: '新收申请', en: 'New applications' },
    unit: '件',
    sources: both(t3('new')),
    sameMeaning: true,
  },
  {
    key: 'applications_carried_in',
    zh: '上年结转申请',
    en: 'Carried over from last year',
    unit: '件',
    sources: both(t3('carried_in')),
    sameMeaning: true,
  },
  {
    key: 'applications_handled',
    zh: '本年办理总计',
    en: 'Applications handled',
    short: { zh: '办理完毕', en: 'Applications handled' },
    unit: '件',
    sources: both(t3('total')),
    sameMeaning: true,
  },
  {
    key: 'applications_carried_out',
    zh: '结转下年度继续办理',
    en: 'Carried over to next year',
    short: { zh: '结转下年度', en: 'Carried over to next year' },
    unit: '件',
    sources: both(t3('carried_out')),
    sameMeaning: true,
  },
  { key: 'disclosed', zh: '予以公开', en: 'Disclosed', unit: '件', sources: both(t3('disclosed')), sameMeaning: true },
  { key: 'partial', zh: '部分公开', en: 'Partly disclosed', unit: '件', sources: both(t3('partial')), sameMeaning: true },
  { key: 'withheld', zh: '不予公开', en: 'Not disclosed', unit: '件', sources: both(t3group(T3_GROUPS.withheld)), sameMeaning: true },
  { key: 'unable', zh: '无法提供', en: 'Cannot be provided', unit: '件', sources: both(t3group(T3_GROUPS.unable)), sameMeaning: true },
  {
    key: 'not_processed',
    zh: '不予处理',
    en: 'Not processed',
    unit: '件',
    sources: both(t3group(T3_GROUPS.notProcessed)),
    sameMeaning: true,
  },
  {
    key: 'other_handling',
    zh: '其他处理',
    en: 'Other handling',
    unit: '件',
    sources: {
      '2019': t3('other'),
      '2021': { table: '三', ids: (t) => rowsInGroup(t, T3_GROUPS.other).map((r) => cellId(r.key, 'total')) },
    },
    sameMeaning: true,
    note: {
      zh: '2021年格式将“其他处理”分为三项，其合计与2019年格式的一项可比',
      en: 'The 2021 format splits it into three rows; their sum compares with the single 2019 row',
    },
  },
  { key: 'reviews', zh: '行政复议', en: 'Administrative reconsiderations', unit: '件', sources: both(t4('rv_total')), sameMeaning: true },
  {
    key: 'lawsuits',
    zh: '行政诉讼',
    en: 'Lawsuits (direct + after review)',
    short: { zh: '行政诉讼', en: 'Lawsuits' },
    unit: '件',
    sources: both(t4('ld_total', 'lr_total')),
    sameMeaning: true,
  },
  {
    key: 'licensing_decisions',
    zh: '行政许可处理决定',
    en: 'Licensing decisions',
    unit: '件',
    sources: both(t2('art20_5.licensing', 'decisions')),
    sameMeaning: true,
  },
  {
    key: 'penalty_decisions',
    zh: '行政处罚处理决定',
    en: 'Penalty decisions',
    unit: '件',
    sources: both(t2('art20_6.penalty', 'decisions')),
    sameMeaning: true,
  },
  {
    key: 'compulsion_decisions',
    zh: '行政强制处理决定',
    en: 'Compulsory-measure decisions',
    unit: '件',
    sources: both(t2('art20_6.compulsion', 'decisions')),
    sameMeaning: true,
  },
  {
    key: 'normative_stock',
    zh: '规范性文件存量',
    en: 'Normative documents (stock)',
    unit: '件',
    sources: { '2019': t2('art20_1.normative', 'total'), '2021': t2('art20_1.normative', 'in_force') },
    sameMeaning: false,
    note: {
      zh: '2019年为“对外公开总数量”（累计公开），2021年为“现行有效件数”，含义不同',
      en: '2019 counts documents ever disclosed; 2021 counts documents in force',
    },
  },
  {
    key: 'fees',
    zh: '行政事业性收费',
    en: 'Administrative fees',
    unit: '',
    units: { '2019': '项', '2021': '万元' },
    sources: { '2019': t2('art20_8.fees', 'prev_items'), '2021': t2('art20_8.fees', 'fee_amount') },
    sameMeaning: false,
    note: {
      zh: '2019年为收费项目数，2021年为收费金额（万元），不可比',
      en: '2019 counts fee items; 2021 reports money (10,000 CNY): not comparable',
    },
  },
]

export function keyFigureValue(doc: ReportDocument, def: KeyFigureDef): number | null {
  const source = def.sources[doc.template]
  if (!source) return null
  return sumCells(doc, source.table, source.ids(doc.template))
}

export interface YearOverYear {
  key: string
  zh: string
  en: string
  unit: string
  previous: number | null
  current: number | null
  /** current − previous, only when both are known and comparable. */
  delta: number | null
  comparable: boolean
  note?: { zh: string; en: string }
}

export function compareYears(previous: ReportDocument, current: ReportDocument): YearOverYear[] {
  // Proactive disclosure is reported only in the prose; the key figure is compared as quoted.
  const quoted = (d: ReportDocument) => d.keyFigures.find((f) => f.metric === 'proactive_total')?.value ?? null
  const [pa, pb] = [quoted(previous), quoted(current)]
  const proactive: YearOverYear = {
    key: 'proactive',
    zh: '主动公开信息（正文所述）',
    en: 'Information published proactively (as stated in the text)',
    unit: '条',
    previous: pa,
    current: pb,
    delta: pa !== null && pb !== null ? pb - pa : null,
    comparable: true,
  }
  return [
    proactive,
    ...KEY_FIGURES.map((def) => {
      const a = keyFigureValue(previous, def)
      const b = keyFigureValue(current, def)
      const comparable = def.sameMeaning || previous.template === current.template
      return {
        key: def.key,
        zh: def.zh,
        en: def.en,
        unit: def.unit,
        previous: a,
        current: b,
        delta: comparable && a !== null && b !== null ? Math.round((b - a) * 1e6) / 1e6 : null,
        comparable,
        ...(def.note && previous.template !== current.template ? { note: def.note } : {}),
      }
    }),
  ]
}
