import { ref } from 'vue'

// The reports chosen for comparison (up to 6), kept on this device so they survive a reload; the
// comparison itself is a URL (/compare?reports=a,b) that can be shared.

export const MAX_COMPARE = 6
const KEY = 'gk-compare-v1'

function read(): string[] {
  try {
    const v = JSON.parse(localStorage.getItem(KEY) ?? '[]') as unknown
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string').slice(0, MAX_COMPARE) : []
  } catch {
    return []
  }
}

const ids = ref<string[]>(typeof localStorage !== 'undefined' ? read() : [])

function write(next: string[]) {
  ids.value = next
  localStorage.setItem(KEY, JSON.stringify(next))
}

export function useCompareList() {
  return {
    ids,
    has: (id: string) => ids.value.includes(id),
    /** False when the list is full. */
    add(id: string): boolean {
      if (ids.value.includes(id)) return true
      if (ids.value.length >= MAX_COMPARE) return false
      write([...ids.value, id])
      return true
    },
    remove: (id: string) => write(ids.value.filter((x) => x !== id)),
    set: (next: string[]) => write([...new Set(next)].slice(0, MAX_COMPARE)),
  }
}
