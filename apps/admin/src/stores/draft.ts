import { parseReportDocument, validateReport, type Cell, type ReportDocument, type TableId, type ValidationResult } from '@gongkai/schema'
import type { ReportSummary, RevisionInfo } from '@gongkai/schema/api'
import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import { ApiFailure, api } from '../api.ts'

// The report being edited. Every change is validated at once, kept in localStorage, and saved
// to the server shortly after; offline it waits and is sent when the network is back. A save
// that meets someone else's newer version keeps both, for the user to choose.

interface Loaded {
  report: ReportSummary
  draft: { version: number; hasDraft: boolean; document: unknown }
  validation: ValidationResult | null
  revisions: RevisionInfo[]
}

const backupKey = (id: string) => `gk-admin-draft-${id}`
const AUTOSAVE_MS = 1200

export const useDraftStore = defineStore('draft', () => {
  const report = ref<ReportSummary | null>(null)
  const revisions = ref<RevisionInfo[]>([])
  const document = shallowRef<ReportDocument | null>(null)
  const version = ref(0)
  const hasDraft = ref(false)
  const dirty = ref(false)
  const status = ref<'idle' | 'saving' | 'saved' | 'offline' | 'conflict' | 'error'>('idle')
  const error = ref<string | null>(null)
  const conflict = ref<{ mine: ReportDocument; theirs: ReportDocument | null; theirVersion: number } | null>(null)
  /** The server's checks, which also know last year's report (cross-year rules). */
  const serverValidation = ref<ValidationResult | null>(null)
  let timer: ReturnType<typeof setTimeout> | null = null

  /** Live checks, on every change: the same validator as the server (cross-year rules aside). */
  const validation = computed(() => (document.value ? validateReport(document.value) : null))

  function backup() {
    if (report.value && document.value)
      localStorage.setItem(
        backupKey(report.value.id),
        JSON.stringify({ version: version.value, document: document.value, at: new Date().toISOString() }),
      )
  }

  function localBackup(id: string): { version: number; document: ReportDocument; at: string } | null {
    try {
      const raw = localStorage.getItem(backupKey(id))
      if (!raw) return null
      const b = JSON.parse(raw) as { version: number; document: unknown; at: string }
      return { ...b, document: parseReportDocument(b.document) }
    } catch {
      return null
    }
  }

  async function load(id: string) {
    error.value = null
    conflict.value = null
    const data = await api<Loaded>('GET', `/api/admin/reports/${encodeURIComponent(id)}`)
    report.value = data.report
    revisions.value = data.revisions
    version.value = data.draft.version
    hasDraft.value = data.draft.hasDraft
    serverValidation.value = data.validation
    document.value = data.draft.document ? parseReportDocument(data.draft.document) : null
    dirty.value = false
    status.value = 'idle'
    // Work kept locally (offline, or when the session expired) comes back first.
    const local = localBackup(id)
    if (local && JSON.stringify(local.document) !== JSON.stringify(document.value)) {
      if (local.version === version.value) {
        document.value = local.document
        dirty.value = true
        schedule()
      } else conflict.value = { mine: local.document, theirs: document.value, theirVersion: version.value }
    }
  }

  function schedule() {
    if (timer) clearTimeout(timer)
    timer = setTimeout(() => void save(), AUTOSAVE_MS)
  }

  function update(mutate: (doc: ReportDocument) => void) {
    if (!document.value) return
    const next = structuredClone(document.value)
    mutate(next)
    document.value = next
    dirty.value = true
    backup()
    schedule()
  }

  /**
   * A clerk's entry settles a cell the import could not read: a value, blank or "/" fills it in,
   * and "not reported" says on purpose that the source does not give it. Either way it is no
   * longer unread.
   */
  const setCell = (table: TableId, id: string, cell: Cell) =>
    update((doc) => {
      if (cell.state === 'not_reported') delete doc.tables[table].cells[id]
      else doc.tables[table].cells[id] = cell
      const unread = doc.tables[table].unread
      if (unread && id in unread) {
        delete unread[id]
        if (!Object.keys(unread).length) delete doc.tables[table].unread
      }
    })

  async function save(): Promise<boolean> {
    if (timer) clearTimeout(timer)
    if (!report.value || !document.value || !dirty.value) return true
    if (conflict.value) return false
    status.value = 'saving'
    const sent = document.value
    try {
      const res = await api<{ version: number; validation: ValidationResult }>('PUT', `/api/admin/reports/${report.value.id}/draft`, {
        version: version.value,
        document: sent,
      })
      version.value = res.version
      serverValidation.value = res.validation
      hasDraft.value = true
      if (document.value === sent) {
        dirty.value = false
        localStorage.removeItem(backupKey(report.value.id))
      } else schedule()
      status.value = 'saved'
      return true
    } catch (e) {
      if (e instanceof ApiFailure && e.code === 'VERSION_CONFLICT') {
        const current = (e.body?.error?.current ?? {}) as { version: number; document: unknown }
        conflict.value = {
          mine: sent,
          theirs: current.document ? parseReportDocument(current.document) : null,
          theirVersion: current.version,
        }
        status.value = 'conflict'
      } else if (e instanceof ApiFailure && e.code === 'OFFLINE') {
        status.value = 'offline'
        window.addEventListener('online', () => void save(), { once: true })
      } else {
        status.value = 'error'
        error.value = e instanceof Error ? e.message : String(e)
      }
      return false
    }
  }

  /** Settle a conflict: keep mine (saved over theirs) or take theirs. Nothing is lost silently. */
  async function resolve(choice: 'mine' | 'theirs') {
    const c = conflict.value
    if (!c || !report.value) return
    conflict.value = null
    version.value = c.theirVersion
    if (choice === 'theirs') {
      document.value = c.theirs
      dirty.value = false
      localStorage.removeItem(backupKey(report.value.id))
      status.value = 'saved'
      return
    }
    document.value = c.mine
    dirty.value = true
    await save()
  }

  return {
    report,
    revisions,
    document,
    version,
    hasDraft,
    dirty,
    status,
    error,
    conflict,
    validation,
    serverValidation,
    load,
    update,
    setCell,
    save,
    resolve,
    backup,
  }
})
