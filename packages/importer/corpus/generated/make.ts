// Generated test documents for the PDF and DOCX readers: 政府信息公开工作年度报告 in the official
// Word layout, with invented but consistent figures, so every cell is known.
//
// Run from the repository root:
//   pnpm exec tsx packages/importer/corpus/generated/make.ts
//   GEN_ONLY=sample-town-2020-ruled pnpm exec tsx packages/importer/corpus/generated/make.ts   (only those)
//
// Needs LibreOffice (soffice) with the Noto CJK fonts, and poppler-utils for the page-break check:
//   apt-get install -y libreoffice-writer-nogui fonts-noto-cjk poppler-utils
//
// For each document NAME it writes, next to this file:
//   NAME.docx                  the Word file, built with the `docx` library in the template's layout
//   NAME.pdf                   that file printed by LibreOffice (soffice --headless --convert-to pdf)
//   NAME.expected.cells.json   every template cell (cells format, `gongkai validate` passes it)
//   NAME.source.json           what the document is and which layout shapes it covers
//
// The cells file and the document are written from the same table of printed strings, so they
// cannot disagree. The figures satisfy every identity of docs/REPORT-FORMAT.md §8.1.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  HeightRule,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableBorders,
  TableCell,
  TableLayoutType,
  TableRow,
  TextDirection,
  TextRun,
  VerticalAlignTable,
  VerticalMergeType,
  WidthType,
  type IBorderOptions,
} from 'docx'
import { TEMPLATES, cellDefs, seededRandom, type AgencyRef, type CellRecord, type TableId, type TemplateId } from '@gongkai/schema'

const OUT = dirname(fileURLToPath(import.meta.url))

// ---------------------------------------------------------------------------------------------
// Figures

/** The schema's deterministic generator, so every run writes the same figures. */
const rng = seededRandom

/** Printed strings by `${table}:${cellId}`: a number as printed, '' for blank, '/' for not applicable. */
type Printed = Map<string, string>

const T3_APPLICANT_KEYS = ['natural', 'commercial', 'research', 'ngo', 'legal', 'other'] as const
type ApplicantKey = (typeof T3_APPLICANT_KEYS)[number]

/** Table 三's one section (its rows and columns). */
function table3Section(template: TemplateId) {
  const [section] = TEMPLATES[template].tables['三'].sections
  if (!section) throw new Error(`template ${template}: table 三 has no section`)
  return section
}

function t3RowKeys(template: TemplateId): string[] {
  return table3Section(template).rows.map((r) => r.key)
}
const T3_NOT_OUTCOMES = new Set(['new', 'carried_in', 'total', 'carried_out'])

/** Relative frequency of each outcome, and the chance it is not 0. */
const OUTCOME_WEIGHT: Record<string, [weight: number, chance: number]> = {
  disclosed: [0.34, 0.95],
  partial: [0.1, 0.7],
  withheld_1: [0.01, 0.1],
  withheld_2: [0.01, 0.15],
  withheld_3: [0.01, 0.1],
  withheld_4: [0.03, 0.35],
  withheld_5: [0.02, 0.3],
  withheld_6: [0.03, 0.35],
  withheld_7: [0.02, 0.25],
  withheld_8: [0.03, 0.3],
  unable_1: [0.22, 0.9],
  unable_2: [0.04, 0.4],
  unable_3: [0.02, 0.3],
  not_processed_1: [0.04, 0.4],
  not_processed_2: [0.04, 0.45],
  not_processed_3: [0.01, 0.15],
  not_processed_4: [0.02, 0.2],
  not_processed_5: [0.01, 0.2],
  other: [0.05, 0.5],
  other_1: [0.03, 0.4],
  other_2: [0.01, 0.15],
  other_3: [0.03, 0.4],
}

/**
 * Table 三 figures: outcomes drawn per applicant column, then totals, carry-over and new
 * applications derived so that T3-COL, T3-SUM and T3-BAL hold exactly.
 */
function table3Numbers(template: TemplateId, seed: number, volume: Record<ApplicantKey, number>): Map<string, number> {
  const next = rng(seed)
  const rows = t3RowKeys(template)
  const out = new Map<string, number>()
  const set = (r: string, c: string, v: number) => out.set(`${r}|${c}`, v)
  for (const c of T3_APPLICANT_KEYS) {
    const v = volume[c]
    let total = 0
    for (const r of rows) {
      if (T3_NOT_OUTCOMES.has(r)) continue
      const weight = OUTCOME_WEIGHT[r]
      if (!weight) throw new Error(`no outcome weight for table 三 row ${r}`)
      const [w, chance] = weight
      const n = v > 0 && next() < chance ? Math.max(1, Math.round(v * w * (0.5 + next()))) : 0
      set(r, c, n)
      total += n
    }
    set('total', c, total)
    const carriedOut = v > 0 ? Math.round(v * 0.06 * next()) : 0
    const carriedIn = Math.min(total + carriedOut, v > 0 ? Math.round(v * 0.05 * next()) : 0)
    set('carried_out', c, carriedOut)
    set('carried_in', c, carriedIn)
    set('new', c, total + carriedOut - carriedIn)
  }
  const got = (r: string, c: string) => {
    const v = out.get(`${r}|${c}`)
    if (v === undefined) throw new Error(`table 三 ${r}|${c} was not set`)
    return v
  }
  for (const r of rows) set(r, 'total', T3_APPLICANT_KEYS.reduce((s, c) => s + got(r, c), 0))
  return out
}

/** Table 四: the four outcomes of each group; the totals are their sums. */
function table4Numbers(rv: number[], ld: number[], lr: number[]): Map<string, number> {
  const out = new Map<string, number>()
  const names = ['upheld', 'corrected', 'other', 'pending']
  for (const [prefix, parts] of [['rv', rv], ['ld', ld], ['lr', lr]] as const) {
    parts.forEach((v, i) => out.set(`main|${prefix}_${names[i]}`, v))
    out.set(`main|${prefix}_total`, parts.reduce((a, b) => a + b, 0))
  }
  return out
}

// ---------------------------------------------------------------------------------------------
// Layout options

