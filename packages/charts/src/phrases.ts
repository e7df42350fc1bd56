import { formatNumber, type Locale } from './format.ts'

// Phrases of the 图解's text, in the reader's language: a change on last year, an aside, a comma.
// Apart from format.ts (what every chart needs), so a page that draws bars only does not load them.

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

/** "（88.6%）" / " (88.6%)". */
export function aside(text: string, locale: Locale): string {
  return locale === 'en' ? ` (${text})` : `（${text}）`
}

/** The comma between two parts of a phrase. */
export function comma(locale: Locale): string {
  return locale === 'en' ? ', ' : '，'
}
