import { afterEach, describe, expect, it, vi } from 'vitest'
import { ref } from 'vue'
import { useMore } from './more.ts'

// "Show more" on the board and a region's page: the next page's agencies go after those shown,
// until the API says there are no more; a failure is said and keeps what is shown.

type Board = { year: number; items: Array<{ id: string }>; nextOffset: number | null }

const answer = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })

afterEach(() => vi.unstubAllGlobals())

describe('useMore', () => {
  it('appends the next page and stops after the last', async () => {
    const asked: string[] = []
    vi.stubGlobal('fetch', async (url: string) => {
      asked.push(String(url))
      return answer(
        String(url).includes('offset=2')
          ? { items: [{ id: 'c' }, { id: 'd' }], nextOffset: 4 }
          : { items: [{ id: 'e' }], nextOffset: null },
      )
    })
    const data = ref<Board | null>({ year: 2022, items: [{ id: 'a' }, { id: 'b' }], nextOffset: 2 })
    const { more, failed } = useMore(data, 'items', (offset) => `/api/compliance?year=2022&offset=${offset}`)
    await more()
    expect(data.value?.items.map((r) => r.id)).toEqual(['a', 'b', 'c', 'd'])
    expect(data.value?.nextOffset).toBe(4)
    await more()
    expect(data.value?.items.map((r) => r.id)).toEqual(['a', 'b', 'c', 'd', 'e'])
    expect(data.value?.nextOffset).toBeNull()
    await more()
    expect(asked).toHaveLength(2)
    expect(asked[0]).toContain('/api/compliance?year=2022&offset=2')
    expect(failed.value).toBeNull()
  })

  it('says why a page could not come, and keeps the rows shown', async () => {
    vi.stubGlobal('fetch', async () =>
      answer({ error: { code: 'VALIDATION_FAILED', message: '字段 query.offset：offset 最多为1000000', details: [] } }, 400),
    )
    const data = ref<Board | null>({ year: 2022, items: [{ id: 'a' }], nextOffset: 1 })
    const { more, failed, loading } = useMore(data, 'items', (offset) => `/api/compliance?offset=${offset}`)
    await more()
    expect(failed.value).toContain('offset')
    expect(loading.value).toBe(false)
    expect(data.value?.items).toEqual([{ id: 'a' }])
    expect(data.value?.nextOffset).toBe(1)
  })
})
