import {
  outcomeRows,
  applicantColumns,
  orgColumns,
  roundSum,
  rowsInGroup,
  sumCells,
  table3Columns,
  table3Rows,
  T3_GROUPS,
} from './derived.ts'
import { getCell, numericValue, tableGiven } from './cell-access.ts'
import {
  AGENCY_CLASS_FIELDS,
  type AgencyClassField,
  type AgencyKind,
  type AgencyLevel,
  type Cell,
  type ValidationInput,
} from './document.ts'
import { normalizeLabel } from './labels.ts'
import { TABLE_IDS, TABLE_NAMES, cellDef, cellDefs, cellId, templateForYear, type CellDef, type TableId } from './templates.ts'

// The validator: every exact identity of docs/REPORT-FORMAT.md §8.1 as an error, every usual rule of
// §8.2 as a warning. Blank counts as 0 in sums but is never rewritten; a total left blank while
// its parts are not zero is reported as missing, not as wrong. Cells that are "/" or not
// reported make an identity unknowable, so it is not checked rather than guessed.

export const RULES = {
  'T3-COL': { severity: 'error', zh: '表三每行：总计 = 各类申请人之和', en: 'Table 3, each row: total = sum of applicant columns' },
  'T3-BAL': {
    severity: 'error',
    zh: '表三每列：一 + 二 = （七）总计 + 四',
    en: 'Table 3, each column: new + carried in = total handled + carried forward',
  },
  'T3-SUM': { severity: 'error', zh: '表三每列：（七）总计 = 各办理结果之和', en: 'Table 3, each column: total = sum of outcomes' },
  'T3-GRP': { severity: 'error', zh: '发布者添加的小计 = 其所含各项之和', en: "A publisher's subtotal = sum of its children" },
  'T4-RV': { severity: 'error', zh: '行政复议总计 = 四项结果之和', en: 'Reconsideration total = sum of its four outcomes' },
  'T4-LD': { severity: 'error', zh: '未经复议直接起诉总计 = 四项结果之和', en: 'Direct lawsuits total = sum of its four outcomes' },
  'T4-LR': {
    severity: 'error',
    zh: '复议后起诉总计 = 四项结果之和',
    en: 'Lawsuits after reconsideration total = sum of its four outcomes',
  },
  DOM: { severity: 'error', zh: '单元格取值范围', en: 'Cell value domain' },
  UNREAD: {
    severity: 'error',
    zh: '导入时未能读取的单元格须先填写或标为“未报告”',
    en: 'Cells the import could not read must be filled in or marked not reported first',
  },
  'MISSING-TABLE': { severity: 'warning', zh: '表格未在原文中提供', en: 'Table not given in the source' },
  'N-APPLICATIONS': { severity: 'warning', zh: '正文申请数与表三一致', en: 'Applications in the prose match table 3' },
  'N-REVIEWS': { severity: 'warning', zh: '正文行政复议数与表四一致', en: 'Reconsiderations in the prose match table 4' },
  'N-LAWSUITS': { severity: 'warning', zh: '正文行政诉讼数与表四一致', en: 'Lawsuits in the prose match table 4' },
  'N-FEES': { severity: 'warning', zh: '正文收费金额与表二一致', en: 'Fees in the prose match table 2' },
  PCT: { severity: 'warning', zh: '正文百分比以（七）总计为基数', en: 'Prose percentages use the total handled as base' },
  'YOY-CARRY': { severity: 'warning', zh: '上年结转下年 = 本年上年结转', en: "Last year's carried forward = this year's carried in" },
  'YOY-STOCK-2021': {
    severity: 'warning',
    zh: '现行有效件数 ≈ 上年现行有效 + 本年制发 − 本年废止',
    en: 'In force ≈ last year in force + issued − repealed',
  },
  'YOY-ITEMS-2019': {
    severity: 'warning',
    zh: '上一年项目数量 = 上年的上一年项目数量 + 本年增/减',
    en: "Items at start = last year's items + last year's change",
  },
  'T2-ORD': { severity: 'warning', zh: '表二流量不超过存量', en: 'Table 二 flows do not exceed stocks' },
  'T2-MISREAD-2019': { severity: 'warning', zh: '处理决定数量误填为事项数', en: 'Decision counts filled with item counts' },
  'LVL-规章': { severity: 'warning', zh: '无规章制定权的机关填报了规章', en: 'Rules (规章) reported by a body that cannot enact them' },
  'LIT≤RV': {
    severity: 'warning',
    zh: '复议后起诉通常不多于行政复议',
    en: 'Lawsuits after reconsideration usually do not exceed reconsiderations',
  },
  PERIOD: {
    severity: 'warning',
    zh: '统计期限为报告年度的1月1日至12月31日',
    en: 'The statistics period is 1 January to 31 December of the report year',
  },
  UNIT: { severity: 'warning', zh: '金额单位', en: 'Money units' },
  VERSION: { severity: 'warning', zh: '表格格式与报告年度相符', en: 'The template fits the report year' },
} as const

