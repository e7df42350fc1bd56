// The few words the report views print themselves, in both languages. Labels of parts, tables,
// rows and columns come from the templates in @gongkai/schema, never from here.

export type Locale = 'zh-CN' | 'en'

export const MESSAGES = {
  'zh-CN': {
    notGiven: '未在原文中提供',
    notGivenLong: '原文未提供此表，以下数据不可得；不作为零处理。',
    blank: '空白',
    na: '不适用',
    notReported: '未提供',
    period: '统计期限',
    table: '表',
    source: '来源',
    revision: '第 {n} 版',
    infoContent: '信息内容',
    unit: '单位',
    tableOf: '表{t}',
    contents: '目录',
    scrollHint: '表格可左右滑动查看',
    empty: '（本部分无内容）',
  },
  en: {
    notGiven: 'Not given in the source',
    notGivenLong: 'The source does not give this table, so its figures are unknown; they are not zero.',
    blank: 'blank',
    na: 'not applicable',
    notReported: 'not reported',
    period: 'Statistics period',
    table: 'Table',
    source: 'Source',
    revision: 'revision {n}',
    infoContent: 'Item',
    unit: 'Unit',
    tableOf: 'Table {t}',
    contents: 'Contents',
    scrollHint: 'Scroll the table sideways to see every column',
    empty: '(nothing in this part)',
  },
} as const

export type MessageKey = keyof (typeof MESSAGES)['zh-CN']

export function msg(locale: Locale, key: MessageKey, params: Record<string, string | number> = {}): string {
  return MESSAGES[locale][key].replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? ''))
}
