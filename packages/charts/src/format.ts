export type Locale = 'zh-CN' | 'en'

export function formatNumber(n: number, locale: Locale): string {
  // Six places: the published precision of 万元 figures (2522.8759), never rounded away.
  return n.toLocaleString(locale === 'en' ? 'en' : 'zh-CN', { maximumFractionDigits: 6 })
}

/** "26 件" / "26" with a unit, for labels a screen reader reads aloud. */
export function formatValue(n: number | null, unit: string, locale: Locale): string {
  if (n === null) return locale === 'en' ? 'not reported' : '未提供'
  return `${formatNumber(n, locale)}${unit ? (locale === 'en' ? ` ${unit}` : unit) : ''}`
}

/** A datum as it should be read: blank, "/" and not reported each say what they are. */
export function formatDatum(
  d: { value: number | null; state?: 'value' | 'blank' | 'na' | 'not_reported' },
  unit: string,
  locale: Locale,
): string {
  if (d.state === 'blank') return locale === 'en' ? 'blank' : '空白'
  if (d.state === 'na') return locale === 'en' ? 'n/a (/)' : '不适用（/）'
  return formatValue(d.state === 'not_reported' ? null : d.value, unit, locale)
}

/** "名称：数值" / "Name: value": punctuation belongs to the language of the sentence. */
export function labelled(label: string, value: string, locale: Locale): string {
  return locale === 'en' ? `${label}: ${value}` : `${label}：${value}`
}
