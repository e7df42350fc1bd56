/* eslint-disable vue/one-component-per-file -- the router and its two components share its state */
import { defineComponent, h, nextTick, shallowRef, type App, type Component, type PropType } from 'vue'

// The reader's router: six routes, history mode, lazy pages. It replaces vue-router (about 9 KB
// gzip, a sixth of the cold report view's budget) with the part of it the reader uses:
// <RouterLink> (with aria-current and the exact-active class), <RouterView>, useRoute(), named
// routes with params as props, scrolling to the top or to a #fragment, and a reload instead of a
// white screen when a deploy removed the chunk a page needs.

type Loader = () => Promise<{ default: Component }>

interface RouteDef {
  name: string
  /** `/reports/:id` style; `*` alone matches everything (the not-found page). */
  path: string
  load: Loader
}

const ROUTES: RouteDef[] = [
  { path: '/', name: 'home', load: () => import('./pages/HomePage.vue') },
  { path: '/browse', name: 'browse', load: () => import('./pages/BrowsePage.vue') },
  { path: '/agencies/:code', name: 'agency', load: () => import('./pages/AgencyPage.vue') },
  { path: '/saved', name: 'saved', load: () => import('./pages/SavedPage.vue') },
  { path: '/reports/:id', name: 'report', load: () => import('./pages/ReportPage.vue') },
  { path: '/compare', name: 'compare', load: () => import('./pages/ComparePage.vue') },
  { path: '/stats', name: 'stats', load: () => import('./pages/StatsPage.vue') },
  { path: '/compliance', name: 'compliance', load: () => import('./pages/CompliancePage.vue') },
  { path: '/regions/:code', name: 'region', load: () => import('./pages/RegionPage.vue') },
  { path: '*', name: 'not-found', load: () => import('./pages/NotFoundPage.vue') },
]

export interface Route {
  name: string
  path: string
  params: Record<string, string>
  query: Record<string, string>
  hash: string
  fullPath: string
}

export type RouteTarget = string | { name?: string; params?: Record<string, string>; query?: Record<string, string>; hash?: string }

function match(path: string): { def: RouteDef; params: Record<string, string> } {
  const parts = path.split('/').filter(Boolean)
  for (const def of ROUTES) {
    if (def.path === '*') return { def, params: {} }
    const want = def.path.split('/').filter(Boolean)
    if (want.length !== parts.length) continue
    const params: Record<string, string> = {}
    const fits = want.every((w, i) => {
      const part = parts[i]
      if (part === undefined) return false
      if (!w.startsWith(':')) return w === part
      params[w.slice(1)] = decodeURIComponent(part)
      return true
    })
    if (fits) return { def, params }
  }
  throw new Error('no route') // unreachable: the last route matches everything
}

function parse(fullPath: string): Route {
  const url = new URL(fullPath, 'http://x')
  const { def, params } = match(url.pathname)
  return {
    name: def.name,
    path: url.pathname,
    params,
    query: Object.fromEntries(url.searchParams),
    hash: url.hash,
    fullPath: url.pathname + url.search + url.hash,
  }
}

/** The path a link points at: a path, a named route with params, or new query/hash on this page. */
export function resolve(to: RouteTarget, from: Route = current.value): string {
  if (typeof to === 'string') return to
  let path = from.path
  if (to.name) {
    const def = ROUTES.find((r) => r.name === to.name)
    if (!def) throw new Error(`unknown route ${to.name}`)
    path = def.path.replace(/:(\w+)/g, (_, k: string) => encodeURIComponent(to.params?.[k] ?? ''))
  }
  const search = new URLSearchParams(to.query ?? {}).toString()
  return path + (search ? `?${search}` : '') + (to.hash ?? '')
}

const here = () => location.pathname + location.search + location.hash
const current = shallowRef<Route>(parse(here()))
const view = shallowRef<Component | null>(null)
const loaded = new Map<string, Component>()

// The browsers' only sign of a chunk that is gone is the message of the TypeError that `import()`
// rejects with (each engine words it differently): read once, here, where the page is loaded.
const MISSING_CHUNK =
  /Failed to fetch dynamically imported module|Importing a module script failed|error loading dynamically imported module/i

