import type { Locale } from './messages.ts'

// Every title, heading and description the 图解 prints, in both languages, in one place: the
// Vue view (ReportInfographic.vue) and the standalone SVG (svg.ts) both read them from here.

export interface Bilingual {
  zh: string
  en: string
}

export const TU = {
  kind: { zh: '图解版：由报告数据自动生成', en: 'Infographic, generated from the report data' },
  summary: { zh: '概要', en: 'Summary' },
  headline: { zh: '主要数据', en: 'Headline figures' },
  applications: { zh: '依申请公开', en: 'Applications' },
  applicants: { zh: '申请人情况（本年新收）', en: 'Who applied (new this year)' },
  balance: { zh: '勾稽关系：收 = 办', en: 'Balance: in = out' },
  balanceDesc: { zh: '本年新收加上年结转，等于本年办结加结转下年度。', en: 'New plus carried over equals handled plus carried forward.' },
  outcomes: { zh: '办理结果', en: 'Outcomes' },
  reviews: { zh: '行政复议和行政诉讼', en: 'Reconsideration and litigation' },
  reviewsChart: { zh: '复议与诉讼结果', en: 'Outcomes of reconsideration and lawsuits' },
  reviewsDesc: { zh: '行政诉讼分为未经复议直接起诉和复议后起诉两类。', en: 'Lawsuits are either filed directly or after reconsideration.' },
  proactive: { zh: '主动公开', en: 'Proactive disclosure' },
  channels: { zh: '公开渠道（正文所述）', en: 'Channels (as stated in the text)' },
  channelsDesc: { zh: '数字摘自报告正文。', en: 'Figures quoted from the report text.' },
  panelsDesc: { zh: '各图刻度不同，不宜直接比较长短。', en: 'Each panel has its own scale.' },
} as const satisfies Record<string, Bilingual>

export function say(text: Bilingual, locale: Locale): string {
  return locale === 'en' ? text.en : text.zh
}

/** "办理结果：不予公开" / "Outcome: Not disclosed". */
export function outcomeTitle(group: Bilingual, locale: Locale): string {
  return locale === 'en' ? `Outcome: ${group.en}` : `办理结果：${group.zh}`
}

/** "共26件。" / "26 in all." */
export function inAll(amount: string, locale: Locale): string {
  return locale === 'en' ? `${amount} in all.` : `共${amount}。`
}

/** "自然人申请26件，法人或其他组织申请3件。" / "26 from private individuals, 3 from …". */
export function applicantsSentence(natural: string, organisations: string, locale: Locale): string {
  return locale === 'en'
    ? `${natural} from private individuals, ${organisations} from legal persons and other organisations.`
    : `自然人申请${natural}，法人或其他组织申请${organisations}。`
}

/** What the file of the 图解 is called when saved: the agency and the year, not "infographic.svg". */
export function infographicFileName(agency: string, year: number, locale: Locale): string {
  const safe = agency.replace(/[\\/:*?"<>|\s]+/g, '')
  return locale === 'en' ? `${safe}-${year}-infographic.svg` : `${safe}${year}年度报告图解.svg`
}