export type RuleId = keyof typeof RULES
export type Severity = 'error' | 'warning'

export interface CellRef {
  table: TableId
  /** Template cell id (`rowKey|columnKey`), or `extra:N` for a non-template cell. */
  id: string
  row: string[]
  column: string[]
}

export interface Finding {
  rule: RuleId
  severity: Severity
  kind: 'mismatch' | 'missing_total' | 'domain' | 'plausibility' | 'missing_table'
  /** The cells involved, the one most likely wrong first (the total, for sums). */
  cells: CellRef[]
  expected: number | null
  actual: number | null
  message: { zh: string; en: string }
}

export interface ValidateOptions {
  /** The same agency's report for the previous year, for the cross-year rules. */
  previous?: ValidationInput
}

/** A rule not checked because the input does not give what it depends on. */
export interface SkippedRule {
  rule: RuleId
  /** The agency fields the input does not give. */
  missing: AgencyClassField[]
  message: { zh: string; en: string }
}

export interface ValidationResult {
  ok: boolean
  errors: number
  warnings: number
  findings: Finding[]
  /** Rules not checked, and why; empty for a report document, which always says who published it. */
  skipped: SkippedRule[]
}

// ---------------------------------------------------------------------------------------------

function ref(def: CellDef): CellRef {
  return { table: def.table, id: def.id, row: def.rowPath, column: def.columnPath }
}

function describeZh(def: CellDef): string {
  const row = def.rowPath.length ? `「${def.rowPath[def.rowPath.length - 1]}」` : ''
  return `表${def.table}${row}「${def.columnPath.join('·')}」`
}

function describeEn(def: CellDef): string {
  const row = def.rowPath.length ? ` "${def.row.en}"` : ''
  return `table ${TABLE_NAMES[def.table].number}${row} / ${def.column.en}`
}

const fmt = (n: number | null) => (n === null ? '—' : String(roundSum(n)))

class Checker {
  readonly findings: Finding[] = []
  /** Totals reported as missing; identities that rest on them are not also called wrong. */
  readonly missingTotals = new Set<string>()
  readonly skipped: SkippedRule[] = []

  constructor(readonly doc: ValidationInput) {}

  /** The agency's level and kind, or null (with the rule recorded as skipped) when either is missing. */
  agencyClassFor(rule: RuleId): { level: AgencyLevel; kind: AgencyKind } | null {
    const { level, kind } = this.doc.agency
    if (level && kind) return { level, kind }
    const missing = AGENCY_CLASS_FIELDS.filter((f) => !this.doc.agency[f])
    const zh = missing.map((f) => (f === 'level' ? '层级（agency.level）' : '类型（agency.kind）')).join('和')
    const en = missing.map((f) => `agency.${f}`).join(' and ')
    this.skipped.push({
      rule,
      missing,
      message: {
        zh: `未检查「${RULES[rule].zh}」：输入未提供机关${zh}`,
        en: `Not checked, "${RULES[rule].en}": the input does not give ${en}`,
      },
    })
    return null
  }