async function load(route: Route): Promise<Component | null> {
  const def = ROUTES.find((r) => r.name === route.name)
  if (!def) throw new Error(`no route named ${route.name}`) // unreachable: every route comes from match()
  const hit = loaded.get(def.name)
  if (hit) return hit
  try {
    const page = (await def.load()).default
    loaded.set(def.name, page)
    return page
  } catch (error) {
    // After a deploy, an old page may ask for a chunk that no longer exists. Load the new
    // version once instead of leaving a white screen.
    if (MISSING_CHUNK.test(String((error as Error)?.message ?? error)) && sessionStorage.getItem('gk-chunk-reload') !== route.fullPath) {
      sessionStorage.setItem('gk-chunk-reload', route.fullPath)
      window.location.assign(route.fullPath)
      return null
    }
    throw error
  }
}

let pending = 0
/** Show `route` once its page is loaded (a later navigation wins), then scroll. */
async function commit(route: Route, history: 'push' | 'replace' | 'none'): Promise<void> {
  const ticket = ++pending
  const page = await load(route)
  if (!page || ticket !== pending) return
  if (history === 'push') window.history.pushState(null, '', route.fullPath)
  else if (history === 'replace') window.history.replaceState(null, '', route.fullPath)
  const samePage = current.value.path === route.path
  current.value = route
  view.value = page
  await nextTick()
  if (route.hash) scrollToFragment(decodeURIComponent(route.hash.slice(1)))
  else if (!samePage) window.scrollTo({ top: 0 })
}

/** A shared link to a part, table or chart: its element appears once the report has loaded. */
function scrollToFragment(id: string): void {
  const go = () => {
    const el = document.getElementById(id)
    el?.scrollIntoView()
    return el !== null
  }
  if (go()) return
  const watcher = new MutationObserver(() => go() && watcher.disconnect())
  watcher.observe(document.body, { childList: true, subtree: true })
  setTimeout(() => watcher.disconnect(), 10_000)
}

export function navigate(to: RouteTarget, options: { replace?: boolean } = {}): Promise<void> {
  return commit(parse(resolve(to)), options.replace ? 'replace' : 'push')
}

/** The current route; its fields are reactive when read in a computed or a template. */
export function useRoute(): Route {
  return {
    get name() {
      return current.value.name
    },
    get path() {
      return current.value.path
    },
    get params() {
      return current.value.params
    },
    get query() {
      return current.value.query
    },
    get hash() {
      return current.value.hash
    },
    get fullPath() {
      return current.value.fullPath
    },
  }
}

export const RouterLink = defineComponent({
  name: 'RouterLink',
  props: { to: { type: [String, Object] as PropType<RouteTarget>, required: true }, replace: Boolean },
  setup(props, { slots }) {
    return () => {
      const href = resolve(props.to)
      const exact = new URL(href, 'http://x').pathname === current.value.path
      return h(
        'a',
        {
          href,
          class: exact ? 'router-link-exact-active' : undefined,
          'aria-current': exact ? 'page' : undefined,
          onClick: (e: MouseEvent) => {
            if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.altKey || e.ctrlKey || e.shiftKey) return
            e.preventDefault()
            void navigate(props.to, { replace: props.replace })
          },
        },
        slots.default?.(),
      )
    }
  },
})

export const RouterView = defineComponent({
  name: 'RouterView',
  setup() {
    // Params are the page's props (`/reports/:id` → `id`); a new id is a new page instance.
    return () => (view.value ? h(view.value, { ...current.value.params, key: current.value.path }) : null)
  },
})

let first: Promise<void> = Promise.resolve()
export const router = {
  install(app: App) {
    app.component('RouterLink', RouterLink)
    app.component('RouterView', RouterView)
    window.addEventListener('popstate', () => void commit(parse(here()), 'none'))
    first = commit(current.value, 'none')
  },
  /** Settles once the first page's code has loaded (or failed to). */
  isReady: (): Promise<void> => first.catch(() => undefined),
}

declare module 'vue' {
  interface GlobalComponents {
    RouterLink: typeof RouterLink
    RouterView: typeof RouterView
  }
}
