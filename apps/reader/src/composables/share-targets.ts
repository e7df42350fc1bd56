import { onBeforeUnmount, shallowRef, watch, type Ref } from 'vue'

// What a share link can point at: the report's parts, its tables and its charts. The report view
// gives parts and tables their ids (#part-3, #table-三); charts get theirs here, from the section
// they are in (#tu-applications-chart-1), so a link to one is stable across loads.

export interface ShareTarget {
  el: HTMLElement
  id: string
  kind: 'table' | 'chart'
  name: string
}

const ANCHORS = '.gk-part[id], .gk-table-block[id], figure.gk-chart[id], section[id^="tu-"]'

/** A table's name ("表二"), from its first region's label without that region's own caption. */
function tableName(block: HTMLElement): string {
  const region = block.querySelector('[role="region"][aria-label]')
  const label = region?.getAttribute('aria-label')?.trim() ?? ''
  const caption = region?.querySelector('caption')?.textContent?.trim() ?? ''
  const name = caption && label.endsWith(caption) ? label.slice(0, -caption.length).trim() : label
  return name || `表${block.id.replace(/^table-/, '')}`
}

/** Give every chart its id, and list the tables and charts under `root`, in reading order. */
export function findShareTargets(root: ParentNode): ShareTarget[] {
  const counts = new Map<string, number>()
  const out: ShareTarget[] = []
  for (const el of Array.from(root.querySelectorAll<HTMLElement>('.gk-table-block[id], figure.gk-chart'))) {
    if (el.matches('figure')) {
      const section = el.closest('section[id]')?.id ?? 'chart'
      const n = (counts.get(section) ?? 0) + 1
      counts.set(section, n)
      const id = `${section}-chart-${n}`
      if (el.id !== id) el.id = id
      out.push({ el, id, kind: 'chart', name: el.querySelector('.gk-chart-title')?.textContent?.trim() ?? '' })
    } else {
      // A table given in the source has its own region labels; one not given has only its id.
      if (!el.querySelector('table')) continue
      out.push({ el, id: el.id, kind: 'table', name: tableName(el) })
    }
  }
  return out
}

/**
 * The part, table or chart being read: the innermost anchor that crosses the reading line, a third
 * of the way down the window, or the last one above it; '' above the first one.
 */
export function fragmentInView(root: ParentNode, viewportHeight: number, current = ''): string {
  const line = viewportHeight / 3
  // The anchor being read stays while its start is still on screen (a part opened from the
  // contents stays the part, though its first table already crosses the line).
  const kept = current ? root.querySelector<HTMLElement>(`[id="${CSS.escape(current)}"]`) : null
  if (kept) {
    const r = kept.getBoundingClientRect()
    if (r.top >= -2 && r.top <= line) return current
  }
  let crossing = ''
  let above = ''
  for (const el of Array.from(root.querySelectorAll<HTMLElement>(ANCHORS))) {
    const r = el.getBoundingClientRect()
    if (r.height === 0) continue
    if (r.top <= line && r.bottom > line) crossing = el.id
    else if (r.bottom <= line) above = el.id
  }
  return crossing || above
}

/** What an anchor is called, for the share button: a part's heading, a table's or chart's name. */
export function anchorName(root: ParentNode, id: string): string {
  const el = id ? root.querySelector<HTMLElement>(`[id="${CSS.escape(id)}"]`) : null
  if (!el) return ''
  if (el.matches('figure')) return el.querySelector('.gk-chart-title')?.textContent?.trim() ?? ''
  if (el.matches('.gk-table-block')) return tableName(el)
  const heading = el.querySelector('h2')
  // A part's heading, without its English gloss.
  return (heading?.firstChild?.textContent ?? heading?.textContent ?? '').trim()
}

/** The share targets under an element, kept current as the report (and its lazy 图解) render. */
export function useShareTargets(root: Ref<HTMLElement | null>) {
  const targets = shallowRef<ShareTarget[]>([])
  let frame = 0
  const scan = () => {
    frame = 0
    const next = root.value ? findShareTargets(root.value) : []
    const shown = targets.value
    const same =
      next.length === shown.length &&
      next.every((t, i) => {
        const s = shown[i]
        return s !== undefined && t.el === s.el && t.id === s.id && t.name === s.name
      })
    if (!same) targets.value = next
  }
  const observer = typeof MutationObserver === 'undefined' ? null : new MutationObserver(() => (frame ||= requestAnimationFrame(scan)))
  // The report's body appears once the report has loaded, and again for another report.
  watch(
    root,
    (el) => {
      observer?.disconnect()
      if (el) observer?.observe(el, { childList: true, subtree: true })
      scan()
    },
    { immediate: true, flush: 'post' },
  )
  onBeforeUnmount(() => {
    observer?.disconnect()
    if (frame) cancelAnimationFrame(frame)
  })
  return targets
}
