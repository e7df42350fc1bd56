import { describe, expect, it } from 'vitest'
import { formatTotal } from './api.ts'

describe('formatTotal', () => {
  it('shows an exact count as it is, and a count the API stopped at as "10,000+"', () => {
    expect(formatTotal({ total: 37, totalIsLowerBound: false }, 'zh-CN')).toBe('37')
    expect(formatTotal({ total: 10_000, totalIsLowerBound: true }, 'zh-CN')).toBe('10,000+')
    expect(formatTotal({ total: 10_000, totalIsLowerBound: true }, 'en')).toBe('10,000+')
  })
})