  def(table: TableId, id: string): CellDef {
    const d = cellDef(this.doc.template, table, id)
    if (!d) throw new Error(`no cell ${table}:${id} in template ${this.doc.template}`)
    return d
  }

  cell(table: TableId, id: string): Cell {
    return getCell(this.doc, table, id)
  }

  add(
    rule: RuleId,
    kind: Finding['kind'],
    cells: CellRef[],
    expected: number | null,
    actual: number | null,
    zh: string,
    en: string,
    severity: Severity = RULES[rule].severity,
  ) {
    this.findings.push({ rule, severity, kind, cells, expected, actual, message: { zh, en } })
  }

  /**
   * total = Σ parts. Unknowable when a part or the total is "/" or not reported. A blank total
   * with parts that add up to more than 0 is a missing total.
   */
  sum(rule: RuleId, table: TableId, totalId: string, partIds: readonly string[]) {
    const total = this.cell(table, totalId)
    const parts = sumCells(this.doc, table, partIds)
    const totalDef = this.def(table, totalId)
    const cells = [ref(totalDef), ...partIds.map((id) => ref(this.def(table, id)))]
    if (parts === null) return
    // A part that is itself a missing total makes this sum unknowable, not wrong.
    if (partIds.some((id) => this.missingTotals.has(`${table}:${id}`))) return
    if ((total.state === 'blank' || total.state === 'not_reported') && parts > 0) {
      this.missingTotals.add(`${table}:${totalId}`)
      this.add(
        rule,
        'missing_total',
        cells,
        parts,
        null,
        `${describeZh(totalDef)}未填写，而其各项之和为 ${fmt(parts)}（缺少总计，不是总计错误）`,
        `${describeEn(totalDef)} is not filled in while its parts add up to ${fmt(parts)} (missing total, not a wrong one)`,
      )
      return
    }
    const value = numericValue(total)
    if (value === null || roundSum(value) === parts) return
    this.add(
      rule,
      'mismatch',
      cells,
      parts,
      value,
      `${describeZh(totalDef)}为 ${fmt(value)}，但各项之和为 ${fmt(parts)}`,
      `${describeEn(totalDef)} is ${fmt(value)} but its parts add up to ${fmt(parts)}`,
    )
  }
}

// ---------------------------------------------------------------------------------------------
// Exact identities

/** Above this many "/" cells in a table, one finding names them all (a table filled with "/" is one thing to fix). */
const SLASHES_ONE_BY_ONE = 3

function checkDomains(c: Checker) {
  for (const table of TABLE_IDS) {
    const slashes: Array<ReturnType<typeof cellDefs>[number]> = []
    for (const def of cellDefs(c.doc.template, table)) {
      const cell = c.cell(table, def.id)
      const d = def.column.domain
      // In table 二, "/" is how a body marks a row that does not apply to it (规章, for most).
      // In tables 三 and 四 every cell applies, so "/" stands where a number (maybe 0) belongs.
      if (cell.state === 'na' && table !== '二') {
        slashes.push(def)
        continue
      }
      if (cell.state !== 'value') continue
      const v = cell.value
      const bad = d === 'count' ? !Number.isInteger(v) || v < 0 : d === 'signed' ? !Number.isInteger(v) : v < 0
      if (!bad) continue
      const want = {
        count: ['非负整数', 'a non-negative whole number'],
        signed: ['整数', 'a whole number'],
        decimal: ['非负数', 'a non-negative number'],
      }[d]
      c.add(
        'DOM',
        'domain',
        [ref(def)],
        null,
        v,
        `${describeZh(def)}为 ${v}，应为${want[0]}`,
        `${describeEn(def)} is ${v}; it must be ${want[1]}`,
      )
    }
    if (slashes.length > SLASHES_ONE_BY_ONE) {
      const first = slashes[0]
      if (first)
        c.add(
          'DOM',
          'domain',
          slashes.map(ref),
          null,
          null,
          `表${table}有 ${slashes.length} 个单元格填写了“/”（${describeZh(first)}等），此处应为数字（可为0）`,
          `${slashes.length} cells of table ${table} hold "/" (${describeEn(first)} and others) where numbers (possibly 0) are expected`,
          'warning',
        )
    } else
      for (const def of slashes)
        c.add(
          'DOM',
          'domain',
          [ref(def)],
          null,
          null,
          `${describeZh(def)}填写了“/”，此处应为数字（可为0）`,
          `${describeEn(def)} holds "/" where a number (possibly 0) is expected`,
          'warning',
        )
  }
}

