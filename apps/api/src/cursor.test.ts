import { describe, expect, it } from 'vitest'
import { decodeCursor, encodeCursor } from './cursor.ts'

describe('list cursors', () => {
  it('round-trip both orders, Chinese names included, as URL-safe text', () => {
    const year = { sort: 'year', year: 2023, agencyName: '杭州市人民政府', id: 'r-1' } as const
    const recent = { sort: 'recent', publishedAt: '2024-01-20T02:00:00.000Z', id: 'r-2' } as const
    for (const p of [year, recent]) {
      const c = encodeCursor(p)
      expect(c).toMatch(/^[A-Za-z0-9_-]+$/)
      expect(decodeCursor(c)).toEqual(p)
    }
  })
  it('refuses anything that is not one of ours', () => {
    for (const bad of ['', 'not a cursor!', 'eyJ4IjoxfQ', btoa('["y1","2023","x","y"]'), btoa('\xff\xfe'), 'A'.repeat(2000)])
      expect(decodeCursor(bad)).toBeNull()
  })
})
