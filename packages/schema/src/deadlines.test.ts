import { describe, expect, it } from 'vitest'
import { beijingDate, daysLate, daysUntilDeadline, deadlineEnd, deadlineFor, dueReportYear } from './deadlines.ts'

describe('the statutory deadline, in Beijing time', () => {
  it('gives departments until 31 January and governments until 31 March of the next year', () => {
    expect(deadlineFor('department', 2025)).toBe('2026-01-31')
    expect(deadlineFor('government', 2025)).toBe('2026-03-31')
    expect(deadlineEnd('department', 2025).toISOString()).toBe('2026-01-31T16:00:00.000Z')
  })

  it('counts a publication by its Beijing date, not its UTC date', () => {
    // 23:30 on 31 January in Beijing: on time.
    expect(daysLate('department', 2025, '2026-01-31T15:30:00Z')).toBe(0)
    // 00:10 on 1 February in Beijing, still 31 January in UTC: one day late.
    expect(daysLate('department', 2025, '2026-01-31T16:10:00Z')).toBe(1)
    expect(daysLate('government', 2025, '2026-04-10T02:00:00Z')).toBe(10)
    expect(beijingDate('2026-12-31T16:00:00Z')).toBe('2027-01-01')
  })

  it('counts the days left in Beijing days, and which year is due', () => {
    expect(daysUntilDeadline('department', 2025, new Date('2026-01-30T17:00:00Z'))).toBe(0)
    expect(daysUntilDeadline('department', 2025, new Date('2026-01-01T00:00:00Z'))).toBe(30)
    // New Year's morning in Beijing is still 31 December in UTC: the year due has moved on.
    expect(dueReportYear(new Date('2026-12-31T17:00:00Z'))).toBe(2026)
    expect(dueReportYear(new Date('2026-12-31T15:00:00Z'))).toBe(2025)
  })
})