function checkTable3(c: Checker) {
  const t = c.doc.template
  const cols = applicantColumns(t)
  const rows = table3Rows(t)
  for (const r of rows)
    c.sum(
      'T3-COL',
      '三',
      cellId(r.key, 'total'),
      cols.map((col) => cellId(r.key, col.key)),
    )
  const outcomes = outcomeRows(t)
  for (const col of [...cols, { key: 'total' }]) {
    c.sum(
      'T3-SUM',
      '三',
      cellId('total', col.key),
      outcomes.map((r) => cellId(r.key, col.key)),
    )
  }
  for (const col of [...cols, { key: 'total' }]) {
    const lhs = ['new', 'carried_in'].map((k) => cellId(k, col.key))
    const rhs = ['total', 'carried_out'].map((k) => cellId(k, col.key))
    if ([...lhs, ...rhs].some((id) => c.missingTotals.has(`三:${id}`))) continue
    const a = sumCells(c.doc, '三', lhs)
    const b = sumCells(c.doc, '三', rhs)
    if (a === null || b === null || a === b) continue
    const colDef = c.def('三', cellId('new', col.key)).column
    const cells = [...rhs, ...lhs].map((id) => ref(c.def('三', id)))
    c.add(
      'T3-BAL',
      'mismatch',
      cells,
      a,
      b,
      `表三「${colDef.label}」列：一 + 二 = ${fmt(a)}，但（七）总计 + 四 = ${fmt(b)}`,
      `Table 3, column "${colDef.en}": new + carried in = ${fmt(a)}, but total handled + carried forward = ${fmt(b)}`,
    )
  }
}

function checkTable3Extras(c: Checker) {
  const t = c.doc.template
  const groupLabels = new Map(
    Object.values(T3_GROUPS)
      .filter((g) => rowsInGroup(t, g).length > 0)
      .map((g) => [normalizeLabel(g), g]),
  )
  const columnsByLabel = new Map(table3Columns(t).map((col) => [normalizeLabel(col.label), col]))
  const rowsByLabel = new Map(table3Rows(t).map((r) => [normalizeLabel(r.label), r]))
  c.doc.tables['三'].extras.forEach((extra, i) => {
    const value = numericValue(extra.cell)
    const rowLabel = normalizeLabel(extra.row[extra.row.length - 1] ?? '')
    const colLabel = normalizeLabel(extra.column[extra.column.length - 1] ?? '')
    let partIds: string[] | null = null
    const group = groupLabels.get(rowLabel)
    const col = columnsByLabel.get(colLabel)
    if (group && col) partIds = rowsInGroup(t, group).map((r) => cellId(r.key, col.key))
    const row = rowsByLabel.get(rowLabel)
    // The 法人或其他组织 total: a column of that name, or its 小计 / 合计.
    const orgTotal =
      colLabel === normalizeLabel('法人或其他组织') ||
      (['小计', '合计'].map(normalizeLabel).includes(colLabel) &&
        extra.column.some((l) => normalizeLabel(l) === normalizeLabel('法人或其他组织')))
    if (!partIds && row && orgTotal) partIds = orgColumns(t).map((oc) => cellId(row.key, oc.key))
    if (!partIds) return
    const parts = sumCells(c.doc, '三', partIds)
    if (parts === null || value === null || roundSum(value) === parts) return
    const self: CellRef = { table: '三', id: `extra:${i}`, row: extra.row, column: extra.column }
    const name = `${extra.row[extra.row.length - 1]}×${extra.column[extra.column.length - 1]}`
    c.add(
      'T3-GRP',
      'mismatch',
      [self, ...partIds.map((id) => ref(c.def('三', id)))],
      parts,
      value,
      `表三小计「${name}」为 ${fmt(value)}，但其各项之和为 ${fmt(parts)}`,
      `Table 3 subtotal "${name}" is ${fmt(value)} but its parts add up to ${fmt(parts)}`,
    )
  })
}

