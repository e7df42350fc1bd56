import { emptyDocument } from '@gongkai/schema'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { onSessionExpired } from '../api.ts'
import { useDraftStore } from './draft.ts'

const doc = emptyDocument({ name: '示例局', code: 'demo', level: 'county', kind: 'department', region: null }, 2021, '2021')
const loaded = {
  report: {
    id: 'r1',
    agency: { id: 'a', name: '示例局', code: 'demo', level: 'county', kind: 'department' },
    year: 2021,
    template: '2021',
    title: doc.title,
    status: 'draft',
    revision: null,
  },
  draft: { version: 3, hasDraft: true, document: doc },
  validation: null,
  revisions: [],
}
const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })

describe('draft store', () => {
  beforeEach(() => {
    setActivePinia(createPinia())
    localStorage.clear()
    vi.useFakeTimers()
  })
  afterEach(() => {
    vi.useRealTimers()
    vi.unstubAllGlobals()
  })

  it('checks every change at once and saves it shortly after, with the version it read', async () => {
    const fetch = vi.fn(async (url: string, init?: RequestInit) =>
      init?.method === 'PUT'
        ? json(200, { version: 4, validation: { ok: true, errors: 0, warnings: 0, findings: [] } })
        : json(200, loaded),
    )
    vi.stubGlobal('fetch', fetch)
    const draft = useDraftStore()
    await draft.load('r1')
    for (const [k, v] of [
      ['upheld', 2],
      ['corrected', 0],
      ['other', 0],
      ['pending', 0],
      ['total', 5],
    ] as const) {
      draft.setCell('四', `main|rv_${k}`, { state: 'value', value: v, raw: String(v) })
    }
    expect(draft.validation!.findings.find((f) => f.rule === 'T4-RV')).toMatchObject({ expected: 2, actual: 5 })
    expect(draft.dirty).toBe(true)
    await vi.advanceTimersByTimeAsync(1300)
    const put = fetch.mock.calls.find(([, init]) => init?.method === 'PUT')!
    expect(JSON.parse(String(put[1]!.body)).version).toBe(3)
    expect(draft.version).toBe(4)
    expect(draft.dirty).toBe(false)
    expect(localStorage.getItem('gk-admin-draft-r1')).toBeNull()
  })

  it('settles a cell the import could not read once the clerk fills it in or marks it not reported', async () => {
    const unreadDoc = structuredClone(doc)
    unreadDoc.tables['三'].unread = { 'new|natural': 'TABLE_PARTIAL', 'new|total': 'TABLE_PARTIAL' }
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => json(200, { ...loaded, draft: { ...loaded.draft, document: unreadDoc } })),
    )
    const draft = useDraftStore()
    await draft.load('r1')
    expect(draft.validation!.findings.find((f) => f.rule === 'UNREAD')?.actual).toBe(2)
    draft.setCell('三', 'new|natural', { state: 'value', value: 3, raw: '3' })
    expect(draft.validation!.findings.find((f) => f.rule === 'UNREAD')?.actual).toBe(1)
    draft.setCell('三', 'new|total', { state: 'not_reported' })
    expect(draft.validation!.findings.some((f) => f.rule === 'UNREAD')).toBe(false)
    expect(draft.document!.tables['三'].unread).toBeUndefined()
  })

  it('keeps both versions on a 409 and lets the user choose, losing nothing', async () => {
    const theirs = { ...doc, title: '他人的标题' }
    vi.stubGlobal(
      'fetch',
      vi.fn(async (_url: string, init?: RequestInit) =>
        init?.method === 'PUT'
          ? json(409, { error: { code: 'VERSION_CONFLICT', message: '冲突', current: { version: 5, document: theirs } } })
          : json(200, loaded),
      ),
    )
    const draft = useDraftStore()
    await draft.load('r1')
    draft.update((d) => (d.title = '我的标题'))
    await draft.save()
    expect(draft.status).toBe('conflict')
    expect(draft.conflict!.mine.title).toBe('我的标题')
    expect(draft.conflict!.theirs!.title).toBe('他人的标题')
    // My version is still on this device while the conflict is open.
    expect(JSON.parse(localStorage.getItem('gk-admin-draft-r1')!).document.title).toBe('我的标题')
    await draft.resolve('theirs')
    expect(draft.document!.title).toBe('他人的标题')
    expect(draft.version).toBe(5)
  })

  it('keeps work locally when offline and sends it when the network is back', async () => {
    let online = false
    const fetch = vi.fn(async (_url: string, init?: RequestInit) => {
      if (init?.method === 'PUT' && !online) throw new TypeError('Failed to fetch')
      return init?.method === 'PUT' ? json(200, { version: 4, validation: null }) : json(200, loaded)
    })
    vi.stubGlobal('fetch', fetch)
    const draft = useDraftStore()
    await draft.load('r1')
    draft.update((d) => (d.title = '离线修改'))
    await draft.save()
    expect(draft.status).toBe('offline')
    expect(JSON.parse(localStorage.getItem('gk-admin-draft-r1')!).document.title).toBe('离线修改')
    online = true
    window.dispatchEvent(new Event('online'))
    await vi.waitFor(() => expect(draft.status).toBe('saved'))
    expect(draft.version).toBe(4)
  })

  it('restores work kept on this device after the session expired and the user signed in again', async () => {
    const expired = vi.fn()
    const off = onSessionExpired(expired)
    vi.stubGlobal(
      'fetch',
      vi.fn(async (_url: string, init?: RequestInit) =>
        init?.method === 'PUT' ? json(401, { error: { code: 'UNAUTHENTICATED' } }) : json(200, loaded),
      ),
    )
    const draft = useDraftStore()
    await draft.load('r1')
    draft.update((d) => (d.title = '过期前的修改'))
    await draft.save()
    expect(expired).toHaveBeenCalled()
    off()
    // Signed in again: the editor loads the report and finds the local copy of the same version.
    setActivePinia(createPinia())
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => json(200, loaded)),
    )
    const again = useDraftStore()
    await again.load('r1')
    expect(again.document!.title).toBe('过期前的修改')
    expect(again.dirty).toBe(true)
  })
})
