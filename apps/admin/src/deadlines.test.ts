import { describe, expect, it } from 'vitest'
import { deadlineStatus } from './deadlines.ts'

describe('statutory deadlines', () => {
  it('gives departments until 31 January and governments until 31 March', () => {
    const feb = new Date('2027-02-15T00:00:00Z')
    expect(deadlineStatus('department', feb, undefined)).toEqual({ year: 2026, due: '2027-01-31', state: 'late' })
    expect(deadlineStatus('government', feb, undefined)).toEqual({ year: 2026, due: '2027-03-31', state: 'missing' })
    expect(deadlineStatus('government', feb, { status: 'draft', revision: null }).state).toBe('draft')
    expect(deadlineStatus('department', feb, { status: 'published', revision: 1 }).state).toBe('published')
    expect(deadlineStatus('department', feb, { status: 'withdrawn', revision: 1 }).state).toBe('late')
  })
})
