import { describe, expect, it, vi } from 'vitest'
import { askEarly, formatTotal, getJson, keepAnswer } from './api.ts'

describe('formatTotal', () => {
  it('shows an exact count as it is, and a count the API stopped at as "10,000+"', () => {
    expect(formatTotal({ total: 37, totalIsLowerBound: false }, 'zh-CN')).toBe('37')
    expect(formatTotal({ total: 10_000, totalIsLowerBound: true }, 'zh-CN')).toBe('10,000+')
    expect(formatTotal({ total: 10_000, totalIsLowerBound: true }, 'en')).toBe('10,000+')
  })
})

describe('answers got before the page asks', () => {
  it('gives the answer the server sent with the page once, then asks the API', async () => {
    const fetch = vi.fn(async () => new Response('{"from":"api"}', { status: 200 }))
    vi.stubGlobal('fetch', fetch)
    try {
      keepAnswer('/api/reports/a', { from: 'page' })
      expect(await getJson('/api/reports/a')).toEqual({ from: 'page' })
      expect(fetch).not.toHaveBeenCalled()
      expect(await getJson('/api/reports/a')).toEqual({ from: 'api' })
      expect(fetch).toHaveBeenCalledTimes(1)
    } finally {
      vi.unstubAllGlobals()
    }
  })

  it('asks early once, and a failure reaches the page that takes the answer as if it had asked', async () => {
    const fetch = vi.fn(async () => new Response('{"error":{"code":"REPORT_NOT_FOUND","message":"no"}}', { status: 404 }))
    vi.stubGlobal('fetch', fetch)
    try {
      askEarly('/api/reports/b')
      askEarly('/api/reports/b')
      await expect(getJson('/api/reports/b')).rejects.toMatchObject({ status: 404, code: 'REPORT_NOT_FOUND' })
      expect(fetch).toHaveBeenCalledTimes(1)
    } finally {
      vi.unstubAllGlobals()
    }
  })
})