/** All borders; none; or all but the table's outer left and right sides (a Word table style). */
type Borders = 'ruled' | 'none' | 'open'
type VerticalLabel = 'wrap' | 'tbRl'

interface Layout {
  borders: Borders
  /** Table text size in half-points (20 = 10pt, 21 = 五号 10.5pt, 24 = 小四 12pt). */
  tableSize: number
  /** Table 三's ten grid columns: vertical label, group label, leaf label, then the 7 data columns. */
  t3Grid: number[]
  verticalLabel: VerticalLabel
  /** Word's "repeat as header row" on table 三's three header rows. */
  repeatHeader: boolean
  /** Table 四's fifteen columns (one width, or each). */
  t4Grid: number[]
  /** Table 二's four columns. */
  t2Grid: number[]
  /** Cell margins left/right, twips (Word's default is 108). */
  cellMargin: number
  /** Paragraphs of 一、总体情况 (moves table 三 up or down the pages). */
  overviewParagraphs: number
  /** Footer: page number text around the number, and where it sits. */
  footer: { before: string; after: string; position: 'center' | 'outside' }
  /** Shade the block title rows of table 二 (as some WPS templates do). */
  shadeTitles: boolean
  /** Page margins (twips). */
  margins: { top: number; bottom: number; left: number; right: number }
}

interface Spec {
  name: string
  agency: AgencyRef
  /** Name as printed in the title. */
  title: string
  office: string
  year: number
  template: TemplateId
  printed: Printed
  layout: Layout
  shape: string
  notes: string
  /** Table 三 should run over a page break (checked after printing; page positions depend on LibreOffice and fonts). */
  expectBreakInTable3: boolean
}

// ---------------------------------------------------------------------------------------------
// docx building

const FONT_TABLE = '宋体'
const FONT_BODY = '仿宋_GB2312'
const FONT_HEADING = '黑体'
const FONT_SUBHEADING = '楷体_GB2312'
const FONT_TITLE = '方正小标宋简体'
const LATIN = 'Times New Roman'

const font = (eastAsia: string) => ({ ascii: LATIN, hAnsi: LATIN, eastAsia, cs: LATIN })

const line: IBorderOptions = { style: BorderStyle.SINGLE, size: 4, color: '000000' }
const noLine: IBorderOptions = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' }

interface CellSpec {
  text: string
  /** Grid columns spanned. */
  span?: number
  vmerge?: 'restart' | 'continue'
  align?: 'left' | 'center'
  bold?: boolean
  vertical?: boolean
  shade?: boolean
  font?: string
}

function makeTable(rows: CellSpec[][], grid: number[], layout: Layout, opts: { headerRows?: number; rowHeight?: number } = {}): Table {
  const width = grid.reduce((a, b) => a + b, 0)
  const ruled = layout.borders !== 'none'
  const open = layout.borders === 'open'
  return new Table({
    width: { size: width, type: WidthType.DXA },
    columnWidths: grid,
    layout: TableLayoutType.FIXED,
    alignment: AlignmentType.CENTER,
    margins: { left: layout.cellMargin, right: layout.cellMargin, top: 0, bottom: 0 },
    borders: ruled
      ? { top: line, bottom: line, left: open ? noLine : line, right: open ? noLine : line, insideHorizontal: line, insideVertical: line }
      : TableBorders.NONE,
    rows: rows.map((cells, ri) => {
      let g = 0
      return new TableRow({
        ...(ri < (opts.headerRows ?? 0) ? { tableHeader: true } : {}),
        cantSplit: true,
        height: { value: opts.rowHeight ?? 340, rule: HeightRule.ATLEAST },
        children: cells.map((c) => {
          const span = c.span ?? 1
          const w = grid.slice(g, g + span).reduce((a, b) => a + b, 0)
          const [first, last] = [g === 0, g + span === grid.length]
          g += span
          const size = layout.tableSize
          return new TableCell({
            width: { size: w, type: WidthType.DXA },
            ...(span > 1 ? { columnSpan: span } : {}),
            ...(c.vmerge ? { verticalMerge: c.vmerge === 'restart' ? VerticalMergeType.RESTART : VerticalMergeType.CONTINUE } : {}),
            verticalAlign: VerticalAlignTable.CENTER,
            ...(c.vertical ? { textDirection: TextDirection.TOP_TO_BOTTOM_RIGHT_TO_LEFT } : {}),
            ...(ruled
              ? { borders: { top: line, bottom: line, left: open && first ? noLine : line, right: open && last ? noLine : line } }
              : { borders: { top: noLine, bottom: noLine, left: noLine, right: noLine } }),
            ...(c.shade ? { shading: { fill: 'DEEAF6', type: 'clear', color: 'auto' } } : {}),
            children: [
              new Paragraph({
                alignment: c.align === 'left' ? AlignmentType.LEFT : AlignmentType.CENTER,
                spacing: { before: 0, after: 0, line: 240, lineRule: LineRuleType.AUTO },
                children: c.vmerge === 'continue' || c.text === '' ? [] : [new TextRun({ text: c.text, font: font(c.font ?? FONT_TABLE), size, bold: c.bold ?? false })],
              }),
            ],
          })
        }),
      })
    }),
  })
}

/** Table 二 in the template's layout: per block a title row, a 信息内容 header row, its data rows. */
function table2(spec: Spec): Table {
  const { template, printed, layout } = spec
  const rows: CellSpec[][] = []
  for (const section of TEMPLATES[template].tables['二'].sections) {
    if (section.title === null) throw new Error(`template ${template}: a table 二 block has no title`)
    rows.push([{ text: section.title, span: 4, shade: layout.shadeTitles }])
    const cols = section.columns
    // Spread the block's columns over the three value grid columns, as the template does.
    const spans = cols.length === 3 ? [1, 1, 1] : cols.length === 2 ? [1, 2] : [3]
    rows.push([{ text: '信息内容', bold: true }, ...cols.map((c, i) => ({ text: c.label, span: spans[i], bold: true }))])
    for (const r of section.rows) {
      rows.push([
        { text: r.label, align: 'left' as const },
        ...cols.map((c, i) => ({ text: printed.get(`二:${r.key}|${c.key}`) ?? '', span: spans[i] })),
      ])
    }
  }
  return makeTable(rows, layout.t2Grid, layout)
}

