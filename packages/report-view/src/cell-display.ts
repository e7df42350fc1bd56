import type { Cell } from '@gongkai/schema'
import { msg, type Locale } from './messages.ts'

export interface CellDisplay {
  /** What the cell shows. */
  text: string
  /** CSS modifier, one per state, so blank, "/", 0 and not reported never look alike. */
  kind: 'value' | 'zero' | 'blank' | 'na' | 'not-reported'
  /** What a screen reader says. */
  label: string
}

export function cellDisplay(cell: Cell, locale: Locale): CellDisplay {
  switch (cell.state) {
    case 'value': {
      const text = cell.raw?.trim() || cell.value.toLocaleString(locale === 'en' ? 'en' : 'zh-CN', { maximumFractionDigits: 6 })
      return { text, kind: cell.value === 0 ? 'zero' : 'value', label: text }
    }
    case 'blank':
      return { text: msg(locale, 'blank'), kind: 'blank', label: msg(locale, 'blank') }
    case 'na':
      return { text: cell.raw?.trim() || '/', kind: 'na', label: msg(locale, 'na') }
    case 'not_reported':
      return { text: msg(locale, 'notReported'), kind: 'not-reported', label: msg(locale, 'notReported') }
  }
}
