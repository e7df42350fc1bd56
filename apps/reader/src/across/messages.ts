import { useI18n } from '../i18n.ts'

// The strings of the pages across reports (compare, stats, compliance, regions), kept beside them
// so the shared message file stays as it is. Same rules as i18n.ts: {named} slots, Chinese
// fallback, re-rendered when the locale changes.

const zh = {
  compare: {
    title: '对比报告',
    intro: '最多可对比 6 份报告。在报告页或统计排名中点击“加入对比”。',
    need: '请至少选择 2 份报告。',
    add: '加入对比',
    added: '已加入对比（{n}/6）',
    full: '对比已满 6 份',
    remove: '移出对比：{title}',
    open: '查看对比（{n}）',
    keyFigures: '主要数据',
    tables: '表格逐项对比',
    onlyDiff: '只看不同之处',
    differs: '不同',
    same: '相同',
    notComparable: '不可比',
    table: '表{t}',
    item: '项目',
    mapping: {
      same: '',
      merged: '2021年格式为三项合计',
      renamed: '两版格式名称不同',
      different: '两版格式含义不同',
      only_2019: '仅2019年格式',
      only_2021: '仅2021年格式',
    },
    share: '分享此对比',
    empty: '尚未选择报告。',
  },
  value: { blank: '空白', na: '/（不适用）', not_reported: '未提供', not_in_template: '格式无此项', zero_denominator: '分母为0', sum: '合计' },
  stats: {
    title: '统计排名',
    metric: '指标',
    year: '年度',
    level: '层级',
    kind: '机关类型',
    region: '行政区划代码',
    regionHint: '如 3301；留空为全部',
    any: '全部',
    apply: '查看',
    total: '合计 {value}，计入 {n} 份报告',
    totalUnknown: '没有可计入的报告',
    chartTitle: '{metric}：{year}排名',
    chartDesc: '共 {n} 个机关。第一名 {first}，为 {value}。',
    chartEmpty: '没有数据可以排名。',
    rank: '名次',
    agency: '机关',
    value: '数值',
    excluded: '未计入的报告（{n}）',
    missing: '没有该年度报告的机关（{n}）',
    missingNoYear: '选择年度后可查看没有报告的机关。',
    svg: '下载图表（SVG）',
    csv: '下载数据（CSV）',
    notComparable: '所选年度跨越2019与2021年格式，此指标含义不同，合计仅供参考。',
    allYears: '全部年度',
    top: '图中显示前 {n} 名，表格列出全部。',
  },
  level: { national: '国家级', province: '省级', city: '市级', county: '县级', township: '乡镇级' },
  kind: { government: '人民政府', department: '部门' },
  board: {
    title: '年度报告按时发布情况',
    intro: '法定期限：部门为次年1月31日，人民政府为次年3月31日（北京时间）。',
    counts: '共 {agencies} 个机关：按时 {on_time}，逾期发布 {late}，逾期未发布 {missing}，尚未到期 {not_due}，已撤回 {withdrawn}；发布后更正 {corrected}。',
    deadline: '截止',
    status: '状态',
    published: '发布日期',
    lateBy: '逾期 {n} 天',
    overdue: '已逾期 {n} 天',
    corrections: '更正',
    correctionsN: '{n} 次',
    checks: '核对结果',
    errors: '错误 {e}，提示 {w}',
    feed: '逾期与更正的订阅源（Atom）',
    region: '该地区汇总：{name}',
  },
  region: {
    title: '{name} {year}年度汇总',
    reports: '计入 {n} 份已发布报告',
    subregions: '下级地区',
    agencies: '机关及发布情况',
    consolidation: '政府报告与所属部门合计的差异',
  },
  offline: { fetched: '网络不可用：以下是 {when} 获取并保存在本机的数据，之后可能已有更新。' },
  loading: '正在加载…',
  error: '加载失败：{message}',
}

type Messages = typeof zh
type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> }

