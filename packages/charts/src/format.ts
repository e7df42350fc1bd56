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
export function formatDatum(d: { value: number | null; state?: 'value' | 'blank' | 'na' | 'not_reported' }, unit: string, locale: Locale): string {
  if (d.state === 'blank') return locale === 'en' ? 'blank' : '空白'
  if (d.state === 'na') return locale === 'en' ? 'n/a (/)' : '不适用（/）'
  return formatValue(d.state === 'not_reported' ? null : d.value, unit, locale)
}

export function formatDelta(current: number, previous: number, locale: Locale): { text: string; direction: 'up' | 'down' | 'same' } {
  const d = Math.round((current - previous) * 1e6) / 1e6
  const direction = d > 0 ? 'up' : d < 0 ? 'down' : 'same'
  const pct = previous !== 0 ? Math.round((d / previous) * 1000) / 10 : null
  const abs = formatNumber(Math.abs(d), locale)
  if (locale === 'en') {
    if (direction === 'same') return { text: 'same as last year', direction }
    return { text: `${direction === 'up' ? 'up' : 'down'} ${abs}${pct !== null ? ` (${Math.abs(pct)}%)` : ''} on last year`, direction }
  }
  if (direction === 'same') return { text: '与上年持平', direction }
  return { text: `比上年${direction === 'up' ? '增加' : '减少'}${abs}${pct !== null ? `（${Math.abs(pct)}%）` : ''}`, direction }
}

/** "名称：数值" / "Name: value": punctuation belongs to the language of the sentence. */
export function labelled(label: string, value: string, locale: Locale): string {
  return locale === 'en' ? `${label}: ${value}` : `${label}：${value}`
}

/** "（88.6%）" / " (88.6%)". */
export function aside(text: string, locale: Locale): string {
  return locale === 'en' ? ` (${text})` : `（${text}）`
}

/** The comma between two parts of a phrase. */
export function comma(locale: Locale): string {
  return locale === 'en' ? ', ' : '，'
}
