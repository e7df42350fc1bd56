import type { AgencyKind } from './document.ts'

// The statutory deadline (政府信息公开条例 第五十条): a department publishes last year's report by
// 31 January, a people's government by 31 March. The day is a day in Beijing time (UTC+8, no
// daylight saving), so a report published at 23:30 on 31 January in Beijing (15:30 UTC) is on
// time, and one published at 00:10 on 1 February in Beijing (16:10 UTC on 31 January) is late.
// The admin dashboard, the reminder job and the compliance board all use this one rule.

const BEIJING_OFFSET_MS = 8 * 3600_000
const DAY_MS = 86_400_000

/** The calendar date (YYYY-MM-DD) an instant falls on in Beijing. */
export function beijingDate(at: Date | string): string {
  const t = typeof at === 'string' ? Date.parse(at) : at.getTime()
  return new Date(t + BEIJING_OFFSET_MS).toISOString().slice(0, 10)
}

/** The last day (YYYY-MM-DD, Beijing) to publish the report for `reportYear`. */
export function deadlineFor(kind: AgencyKind | string, reportYear: number): string {
  return kind === 'department' ? `${reportYear + 1}-01-31` : `${reportYear + 1}-03-31`
}

/** The first instant after the deadline day ends in Beijing: publishing at or after it is late. */
export function deadlineEnd(kind: AgencyKind | string, reportYear: number): Date {
  return new Date(Date.parse(`${deadlineFor(kind, reportYear)}T00:00:00Z`) + DAY_MS - BEIJING_OFFSET_MS)
}

/** The report year most recently due as of `today`: last year, in Beijing. */
export function dueReportYear(today: Date): number {
  return Number(beijingDate(today).slice(0, 4)) - 1
}

/**
 * Whole Beijing days from `at` to the deadline day: positive while time is left (1 on the day
 * before), 0 on the day itself, negative once it has passed (−1 the day after).
 */
export function daysUntilDeadline(kind: AgencyKind | string, reportYear: number, at: Date): number {
  return Math.round((Date.parse(deadlineFor(kind, reportYear)) - Date.parse(beijingDate(at))) / DAY_MS)
}

/** Days late of a publication: 0 when on time, else the Beijing days past the deadline day. */
export function daysLate(kind: AgencyKind | string, reportYear: number, publishedAt: Date | string): number {
  const at = typeof publishedAt === 'string' ? new Date(publishedAt) : publishedAt
  return Math.max(0, -daysUntilDeadline(kind, reportYear, at))
}
