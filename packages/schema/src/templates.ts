// The two statutory templates as data (docs/REPORT-FORMAT.md §4–§5). Every renderer, form, export,
// importer and validator reads these definitions; no other file lists the labels.

export type TemplateId = '2019' | '2021'
export type TableId = '二' | '三' | '四'
export const TABLE_IDS: readonly TableId[] = ['二', '三', '四']

/** What a cell may hold (docs/REPORT-FORMAT.md §8.1 DOM). */
export type Domain = 'count' | 'signed' | 'decimal'

export interface ColumnDef {
  key: string
  label: string
  /** Group headers above the column, outermost first (they have no cell of their own). */
  groups: readonly string[]
  aliases: readonly string[]
  domain: Domain
  /** The unit the template states, or null when it states none. */
  unit: string | null
  en: string
  /** A name short enough for a chart, when the label is not. */
  short?: Bilingual
}

export interface RowDef {
  /** Unique within its table. Rows of table 二 carry their block's key as a prefix. */
  key: string
  label: string
  groups: readonly string[]
  aliases: readonly string[]
  en: string
  /** A name short enough for a chart, when the label is not (the full label stays in tables). */
  short?: Bilingual
}

export interface Bilingual {
  zh: string
  en: string
}

/** A block of table 二, or the single body of tables 三 and 四. */
export interface SectionDef {
  key: string
  /** Block title (table 二 only). */
  title: string | null
  /** The block title in English (table 二 only). */
  titleEn: string | null
  titleAliases: readonly string[]
  rows: readonly RowDef[]
  columns: readonly ColumnDef[]
}

export interface TableDef {
  id: TableId
  sections: readonly SectionDef[]
  /** A label printed in the header corner that is not data (table 三's balance rule). */
  corner: string | null
  cornerEn: string | null
}

export interface TemplateDef {
  id: TemplateId
  name: string
  notice: string
  tables: Readonly<Record<TableId, TableDef>>
}

// ---------------------------------------------------------------------------------------------
// Builders keep the literal data below short without hiding any label.

function col(
  key: string,
  label: string,
  en: string,
  opts: { groups?: string[]; aliases?: string[]; domain?: Domain; unit?: string | null; short?: Bilingual } = {},
): ColumnDef {
  return {
    key,
    label,
    en,
    groups: opts.groups ?? [],
    aliases: opts.aliases ?? [],
    domain: opts.domain ?? 'count',
    unit: opts.unit === undefined ? '件' : opts.unit,
    ...(opts.short ? { short: opts.short } : {}),
  }
}

function row(key: string, label: string, en: string, opts: { groups?: string[]; aliases?: string[]; short?: Bilingual } = {}): RowDef {
  return { key, label, en, groups: opts.groups ?? [], aliases: opts.aliases ?? [], ...(opts.short ? { short: opts.short } : {}) }
}

function block(
  key: string,
  title: string,
  rows: Array<[key: string, label: string, en: string, aliases?: string[]]>,
  columns: ColumnDef[],
  titleAliases: string[] = [],
): SectionDef {
  return {
    key,
    title,
    titleEn: GROUP_EN[title] ?? null,
    titleAliases,
    columns,
    rows: rows.map(([k, label, en, aliases]) => row(`${key}.${k}`, label, en, { groups: [title], aliases: aliases ?? [] })),
  }
}

// ---------------------------------------------------------------------------------------------
// Table 二

const ART20_1 = '第二十条第（一）项'
const ART20_5 = '第二十条第（五）项'
const ART20_6 = '第二十条第（六）项'
const ART20_8 = '第二十条第（八）项'
const ART20_9 = '第二十条第（九）项'

export const T3_APPLICANTS = '申请人情况'
export const T3_ORGS = '法人或其他组织'
export const T3_OUTCOMES = '三、本年度办理结果'
export const T3_WITHHELD = '（三）不予公开'
export const T3_UNABLE = '（四）无法提供'
export const T3_NOT_PROCESSED = '（五）不予处理'
export const T3_OTHER = '（六）其他处理'

