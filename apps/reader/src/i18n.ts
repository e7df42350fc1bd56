import { ref } from 'vue'

export const messages = {
  'zh-CN': {
    app: {
      name: '公开',
      tagline: '政府信息公开工作年度报告',
      skip: '跳到正文',
      language: 'English',
      languageLabel: '切换语言',
      footer: '数据来自各机关发布的年度报告，经格式核对。',
    },
    home: {
      title: '年度报告',
      empty: '暂无已发布的报告',
      loading: '正在加载…',
      year: '{year}年度',
      recent: '最近发布和更正',
      search: '搜索报告',
      searchHint: '机关名称或报告中的词语',
      searchButton: '搜索',
      results: '找到 {n} 份报告',
      more: '显示更多结果',
      offlineResults: '离线搜索已保存的报告：找到 {n} 份',
      corrected: '已更正（第 {n} 版）',
      withdrawn: '已撤回',
      browseAll: '按地区浏览全部机关 →',
    },
    nav: { label: '主导航', home: '首页', browse: '按地区浏览', saved: '已保存' },
    settings: { largeType: '大字', contrast: '高对比' },
    offline: {
      banner: '当前离线：可阅读已保存的报告',
      report: '当前离线，此报告尚未保存到本机。联网后即可阅读，或查看已保存的报告：',
      home: '当前离线，无法获取最新发布。',
      browse: '当前离线，无法浏览全部机关。已保存的报告仍可阅读。',
      agency: '当前离线，且未保存此机关的报告。',
    },
    pwa: {
      update: '有新版本可用。',
      offlineReady: '已可离线使用。',
      reload: '更新并刷新',
      close: '关闭',
      install: '安装到桌面',
      installRegion: '安装应用',
      notNow: '暂不',
      ios1: '点击浏览器底部的“分享”按钮',
      ios2: '选择“添加到主屏幕”',
      ios3: '点击“添加”',
    },
    saved: {
      title: '已保存的报告',
      empty: '尚未保存任何报告。打开报告后点击“保存到本机”，即可离线阅读。',
      summary: '共 {n} 份报告，占用 {size}。',
      estimate: '本机存储已用 {used}，可用上限约 {quota}。',
      persisted: '浏览器不会自动清除这些内容。',
      saveThis: '保存到本机',
      savedThis: '已保存（更新）',
      saveAgency: '保存该机关全部年度',
      remove: '删除',
      removeOne: '删除 {title}',
      failed: '保存失败：{message}',
      saving: '正在保存…',
      done: '已保存 {n} 份报告，可离线阅读',
      savedOn: '保存于 {date}',
      copy: '离线阅读本机保存的副本（保存于 {date}）',
      newer: '已发布更正：第 {n} 版',
      newerOffline: '本机副本为第 {old} 版，已发布第 {n} 版更正，联网后可更新。',
      update: '更新本机副本（第 {n} 版）',
      withdrawn: '已撤回',
      withdrawnReason: '撤回原因：{reason}',
    },
    browse: { title: '按地区和机关浏览', reportsOf: '{name}的报告' },
    diff: {
      show: '查看此次更改',
      none: '无更改',
      blank: '空白',
      added: '新增',
      removed: '删除',
      changed: '修改',
      preamble: '前言',
      table: '表{t}',
      part: '第{n}部分',
      where: '{change}（{part}）：',
      sep: '：',
      field: { title: '标题', agency: '机关', year: '年度', template: '格式', period: '统计期限' },
    },
    agency: {
      yoy: '历年主要数据对比',
      figure: '数据项',
      template: '{t}年格式',
      notComparable: '2019与2021年格式含义不同，不可直接比较',
      noReports: '暂无报告',
      children: '下属机关',
      parent: '上级机关：',
    },

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
      share: '分享',
      shareTable: '分享此表',
      shareHere: '分享：{name}',
      shareChart: '分享此图',
      copied: '链接已复制',
      otherYears: '该机关其他年度',
      region: '所在地区汇总',
      notGiven: '未提供',
      text: '文字版',
      infographic: '图解版',
      svg: '图解（SVG 图片）',
      withdrawn: '该报告已由发布机关撤回。',
      withdrawnReason: '撤回原因：',
      kind: { first: '首次发布', correction: '更正', supplement: '补充' },
    },
    error: { load: '加载失败：{message}', notFound: '未找到该报告', pageNotFound: '页面不存在', home: '返回首页', retry: '重试' },
  },
  en: {
    app: {
      name: 'Gongkai',
      tagline: 'Government information disclosure annual reports',
      skip: 'Skip to content',
      language: '中文',
      languageLabel: 'Switch language',
      footer: 'Figures from the agencies’ published annual reports, checked against the national format.',
    },
    home: {
      title: 'Annual reports',
      empty: 'No published reports yet',
      loading: 'Loading…',
      year: '{year}',
      recent: 'Recent publications and corrections',
      search: 'Search the reports',
      searchHint: 'An agency, or words in a report',
      searchButton: 'Search',
      results: '{n} reports found',
      more: 'Show more results',
      offlineResults: 'Offline search of saved reports: {n} found',
      corrected: 'Corrected (revision {n})',
      withdrawn: 'Withdrawn',
      browseAll: 'Browse every agency by region →',
    },
    nav: { label: 'Main', home: 'Home', browse: 'Browse by region', saved: 'Saved' },
    settings: { largeType: 'Large type', contrast: 'High contrast' },
    offline: {
      banner: 'You are offline: saved reports can still be read',
      report: 'You are offline and this report is not saved on this device. It opens when you are back online. Saved reports:',
      home: 'You are offline, so the latest publications cannot be loaded.',
      browse: 'You are offline, so the agency list cannot be loaded. Saved reports can still be read.',
      agency: 'You are offline and no report of this agency is saved.',
    },
    pwa: {
      update: 'A new version is available.',
      offlineReady: 'Ready to work offline.',
      reload: 'Update and reload',
      close: 'Close',
      install: 'Install the app',
      installRegion: 'Install',
      notNow: 'Not now',
      ios1: 'Tap the Share button at the bottom of Safari',
      ios2: 'Choose “Add to Home Screen”',
      ios3: 'Tap “Add”',
    },
    saved: {
      title: 'Saved reports',
      empty: 'Nothing is saved yet. Open a report and choose “Save on this device” to read it offline.',
      summary: '{n} reports, {size} in all.',
      estimate: 'Storage used on this device: {used} of about {quota}.',
      persisted: 'The browser will not clear them on its own.',
      saveThis: 'Save on this device',
      savedThis: 'Saved (update)',
      saveAgency: 'Save every year of this agency',
      remove: 'Remove',
      removeOne: 'Remove {title}',
      failed: 'Could not save: {message}',
      saving: 'Saving…',
      done: '{n} reports saved for offline reading',
      savedOn: 'Saved {date}',
      copy: 'Offline: the copy saved on this device on {date}',
      newer: 'Corrected: revision {n} is out',
      newerOffline: 'This copy is revision {old}; revision {n}, a correction, is out. Update it when you are back online.',
      update: 'Update the saved copy (revision {n})',
      withdrawn: 'Withdrawn',
      withdrawnReason: 'Reason: {reason}',
    },
    browse: { title: 'Browse by region and agency', reportsOf: 'Reports of {name}' },
    diff: {
      show: 'What this revision changed',
      none: 'No changes',
      blank: 'blank',
      added: 'Added',
      removed: 'Removed',
      changed: 'Changed',
      preamble: 'preamble',
      table: 'Table {t}',
      part: 'part {n}',
      where: '{change} ({part}): ',
      sep: ': ',
      field: { title: 'Title', agency: 'Agency', year: 'Year', template: 'Format', period: 'Statistics period' },
    },
    agency: {
      yoy: 'Key figures year by year',
      figure: 'Figure',
      template: '{t} format',
      notComparable: 'Means something different in the 2019 and 2021 formats',
      noReports: 'No reports yet',
      children: 'Agencies under it',
      parent: 'Part of: ',
    },

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
      share: 'Share',
      shareTable: 'Share this table',
      shareHere: 'Share: {name}',
      shareChart: 'Share this chart',
      copied: 'Link copied',
      otherYears: 'Other years of this agency',
      region: "This region's summary",
      notGiven: 'not given',
      text: 'Text',
      infographic: 'Infographic',
      svg: 'Infographic (SVG image)',
      withdrawn: 'The publishing agency has withdrawn this report.',
      withdrawnReason: 'Reason: ',
      kind: { first: 'First publication', correction: 'Correction', supplement: 'Supplement' },
    },
    error: {
      load: 'Could not load: {message}',
      notFound: 'Report not found',
      pageNotFound: 'Page not found',
      home: 'Back to the home page',
      retry: 'Try again',
    },
  },
} as const

