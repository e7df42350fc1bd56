import { ref, type Ref } from 'vue'
import { ApiFailure, getJson } from '../api.ts'

// The board and a region's summary list their agencies a page at a time (the API gives a hundred
// and `nextOffset`): "show more" fetches the next page of the same answer and appends its rows.

/** A paged answer: its rows under `key`, and where the next page starts (null after the last). */
export type Paged<K extends string, Row> = { nextOffset: number | null } & Record<K, Row[]>

export function useMore<K extends string, Row, T extends Paged<K, Row>>(data: Ref<T | null>, key: K, pathOf: (offset: number) => string) {
  const loading = ref(false)
  const failed = ref<string | null>(null)
  async function more() {
    const current = data.value
    if (!current || current.nextOffset === null || loading.value) return
    loading.value = true
    failed.value = null
    try {
      const next = await getJson<T>(pathOf(current.nextOffset))
      // Only if the page shown is still the one asked about (the filters may have changed meanwhile).
      if (data.value === current) data.value = { ...current, [key]: [...current[key], ...next[key]], nextOffset: next.nextOffset }
    } catch (e) {
      failed.value = e instanceof ApiFailure ? e.message : String(e)
    } finally {
      loading.value = false
    }
  }
  return { more, loading, failed }
}