const T3_CORNER = '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）'

/** Table 三 in the template's layout: three header rows, merged row labels, 7 data columns. */
function table3(spec: Spec): Table {
  const { template, printed, layout } = spec
  const section = table3Section(template)
  const cols = section.columns.map((c) => c.key)
  const data = (rowKey: string): CellSpec[] => cols.map((c) => ({ text: printed.get(`三:${rowKey}|${c}`) ?? '' }))
  const rows: CellSpec[][] = [
    [{ text: T3_CORNER, span: 3, vmerge: 'restart', align: 'left', font: '楷体' }, { text: '申请人情况', span: 7 }],
    [{ text: '', span: 3, vmerge: 'continue' }, { text: '自然人', vmerge: 'restart' }, { text: '法人或其他组织', span: 5 }, { text: '总计', vmerge: 'restart' }],
    [
      { text: '', span: 3, vmerge: 'continue' },
      { text: '', vmerge: 'continue' },
      ...['商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他'].map((t) => ({ text: t })),
      { text: '', vmerge: 'continue' },
    ],
  ]
  let firstOutcome = true
  let group: string | null = null
  for (const r of section.rows) {
    const g = r.groups[1] ?? null
    const outcome = r.groups[0]
    if (outcome === undefined) {
      rows.push([{ text: r.label, span: 3, align: 'left', bold: true }, ...data(r.key)])
      continue
    }
    const outcomeCell: CellSpec = firstOutcome
      ? { text: outcome, vmerge: 'restart', vertical: layout.verticalLabel === 'tbRl', bold: true }
      : { text: '', vmerge: 'continue' }
    firstOutcome = false
    if (g === null) {
      rows.push([outcomeCell, { text: r.label, span: 2, align: 'left' }, ...data(r.key)])
    } else {
      const groupCell: CellSpec = g !== group ? { text: g, vmerge: 'restart', align: 'left' } : { text: '', vmerge: 'continue' }
      rows.push([outcomeCell, groupCell, { text: r.label, align: 'left' }, ...data(r.key)])
    }
    group = g
  }
  return makeTable(rows, layout.t3Grid, layout, { headerRows: layout.repeatHeader ? 3 : 0 })
}

/** Table 四: 行政复议 | 行政诉讼 (未经复议直接起诉 | 复议后起诉), 15 leaf columns, one data row. */
function table4(spec: Spec): Table {
  const { printed, layout } = spec
  const leaves = ['结果维持', '结果纠正', '其他结果', '尚未审结', '总计']
  const keys = ['upheld', 'corrected', 'other', 'pending', 'total']
  const rows: CellSpec[][] = [
    [{ text: '行政复议', span: 5 }, { text: '行政诉讼', span: 10 }],
    [...leaves.map((t) => ({ text: t, vmerge: 'restart' as const })), { text: '未经复议直接起诉', span: 5 }, { text: '复议后起诉', span: 5 }],
    [...leaves.map(() => ({ text: '', vmerge: 'continue' as const })), ...leaves.map((t) => ({ text: t })), ...leaves.map((t) => ({ text: t }))],
    ['rv', 'ld', 'lr'].flatMap((p) => keys.map((k) => ({ text: printed.get(`四:main|${p}_${k}`) ?? '' }))),
  ]
  return makeTable(rows, layout.t4Grid, layout)
}

// ---------------------------------------------------------------------------------------------
// Prose

const para = (text: string, opts: { indent?: boolean; fontName?: string; bold?: boolean; align?: 'center' | 'right' | 'both'; size?: number } = {}) =>
  new Paragraph({
    alignment: opts.align === 'center' ? AlignmentType.CENTER : opts.align === 'right' ? AlignmentType.RIGHT : AlignmentType.JUSTIFIED,
    indent: opts.indent === false ? undefined : { firstLine: 640 },
    spacing: { before: 0, after: 0, line: 560, lineRule: LineRuleType.EXACT },
    children: [new TextRun({ text, font: font(opts.fontName ?? FONT_BODY), size: opts.size ?? 32, bold: opts.bold ?? false })],
  })
const heading = (text: string) => para(text, { fontName: FONT_HEADING })
const subheading = (text: string) => para(text, { fontName: FONT_SUBHEADING })

const OVERVIEW_TOPICS: Array<[string, string[]]> = [
  [
    '（一）主动公开',
    [
      '围绕中心工作，持续加大主动公开力度，重点做好规划计划、财政预决算、重大建设项目、公共资源配置、社会公益事业等领域信息公开，及时发布政策文件及解读材料，回应社会关切。',
      '严格落实公开属性源头认定机制，公文在拟制时即明确公开方式，对不予公开的说明理由。规范性文件实行统一登记、统一编号、统一公开，现行有效的规范性文件全部在门户网站集中公开并动态更新。',
    ],
  ],
  [
    '（二）依申请公开',
    [
      '进一步规范依申请公开办理流程，严格执行登记、审核、办理、答复、归档等环节要求，依法依规在法定期限内答复申请人，答复文书格式规范、告知内容完整，切实保障申请人合法权益。',
      '加强与申请人的沟通，对申请内容不明确的及时告知补正，对属于其他机关职责范围的告知申请人相关机关的名称和联系方式，全年未发生因逾期答复引起的行政复议或行政诉讼。',
    ],
  ],
  [
    '（三）政府信息管理',
    [
      '健全政府信息发布审查机制，落实“先审查、后公开”和“一事一审”制度，严防泄露国家秘密、工作秘密和个人隐私，对公开内容涉及个人信息的按规定作去标识化处理。',
      '开展政府信息公开目录梳理，动态调整主动公开基本目录，对已公开信息进行全面排查，及时清理过时、失效信息，确保公开内容准确、完整、规范。',
    ],
  ],
  [
    '（四）政府信息公开平台建设',
    [
      '以门户网站为第一平台，规范设置政府信息公开专栏，统一栏目名称与内容要求，提升栏目建设的规范化、标准化水平。同时用好政务新媒体和政务服务中心公开查阅点，拓宽公众获取信息的渠道。',
      '加强政务新媒体监管，定期开展巡查，对更新不及时、互动回应差的账号督促整改，确保发布内容准确权威、及时有效。',
    ],
  ],
  [
    '（五）监督保障',
    [
      '调整充实政务公开工作领导小组，明确分管负责同志和承办机构，将政务公开工作纳入年度绩效考核，定期通报工作情况。组织开展政务公开业务培训，提升工作人员业务能力。',
      '畅通社会评议渠道，在门户网站设置意见建议栏目，主动接受社会监督，本年度未发生因政府信息公开工作引起的责任追究情况。',
    ],
  ],
]