export const T4_REVIEW = '行政复议'
export const T4_LITIGATION = '行政诉讼'
export const T4_DIRECT = '未经复议直接起诉'
export const T4_AFTER_REVIEW = '复议后起诉'

/**
 * The English name of every group header and block title, beside the Chinese. Row and column
 * labels carry theirs in `en`; `templates.test.ts` checks that no label of either template lacks one.
 */
export const GROUP_EN: Readonly<Record<string, string>> = {
  [ART20_1]: 'Article 20 (1): rules and normative documents',
  [ART20_5]: 'Article 20 (5): administrative licensing and other services',
  [ART20_6]: 'Article 20 (6): penalties and compulsory measures',
  [ART20_8]: 'Article 20 (8): administrative and institutional fees',
  [ART20_9]: 'Article 20 (9): government centralised procurement',
  [T3_APPLICANTS]: 'Applicants',
  [T3_ORGS]: 'Legal persons and other organisations',
  [T3_OUTCOMES]: 'III. Outcomes this year',
  [T3_WITHHELD]: '(3) Not disclosed',
  [T3_UNABLE]: '(4) Cannot be provided',
  [T3_NOT_PROCESSED]: '(5) Not processed',
  [T3_OTHER]: '(6) Other handling',
  [T4_REVIEW]: 'Administrative reconsideration',
  [T4_LITIGATION]: 'Administrative litigation',
  [T4_DIRECT]: 'Filed without reconsideration',
  [T4_AFTER_REVIEW]: 'Filed after reconsideration',
}

const prevItems = col('prev_items', '上一年项目数量', 'items at the end of last year', { unit: '项' })
const change = col('change', '本年增/减', 'change this year', {
  domain: 'signed',
  unit: '项',
  aliases: ['本年增减', '本年增/减(指2020年增加或减少的事项数,减用负值表示,如-8)'],
})
const decisions2019 = col('decisions', '处理决定数量', 'decisions issued')

const TABLE2_2019: TableDef = {
  id: '二',
  corner: null,
  cornerEn: null,
  sections: [
    block(
      'art20_1',
      ART20_1,
      [
        ['rules', '规章', 'rules (government regulations)'],
        ['normative', '规范性文件', 'normative documents'],
      ],
      [
        col('made', '本年新制作数量', 'newly made this year'),
        col('published', '本年新公开数量', 'newly disclosed this year'),
        col('total', '对外公开总数量', 'total disclosed'),
      ],
    ),
    block(
      'art20_5',
      ART20_5,
      [
        ['licensing', '行政许可', 'administrative licensing'],
        ['other_services', '其他对外管理服务事项', 'other external management and service matters'],
      ],
      [prevItems, change, decisions2019],
    ),
    block(
      'art20_6',
      ART20_6,
      [
        ['penalty', '行政处罚', 'administrative penalties'],
        ['compulsion', '行政强制', 'administrative compulsory measures'],
      ],
      [prevItems, change, decisions2019],
    ),
    block('art20_8', ART20_8, [['fees', '行政事业性收费', 'administrative and institutional fee items']], [prevItems, change]),
    block(
      'art20_9',
      ART20_9,
      [['procurement', '政府集中采购', 'government centralised procurement']],
      [
        col('projects', '采购项目数量', 'procurement projects', { unit: '个' }),
        // The template states no unit; the published cell may carry one (元) or not (usually 万元).
        col('amount', '采购总金额', 'total procurement amount', { domain: 'decimal', unit: null }),
      ],
    ),
  ],
}

const decisions2021 = col('decisions', '本年处理决定数量', 'decisions made this year', { aliases: ['处理决定数量'] })

