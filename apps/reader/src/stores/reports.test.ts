import { sampleReports } from '@gongkai/schema'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { useReportsStore } from './reports.ts'

function respond(status: number, body: unknown) {
  vi.stubGlobal(
    'fetch',
    vi.fn(async () => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })),
  )
}

describe('reports store', () => {
  beforeEach(() => setActivePinia(createPinia()))
  afterEach(() => vi.unstubAllGlobals())

  it('keeps the API error code so the page can say the report does not exist', async () => {
    respond(404, { error: { code: 'REPORT_NOT_FOUND', message: '未找到该报告' } })
    const store = useReportsStore()
    await store.loadReport('missing')
    expect(store.current).toBeNull()
    expect(store.currentError).toEqual({ code: 'REPORT_NOT_FOUND', message: '未找到该报告' })
  })

  it('refuses a document it cannot draw (another format version, no agency) instead of showing it', async () => {
    const store = useReportsStore()
    for (const document of [{ title: 'no agency' }, { ...sampleReports()[0]!.document, format: 'gongkai.report/2' }]) {
      respond(200, { id: 'x', status: 'published', document })
      await store.loadReport('x')
      expect(store.current).toBeNull()
      expect(store.currentError).toMatchObject({ code: 'DOCUMENT_UNREADABLE', message: expect.stringContaining('无法显示') })
    }
    respond(200, { id: 'x', status: 'published', document: sampleReports()[0]!.document })
    await store.loadReport('x')
    expect(store.current?.document?.title).toBe(sampleReports()[0]!.document.title)
  })

  it('keeps a withdrawn report with its reason and no content', async () => {
    respond(200, { id: 'w', status: 'withdrawn', withdrawnReason: '统计口径有误', document: null, title: 't' })
    const store = useReportsStore()
    await store.loadReport('w')
    expect(store.current).toMatchObject({ status: 'withdrawn', withdrawnReason: '统计口径有误', document: null })
  })

  it('reports a network failure as being offline', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))),
    )
    const store = useReportsStore()
    await store.loadReport('x')
    expect(store.current).toBeNull()
    expect(store.currentError?.code).toBe('OFFLINE')
  })
})