const en: Shape<Messages> = {
  compare: {
    title: 'Compare reports',
    intro: 'Compare up to 6 reports. Choose “Add to compare” on a report or in the rankings.',
    need: 'Choose at least 2 reports.',
    add: 'Add to compare',
    added: 'Added to compare ({n}/6)',
    full: 'Compare holds 6 reports already',
    remove: 'Remove from compare: {title}',
    open: 'Open the comparison ({n})',
    keyFigures: 'Key figures',
    tables: 'The tables, line by line',
    onlyDiff: 'Only the differences',
    differs: 'differs',
    same: 'same',
    notComparable: 'not comparable',
    table: 'Table {t}',
    item: 'Item',
    mapping: {
      same: '',
      merged: 'sum of three rows in the 2021 format',
      renamed: 'named differently in the two formats',
      different: 'means something different in the two formats',
      only_2019: '2019 format only',
      only_2021: '2021 format only',
    },
    share: 'Share this comparison',
    empty: 'No reports chosen yet.',
  },
  value: { blank: 'blank', na: '/ (n/a)', not_reported: 'not given', not_in_template: 'not in this format', zero_denominator: 'denominator 0', sum: 'sum' },
  stats: {
    title: 'Rankings',
    metric: 'Metric',
    year: 'Year',
    level: 'Level',
    kind: 'Kind of agency',
    region: 'Region code',
    regionHint: 'e.g. 3301; empty for all',
    any: 'All',
    apply: 'Show',
    total: 'Total {value}, over {n} reports',
    totalUnknown: 'No report can be counted',
    chartTitle: '{metric}: ranking, {year}',
    chartDesc: '{n} agencies. First: {first}, with {value}.',
    chartEmpty: 'Nothing to rank.',
    rank: 'Rank',
    agency: 'Agency',
    value: 'Value',
    excluded: 'Reports not counted ({n})',
    missing: 'Agencies without a report for the year ({n})',
    missingNoYear: 'Choose a year to see the agencies without a report.',
    svg: 'Download the chart (SVG)',
    csv: 'Download the data (CSV)',
    notComparable: 'The years span the 2019 and 2021 formats, which define this metric differently; the total is indicative only.',
    allYears: 'all years',
    top: 'The chart shows the first {n}; the table lists all.',
  },
  level: { national: 'National', province: 'Province', city: 'City', county: 'County', township: 'Township' },
  kind: { government: 'Government', department: 'Department' },
  board: {
    title: 'Were the annual reports published on time?',
    intro: 'Statutory deadline: 31 January for departments, 31 March for governments, of the next year (Beijing time).',
    counts: '{agencies} agencies: {on_time} on time, {late} late, {missing} missing, {not_due} not yet due, {withdrawn} withdrawn; {corrected} corrected after publication.',
    deadline: 'Deadline',
    status: 'Status',
    published: 'Published',
    lateBy: '{n} days late',
    overdue: '{n} days overdue',
    corrections: 'Corrections',
    correctionsN: '{n}',
    checks: 'Checks',
    errors: '{e} errors, {w} warnings',
    feed: 'Feed of late and corrected reports (Atom)',
    region: 'Totals of region {name}',
  },
  region: {
    title: '{name}: totals for {year}',
    reports: '{n} published reports counted',
    subregions: 'Sub-regions',
    agencies: 'Agencies and their status',
    consolidation: "A government's report against the sum of its departments'",
  },
  offline: { fetched: 'No network: this is the data fetched on {when} and kept on this device; it may have changed since.' },
  loading: 'Loading…',
  error: 'Could not load: {message}',
}

type Tree = { readonly [k: string]: string | Tree }

function lookup(tree: Tree, key: string): string | undefined {
  let node: string | Tree | undefined = tree
  for (const part of key.split('.')) node = typeof node === 'object' ? node[part] : undefined
  return typeof node === 'string' ? node : undefined
}

export function useAcross() {
  const { locale } = useI18n()
  const tx = (key: string, params: Readonly<Record<string, string | number>> = {}): string => {
    const message = lookup(locale.value === 'en' ? en : zh, key) ?? lookup(zh, key) ?? key
    return message.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? ''))
  }
  const num = (v: number | null | undefined, unit = '') => (v === null || v === undefined ? '' : `${v.toLocaleString(locale.value === 'en' ? 'en' : 'zh-CN', { maximumFractionDigits: 2 })}${unit === '%' ? '%' : unit ? (locale.value === 'en' ? ` ${unit}` : unit) : ''}`)
  return { tx, num, locale }
}