function checkTable4(c: Checker) {
  for (const [rule, prefix] of [
    ['T4-RV', 'rv'],
    ['T4-LD', 'ld'],
    ['T4-LR', 'lr'],
  ] as const) {
    c.sum(
      rule,
      '四',
      cellId('main', `${prefix}_total`),
      ['upheld', 'corrected', 'other', 'pending'].map((k) => cellId('main', `${prefix}_${k}`)),
    )
  }
}

// ---------------------------------------------------------------------------------------------
// Usual rules (warnings)

function checkUnread(c: Checker) {
  for (const table of TABLE_IDS) {
    const ids = Object.keys(c.doc.tables[table].unread ?? {}).filter((id) => getCell(c.doc, table, id).state === 'not_reported')
    if (!ids.length) continue
    const refs = ids.flatMap((id) => {
      const d = cellDef(c.doc.template, table, id)
      return d ? [{ table, id, row: d.rowPath, column: d.columnPath }] : []
    })
    c.add(
      'UNREAD',
      'missing_table',
      refs,
      null,
      ids.length,
      `表${table}有 ${ids.length} 个单元格在原文中但未能读取，请对照原件填写，或标为“未报告”`,
      `Table ${TABLE_NAMES[table].number} has ${ids.length} cell(s) that are in the source but were not read: fill them in from the original, or mark them not reported`,
    )
  }
}

function checkMissingTables(c: Checker) {
  for (const table of TABLE_IDS) {
    if (tableGiven(c.doc, table) || Object.keys(c.doc.tables[table].unread ?? {}).length) continue
    c.add(
      'MISSING-TABLE',
      'missing_table',
      [],
      null,
      null,
      `表${table}未在原文中提供，无法核对其数据`,
      `Table ${TABLE_NAMES[table].number} is not given in the source, so its figures cannot be checked`,
    )
  }
}

function value(c: Checker, table: TableId, id: string): number | null {
  return numericValue(c.cell(table, id))
}

function checkProse(c: Checker) {
  // `also`: another reading the same words have in real reports, which is no mismatch either.
  const compare = (rule: RuleId, metric: string, table: TableId, ids: string[], scale = 1, also: string[] | null = null) => {
    const actual = sumCells(c.doc, table, ids)
    if (actual === null || !tableGiven(c.doc, table)) return
    const other = also ? sumCells(c.doc, table, also) : null
    for (const f of c.doc.keyFigures.filter((k) => k.metric === metric)) {
      const prose = roundSum(f.value * (f.unit === '元' ? 1 / 10_000 : 1) * scale)
      if (prose === actual || (other !== null && prose === other)) continue
      c.add(
        rule,
        'mismatch',
        ids.map((id) => ref(c.def(table, id))),
        actual,
        f.value,
        `正文“${f.sentence}”称 ${f.value}${f.unit}，但表${table}为 ${fmt(actual)}`,
        `The prose says ${f.value}${f.unit === '万元' ? ' × 10,000 CNY' : f.unit === '元' ? ' CNY' : ''} ("${f.sentence}") but table ${TABLE_NAMES[table].number} has ${fmt(actual)}`,
      )
    }
  }
  // "收到申请75件" counts this year's new applications in some reports and, as often, those
  // carried in from last year too (平潭 2022: 74 new and 1 carried in): either agrees.
  compare('N-APPLICATIONS', 'applications_received', '三', [cellId('new', 'total')], 1, [
    cellId('new', 'total'),
    cellId('carried_in', 'total'),
  ])
  compare('N-REVIEWS', 'reviews_total', '四', [cellId('main', 'rv_total')])
  compare('N-LAWSUITS', 'lawsuits_total', '四', [cellId('main', 'ld_total'), cellId('main', 'lr_total')])
  // Like with like: table 二's fee is 行政事业性收费 in 万元. The 信息处理费 a report states in part
  // 六 (fees for answering applications, in 元) is another thing and is never compared with it.
  if (c.doc.template === '2021') compare('N-FEES', 'admin_fees', '二', [cellId('art20_8.fees', 'fee_amount')])
}

