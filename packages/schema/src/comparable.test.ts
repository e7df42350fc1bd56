import { describe, expect, it } from 'vitest'
import { compareYears } from './comparable.ts'
import { sampleReports } from './samples.ts'

describe('year over year', () => {
  const amr = sampleReports()
    .filter((s) => s.agency.code === 'demo-990100-amr')
    .map((s) => s.document)

  it('maps 2019 其他处理 onto the sum of the three 2021 rows and compares it', () => {
    const [y2020, y2021] = amr
    const rows = compareYears(y2020!, y2021!)
    const other = rows.find((r) => r.key === 'other_handling')!
    expect(other.comparable).toBe(true)
    expect(other.note?.zh).toContain('三项')
    expect(other.delta).toBe(other.current! - other.previous!)
    const carried = rows.find((r) => r.key === 'applications_carried_in')!
    expect(carried.current).toBe(rows.find((r) => r.key === 'applications_carried_out')!.previous)
  })

  it('refuses to compare figures whose meaning changed in 2021', () => {
    const [y2020, y2021, y2022] = amr
    const across = compareYears(y2020!, y2021!)
    for (const key of ['fees', 'normative_stock']) {
      expect(across.find((r) => r.key === key)).toMatchObject({ comparable: false, delta: null })
    }
    const within = compareYears(y2021!, y2022!)
    expect(within.find((r) => r.key === 'fees')!.comparable).toBe(true)
  })
})
