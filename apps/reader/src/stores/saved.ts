import type { ReportDocument } from '@gongkai/schema'
import { defineStore } from 'pinia'
import { ref } from 'vue'
import { acceptDocument, type ReportSummary } from '../api.ts'

// Reports saved for offline reading: the API responses themselves, in the `gk-saved` cache that
// the service worker answers from when the network is gone, with a small index in localStorage.

export const SAVED_CACHE = 'gk-saved'
const INDEX_KEY = 'gk-saved-v1'

export interface SavedEntry {
  id: string
  title: string
  agencyName: string
  agencyCode: string
  year: number
  bytes: number
  savedAt: string
  /** The revision the copy holds (absent in copies saved before it was recorded). */
  revision?: number | null
  /** What the last check online found: withdrawn since (the copy now holds the notice), or corrected. */
  withdrawn?: { reason: string | null } | null
  newerRevision?: number | null
  checkedAt?: string
}

interface ReportBody extends ReportSummary {
  withdrawnReason?: string | null
}

const reportUrl = (id: string) => `/api/reports/${encodeURIComponent(id)}`
const listUrl = (code: string) => `/api/reports?agency=${encodeURIComponent(code)}&limit=200`

function readIndex(): SavedEntry[] {
  try {
    return JSON.parse(localStorage.getItem(INDEX_KEY) ?? '[]') as SavedEntry[]
  } catch {
    return []
  }
}

export const useSavedStore = defineStore('saved', () => {
  const entries = ref<SavedEntry[]>(readIndex())
  const estimate = ref<{ usage: number; quota: number } | null>(null)
  const persisted = ref<boolean | null>(null)
  const busy = ref(false)
  const error = ref<string | null>(null)
  /** How many reports the last save stored, for the status line. */
  const lastSaved = ref<number | null>(null)

  const write = () => localStorage.setItem(INDEX_KEY, JSON.stringify(entries.value))
  const isSaved = (id: string) => entries.value.some((e) => e.id === id)

  async function refreshEstimate() {
    if (navigator.storage?.estimate) {
      const e = await navigator.storage.estimate()
      estimate.value = { usage: e.usage ?? 0, quota: e.quota ?? 0 }
    }
    if (navigator.storage?.persisted) persisted.value = await navigator.storage.persisted()
  }

  /** Ask the browser not to evict what the reader saved on purpose. */
  async function askToPersist() {
    if (navigator.storage?.persist && !(await navigator.storage.persisted?.())) persisted.value = await navigator.storage.persist()
  }

  async function store(url: string): Promise<{ text: string; bytes: number }> {
    const res = await fetch(url, { headers: { Accept: 'application/json' } })
    if (!res.ok) throw new Error(`HTTP ${res.status}`)
    const text = await res.text()
    const cache = await caches.open(SAVED_CACHE)
    await cache.put(url, new Response(text, { headers: { 'Content-Type': 'application/json; charset=utf-8' } }))
    return { text, bytes: new Blob([text]).size }
  }

  async function saveOne(id: string) {
    const { text, bytes } = await store(reportUrl(id))
    const r = JSON.parse(text) as ReportBody
    const now = new Date().toISOString()
    const withdrawn = r.status === 'withdrawn' ? { reason: r.withdrawnReason ?? null } : null
    entries.value = [
      ...entries.value.filter((e) => e.id !== id),
      {
        id,
        title: r.title,
        agencyName: r.agency.name,
        agencyCode: r.agency.code,
        year: r.year,
        bytes,
        savedAt: now,
        revision: r.revision,
        withdrawn,
        newerRevision: null,
        checkedAt: now,
      },
    ].sort((a, b) => a.agencyName.localeCompare(b.agencyName) || b.year - a.year)
    write()
  }

  async function run(task: () => Promise<number>) {
    busy.value = true
    error.value = null
    lastSaved.value = null
    try {
      lastSaved.value = await task()
      await askToPersist()
      await refreshEstimate()
    } catch (e) {
      error.value = e instanceof Error ? e.message : String(e)
    } finally {
      busy.value = false
    }
  }

  const saveReport = (id: string) =>
    run(async () => {
      await saveOne(id)
      return 1
    })

  /** Every published year of an agency, and its list, so browsing it works offline too. */
  const saveAgency = (code: string) =>
    run(async () => {
      const { text } = await store(listUrl(code))
      const { items } = JSON.parse(text) as { items: ReportSummary[] }
      const published = items.filter((x) => x.status === 'published')
      for (const r of published) await saveOne(r.id)
      return published.length
    })

  /**
   * Online, ask the API about every saved copy. A withdrawn report's copy is replaced by what the
   * public now sees (the notice and its reason), so it never opens in full again, even offline; a
   * corrected one is marked with its new revision, for the reader to fetch. Offline, nothing changes.
   */
  let checking = false
  async function check(): Promise<void> {
    if (checking || !navigator.onLine || entries.value.length === 0) return
    checking = true
    try {
      for (const e of [...entries.value]) {
        let res: Response
        try {
          res = await fetch(reportUrl(e.id), { headers: { Accept: 'application/json' } })
        } catch {
          return
        }
        if (!res.ok) continue
        const text = await res.text()
        let r: ReportBody
        try {
          r = JSON.parse(text) as ReportBody
        } catch {
          continue
        }
        const now = new Date().toISOString()
        const update: Partial<SavedEntry> = { checkedAt: now }
        if (r.status === 'withdrawn') {
          if (!e.withdrawn) {
            const cache = await caches.open(SAVED_CACHE)
            await cache.put(reportUrl(e.id), new Response(text, { headers: { 'Content-Type': 'application/json; charset=utf-8' } }))
            update.bytes = new Blob([text]).size
          }
          update.withdrawn = { reason: r.withdrawnReason ?? null }
          update.newerRevision = null
        } else if (r.revision !== null && e.revision != null && r.revision > e.revision) {
          update.newerRevision = r.revision
        }
        entries.value = entries.value.map((x) => (x.id === e.id ? { ...x, ...update } : x))
      }
      write()
    } finally {
      checking = false
    }
  }

  const entry = (id: string) => entries.value.find((e) => e.id === id) ?? null

  async function remove(id: string) {
    await (await caches.open(SAVED_CACHE)).delete(reportUrl(id))
    entries.value = entries.value.filter((e) => e.id !== id)
    write()
    await refreshEstimate()
  }

  async function savedDocument(id: string): Promise<ReportDocument | null> {
    const res = await (await caches.open(SAVED_CACHE)).match(reportUrl(id))
    if (!res) return null
    const body = (await res.json()) as { document: unknown }
    return body.document ? acceptDocument(body.document) : null
  }

  /** Offline search: the saved reports' titles, agencies and prose. */
  async function search(q: string): Promise<SavedEntry[]> {
    const needle = q.trim().toLowerCase()
    if (!needle) return []
    const hits: SavedEntry[] = []
    for (const e of entries.value) {
      if (`${e.title}\n${e.agencyName}`.toLowerCase().includes(needle)) {
        hits.push(e)
        continue
      }
      const doc = await savedDocument(e.id)
      const text = doc ? JSON.stringify([doc.preamble, doc.parts]).toLowerCase() : ''
      if (text.includes(needle)) hits.push(e)
    }
    return hits
  }

  return {
    entries,
    estimate,
    persisted,
    busy,
    error,
    lastSaved,
    isSaved,
    entry,
    saveReport,
    saveAgency,
    remove,
    search,
    refreshEstimate,
    check,
  }
})
