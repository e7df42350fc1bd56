import { TABLE_NAMES, type ReportDocument } from '@gongkai/schema'
import { formatNumber } from '@gongkai/charts/format'
import { formatDelta } from '@gongkai/charts/phrases'
import { total, type InfographicModel } from './figures.ts'
import type { Locale } from './messages.ts'

// The 图解 in words: one paragraph, generated from the same model as the charts, so a screen
// reader user gets the whole picture from it and the tables.

function pct(part: number, whole: number): string {
  return `${Math.round((part / whole) * 1000) / 10}%`
}

/** The summary as one string (the SVG's description, tests). */
export function plainSummary(doc: ReportDocument, m: InfographicModel, locale: Locale): string {
  const { agency, rest } = summaryParts(doc, m, locale)
  return agency + rest
}

/**
 * The summary with the agency's name apart, so a page can mark the name as Chinese inside an
 * English sentence: `agency + rest` is the whole paragraph.
 */
export function summaryParts(doc: ReportDocument, m: InfographicModel, locale: Locale): { agency: string; rest: string } {
  const n = (v: number) => formatNumber(v, locale)
  const h = (key: string) => m.headline.find((x) => x.key === key)
  const parts: string[] = []
  const proactive = h('proactive')
  const newApps = h('applications_new')
  const handled = h('applications_handled')
  const carried = h('applications_carried_out')
  const reviews = h('reviews')
  const lawsuits = h('lawsuits')
  const disclosed = m.outcomes?.[0] ? total(m.outcomes[0].items) : null
  const natural = m.applicants?.find((a) => a.key === 'natural')?.value ?? null
  const delta = (x: { value: number | null; previous: number | null } | undefined) =>
    x && x.value !== null && x.previous !== null ? formatDelta(x.value, x.previous, locale).text : null

  if (locale === 'en') {
    parts.push(`, report for ${doc.year}.`)
    if (proactive?.value != null) parts.push(`It published ${n(proactive.value)} items of information proactively.`)
    if (newApps?.value != null) {
      const d = delta(newApps)
      parts.push(
        `It received ${n(newApps.value)} new applications for information${d ? ` (${d})` : ''}${natural !== null && newApps.value ? `, ${pct(natural, newApps.value)} of them from private individuals` : ''}.`,
      )
    }
    if (handled?.value != null)
      parts.push(
        `It answered ${n(handled.value)}${disclosed !== null && handled.value ? `, disclosing information in full or in part in ${n(disclosed)} (${pct(disclosed, handled.value)})` : ''}${carried?.value != null ? `, and carried ${n(carried.value)} over to next year` : ''}.`,
      )
    if (reviews?.value != null)
      parts.push(`Its disclosure work led to ${n(reviews.value)} administrative reconsiderations and ${n(lawsuits?.value ?? 0)} lawsuits.`)
    for (const t of m.missing) parts.push(`Table ${TABLE_NAMES[t].number} is not given in the source, so its figures are unknown.`)
    const errors = new Set(Object.values(m.problems).flat()).size
    if (errors) parts.push(`The tables fail ${errors} arithmetic ${errors === 1 ? 'check' : 'checks'}; the affected figures are marked.`)
    return { agency: doc.agency.name, rest: parts.join(' ') }
  }
  parts.push(`${doc.year}年度报告。`)
  if (proactive?.value != null) parts.push(`全年主动公开政府信息${n(proactive.value)}条。`)
  if (newApps?.value != null) {
    const d = delta(newApps)
    parts.push(
      `新收政府信息公开申请${n(newApps.value)}件${d ? `，${d}` : ''}${natural !== null && newApps.value ? `，其中自然人申请占${pct(natural, newApps.value)}` : ''}。`,
    )
  }
  if (handled?.value != null)
    parts.push(
      `办理完毕${n(handled.value)}件${disclosed !== null && handled.value ? `，其中予以公开和部分公开${n(disclosed)}件，占${pct(disclosed, handled.value)}` : ''}${carried?.value != null ? `；结转下年度${n(carried.value)}件` : ''}。`,
    )
  if (reviews?.value != null)
    parts.push(`因政府信息公开工作被申请行政复议${n(reviews.value)}件，被提起行政诉讼${n(lawsuits?.value ?? 0)}件。`)
  for (const t of m.missing) parts.push(`表${t}未在原文中提供，相关数据不可得。`)
  const errors = new Set(Object.values(m.problems).flat()).size
  if (errors) parts.push(`表格有${errors}处未通过核对，相关数字已标出。`)
  return { agency: doc.agency.name, rest: parts.join('') }
}
