import type { ReportDocument, ValidationResult, YearOverYear } from '@gongkai/schema'
import type { RevisionInfo } from '@gongkai/schema/api'
import { defineStore } from 'pinia'
import { ref } from 'vue'
import { acceptDocument, getJson, reportPath, type ReportSummary } from '../api.ts'

export interface PublishedView extends ReportSummary {
  status: 'published'
  revisionInfo: RevisionInfo
  document: ReportDocument
  validation: ValidationResult
  revisions: RevisionInfo[]
  /** Comparison with the same agency's previous year, when that report is published. */
  yearOverYear: YearOverYear[] | null
}

/** A withdrawn report keeps its place and says why; its content is gone from the public API. */
export interface WithdrawnView extends ReportSummary {
  status: 'withdrawn'
  withdrawnReason: string | null
  document: null
}

export type ReportView = PublishedView | WithdrawnView

export const useReportsStore = defineStore('reports', () => {
  const list = ref<ReportSummary[] | null>(null)
  const listError = ref<string | null>(null)
  const current = ref<ReportView | null>(null)
  const currentError = ref<{ code: string; message: string } | null>(null)

  async function loadList() {
    listError.value = null
    try {
      list.value = (await getJson<{ items: ReportSummary[] }>('/api/reports')).items
    } catch (e) {
      listError.value = e instanceof Error ? e.message : String(e)
    }
  }

  async function loadReport(id: string) {
    current.value = null
    currentError.value = null
    try {
      const raw = await getJson<ReportView>(reportPath(id))
      current.value = raw.status === 'withdrawn' ? raw : { ...raw, document: acceptDocument(raw.document) }
    } catch (e) {
      const code = (e as { code?: string }).code ?? 'ERROR'
      currentError.value = { code, message: e instanceof Error ? e.message : String(e) }
    }
    // The network is gone and the service worker had nothing: say so rather than show nothing.
  }

  return { list, listError, current, currentError, loadList, loadReport }
})