function overview(n: number): Paragraph[] {
  const out: Paragraph[] = []
  let used = 0
  for (const [title, paras] of OVERVIEW_TOPICS) {
    if (used >= n) break
    out.push(subheading(title))
    for (const p of paras) {
      if (used >= n) break
      out.push(para(p))
      used++
    }
  }
  return out
}

function num(printed: Printed, key: string): number {
  const v = Number(printed.get(key) ?? 0)
  return Number.isFinite(v) ? v : 0
}

function buildDocument(spec: Spec): Document {
  const { template, printed, layout, year } = spec
  const received = num(printed, '三:new|total')
  const handled = num(printed, '三:total|total')
  const reviews = num(printed, '四:main|rv_total')
  const lawsuits = num(printed, '四:main|ld_total') + num(printed, '四:main|lr_total')
  const notice = TEMPLATES[template].notice
  const noticeTitle =
    template === '2021'
      ? '《国务院办公厅政府信息与政务公开办公室关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知》'
      : '《国务院办公厅政府信息与政务公开办公室关于政府信息公开工作年度报告有关事项的通知》'
  const children: Array<Paragraph | Table> = [
    para(`${spec.title}${year}年政府信息公开工作年度报告`, { fontName: FONT_TITLE, align: 'center', indent: false, size: 44 }),
    para(''),
    para(
      `本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和${noticeTitle}（${notice}）要求编制。本报告中所列数据的统计期限自${year}年1月1日起至${year}年12月31日止。本报告电子版可在${spec.title}门户网站（示例网址）查阅或下载。如对本报告有疑问，请与${spec.office}联系。`,
    ),
    heading('一、总体情况'),
    para(
      `${year}年，${spec.title}认真贯彻落实《条例》和上级关于政务公开工作的部署要求，全年共收到政府信息公开申请${received}件，办理答复${handled}件；因政府信息公开工作被申请行政复议${reviews}件、提起行政诉讼${lawsuits}件。`,
    ),
    ...overview(layout.overviewParagraphs),
    heading('二、主动公开政府信息情况'),
    table2(spec),
    heading('三、收到和处理政府信息公开申请情况'),
    table3(spec),
    heading('四、政府信息公开行政复议、行政诉讼情况'),
    table4(spec),
    heading('五、存在的主要问题及改进情况'),
    para(
      '一是政策解读形式还不够丰富，图表、音视频等解读方式运用不多；二是基层政务公开标准化规范化建设有待深化。下一步，将丰富解读形式，加强业务培训，推动基层政务公开标准目录落地见效。',
    ),
    heading('六、其他需要报告的事项'),
    para(template === '2021' ? '本年度未收取信息处理费。无其他需要报告的事项。' : '无其他需要报告的事项。'),
    para(''),
    para(spec.office, { align: 'right', indent: false }),
    para(`${year + 1}年1月20日`, { align: 'right', indent: false }),
  ]
  const pageNo = (align: (typeof AlignmentType)[keyof typeof AlignmentType]) =>
    new Footer({
      children: [
        new Paragraph({
          alignment: align,
          children: [new TextRun({ children: [layout.footer.before, PageNumber.CURRENT, layout.footer.after], font: font(FONT_TABLE), size: 28 })],
        }),
      ],
    })
  const outside = layout.footer.position === 'outside'
  return new Document({
    creator: spec.office,
    title: `${spec.title}${year}年政府信息公开工作年度报告`,
    ...(outside ? { evenAndOddHeaderAndFooters: true } : {}),
    styles: { default: { document: { run: { font: font(FONT_BODY), size: 32 } } } },
    sections: [
      {
        properties: {
          page: {
            size: { width: 11906, height: 16838 },
            margin: { ...layout.margins, header: 851, footer: 992 },
          },
        },
        footers: outside
          ? { default: pageNo(AlignmentType.RIGHT), even: pageNo(AlignmentType.LEFT) }
          : { default: pageNo(AlignmentType.CENTER) },
        children,
      },
    ],
  })
}

// ---------------------------------------------------------------------------------------------
// Expected cells and source description

function expectedCells(spec: Spec) {
  const cells: CellRecord[] = []
  for (const table of ['二', '三', '四'] as TableId[]) {
    for (const def of cellDefs(spec.template, table)) {
      const raw = spec.printed.get(`${table}:${def.id}`)
      if (raw === undefined) throw new Error(`${spec.name}: no figure for ${table}:${def.id}`)
      const base = { table, row: def.rowPath, column: def.columnPath }
      if (raw === '') cells.push({ ...base, state: 'blank', value: null, raw: null } as CellRecord)
      else if (raw === '/') cells.push({ ...base, state: 'na', value: null, raw } as CellRecord)
      else {
        // A number, possibly with a unit written in the cell (采购总金额 "642.37万元").
        const m = /^(-?\d+(?:\.\d+)?)(万元|元)?$/.exec(raw)
        if (!m) throw new Error(`${spec.name}: ${table}:${def.id} is not a number: ${raw}`)
        cells.push({ ...base, state: 'value', value: Number(m[1]), raw, ...(m[2] ? { unit: m[2] } : {}) } as CellRecord)
      }
    }
  }
  return { format: 'gongkai.cells/1', agency: spec.agency, year: spec.year, template: spec.template, cells }
}

// ---------------------------------------------------------------------------------------------
// The documents

const GONGWEN_MARGINS = { top: 2098, bottom: 1984, left: 1588, right: 1474 } // 37/35/28/26 mm
const TEMPLATE_MARGINS = { top: 1440, bottom: 1440, left: 1800, right: 1800 } // the blank template's