const TABLE2_2021: TableDef = {
  id: '二',
  corner: null,
  cornerEn: null,
  sections: [
    block(
      'art20_1',
      ART20_1,
      [
        ['rules', '规章', 'rules (government regulations)'],
        ['normative', '行政规范性文件', 'administrative normative documents', ['规范性文件', '规範性檔案']],
      ],
      [
        col('issued', '本年制发件数', 'issued this year', { aliases: ['本年发件', '本年制发数'] }),
        col('repealed', '本年废止件数', 'repealed this year', { aliases: ['本年废止数'] }),
        col('in_force', '现行有效件数', 'in force now', { aliases: ['现行有效件', '现行有效数'] }),
      ],
    ),
    block('art20_5', ART20_5, [['licensing', '行政许可', 'administrative licensing']], [decisions2021]),
    block(
      'art20_6',
      ART20_6,
      [
        ['penalty', '行政处罚', 'administrative penalties'],
        ['compulsion', '行政强制', 'administrative compulsory measures'],
      ],
      [decisions2021],
    ),
    block(
      'art20_8',
      ART20_8,
      [['fees', '行政事业性收费', 'administrative and institutional fees']],
      [
        col('fee_amount', '本年收费金额（单位：万元）', 'fees collected this year (10,000 CNY)', {
          domain: 'decimal',
          unit: '万元',
          short: { zh: '本年收费金额', en: 'Fees collected this year' },
          aliases: ['本年度收费金额（单位：万元）', '本年收费金额'],
        }),
      ],
    ),
  ],
}

// ---------------------------------------------------------------------------------------------
// Table 三

const T3_COLUMNS: ColumnDef[] = [
  col('natural', '自然人', 'natural persons', { groups: [T3_APPLICANTS] }),
  col('commercial', '商业企业', 'commercial enterprises', { groups: [T3_APPLICANTS, T3_ORGS] }),
  col('research', '科研机构', 'research institutions', { groups: [T3_APPLICANTS, T3_ORGS] }),
  col('ngo', '社会公益组织', 'social and public-interest organisations', { groups: [T3_APPLICANTS, T3_ORGS] }),
  col('legal', '法律服务机构', 'legal-service institutions', { groups: [T3_APPLICANTS, T3_ORGS] }),
  col('other', '其他', 'other organisations', { groups: [T3_APPLICANTS, T3_ORGS] }),
  col('total', '总计', 'total', { groups: [T3_APPLICANTS] }),
]

const outcome = (key: string, label: string, en: string, group?: string, aliases: string[] = [], short?: Bilingual): RowDef =>
  row(key, label, en, { groups: group ? [T3_OUTCOMES, group] : [T3_OUTCOMES], aliases, ...(short ? { short } : {}) })