function checkPercentages(c: Checker) {
  const handled = value(c, '三', cellId('total', 'total'))
  const received = value(c, '三', cellId('new', 'total'))
  const disclosed = sumCells(c.doc, '三', [cellId('disclosed', 'total'), cellId('partial', 'total')])
  if (!handled || disclosed === null) return
  for (const f of c.doc.keyFigures.filter((k) => k.unit === '%' && /公开/.test(k.label))) {
    const byHandled = Math.round((disclosed / handled) * 10_000) / 100
    if (Math.abs(f.value - byHandled) < 0.05) continue
    const byReceived = received ? Math.round((disclosed / received) * 10_000) / 100 : null
    const why = byReceived !== null && Math.abs(f.value - byReceived) < 0.05 ? '（以收到申请数为基数）' : ''
    const whyEn = why ? ' (it uses applications received as base)' : ''
    c.add(
      'PCT',
      'plausibility',
      [ref(c.def('三', cellId('total', 'total')))],
      byHandled,
      f.value,
      `正文百分比 ${f.value}% 与（七）总计计算的 ${byHandled}% 不符${why}`,
      `The prose percentage ${f.value}% differs from ${byHandled}% computed on the total handled${whyEn}`,
    )
  }
}

function checkPreviousYear(c: Checker, prev: ValidationInput) {
  if (prev.year !== c.doc.year - 1) return
  // YOY-CARRY holds across the 2019 → 2021 change: table 三's columns are the same.
  for (const col of table3Columns(c.doc.template)) {
    const before = numericValue(getCell(prev, '三', cellId('carried_out', col.key)))
    const now = value(c, '三', cellId('carried_in', col.key))
    if (before === null || now === null || before === now) continue
    c.add(
      'YOY-CARRY',
      'plausibility',
      [ref(c.def('三', cellId('carried_in', col.key)))],
      before,
      now,
      `「${col.label}」本年上年结转为 ${now}，上年报告结转下年为 ${before}`,
      `"${col.en}": carried in is ${now}, but last year's report carried ${before} forward`,
    )
  }
  if (c.doc.template === '2021' && prev.template === '2021') {
    for (const row of ['rules', 'normative']) {
      const id = (col: string) => cellId(`art20_1.${row}`, col)
      const before = numericValue(getCell(prev, '二', id('in_force')))
      const issued = value(c, '二', id('issued'))
      const repealed = value(c, '二', id('repealed'))
      const now = value(c, '二', id('in_force'))
      if (before === null || issued === null || repealed === null || now === null) continue
      const expected = before + issued - repealed
      if (expected === now) continue
      const def = c.def('二', id('in_force'))
      c.add(
        'YOY-STOCK-2021',
        'plausibility',
        [ref(def), ref(c.def('二', id('issued'))), ref(c.def('二', id('repealed')))],
        expected,
        now,
        `${describeZh(def)}为 ${now}，按上年 ${before} + 制发 ${issued} − 废止 ${repealed} 应为 ${expected}`,
        `${describeEn(def)} is ${now}; last year's ${before} + ${issued} issued − ${repealed} repealed gives ${expected}`,
      )
    }
  }
  if (c.doc.template === '2019' && prev.template === '2019') {
    for (const def of cellDefs('2019', '二').filter((d) => d.column.key === 'prev_items')) {
      const before = numericValue(getCell(prev, '二', def.id))
      const change = numericValue(getCell(prev, '二', cellId(def.row.key, 'change')))
      const now = value(c, '二', def.id)
      if (before === null || change === null || now === null || before + change === now) continue
      c.add(
        'YOY-ITEMS-2019',
        'plausibility',
        [ref(def)],
        before + change,
        now,
        `${describeZh(def)}为 ${now}，按上年 ${before} 与增减 ${change} 应为 ${before + change}`,
        `${describeEn(def)} is ${now}; last year's ${before} with a change of ${change} gives ${before + change}`,
      )
    }
  }
}