/** Spread `total` twips over weights, rounding so the sum stays exact. */
function spread(total: number, weights: number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0)
  const out = weights.map((w) => Math.floor((total * w) / sum))
  const rest = total - out.reduce((a, b) => a + b, 0)
  return out.map((w, i) => (i === out.length - 1 ? w + rest : w))
}

/** Print every figure of one table as a string; `show` may turn a figure into '' or '/'. */
function print(printed: Printed, table: TableId, numbers: Map<string, number>, show: (id: string, v: number) => string = (_id, v) => String(v)) {
  for (const [id, v] of numbers) printed.set(`${table}:${id}`, show(id, v))
}

function t2(printed: Printed, values: Record<string, string>) {
  for (const [id, v] of Object.entries(values)) printed.set(`二:${id}`, v)
}

const TEXT_WIDTH = 11906 - GONGWEN_MARGINS.left - GONGWEN_MARGINS.right // 8844

function specs(): Spec[] {
  const out: Spec[] = []

  // 1. County government, 2021 format, ruled, WPS-like: narrow vertical label, wrapping labels,
  //    table 三 over a page break with the header repeated, "/" in the 规章 row, fee 12.3456.
  {
    const printed: Printed = new Map()
    t2(printed, {
      'art20_1.rules|issued': '/', 'art20_1.rules|repealed': '/', 'art20_1.rules|in_force': '/',
      'art20_1.normative|issued': '6', 'art20_1.normative|repealed': '2', 'art20_1.normative|in_force': '41',
      'art20_5.licensing|decisions': '3817',
      'art20_6.penalty|decisions': '1265', 'art20_6.compulsion|decisions': '47',
      'art20_8.fees|fee_amount': '12.3456',
    })
    print(printed, '三', table3Numbers('2021', 101, { natural: 60, commercial: 14, research: 0, ngo: 2, legal: 5, other: 3 }))
    print(printed, '四', table4Numbers([2, 1, 0, 1], [1, 0, 1, 0], [1, 0, 0, 0]))
    const label = 330 // one character per line at 10.5pt with 60-twip margins
    out.push({
      name: 'sample-county-2022-ruled',
      agency: { name: '示例县人民政府', code: null, level: 'county', kind: 'government', region: null },
      title: '示例县人民政府',
      office: '示例县人民政府办公室',
      year: 2022,
      template: '2021',
      printed,
      layout: {
        borders: 'ruled',
        tableSize: 21,
        t3Grid: [label, 1000, TEXT_WIDTH - label - 1000 - 7 * 640, ...Array(7).fill(640)],
        verticalLabel: 'wrap',
        repeatHeader: true,
        t4Grid: spread(TEXT_WIDTH, Array(15).fill(1)),
        t2Grid: spread(TEXT_WIDTH, [3, 2, 2, 2]),
        cellMargin: 60,
        overviewParagraphs: 6,
        footer: { before: '- ', after: ' -', position: 'outside' },
        shadeTitles: true,
        margins: GONGWEN_MARGINS,
      },
      shape:
        'LibreOffice PDF of a Word file in the 2021 layout, tables ruled (all borders), 五号 宋体 in the tables. Table 二 block titles shaded; the 规章 row is "/" in all three columns; fee 12.3456 (万元). Table 三: the vertical merged label 三、本年度办理结果 in a 330-twip column, one character per line; row labels wrap over two or three lines (（二）部分公开…, （六）1./2.); header cells wrap (商业/企业, 社会/公益/组织); the table runs over a page break with the footer page number "- N -" (odd pages right, even left) between its rows and its three header rows repeated on the next page. Table 四: 15 equal narrow columns, leaf headers wrapping two characters per line.',
      notes: '',
      expectBreakInTable3: true,
    })
  }

  // 2. County department, 2021 format, borderless tables, blank cells, vertical writing.
  {
    const printed: Printed = new Map()
    t2(printed, {
      'art20_1.rules|issued': '', 'art20_1.rules|repealed': '', 'art20_1.rules|in_force': '',
      'art20_1.normative|issued': '3', 'art20_1.normative|repealed': '0', 'art20_1.normative|in_force': '17',
      'art20_5.licensing|decisions': '286',
      'art20_6.penalty|decisions': '12', 'art20_6.compulsion|decisions': '0',
      'art20_8.fees|fee_amount': '0',
    })
    // Organisations' zeros left blank, as some publishers do; natural persons and totals print 0.
    print(printed, '三', table3Numbers('2021', 202, { natural: 25, commercial: 3, research: 0, ngo: 0, legal: 2, other: 1 }), (id, v) =>
      v === 0 && !id.endsWith('|natural') && !id.endsWith('|total') ? '' : String(v),
    )
    print(printed, '四', table4Numbers([0, 1, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0]), (id, v) => (v === 0 && !id.endsWith('_total') ? '' : String(v)))
    out.push({
      name: 'sample-education-bureau-2023-borderless',
      agency: { name: '示例县教育局', code: null, level: 'county', kind: 'department', region: null },
      title: '示例县教育局',
      office: '示例县教育局办公室',
      year: 2023,
      template: '2021',
      printed,
      layout: {
        borders: 'none',
        tableSize: 20,
        t3Grid: [560, 900, 2300, ...spread(TEXT_WIDTH - 560 - 900 - 2300, Array(7).fill(1))],
        verticalLabel: 'tbRl',
        repeatHeader: true,
        t4Grid: spread(TEXT_WIDTH, Array(15).fill(1)),
        t2Grid: spread(TEXT_WIDTH, [3, 2, 2, 2]),
        cellMargin: 80,
        overviewParagraphs: 5,
        footer: { before: '- ', after: ' -', position: 'center' },
        shadeTitles: false,
        margins: GONGWEN_MARGINS,
      },
      shape:
        'LibreOffice PDF of a Word file in the 2021 layout with NO table borders at all (every table borderless), 10pt 宋体. Table 二: the 规章 row blank in all three columns, fee 0. Table 三: zeros of the five organisation columns left blank (natural persons and totals print 0); the merged label 三、本年度办理结果 set in vertical writing (w:textDirection tbRl) in a narrow column; a 2300-twip leaf-label column so the long （六）1./2. labels wrap over three lines and （二）部分公开… over two; the table runs over a page break with the centred footer "- N -" between its rows and its header rows repeated. Table 四: zero outcomes blank, totals 0.',
      notes: '',
      expectBreakInTable3: true,
    })
  }

  // 3. Township government, 2019 trial format, ruled, 小四 tables: table 四 headers one character per line.
  {
    const printed: Printed = new Map()
    t2(printed, {
      'art20_1.rules|made': '0', 'art20_1.rules|published': '0', 'art20_1.rules|total': '0',
      'art20_1.normative|made': '2', 'art20_1.normative|published': '2', 'art20_1.normative|total': '9',
      'art20_5.licensing|prev_items': '14', 'art20_5.licensing|change': '-3', 'art20_5.licensing|decisions': '208',
      'art20_5.other_services|prev_items': '22', 'art20_5.other_services|change': '2', 'art20_5.other_services|decisions': '517',
      'art20_6.penalty|prev_items': '31', 'art20_6.penalty|change': '0', 'art20_6.penalty|decisions': '19',
      'art20_6.compulsion|prev_items': '5', 'art20_6.compulsion|change': '-1', 'art20_6.compulsion|decisions': '0',
      'art20_8.fees|prev_items': '3', 'art20_8.fees|change': '0',
      'art20_9.procurement|projects': '4', 'art20_9.procurement|amount': '35.6',
    })
    print(printed, '三', table3Numbers('2019', 303, { natural: 9, commercial: 1, research: 0, ngo: 0, legal: 0, other: 0 }))
    print(printed, '四', table4Numbers([0, 0, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0]))
    out.push({
      name: 'sample-town-2020-ruled',
      agency: { name: '示例县示例镇人民政府', code: null, level: 'township', kind: 'government', region: null },
      title: '示例镇人民政府',
      office: '示例镇人民政府党政综合办公室',
      year: 2020,
      template: '2019',
      printed,
      layout: {
        borders: 'ruled',
        tableSize: 24,
        t3Grid: [420, 1300, 2544, ...Array(7).fill(640)],
        verticalLabel: 'wrap',
        repeatHeader: true,
        t4Grid: spread(TEXT_WIDTH, Array(15).fill(1)),
        t2Grid: spread(TEXT_WIDTH, [3, 2, 2, 2]),
        cellMargin: 80,
        overviewParagraphs: 1,
        footer: { before: '- ', after: ' -', position: 'outside' },
        shadeTitles: false,
        margins: GONGWEN_MARGINS,
      },
      shape:
        'LibreOffice PDF of a Word file in the 2019 trial layout, tables ruled, 小四 (12pt) 宋体. Table 二 has all five 2019 blocks, 本年增/减 -3 and -1, 采购总金额 35.6 with no unit, 规章 0. Table 三 (23 rows, single （六）其他处理 row): vertical label one character per line; long labels wrap over two or three lines at 12pt; runs over a page break with "- N -" (odd right, even left) between its rows and the header repeated. Table 四: at 12pt the 15 narrow columns print 结/果/维/持 one character per line; all 0.',
      notes: '',
      expectBreakInTable3: true,
    })
  }

  // 4. City department, 2019 trial format, borderless, "/" cells, header NOT repeated.
  {
    const printed: Printed = new Map()
    t2(printed, {
      'art20_1.rules|made': '/', 'art20_1.rules|published': '/', 'art20_1.rules|total': '/',
      'art20_1.normative|made': '4', 'art20_1.normative|published': '4', 'art20_1.normative|total': '27',
      'art20_5.licensing|prev_items': '18', 'art20_5.licensing|change': '2', 'art20_5.licensing|decisions': '1342',
      'art20_5.other_services|prev_items': '/', 'art20_5.other_services|change': '/', 'art20_5.other_services|decisions': '/',
      'art20_6.penalty|prev_items': '96', 'art20_6.penalty|change': '-8', 'art20_6.penalty|decisions': '173',
      'art20_6.compulsion|prev_items': '7', 'art20_6.compulsion|change': '0', 'art20_6.compulsion|decisions': '21',
      'art20_8.fees|prev_items': '0', 'art20_8.fees|change': '0',
      'art20_9.procurement|projects': '11', 'art20_9.procurement|amount': '642.37万元',
    })
    print(printed, '三', table3Numbers('2019', 404, { natural: 90, commercial: 25, research: 2, ngo: 3, legal: 8, other: 6 }))
    print(printed, '四', table4Numbers([3, 1, 1, 2], [2, 0, 0, 1], [1, 0, 0, 1]))
    out.push({
      name: 'sample-ecology-bureau-2019-borderless',
      agency: { name: '示例市生态环境局', code: null, level: 'city', kind: 'department', region: null },
      title: '示例市生态环境局',
      office: '示例市生态环境局办公室',
      year: 2019,
      template: '2019',
      printed,
      layout: {
        borders: 'none',
        tableSize: 21,
        t3Grid: [360, 1100, 2270, ...spread(TEXT_WIDTH - 360 - 1100 - 2270, Array(7).fill(1))],
        verticalLabel: 'wrap',
        repeatHeader: false,
        t4Grid: spread(TEXT_WIDTH, Array(15).fill(1)),
        t2Grid: spread(TEXT_WIDTH, [3, 2, 2, 2]),
        cellMargin: 60,
        overviewParagraphs: 8,
        footer: { before: '— ', after: ' —', position: 'center' },
        shadeTitles: false,
        margins: GONGWEN_MARGINS,
      },
      shape:
        'LibreOffice PDF of a Word file in the 2019 trial layout with NO table borders, 五号 宋体. Table 二: "/" in the 规章 row and in the whole 其他对外管理服务事项 row; 本年增/减 -8; 采购总金额 "642.37万元" (unit written in the cell: value 642.37, unit 万元). Table 三: vertical label one character per line (360-twip column); wrapped labels; the table runs over a page break with the footer "— N —" between its rows and the header NOT repeated (like the real 洪泽 PDFs); the break also splits the merged label itself (三、本年度办 at the foot of page 3, 理结果 at the top of page 4) and the （三）不予公开 group (its label on page 3 only). Table 四: 15 narrow columns, headers two characters per line.',
      notes: '',
      expectBreakInTable3: true,
    })
  }

  // 5. County department, 2021 format, the blank template's own widths and margins.
  {
    const printed: Printed = new Map()
    t2(printed, {
      'art20_1.rules|issued': '0', 'art20_1.rules|repealed': '0', 'art20_1.rules|in_force': '0',
      'art20_1.normative|issued': '1', 'art20_1.normative|repealed': '3', 'art20_1.normative|in_force': '12',
      'art20_5.licensing|decisions': '0',
      'art20_6.penalty|decisions': '5', 'art20_6.compulsion|decisions': '0',
      'art20_8.fees|fee_amount': '0.0850',
    })
    print(printed, '三', table3Numbers('2021', 505, { natural: 12, commercial: 2, research: 0, ngo: 0, legal: 1, other: 0 }))
    print(printed, '四', table4Numbers([1, 0, 0, 0], [0, 0, 0, 1], [0, 0, 0, 0]))
    out.push({
      name: 'sample-finance-bureau-2021-template-widths',
      agency: { name: '示例县财政局', code: null, level: 'county', kind: 'department', region: null },
      title: '示例县财政局',
      office: '示例县财政局办公室',
      year: 2021,
      template: '2021',
      printed,
      layout: {
        borders: 'ruled',
        tableSize: 20,
        // The blank template's grids (official-template-2021.blank.docx), tables wider than the text.
        t3Grid: [785, 959, 3406, 714, 714, 714, 714, 714, 714, 714],
        verticalLabel: 'wrap',
        repeatHeader: true,
        t4Grid: [649, 649, 649, 649, 649, 649, 649, 650, 650, 650, 650, 650, 650, 650, 650],
        t2Grid: [2435, 2435, 2435, 2435],
        cellMargin: 108,
        overviewParagraphs: 8,
        footer: { before: '- ', after: ' -', position: 'center' },
        shadeTitles: false,
        margins: TEMPLATE_MARGINS,
      },
      shape:
        'LibreOffice PDF of a Word file with the blank 2021 template\'s own column widths and page margins (tables 9740–9748 twips wide, wider than the 8306-twip text block, centred), 10pt 宋体, Word\'s default 108-twip cell margins. Table 三: the 785-twip merged column prints 三、本年度办理结果 two characters per line (as the template itself does); the table runs over a page break with "- N -" between its rows and the header repeated; the break splits the merged group label （四）无法提供 (（四） on page 3, 无法提供 on page 4). Fee 0.0850 (万元, trailing zero kept in raw).',
      notes: '',
      expectBreakInTable3: true,
    })
  }
  // 6. District bureau, 2021 format, ruled, every zero left blank (the whole table, totals too,
  //    where they are 0), so rows print 1 to 7 of their 7 values: only the borders say which.
  {
    const printed: Printed = new Map()
    t2(printed, {
      'art20_1.rules|issued': '', 'art20_1.rules|repealed': '', 'art20_1.rules|in_force': '',
      'art20_1.normative|issued': '2', 'art20_1.normative|repealed': '', 'art20_1.normative|in_force': '14',
      'art20_5.licensing|decisions': '',
      'art20_6.penalty|decisions': '38', 'art20_6.compulsion|decisions': '',
      'art20_8.fees|fee_amount': '',
    })
    print(printed, '三', table3Numbers('2021', 606, { natural: 41, commercial: 6, research: 0, ngo: 1, legal: 3, other: 0 }), (_id, v) => (v === 0 ? '' : String(v)))
    print(printed, '四', table4Numbers([1, 0, 1, 1], [0, 0, 0, 1], [0, 0, 0, 0]), (_id, v) => (v === 0 ? '' : String(v)))
    out.push({
      name: 'sample-district-bureau-2024-ruled-blanks',
      agency: { name: '示例市示例区市场监督管理局', code: null, level: 'county', kind: 'department', region: null },
      title: '示例市示例区市场监督管理局',
      office: '示例市示例区市场监督管理局办公室',
      year: 2024,
      template: '2021',
      printed,
      layout: {
        borders: 'ruled',
        tableSize: 21,
        t3Grid: [420, 1100, TEXT_WIDTH - 420 - 1100 - 7 * 620, ...Array(7).fill(620)],
        verticalLabel: 'wrap',
        repeatHeader: false,
        t4Grid: spread(TEXT_WIDTH, Array(15).fill(1)),
        t2Grid: spread(TEXT_WIDTH, [3, 2, 2, 2]),
        cellMargin: 60,
        overviewParagraphs: 7,
        footer: { before: '— ', after: ' —', position: 'center' },
        shadeTitles: false,
        margins: GONGWEN_MARGINS,
      },
      shape:
        'LibreOffice PDF of a Word file in the 2021 layout, tables ruled, 五号 宋体, every 0 left blank in all three tables (totals too where they are 0): rows of table 三 print between one and seven of their seven values, so only the cell borders say which column a number is in. Table 二: 规章 blank, 本年废止件数 blank, 行政许可 and 行政强制 blank, fee blank. Table 三 runs over a page break with "— N —" between its rows and its header NOT repeated. Table 四: blanks for every 0, 复议后起诉 all blank.',
      notes: 'Blank cells are blank (raw null), never 0: the validator treats them as blank, as the format asks.',
      expectBreakInTable3: true,
    })
  }

  // 6. City department, 2021 format, a Word table style without outer side borders: the row
  //    borders run to the table's edges, but no vertical line closes the label column on the left
  //    or the 总计 column on the right.
  {
    const printed: Printed = new Map()
    t2(printed, {
      'art20_1.rules|issued': '0', 'art20_1.rules|repealed': '0', 'art20_1.rules|in_force': '0',
      'art20_1.normative|issued': '3', 'art20_1.normative|repealed': '1', 'art20_1.normative|in_force': '27',
      'art20_5.licensing|decisions': '0',
      'art20_6.penalty|decisions': '58', 'art20_6.compulsion|decisions': '0',
      'art20_8.fees|fee_amount': '0',
    })
    print(printed, '三', table3Numbers('2021', 606, { natural: 23, commercial: 6, research: 1, ngo: 0, legal: 2, other: 1 }))
    print(printed, '四', table4Numbers([1, 0, 0, 1], [0, 0, 0, 1], [0, 0, 0, 0]))
    const label = 330
    out.push({
      name: 'sample-audit-bureau-2023-open-sides',
      agency: { name: '示例市审计局', code: null, level: 'city', kind: 'department', region: null },
      title: '示例市审计局',
      office: '示例市审计局办公室',
      year: 2023,
      template: '2021',
      printed,
      layout: {
        borders: 'open',
        tableSize: 21,
        t3Grid: [label, 1000, TEXT_WIDTH - label - 1000 - 7 * 640, ...Array(7).fill(640)],
        verticalLabel: 'wrap',
        repeatHeader: true,
        t4Grid: spread(TEXT_WIDTH, Array(15).fill(1)),
        t2Grid: spread(TEXT_WIDTH, [3, 2, 2, 2]),
        cellMargin: 60,
        overviewParagraphs: 6,
        footer: { before: '- ', after: ' -', position: 'outside' },
        shadeTitles: false,
        margins: GONGWEN_MARGINS,
      },
      shape:
        'LibreOffice PDF of a Word file in the 2021 layout, tables ruled inside and along their tops and bottoms but with NO outer left or right border (a Word table style): the row borders run to the table edges past the outermost vertical lines. 五号 宋体. Table 三: the vertical merged label one character per line; wrapped labels; the table runs over a page break with "- N -" between its rows and its header repeated. Table 四: 15 narrow columns.',
      notes: '',
      expectBreakInTable3: true,
    })
  }
  return out
}