function table3Rows(template: TemplateId): RowDef[] {
  const other =
    template === '2019'
      ? [outcome('other', T3_OTHER, 'other handling')]
      : [
          outcome(
            'other_1',
            '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请',
            'applicant did not correct the application in time; processing stopped',
            T3_OTHER,
            [],
            { zh: '逾期不补正，不再处理', en: 'Not corrected in time' },
          ),
          outcome(
            'other_2',
            '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请',
            'applicant did not pay the processing fee in time; processing stopped',
            T3_OTHER,
            [],
            { zh: '逾期未缴费，不再处理', en: 'Fee not paid in time' },
          ),
          outcome('other_3', '3.其他', 'other', T3_OTHER),
        ]
  return [
    row('new', '一、本年新收政府信息公开申请数量', 'new applications received this year'),
    row('carried_in', '二、上年结转政府信息公开申请数量', 'carried over from last year'),
    outcome('disclosed', '（一）予以公开', 'disclosed'),
    outcome(
      'partial',
      '（二）部分公开（区分处理的，只计这一情形，不计其他情形）',
      'partly disclosed (counted only here when the request was split)',
      undefined,
      ['（二）部分公开'],
      {
        zh: '部分公开',
        en: 'Partly disclosed',
      },
    ),
    outcome('withheld_1', '1.属于国家秘密', 'state secret', T3_WITHHELD),
    outcome('withheld_2', '2.其他法律行政法规禁止公开', 'forbidden by another law or regulation', T3_WITHHELD),
    outcome('withheld_3', '3.危及“三安全一稳定”', 'would endanger security or stability', T3_WITHHELD),
    outcome('withheld_4', '4.保护第三方合法权益', "protects third parties' lawful rights", T3_WITHHELD),
    outcome('withheld_5', '5.属于三类内部事务信息', 'internal-affairs information', T3_WITHHELD),
    outcome('withheld_6', '6.属于四类过程性信息', 'process information', T3_WITHHELD),
    outcome('withheld_7', '7.属于行政执法案卷', 'administrative-enforcement case files', T3_WITHHELD),
    outcome('withheld_8', '8.属于行政查询事项', 'matters with a special query channel', T3_WITHHELD),
    outcome('unable_1', '1.本机关不掌握相关政府信息', 'this agency does not hold the information', T3_UNABLE),
    outcome('unable_2', '2.没有现成信息需要另行制作', 'no ready-made information', T3_UNABLE),
    outcome('unable_3', '3.补正后申请内容仍不明确', 'still unclear after correction', T3_UNABLE),
    outcome('not_processed_1', '1.信访举报投诉类申请', 'petition, report or complaint', T3_NOT_PROCESSED),
    outcome('not_processed_2', '2.重复申请', 'repeat application', T3_NOT_PROCESSED),
    outcome('not_processed_3', '3.要求提供公开出版物', 'asks for published materials', T3_NOT_PROCESSED),
    outcome('not_processed_4', '4.无正当理由大量反复申请', 'mass or repeated applications without good reason', T3_NOT_PROCESSED),
    outcome(
      'not_processed_5',
      '5.要求行政机关确认或重新出具已获取信息',
      'asks to confirm or re-issue information already obtained',
      T3_NOT_PROCESSED,
      [],
      { zh: '要求确认或重新出具信息', en: 'Asks to confirm or re-issue' },
    ),
    ...other,
    outcome('total', '（七）总计', 'total outcomes'),
    row('carried_out', '四、结转下年度继续办理', 'carried over to next year'),
  ]
}

function table3(template: TemplateId): TableDef {
  return {
    id: '三',
    corner: '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）',
    cornerEn: '(In this column, item 1 plus item 2 equals item 3 plus item 4)',
    sections: [{ key: 'main', title: null, titleEn: null, titleAliases: [], rows: table3Rows(template), columns: T3_COLUMNS }],
  }
}

// ---------------------------------------------------------------------------------------------
// Table 四 (identical in both templates)

function outcomeColumns(prefix: string, groups: string[], en: string): ColumnDef[] {
  return [
    col(`${prefix}_upheld`, '结果维持', `${en}: upheld`, { groups }),
    col(`${prefix}_corrected`, '结果纠正', `${en}: corrected`, { groups }),
    col(`${prefix}_other`, '其他结果', `${en}: other outcome`, { groups }),
    col(`${prefix}_pending`, '尚未审结', `${en}: not yet concluded`, { groups }),
    col(`${prefix}_total`, '总计', `${en}: total`, { groups }),
  ]
}

const TABLE4: TableDef = {
  id: '四',
  corner: null,
  cornerEn: null,
  sections: [
    {
      key: 'main',
      title: null,
      titleEn: null,
      titleAliases: [],
      rows: [row('main', '', 'cases')],
      columns: [
        ...outcomeColumns('rv', [T4_REVIEW], 'reconsideration'),
        ...outcomeColumns('ld', [T4_LITIGATION, T4_DIRECT], 'lawsuits filed directly'),
        ...outcomeColumns('lr', [T4_LITIGATION, T4_AFTER_REVIEW], 'lawsuits after reconsideration'),
      ],
    },
  ],
}

// ---------------------------------------------------------------------------------------------

