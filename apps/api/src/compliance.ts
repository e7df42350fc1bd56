import { beijingDate, daysLate, deadlineEnd, deadlineFor } from '@gongkai/schema'
import type { AgencyYear } from './db/compliance.ts'

// The compliance board: for each agency of the registry, whether its report for a year came out
// by the statutory deadline (the shared rule in @gongkai/schema, Beijing time), how late, whether
// it was corrected after publication, or withdrawn, and what the validator found in it.

export type ComplianceState =
  /** First published by the deadline. */
  | 'on_time'
  /** First published after the deadline. */
  | 'late'
  /** Not published, and the deadline has passed. */
  | 'missing'
  /** Not published yet, and the deadline has not passed. */
  | 'not_due'
  /** Published, then withdrawn. */
  | 'withdrawn'

export const COMPLIANCE_STATES: Record<ComplianceState, { zh: string; en: string }> = {
  on_time: { zh: '按时发布', en: 'Published on time' },
  late: { zh: '逾期发布', en: 'Published late' },
  missing: { zh: '逾期未发布', en: 'Missing (past the deadline)' },
  not_due: { zh: '尚未到期', en: 'Not yet due' },
  withdrawn: { zh: '已撤回', en: 'Withdrawn' },
}

export interface ComplianceRow {
  agency: AgencyYear['agency']
  year: number
  deadline: string
  state: ComplianceState
  label: { zh: string; en: string }
  reportId: string | null
  /** When the first revision came out (ISO), and its date in Beijing. */
  publishedAt: string | null
  publishedOn: string | null
  /** Beijing days after the deadline day; 0 when on time; null when not published. */
  daysLate: number | null
  /** Days the deadline has passed by, for a missing report. */
  daysOverdue: number | null
  corrections: Array<{ number: number; kind: string; at: string; reason: string }>
  withdrawnReason: string | null
  validation: { errors: number; warnings: number } | null
}

export function complianceRow(
  a: AgencyYear,
  year: number,
  now: Date,
  validation: { errors: number; warnings: number } | null,
): ComplianceRow {
  const deadline = deadlineFor(a.agency.kind, year)
  const first = a.report?.revisions.find((r) => r.number === 1) ?? a.report?.revisions[0] ?? null
  const late = first ? daysLate(a.agency.kind, year, first.publishedAt) : null
  const past = now.getTime() >= deadlineEnd(a.agency.kind, year).getTime()
  let state: ComplianceState
  if (a.report?.status === 'withdrawn') state = 'withdrawn'
  else if (first) state = late !== null && late > 0 ? 'late' : 'on_time'
  else state = past ? 'missing' : 'not_due'
  return {
    agency: a.agency,
    year,
    deadline,
    state,
    label: COMPLIANCE_STATES[state],
    reportId: a.report?.id ?? null,
    publishedAt: first?.publishedAt ?? null,
    publishedOn: first ? beijingDate(first.publishedAt) : null,
    daysLate: late,
    daysOverdue: state === 'missing' ? daysLate(a.agency.kind, year, now) : null,
    corrections: (a.report?.revisions ?? [])
      .filter((r) => r.number > 1)
      .map((r) => ({ number: r.number, kind: r.kind, at: r.publishedAt, reason: r.note })),
    withdrawnReason: a.report?.status === 'withdrawn' ? a.report.withdrawnReason : null,
    validation: validation ? { errors: validation.errors, warnings: validation.warnings } : null,
  }
}

export function complianceCounts(rows: readonly ComplianceRow[]) {
  const counts: Record<ComplianceState | 'corrected', number> = { on_time: 0, late: 0, missing: 0, not_due: 0, withdrawn: 0, corrected: 0 }
  for (const r of rows) {
    counts[r.state]++
    if (r.corrections.length > 0) counts.corrected++
  }
  return { agencies: rows.length, ...counts }
}