// ---------------------------------------------------------------------------------------------
// Printing through LibreOffice

/** Map the Chinese Word fonts onto the Noto CJK fonts, for LibreOffice only (no system change). */
function fontconfig(dir: string): string {
  const serif = ['宋体', 'SimSun', '仿宋_GB2312', '仿宋', 'FangSong', '楷体', '楷体_GB2312', 'KaiTi', '方正小标宋简体', 'FZXiaoBiaoSong-B05S']
  const sans = ['黑体', 'SimHei', '微软雅黑', 'Microsoft YaHei']
  const alias = (names: string[], to: string) =>
    names.map((n) => `  <alias binding="same"><family>${n}</family><prefer><family>${to}</family></prefer></alias>`).join('\n')
  const file = join(dir, 'fonts.conf')
  writeFileSync(
    file,
    `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n${alias(serif, 'Noto Serif CJK SC')}\n${alias(sans, 'Noto Sans CJK SC')}\n  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n</fontconfig>\n`,
  )
  return file
}

function sofficeVersion(): string {
  return execFileSync('soffice', ['--version'], { encoding: 'utf8' }).trim()
}

function toPdf(docxFiles: string[]): void {
  const work = mkdtempSync(join(tmpdir(), 'gongkai-soffice-'))
  try {
    execFileSync(
      'soffice',
      [`-env:UserInstallation=file://${join(work, 'profile')}`, '--headless', '--convert-to', 'pdf', '--outdir', OUT, ...docxFiles],
      { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, FONTCONFIG_FILE: fontconfig(work) } },
    )
  } finally {
    rmSync(work, { recursive: true, force: true })
  }
}