export const TEMPLATES: Readonly<Record<TemplateId, TemplateDef>> = {
  '2019': {
    id: '2019',
    name: '中华人民共和国政府信息公开工作年度报告格式（试行）',
    notice: '国办公开办函〔2019〕60号',
    tables: { 二: TABLE2_2019, 三: table3('2019'), 四: TABLE4 },
  },
  '2021': {
    id: '2021',
    name: '中华人民共和国政府信息公开工作年度报告格式',
    notice: '国办公开办函〔2021〕30号',
    tables: { 二: TABLE2_2021, 三: table3('2021'), 四: TABLE4 },
  },
}

/** Table numbers and names in both languages: "表三" is "Table 3" in English. */
export const TABLE_NAMES: Readonly<Record<TableId, { number: number; zh: string; en: string }>> = {
  二: { number: 2, zh: '主动公开政府信息情况', en: 'Proactive disclosure' },
  三: { number: 3, zh: '收到和处理政府信息公开申请情况', en: 'Applications received and handled' },
  四: { number: 4, zh: '政府信息公开行政复议、行政诉讼情况', en: 'Administrative reconsideration and litigation' },
}

/**
 * Units in English. Counts (件, 条, 项, 个) need no word after the number in English; money does.
 * A unit not listed here is shown as published.
 */
export const UNIT_EN: Readonly<Record<string, string>> = { 件: '', 条: '', 项: '', 个: '', 万元: '× 10,000 CNY', 元: 'CNY' }

export type LabelLocale = 'zh-CN' | 'en'

export function unitName(unit: string | null | undefined, locale: LabelLocale): string {
  if (!unit) return ''
  return locale === 'en' ? (UNIT_EN[unit] ?? unit) : unit
}

const CN_NUMERALS = '一二三四五六七八九十'
const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X']

/** The numbering a Chinese label opens with, in English: "一、" → "I. ", "（二）" → "(2) ", "3." → "3. ". */
export function numberingEn(label: string): string {
  const top = /^([一二三四五六七八九十])、/.exec(label)
  if (top) return `${ROMAN[CN_NUMERALS.indexOf(label.charAt(0))]}. `
  const paren = /^[（(]([一二三四五六七八九十])[）)]/.exec(label)
  if (paren) return `(${CN_NUMERALS.indexOf(label.charAt(1)) + 1}) `
  const digit = /^(\d+)[.．、]/.exec(label)
  return digit ? `${digit[1]}. ` : ''
}

const sentenceCase = (s: string) => s.charAt(0).toUpperCase() + s.slice(1)

/** A row's label as a table prints it, in the reader's language (English keeps the numbering). */
export function rowName(r: Pick<RowDef, 'label' | 'en'>, locale: LabelLocale): string {
  return locale === 'en' ? numberingEn(r.label) + sentenceCase(r.en) : r.label
}

export function columnName(c: Pick<ColumnDef, 'label' | 'en'>, locale: LabelLocale): string {
  return locale === 'en' ? sentenceCase(c.en) : c.label
}

/** A group header or block title, in the reader's language. */
export function groupName(label: string, locale: LabelLocale): string {
  return locale === 'en' ? (GROUP_EN[label] ?? label) : label
}

/** A name for a chart: the short name when there is one, without the table's numbering. */
export function shortName(d: Pick<RowDef, 'label' | 'en' | 'short'>, locale: LabelLocale): string {
  if (d.short) return locale === 'en' ? d.short.en : d.short.zh
  return locale === 'en'
    ? sentenceCase(d.en)
    : d.label.replace(/^(?:[一二三四五六七八九十]、|[（(][一二三四五六七八九十][）)]|\d+[.．、])/, '')
}

let englishByLabel: Map<string, string> | undefined

/**
 * Any label of either template (a row, a column, a group header, a block title) in the reader's
 * language, as the cells format and diffs carry them. A label that is not in a template (a
 * publisher's extra row) has no English name: it comes back unchanged, as the report's own words.
 */
