import { beijingDate, deadlineFor, dueReportYear } from '@gongkai/schema'

// Statutory deadlines (条例 Art. 50): departments publish last year's report by 31 January,
// governments by 31 March, in Beijing time. The rule itself lives in @gongkai/schema, shared with
// the reminder job and the public compliance board.

export { deadlineFor }

export interface DeadlineStatus {
  year: number
  due: string
  state: 'published' | 'draft' | 'late' | 'missing'
}

/** Where an agency stands for the report due most recently (last year's). */
export function deadlineStatus(kind: string, today: Date, report: { status: string; revision: number | null } | undefined): DeadlineStatus {
  const year = dueReportYear(today)
  const due = deadlineFor(kind, year)
  const past = beijingDate(today) > due
  if (report && report.revision !== null && report.status !== 'withdrawn') return { year, due, state: 'published' }
  if (past) return { year, due, state: 'late' }
  return { year, due, state: report ? 'draft' : 'missing' }
}