/** Pages on which table 三's first and last data rows are printed (pdftotext), to check the break. */
function table3Pages(pdf: string): { first: number; last: number } | null {
  let text: string
  try {
    text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' })
  } catch {
    return null
  }
  const pages = text.split('\f')
  const find = (needle: string) => pages.findIndex((p) => p.replace(/\s/g, '').includes(needle)) + 1
  return { first: find('一、本年新收政府信息公开申请数量'), last: find('四、结转下年度继续办理') }
}

async function main() {
  const version = sofficeVersion()
  // GEN_ONLY=name,name regenerates only those (the others' PDFs stay byte for byte as committed).
  const only = process.env.GEN_ONLY?.split(',')
  const list = specs().filter((s) => !only || only.includes(s.name))
  const docxFiles: string[] = []
  for (const spec of list) {
    const file = join(OUT, `${spec.name}.docx`)
    writeFileSync(file, await Packer.toBuffer(buildDocument(spec)))
    docxFiles.push(file)
    writeFileSync(join(OUT, `${spec.name}.expected.cells.json`), JSON.stringify(expectedCells(spec), null, 1) + '\n')
  }
  toPdf(docxFiles)
  for (const spec of list) {
    const pdf = join(OUT, `${spec.name}.pdf`)
    const pages = table3Pages(pdf)
    const size = readFileSync(pdf).length
    const broken = pages ? pages.last > pages.first : null
    if (spec.expectBreakInTable3 && pages && broken === false)
      console.warn(`! ${spec.name}: table 三 is on one page (${pages.first}); adjust overviewParagraphs`)
    const source = {
      file: `${spec.name}.pdf`,
      docx: `${spec.name}.docx`,
      url: null,
      origin: `generated by packages/importer/corpus/generated/make.ts; PDF printed by ${version} (soffice --headless --convert-to pdf), fonts: the Word file names 宋体/仿宋_GB2312/黑体/楷体, printed with Noto Serif/Sans CJK SC (embedded subsets)`,
      generated: true,
      agency: spec.agency,
      year: spec.year,
      template: spec.template,
      format: 'pdf',
      shape: spec.shape,
      partial: false,
      notes: [
        'Fictional agency and invented figures; every identity of docs/REPORT-FORMAT.md §8.1 holds (T3-COL, T3-BAL, T3-SUM, T4-RV/LD/LR).',
        `${spec.name}.docx is the Word file the PDF was printed from; it holds the same cells and can be used as a DOCX input.`,
        'Blank cells are state "blank" (raw null), "/" cells are state "na".',
        pages ? `Table 三 runs from page ${pages.first} to page ${pages.last}.` : '',
        spec.notes,
      ]
        .filter(Boolean)
        .join(' '),
    }
    writeFileSync(join(OUT, `${spec.name}.source.json`), JSON.stringify(source, null, 2) + '\n')
    console.log(`${spec.name}: ${(size / 1024).toFixed(0)} KB, table 三 on pages ${pages ? `${pages.first}–${pages.last}` : '?'}`)
  }
}

await main()
