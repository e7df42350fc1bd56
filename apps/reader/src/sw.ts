/// <reference lib="webworker" />
import { CacheExpiration } from 'workbox-expiration'
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching'
import { NavigationRoute, registerRoute } from 'workbox-routing'
import { FETCHED_AT_HEADER } from './api.ts'

declare let self: ServiceWorkerGlobalScope

// The reader's service worker. The app shell is precached; HTML is fetched network-first so
// a deploy never leaves a returning reader on a shell whose chunks are gone; every report opened
// is kept in a named runtime cache; reports the reader saved on purpose live in `gk-saved` and
// are removed only by the reader. The pages across reports (rankings, comparisons, the compliance
// board, region totals) keep their last answers too, network first so that online they are always
// current; a copy served offline says when it was fetched.

export const CACHES = { reports: 'gk-reports', lists: 'gk-lists', saved: 'gk-saved', across: 'gk-across' } as const

precacheAndRoute(self.__WB_MANIFEST)
cleanupOutdatedCaches()

const NETWORK_TIMEOUT_MS = 6000

async function fromNetwork(request: Request): Promise<Response> {
  const controller = new AbortController()
  const timer = setTimeout(() => controller.abort(), NETWORK_TIMEOUT_MS)
  try {
    return await fetch(request, { signal: controller.signal })
  } finally {
    clearTimeout(timer)
  }
}

const shell = createHandlerBoundToURL('/index.html')
registerRoute(
  new NavigationRoute(
    async (options) => {
      try {
        const res = await fromNetwork(options.request)
        if (res.ok) return res
      } catch {
        // Offline: the precached shell renders the page from cached data.
      }
      return shell(options)
    },
    { denylist: [/^\/api\//, /^\/admin(\/|$)/] },
  ),
)

const expirations = {
  [CACHES.reports]: new CacheExpiration(CACHES.reports, { maxEntries: 100 }),
  [CACHES.lists]: new CacheExpiration(CACHES.lists, { maxEntries: 30, maxAgeSeconds: 30 * 24 * 3600 }),
  [CACHES.across]: new CacheExpiration(CACHES.across, { maxEntries: 60, maxAgeSeconds: 30 * 24 * 3600 }),
}

/** Which runtime cache keeps a public API response, if any. */
function runtimeCacheFor(url: URL): keyof typeof expirations | null {
  if (/^\/api\/reports\/[^/]+$/.test(url.pathname)) return CACHES.reports
  if (url.pathname === '/api/reports' || url.pathname === '/api/agencies' || /^\/api\/agencies\/[^/]+\/years$/.test(url.pathname))
    return CACHES.lists
  if (
    ['/api/metrics', '/api/stats', '/api/compare', '/api/compliance'].includes(url.pathname) ||
    /^\/api\/regions\/[^/]+\/summary$/.test(url.pathname)
  )
    return CACHES.across
  return null
}

/** The copy kept for offline use, stamped with when it was fetched (the page shows it offline). */
async function kept(name: string, res: Response): Promise<Response> {
  if (name !== CACHES.across) return res.clone()
  const headers = new Headers(res.headers)
  // The body is kept decoded: the network's encoding and length no longer describe it.
  headers.delete('Content-Encoding')
  headers.delete('Content-Length')
  headers.set(FETCHED_AT_HEADER, new Date().toISOString())
  return new Response(await res.clone().blob(), { status: res.status, statusText: res.statusText, headers })
}

const offline = () =>
  new Response(
    JSON.stringify({
      error: {
        code: 'OFFLINE',
        message: '当前离线，且此内容未保存到本机',
        message_en: 'You are offline and this was not saved on this device',
      },
    }),
    { status: 503, headers: { 'Content-Type': 'application/json; charset=utf-8' } },
  )

registerRoute(
  ({ url, request }) => request.method === 'GET' && url.origin === self.location.origin && url.pathname.startsWith('/api/'),
  async ({ request, url }) => {
    try {
      const res = await fromNetwork(request)
      const name = runtimeCacheFor(url)
      if (name && res.ok) {
        const cache = await caches.open(name)
        await cache.put(request, await kept(name, res))
        await expirations[name].updateTimestamp(request.url)
        void expirations[name].expireEntries()
      }
      return res
    } catch {
      // Saved reports first, then whatever was opened before.
      const saved = await (await caches.open(CACHES.saved)).match(request)
      return saved ?? (await caches.match(request)) ?? offline()
    }
  },
)

self.addEventListener('message', (event) => {
  if ((event.data as { type?: string } | null)?.type === 'SKIP_WAITING') void self.skipWaiting()
})
