// Statutory deadlines (条例 Art. 49): departments publish last year's report by 31 January,
// governments by 31 March.

export interface DeadlineStatus {
  year: number
  due: string
  state: 'published' | 'draft' | 'late' | 'missing'
}

export function deadlineFor(kind: string, reportYear: number): string {
  return kind === 'department' ? `${reportYear + 1}-01-31` : `${reportYear + 1}-03-31`
}

/** Where an agency stands for the report due most recently (last year's). */
export function deadlineStatus(kind: string, today: Date, report: { status: string; revision: number | null } | undefined): DeadlineStatus {
  const year = today.getFullYear() - 1
  const due = deadlineFor(kind, year)
  const past = today.toISOString().slice(0, 10) > due
  if (report && report.revision !== null && report.status !== 'withdrawn') return { year, due, state: 'published' }
  if (past) return { year, due, state: 'late' }
  return { year, due, state: report ? 'draft' : 'missing' }
}