function checkTable2(c: Checker) {
  const t = c.doc.template
  for (const row of ['rules', 'normative']) {
    const id = (col: string) => cellId(`art20_1.${row}`, col)
    const le = (smallCol: string, bigCols: string[], zh: string, en: string) => {
      const small = value(c, '二', id(smallCol))
      const big = sumCells(c.doc, '二', bigCols.map(id))
      if (small === null || big === null || small <= big) return
      const def = c.def('二', id(smallCol))
      c.add(
        'T2-ORD',
        'plausibility',
        [ref(def), ...bigCols.map((k) => ref(c.def('二', id(k))))],
        big,
        small,
        `${describeZh(def)}为 ${small}，${zh}（${big}）`,
        `${describeEn(def)} is ${small}, ${en} (${big})`,
      )
    }
    if (t === '2019') {
      le('published', ['total'], '超过对外公开总数量', 'more than the total disclosed')
      le('published', ['made'], '超过本年新制作数量', 'more than newly made this year')
    } else {
      le('issued', ['in_force', 'repealed'], '超过现行有效件数与本年废止件数之和', 'more than in force plus repealed')
    }
  }
  if (t === '2019') {
    const suspicious = cellDefs('2019', '二')
      .filter((d) => d.column.key === 'decisions')
      .filter((d) => {
        const prev = value(c, '二', cellId(d.row.key, 'prev_items'))
        const change = value(c, '二', cellId(d.row.key, 'change'))
        const decisions = value(c, '二', d.id)
        return prev !== null && change !== null && decisions !== null && prev + change > 0 && decisions === prev + change
      })
    if (suspicious.length >= 2) {
      c.add(
        'T2-MISREAD-2019',
        'plausibility',
        suspicious.map(ref),
        null,
        null,
        `${suspicious.map(describeZh).join('、')}均等于“上一年项目数量 + 本年增/减”，疑似误填为事项数`,
        `${suspicious.map(describeEn).join(', ')} all equal items + change: the decision counts look filled with item counts`,
      )
    }
  }
  checkRulesEnactment(c)
  // Money units: 2021 fees are in 万元; 2019 procurement states no unit, so a bare number is ambiguous.
  if (t === '2021') {
    const cell = c.cell('二', cellId('art20_8.fees', 'fee_amount'))
    if (cell.state === 'value' && cell.unit && cell.unit !== '万元') {
      const def = c.def('二', cellId('art20_8.fees', 'fee_amount'))
      c.add(
        'UNIT',
        'plausibility',
        [ref(def)],
        null,
        cell.value,
        `${describeZh(def)}以“${cell.unit}”填报，模板单位为万元`,
        `${describeEn(def)} is given in ${cell.unit}; the template's unit is 万元`,
      )
    }
  } else {
    const cell = c.cell('二', cellId('art20_9.procurement', 'amount'))
    if (cell.state === 'value' && !cell.unit) {
      const def = c.def('二', cellId('art20_9.procurement', 'amount'))
      c.add(
        'UNIT',
        'plausibility',
        [ref(def)],
        null,
        cell.value,
        `${describeZh(def)}未注明单位（模板未规定单位，常见为万元或元）`,
        `${describeEn(def)} has no unit (the template states none; 万元 and 元 are both used)`,
      )
    }
  }
}

