import { createI18n } from 'vue-i18n'

export const messages = {
  'zh-CN': {
    app: { name: '公开', tagline: '政府信息公开工作年度报告', skip: '跳到正文', language: 'English', languageLabel: '切换语言' },
    home: { title: '年度报告', empty: '暂无已发布的报告', loading: '正在加载…', year: '{year}年度' },
    report: {
      back: '返回列表',
      loading: '正在加载报告…',
      revision: '第 {n} 版 · 发布于 {date}',
      downloads: '下载数据',
      officialCsv: '表格（CSV，官方格式）',
      cellsCsv: '单元格数据（CSV）',
      json: '完整报告（JSON）',
      history: '修订记录',
      views: '阅读方式',
      text: '文字版',
      infographic: '图解版',
      svg: '图解（SVG 图片）',
      withdrawn: '该报告已由发布机关撤回。',
      withdrawnReason: '撤回原因：',
      kind: { first: '首次发布', correction: '更正', supplement: '补充' },
    },
    error: { load: '加载失败：{message}', notFound: '未找到该报告', retry: '重试' },
  },
  en: {
    app: { name: 'Gongkai', tagline: 'Government information disclosure annual reports', skip: 'Skip to content', language: '中文', languageLabel: 'Switch language' },
    home: { title: 'Annual reports', empty: 'No published reports yet', loading: 'Loading…', year: '{year}' },
    report: {
      back: 'Back to the list',
      loading: 'Loading the report…',
      revision: 'Revision {n} · published {date}',
      downloads: 'Download the data',
      officialCsv: 'Tables (CSV, official layout)',
      cellsCsv: 'Cell data (CSV)',
      json: 'Whole report (JSON)',
      history: 'Revision history',
      views: 'Views',
      text: 'Text',
      infographic: 'Infographic',
      svg: 'Infographic (SVG image)',
      withdrawn: 'The publishing agency has withdrawn this report.',
      withdrawnReason: 'Reason: ',
      kind: { first: 'First publication', correction: 'Correction', supplement: 'Supplement' },
    },
    error: { load: 'Could not load: {message}', notFound: 'Report not found', retry: 'Try again' },
  },
} as const

export type AppLocale = keyof typeof messages

const saved = typeof localStorage !== 'undefined' ? localStorage.getItem('gk-locale') : null

export const i18n = createI18n({
  legacy: false,
  locale: saved === 'en' ? 'en' : 'zh-CN',
  fallbackLocale: 'zh-CN',
  messages,
})

export function setLocale(locale: AppLocale): void {
  i18n.global.locale.value = locale
  document.documentElement.lang = locale
  localStorage.setItem('gk-locale', locale)
}
