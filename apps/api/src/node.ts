import { existsSync, readFileSync } from 'node:fs'
import { promisify } from 'node:util'
import { brotliCompress, constants as zlibConstants, gzip } from 'node:zlib'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { serve, type ServerType } from '@hono/node-server'
import { getConnInfo } from '@hono/node-server/conninfo'
import { serveStatic } from '@hono/node-server/serve-static'
import type { Context } from 'hono'
import { createApp, type AppDeps } from './app.ts'
import type { BodyEncoders } from './cached-response.ts'
import { resolvePeer, type PeerOf } from './peer.ts'
import { threadedImporter } from './import-thread.ts'
import type { Connection } from './db/connect.ts'
import { firstScreenOf, withFirstScreen, type BuildManifest } from './first-screen.ts'

// The Node entry: the API plus the built reader at / and the built admin app at /admin.

const here = dirname(fileURLToPath(import.meta.url))
const APPS = resolve(here, '../..')

const gzipAsync = promisify(gzip)
const brotliAsync = promisify(brotliCompress)

/**
 * gzip and Brotli for cached response bodies, off the event loop (zlib's thread pool). Each body
 * is compressed once per revision, so both run at their best ratio.
 */
export function nodeEncoders(): BodyEncoders {
  return {
    gzip: async (bytes) => new Uint8Array(await gzipAsync(bytes, { level: 9 })),
    br: async (bytes) =>
      new Uint8Array(
        await brotliAsync(bytes, {
          params: {
            [zlibConstants.BROTLI_PARAM_QUALITY]: 11,
            [zlibConstants.BROTLI_PARAM_MODE]: zlibConstants.BROTLI_MODE_TEXT,
            [zlibConstants.BROTLI_PARAM_SIZE_HINT]: bytes.byteLength,
          },
        }),
      ),
  }
}

export interface StaticRoots {
  reader: string
  admin: string
}

export function defaultStaticRoots(): StaticRoots {
  return { reader: resolve(APPS, 'reader/dist'), admin: resolve(APPS, 'admin/dist') }
}

/**
 * Hashed build assets never change; HTML, the service worker and the manifest must revalidate.
 * Set after serveStatic has made its response (its onFound hook runs too late for that).
 */
async function cacheHeaders(c: Context, next: () => Promise<void>) {
  await next()
  if (c.res.status !== 200 || c.res.headers.has('Cache-Control')) return
  c.res.headers.set('Cache-Control', /\/assets\//.test(c.req.path) ? 'public, max-age=31536000, immutable' : 'no-cache')
}

/**
 * The client as Node sees it: the socket's peer, unless that peer is one of the trusted proxies
 * (TRUST_PROXY), whose X-Forwarded-For and X-Forwarded-Proto are then read (see peer.ts).
 */
export function nodePeer(trusted: readonly string[] = []): PeerOf {
  return (c) => {
    let socket: string | null = null
    try {
      socket = getConnInfo(c).remote.address ?? null
    } catch {
      // No socket: a request made in-process (app.request in tests).
    }
    return resolvePeer(
      socket,
      { forwardedFor: c.req.header('x-forwarded-for'), forwardedProto: c.req.header('x-forwarded-proto') },
      trusted,
      new URL(c.req.url).protocol === 'https:',
    )
  }
}

export interface NodeAppOptions {
  /** Reverse proxies whose forwarding headers are believed (TRUST_PROXY). */
  trustProxy?: readonly string[]
  /** Extra deps (tests). */
  deps?: Partial<AppDeps>
}

/** The API app with the two front ends mounted; SPA routes fall back to their index.html. */
export function createNodeApp(conn: Connection, roots: StaticRoots = defaultStaticRoots(), options: NodeAppOptions = {}) {
  // Phones on weak networks: gzip every text response. At the edge the platform compresses.
  // Uploaded files are read in a worker thread with memory and time limits.
  const app = createApp({
    db: conn.db,
    dialect: conn.dialect,
    compress: true,
    encoders: nodeEncoders(),
    peer: nodePeer(options.trustProxy),
    importer: threadedImporter(),
    ...options.deps,
  })
  const index = (root: string) => {
    const file = resolve(root, 'index.html')
    return existsSync(file) ? readFileSync(file, 'utf8') : null
  }
  const buildManifest = (root: string): BuildManifest | null => {
    try {
      return JSON.parse(readFileSync(resolve(root, '.vite/manifest.json'), 'utf8')) as BuildManifest
    } catch {
      return null
    }
  }
  // A path with a file extension is a file: a missing one is a 404, never index.html.
  // The reader's home page and report pages carry their first screen's API answer (first-screen.ts).
  const spaFallback = (root: string, firstScreen: boolean) => async (c: Context) => {
    if (/\.[a-z0-9]+$/i.test(c.req.path)) return c.text('Not found', 404)
    let html = index(root)
    if (html === null) return c.text('This app has not been built: run `pnpm build`.', 503)
    const screen = firstScreen ? firstScreenOf(new URL(c.req.url).pathname) : null
    if (screen) {
      const answer = await app.request(screen.api, { headers: { Accept: 'application/json' } })
      const json = answer.status === 200 && /json/.test(answer.headers.get('Content-Type') ?? '') ? await answer.text() : null
      html = withFirstScreen(html, screen, buildManifest(root), json)
    }
    c.header('Cache-Control', 'no-cache')
    return c.html(html)
  }

  app.get('/admin', (c) => c.redirect('/admin/'))
  // The builds carry .br and .gz copies of their files (scripts/precompress.mjs).
  app.use(
    '/admin/*',
    cacheHeaders,
    serveStatic({ root: roots.admin, precompressed: true, rewriteRequestPath: (p) => p.replace(/^\/admin/, '') }),
  )
  app.get('/admin/*', spaFallback(roots.admin, false))
  // The home page is the SPA's page too (not the static index.html, which the service worker
  // precaches as it is): it carries its first screen.
  app.get('/', spaFallback(roots.reader, true))
  app.use('/*', cacheHeaders, serveStatic({ root: roots.reader, precompressed: true }))
  app.get('/*', spaFallback(roots.reader, true))
  return app
}

/** Serve the app; rejects when the address cannot be bound (EADDRINUSE, EACCES) instead of crashing. */
export function listen(app: ReturnType<typeof createNodeApp>, port: number, host: string): Promise<ServerType> {
  return new Promise((resolveServer, reject) => {
    const server = serve({ fetch: app.fetch, port, hostname: host }, () => resolveServer(server))
    server.once('error', reject)
  })
}