export function labelName(label: string, locale: LabelLocale): string {
  if (locale !== 'en') return label
  if (!englishByLabel) {
    const map = new Map<string, string>()
    for (const tpl of Object.values(TEMPLATES)) {
      for (const table of Object.values(tpl.tables)) {
        for (const section of table.sections) {
          for (const r of section.rows) if (r.label) map.set(r.label, rowName(r, 'en'))
          for (const c of section.columns) map.set(c.label, columnName(c, 'en'))
        }
      }
    }
    for (const [zh, en] of Object.entries(GROUP_EN)) map.set(zh, en)
    englishByLabel = map
  }
  return englishByLabel.get(label) ?? label
}

/** The template a report year is due under (docs/REPORT-FORMAT.md §2). Real reports may differ. */
export function templateForYear(year: number): TemplateId {
  return year >= 2021 ? '2021' : '2019'
}

// ---------------------------------------------------------------------------------------------
// The six parts (docs/REPORT-FORMAT.md §3)

export type PartId = '一' | '二' | '三' | '四' | '五' | '六'
export const PART_IDS: readonly PartId[] = ['一', '二', '三', '四', '五', '六']

export interface PartDef {
  id: PartId
  heading: string
  /** Wording variants seen in published reports (without their number). */
  aliases: readonly string[]
  table: TableId | null
  en: string
}

export const PARTS: readonly PartDef[] = [
  { id: '一', heading: '一、总体情况', aliases: [], table: null, en: 'Overview' },
  { id: '二', heading: '二、主动公开政府信息情况', aliases: ['行政机关主动公开政府信息情况'], table: '二', en: 'Proactive disclosure' },
  {
    id: '三',
    heading: '三、收到和处理政府信息公开申请情况',
    aliases: ['收到和处理政府信息公开的申请情况'],
    table: '三',
    en: 'Applications received and handled',
  },
  {
    id: '四',
    heading: '四、政府信息公开行政复议、行政诉讼情况',
    aliases: ['因政府信息公开工作被申请行政复议、提起行政诉讼情况'],
    table: '四',
    en: 'Administrative reconsideration and litigation',
  },
  {
    id: '五',
    heading: '五、存在的主要问题及改进情况',
    aliases: ['政府信息公开工作存在的主要问题及改进情况', '存在的主要问题和改进措施'],
    table: null,
    en: 'Main problems and improvements',
  },
  { id: '六', heading: '六、其他需要报告的事项', aliases: [], table: null, en: 'Other matters' },
]

// ---------------------------------------------------------------------------------------------
// Cell addressing

/** A cell's id within its table: `${rowKey}|${columnKey}`. */
export function cellId(rowKey: string, columnKey: string): string {
  return `${rowKey}|${columnKey}`
}

export interface CellDef {
  table: TableId
  id: string
  section: SectionDef
  row: RowDef
  column: ColumnDef
  /** Label paths, outermost group first, as in the cells format. */
  rowPath: string[]
  columnPath: string[]
}

const cellDefCache = new Map<string, CellDef[]>()

/** Tables 三 and 四 are one section each, in both templates: that section. */
export function singleSection(template: TemplateId, table: '三' | '四'): SectionDef {
  const section = TEMPLATES[template].tables[table].sections[0]
  if (!section) throw new Error(`the ${template} template's table ${table} has no section`)
  return section
}

/** Every template cell of one table, row by row. */
export function cellDefs(template: TemplateId, table: TableId): readonly CellDef[] {
  const cacheKey = `${template}/${table}`
  const cached = cellDefCache.get(cacheKey)
  if (cached) return cached
  const out: CellDef[] = []
  for (const section of TEMPLATES[template].tables[table].sections) {
    for (const r of section.rows) {
      for (const c of section.columns) {
        out.push({
          table,
          id: cellId(r.key, c.key),
          section,
          row: r,
          column: c,
          rowPath: r.label === '' ? [...r.groups] : [...r.groups, r.label],
          columnPath: [...c.groups, c.label],
        })
      }
    }
  }
  cellDefCache.set(cacheKey, out)
  return out
}

/** Look up one template cell by id, or undefined when the template has no such cell. */
export function cellDef(template: TemplateId, table: TableId, id: string): CellDef | undefined {
  return cellDefs(template, table).find((d) => d.id === id)
}