/**
 * Only some bodies may enact rules (规章): State Council departments, and provincial and city
 * governments (report-format §8.2, LVL-规章). Any other body reporting 规章 is warned: a county or
 * township has likely counted internal regulations; a province's or city's department or general
 * office may be reporting its government's rules (上海市人民政府办公厅 2019 reports the city's 13),
 * which the warning asks it to say.
 */
function checkRulesEnactment(c: Checker) {
  const agency = c.agencyClassFor('LVL-规章')
  if (!agency) return
  const { level, kind } = agency
  if (level === 'national' || ((level === 'province' || level === 'city') && kind === 'government')) return
  const cells = cellDefs(c.doc.template, '二').filter((d) => d.row.key === 'art20_1.rules' && (value(c, '二', d.id) ?? 0) > 0)
  const [first] = cells
  if (!first) return
  const local = level === 'county' || level === 'township'
  c.add(
    'LVL-规章',
    'plausibility',
    cells.map(ref),
    0,
    value(c, '二', first.id),
    local
      ? `本机关无规章制定权，但「规章」行填报了数字（内部规章制度不属于规章）`
      : `本部门无规章制定权，但「规章」行填报了数字；如填报的是本级政府的规章，请在报告中说明`,
    local
      ? `This body cannot enact rules (规章) but the 规章 row has figures (internal regulations are not 规章)`
      : `This department cannot enact rules (规章) but the 规章 row has figures; if they are its government's rules, the report should say so`,
  )
}

function checkTable4Plausibility(c: Checker) {
  const rv = value(c, '四', cellId('main', 'rv_total'))
  const lr = value(c, '四', cellId('main', 'lr_total'))
  if (rv !== null && lr !== null && lr > rv) {
    c.add(
      'LIT≤RV',
      'plausibility',
      [ref(c.def('四', cellId('main', 'lr_total'))), ref(c.def('四', cellId('main', 'rv_total')))],
      rv,
      lr,
      `复议后起诉总计 ${lr} 多于行政复议总计 ${rv}（可能来自往年或其他机关的复议，请核实）`,
      `Lawsuits after reconsideration (${lr}) exceed reconsiderations (${rv}); check whether they follow earlier reviews`,
    )
  }
}

function checkMeta(c: Checker) {
  const { year, period, template } = c.doc
  if (period && (period.start !== `${year}-01-01` || period.end !== `${year}-12-31`)) {
    c.add(
      'PERIOD',
      'plausibility',
      [],
      null,
      null,
      `统计期限为 ${period.start} 至 ${period.end}，应为 ${year} 年1月1日至12月31日`,
      `The statistics period is ${period.start} to ${period.end}; it should be 1 January to 31 December ${year}`,
    )
  }
  const due = templateForYear(year)
  if (template !== due) {
    c.add(
      'VERSION',
      'plausibility',
      [],
      null,
      null,
      `${year}年度报告应使用${due}年格式，本报告为${template}年格式`,
      `A ${year} report is due in the ${due} format; this one uses the ${template} format`,
    )
  }
}

// ---------------------------------------------------------------------------------------------

/**
 * Check a report against every rule. When the input does not give the agency's level or kind,
 * the rules that need them are not run, and are listed in `skipped`.
 */
export function validateReport(doc: ValidationInput, options: ValidateOptions = {}): ValidationResult {
  const c = new Checker(doc)
  checkDomains(c)
  checkTable3(c)
  checkTable3Extras(c)
  checkTable4(c)
  checkUnread(c)
  checkMissingTables(c)
  checkProse(c)
  checkPercentages(c)
  if (options.previous) checkPreviousYear(c, options.previous)
  checkTable2(c)
  checkTable4Plausibility(c)
  checkMeta(c)
  const errors = c.findings.filter((f) => f.severity === 'error').length
  return { ok: errors === 0, errors, warnings: c.findings.length - errors, findings: c.findings, skipped: c.skipped }
}
