import { useI18n } from '../i18n.ts'

// The strings of the pages across reports (compare, stats, compliance, regions), kept beside them
// so the shared message file stays as it is. Same rules as i18n.ts: {named} slots, Chinese
// fallback, re-rendered when the locale changes. Here are the machinery and the strings two or more
// of these pages show; each page keeps its own in across/strings/ (its chunk only), so a visit to
// one page does not load the others' strings.

/** A table of strings, nested by key. */
export type Strings = { readonly [k: string]: string | Strings }
/** The English table of a Chinese one: the same keys, any text. */
export type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> }
/** A page's strings in both languages; the types hold both to the same keys. */
export interface Bilingual {
  zh: Strings
  en: Strings
}
export const bilingual = <T extends Strings>(zh: T, en: Shape<T>): Bilingual => ({ zh, en })

export const shared = bilingual(
  {
    value: {
      blank: '空白',
      na: '/（不适用）',
      not_reported: '未提供',
      not_in_template: '格式无此项',
      zero_denominator: '分母为0',
      sum: '合计',
    },
    // The filter form (AcrossFilters) and the region page's year.
    filter: {
      metric: '指标',
      year: '年度',
      level: '层级',
      kind: '机关类型',
      region: '行政区划代码',
      regionHint: '如 3301；留空为全部',
      any: '全部',
      apply: '查看',
      allYears: '全部年度',
    },
    level: { national: '国家级', province: '省级', city: '市级', county: '县级', township: '乡镇级' },
    kind: { government: '人民政府', department: '部门' },
    agency: '机关',
    keyFigures: '主要数据',
    differs: '不同',
    counts:
      '共 {agencies} 个机关：按时 {on_time}，逾期发布 {late}，逾期未发布 {missing}，尚未到期 {not_due}，已撤回 {withdrawn}；发布后更正 {corrected}。',
    offline: { fetched: '网络不可用：以下是 {when} 获取并保存在本机的数据，之后可能已有更新。' },
    loading: '正在加载…',
    error: '加载失败：{message}',
    more: '显示更多机关（已显示 {shown} / {total}）',
    moreFailed: '未能加载更多：{message}',
  },
  {
    value: {
      blank: 'blank',
      na: '/ (n/a)',
      not_reported: 'not given',
      not_in_template: 'not in this format',
      zero_denominator: 'denominator 0',
      sum: 'sum',
    },
    filter: {
      metric: 'Metric',
      year: 'Year',
      level: 'Level',
      kind: 'Kind of agency',
      region: 'Region code',
      regionHint: 'e.g. 3301; empty for all',
      any: 'All',
      apply: 'Show',
      allYears: 'all years',
    },
    level: { national: 'National', province: 'Province', city: 'City', county: 'County', township: 'Township' },
    kind: { government: 'Government', department: 'Department' },
    agency: 'Agency',
    keyFigures: 'Key figures',
    differs: 'differs',
    counts:
      '{agencies} agencies: {on_time} on time, {late} late, {missing} missing, {not_due} not yet due, {withdrawn} withdrawn; {corrected} corrected after publication.',
    offline: { fetched: 'No network: this is the data fetched on {when} and kept on this device; it may have changed since.' },
    loading: 'Loading…',
    error: 'Could not load: {message}',
    more: 'Show more agencies ({shown} of {total} shown)',
    moreFailed: 'Could not load more: {message}',
  },
)

function lookup(tree: Strings, key: string): string | undefined {
  let node: string | Strings | undefined = tree
  for (const part of key.split('.')) node = typeof node === 'object' ? node[part] : undefined
  return typeof node === 'string' ? node : undefined
}

/** `tx(key, params)` finds a key in the page's own strings (`own`), then in the shared ones. */
export function useAcross(own?: Bilingual) {
  const { locale } = useI18n()
  const tables = own ? [own, shared] : [shared]
  const tx = (key: string, params: Readonly<Record<string, string | number>> = {}): string => {
    const find = (lang: 'zh' | 'en') => tables.reduce<string | undefined>((found, t) => found ?? lookup(t[lang], key), undefined)
    const message = (locale.value === 'en' ? find('en') : undefined) ?? find('zh') ?? key
    return message.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? ''))
  }
  const num = (v: number | null | undefined, unit = '') =>
    v === null || v === undefined
      ? ''
      : `${v.toLocaleString(locale.value === 'en' ? 'en' : 'zh-CN', { maximumFractionDigits: 2 })}${unit === '%' ? '%' : unit ? (locale.value === 'en' ? ` ${unit}` : unit) : ''}`
  return { tx, num, locale }
}
