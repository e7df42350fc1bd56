import seed from '@gongkai/importer/fixtures/seed-hangzhou-spb-2020.txt'
import type { PdfAssetReader } from '@gongkai/importer'
import { createApp, type App } from './app.ts'
import { hashPassword } from './auth/password.ts'
import { errorBody } from './errors.ts'
import { edgePeer } from './peer.ts'
import { EDGE_PAGE_HEADERS, HSTS } from './security-headers.ts'
import { openD1, sessionFor, type D1Like } from './db/d1.ts'
import { migrateToLatest } from './db/migrator.ts'
import { enqueueJob } from './db/jobs.ts'
import { countUsers, insertUser } from './db/users.ts'
import { runOnce } from './jobs/runner.ts'
import { loadSampleData } from './sample.ts'

// The edge entry (Cloudflare Workers / workerd): the same createApp() over D1. The built reader
// and admin apps are static assets (wrangler.toml [assets]); a path with no asset comes here, so
// this entry answers /api and sends each app's routes to its index.html.

export interface Env {
  DB: D1Like
  ASSETS?: { fetch(request: Request | string): Promise<Response> }
  /** First start only: the `admin` account is created with this password (a secret). */
  GONGKAI_ADMIN_PASSWORD?: string
  /** "1": load the sample reports into an empty database (demos and tests). */
  GONGKAI_SAMPLE_DATA?: string
}

interface Site {
  app: App
  store: ReturnType<typeof openD1>
  pdfAssets?: PdfAssetReader
}

/** pdf.js's CMaps and fonts, copied into the static assets under /pdfjs/ by `build:edge`. */
function assetReader(assets: NonNullable<Env['ASSETS']>): PdfAssetReader {
  return async (path) => {
    const res = await assets.fetch(`https://assets.invalid/pdfjs/${path}`)
    if (!res.ok) throw new Error(`pdf.js resource ${path}: ${res.status}`)
    return new Uint8Array(await res.arrayBuffer())
  }
}

// One boot per isolate and database binding: migrations, then first-start data. A failed boot is
// forgotten, so the next request tries again.
const sites = new WeakMap<D1Like, Promise<Site>>()

async function boot(env: Env): Promise<Site> {
  const store = openD1(env.DB)
  await migrateToLatest(store.db)
  if (env.GONGKAI_SAMPLE_DATA === '1') await loadSampleData({ ...store, dialect: 'sqlite' }, new Date(), seed)
  if (env.GONGKAI_ADMIN_PASSWORD && (await countUsers(store.db)) === 0) {
    const passwordHash = await hashPassword(env.GONGKAI_ADMIN_PASSWORD)
    await insertUser(store.db, { username: 'admin', displayName: '管理员', passwordHash, isAdmin: true }, new Date())
  }
  const pdfAssets = env.ASSETS ? assetReader(env.ASSETS) : undefined
  const app = createApp({
    db: store.db,
    dialect: 'sqlite',
    database: 'd1',
    batch: store.batch,
    scope: (requestEnv) => (requestEnv as RequestEnv).store,
    peer: edgePeer,
    ...(pdfAssets ? { pdfAssets } : {}),
  })
  return { store, app, ...(pdfAssets ? { pdfAssets } : {}) }
}

interface RequestEnv extends Env {
  store?: ReturnType<typeof openD1>
}

function site(env: Env): Promise<Site> {
  let s = sites.get(env.DB)
  if (!s) {
    s = boot(env)
    sites.set(env.DB, s)
    s.catch(() => sites.delete(env.DB))
  }
  return s
}

async function spaFallback(request: Request, env: Env): Promise<Response> {
  const url = new URL(request.url)
  // A path with a file extension is a file: a missing one is a 404, never index.html.
  if (!env.ASSETS || /\.[a-z0-9]+$/i.test(url.pathname)) return new Response('Not found', { status: 404 })
  const index = url.pathname === '/admin' || url.pathname.startsWith('/admin/') ? '/admin/index.html' : '/index.html'
  const res = await env.ASSETS.fetch(new URL(index, url).toString())
  // Made here, so Cloudflare's `_headers` rules do not apply: the page's headers are set the same way.
  return new Response(res.body, {
    status: res.status,
    headers: {
      'Content-Type': 'text/html; charset=utf-8',
      ...EDGE_PAGE_HEADERS,
      ...(url.protocol === 'https:' ? { 'Strict-Transport-Security': HSTS } : {}),
    },
  })
}

export default {
  async fetch(request: Request, env: Env, ctx: { waitUntil(p: Promise<unknown>): void }): Promise<Response> {
    const { pathname } = new URL(request.url)
    if (pathname === '/api' || pathname.startsWith('/api/')) {
      let s: Site
      try {
        // A boot that failed is forgotten, and tried once more at once: requests that arrive
        // together may each start one, and the migrator's first steps (its tables, its lock row)
        // can collide between them; the second try finds that work done.
        s = await site(env).catch(() => site(env))
      } catch (e) {
        // Migrations or first-start data failed (logged); the next request tries again.
        console.error(e)
        return Response.json(errorBody('STARTING'), { status: 503, headers: { 'Retry-After': '5' } })
      }
      const requestEnv: RequestEnv = { ...env, store: openD1(sessionFor(request, env.DB)) }
      return s.app.fetch(request, requestEnv, ctx as never)
    }
    return spaFallback(request, env)
  },

  /** Cron trigger (wrangler.toml): the daily deadline reminders and any queued background jobs. */
  async scheduled(event: { scheduledTime: number }, env: Env): Promise<void> {
    const { store, pdfAssets } = await site(env)
    const today = new Date(event.scheduledTime).toISOString().slice(0, 10)
    await enqueueJob(
      store.db,
      { type: 'deadline-reminders', payload: {}, idempotencyKey: `deadline-reminders:${today}`, maxAttempts: 3 },
      new Date(),
    )
    // A cron invocation is short-lived: work through what is due, a bounded number of jobs.
    for (let i = 0; i < 20; i++)
      if (
        !(await runOnce({
          ...store,
          ...(pdfAssets ? { pdfAssets } : {}),
          dialect: 'sqlite',
          workerId: `edge-${crypto.randomUUID().slice(0, 8)}`,
        }))
      )
        break
  },
}
