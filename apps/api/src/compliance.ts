import { beijingDate, daysLate, deadlineEnd, deadlineFor } from '@gongkai/schema'
import type { AgencyYear, TallyGroup } from './db/compliance.ts'

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

export type ComplianceCounts = ReturnType<typeof complianceCounts>

/** What `complianceTally` asks the database to compare first publications with: each kind's deadline end. */
export function deadlineEnds(year: number): { government: string; department: string } {
  return { government: deadlineEnd('government', year).toISOString(), department: deadlineEnd('department', year).toISOString() }
}

/**
 * The counts `complianceCounts` gives over every row, from the database's groups (db/compliance.ts
 * `complianceTally`), by the rules of `complianceRow`; by sub-region too when the groups have one.
 */
export function countsOfTally(groups: readonly TallyGroup[], year: number, now: Date) {
  const blank = (): ComplianceCounts => ({ agencies: 0, on_time: 0, late: 0, missing: 0, not_due: 0, withdrawn: 0, corrected: 0 })
  const all = blank()
  const bySub = new Map<string, ComplianceCounts>()
  for (const g of groups) {
    let state: ComplianceState
    if (g.status === 'withdrawn') state = 'withdrawn'
    else if (g.first !== null)
      state = g.first === 'L' ? 'late' : g.first === 'O' ? 'on_time' : daysLate(g.kind, year, g.first) > 0 ? 'late' : 'on_time'
    else state = now.getTime() >= deadlineEnd(g.kind, year).getTime() ? 'missing' : 'not_due'
    const targets = [all]
    if (g.sub !== null) {
      let sub = bySub.get(g.sub)
      if (!sub) bySub.set(g.sub, (sub = blank()))
      targets.push(sub)
    }
    for (const c of targets) {
      c.agencies += g.n
      c[state] += g.n
      if (g.corrected) c.corrected += g.n
    }
  }
  return { counts: all, bySub }
}