export type AppLocale = keyof typeof messages

// Two locales, plain strings with {named} slots and a Chinese fallback: a few lines of our own
// rather than vue-i18n, which cost about 26 KB gzip of the cold report view's 60 KB budget
// (see docs/BENCHMARKS.md). `t` reads the locale ref, so every template that calls it re-renders
// when the language changes.
type Tree = { readonly [k: string]: string | Tree }

const saved = typeof localStorage !== 'undefined' ? localStorage.getItem('gk-locale') : null
const locale = ref<AppLocale>(saved === 'en' ? 'en' : 'zh-CN')

function lookup(tree: Tree, key: string): string | undefined {
  let node: string | Tree | undefined = tree
  for (const part of key.split('.')) node = typeof node === 'object' ? node[part] : undefined
  return typeof node === 'string' ? node : undefined
}

/** The message for a key in the current locale (Chinese when English lacks it), with {named} slots filled. */
export function t(key: string, params: Readonly<Record<string, string | number>> = {}): string {
  const message = lookup(messages[locale.value], key) ?? lookup(messages['zh-CN'], key) ?? key
  return message.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? ''))
}

export function useI18n() {
  return { t, locale }
}

export function setLocale(next: AppLocale): void {
  locale.value = next
  document.documentElement.lang = next
  localStorage.setItem('gk-locale', next)
}
