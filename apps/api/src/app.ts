import { Hono } from 'hono'
import { compress } from 'hono/compress'
import { HTTPException } from 'hono/http-exception'
import { csrfGuard, loadSession } from './auth/session.ts'
import type { ReportDocument, ValidationResult } from '@gongkai/schema'
import type { AppDeps, AppEnv } from './context.ts'
import { Lru } from './lru.ts'
import { API_RESPONSE_HEADERS, isComplete, responseCache, streamEncoders } from './cached-response.ts'
import { transactionRunner } from './db/write-batch.ts'
import { DocumentTooLarge, MAX_DOCUMENT_CHARS } from './db/document-size.ts'
import { ApiError, errorResponse } from './errors.ts'
import { generalBodyLimit } from './limits.ts'
import { urlPeer } from './peer.ts'
import { inProcessImporter } from './importer.ts'
import { HSTS, PAGE_CSP_HEADER, REFERRER_POLICY } from './security-headers.ts'
import { openAPIRouteHandler } from 'hono-openapi'
import { admin } from './routes/admin/index.ts'
import { agencies } from './routes/agencies.ts'
import { auth } from './routes/auth.ts'
import { feed } from './routes/feed.ts'
import { health } from './routes/health.ts'
import { reports } from './routes/reports.ts'
import { compare, metrics, stats } from './routes/stats.ts'
import { compliance, data, regions } from './routes/board.ts'

export type { AppDeps } from './context.ts'

// The security headers, computed once. The document headers mean something only on documents
// (the two apps' index.html). On scripts, styles and JSON they are ignored, and on a phone over
// HTTP/1.1 they were half a kilobyte on every one of the cold view's requests. Other responses
// keep nosniff and CORP; the API's also get a short policy, in case a response is opened as a
// page (an SVG, a feed).
const PAGE_HEADERS: ReadonlyArray<readonly [string, string]> = [
  ['Cross-Origin-Resource-Policy', 'same-origin'],
  ['Cross-Origin-Opener-Policy', 'same-origin'],
  ['Origin-Agent-Cluster', '?1'],
  ['Referrer-Policy', REFERRER_POLICY],
  ['X-Content-Type-Options', 'nosniff'],
  ['X-DNS-Prefetch-Control', 'off'],
  ['X-Download-Options', 'noopen'],
  // The same as the edge's pages, and as `frame-ancestors 'none'` says.
  ['X-Frame-Options', 'DENY'],
  ['X-Permitted-Cross-Domain-Policies', 'none'],
  ['X-XSS-Protection', '0'],
  ['Content-Security-Policy', PAGE_CSP_HEADER],
]
const DOCUMENT_ONLY_HEADERS = [
  'content-security-policy',
  'cross-origin-opener-policy',
  'origin-agent-cluster',
  'referrer-policy',
  'strict-transport-security',
  'x-dns-prefetch-control',
  'x-download-options',
  'x-frame-options',
  'x-permitted-cross-domain-policies',
  'x-xss-protection',
]
const FILE_HEADERS: ReadonlyArray<readonly [string, string]> = [
  ['Cross-Origin-Resource-Policy', 'same-origin'],
  ['X-Content-Type-Options', 'nosniff'],
]

/** The one app, for every runtime: Node (node.ts) and the edge build their own deps. */
export function createApp(deps: AppDeps) {
  const resolved = {
    now: () => new Date(),
    compress: false,
    batch: transactionRunner(deps.db),
    database: deps.dialect,
    peer: urlPeer,
    importer: inProcessImporter(deps.pdfAssets),
    encoders: streamEncoders(),
    ...deps,
    caches: {
      documents: new Lru<string, ReportDocument>(1_000),
      validations: new Lru<string, ValidationResult>(1_000),
      responses: responseCache(deps.responseCacheBytes),
    },
  }
  const api = new Hono<AppEnv>()
    .use('*', async (c, next) => {
      const scoped = resolved.scope?.(c.env)
      c.set('deps', scoped ? { ...resolved, ...scoped } : resolved)
      await next()
    })
    .use('*', generalBodyLimit)
    .use('*', loadSession)
    .use('*', csrfGuard)
    .route('/health', health)
    .route('/reports', reports)
    .route('/agencies', agencies)
    .route('/feed.atom', feed)
    .route('/metrics', metrics)
    .route('/stats', stats)
    .route('/compare', compare)
    .route('/compliance', compliance)
    .route('/regions', regions)
    .route('/data', data)
    .route('/auth', auth)
    .route('/admin', admin)
  api.get(
    '/openapi.json',
    openAPIRouteHandler(api, {
      // `/feed.atom` looks like a static file to the generator, but it is a route.
      excludeStaticFile: false,
      documentation: {
        info: {
          title: 'Gongkai API',
          version: '1',
          description: '政府信息公开工作年度报告 — published reports, revisions, downloads; admin drafts and publishing',
        },
        servers: [{ url: '/api' }],
        components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'gk_session' } } },
      },
    }),
  )
  api
    // Registered last: any other /api path is an API 404, never the SPA's index.html.
    .all('*', () => {
      throw new ApiError('NOT_FOUND')
    })

  const app = new Hono<AppEnv>()
  // Before every route, or it would never see their responses. A response that left its route
  // complete (a cached API body, in the encoding the client takes, with its headers: see
  // cached-response.ts) is sent as it is.
  const compressing = resolved.compress ? compress({ threshold: 1024 }) : null
  app.use('*', async (c, next) => {
    await next()
    if (isComplete(c.res)) return
    const headers = c.res.headers
    headers.delete('X-Powered-By')
    if (headers.get('content-type')?.startsWith('text/html')) {
      for (const [k, v] of PAGE_HEADERS) headers.set(k, v)
      // HSTS means something only over HTTPS, and over plain HTTP it would claim what is not so.
      if (resolved.peer(c).https) headers.set('Strict-Transport-Security', HSTS)
    } else {
      for (const h of DOCUMENT_ONLY_HEADERS) headers.delete(h)
      if (c.req.path.startsWith('/api/')) for (const [k, v] of Object.entries(API_RESPONSE_HEADERS)) headers.set(k, v)
      else for (const [k, v] of FILE_HEADERS) headers.set(k, v)
    }
    // Last, on the response as it will be sent (the route has run: nothing is left to await).
    if (compressing) await compressing(c, async () => {})
  })
  app.route('/api', api)
  app.notFound((c) => (c.req.path.startsWith('/api') ? errorResponse(c, 'NOT_FOUND') : c.text('Not found', 404)))
  app.onError((err, c) => {
    if (err instanceof ApiError) return errorResponse(c, err.code, err.details, err.extra)
    if (err instanceof DocumentTooLarge) {
      const detail = {
        path: 'document',
        message: `字段 document：共 ${err.chars} 字符，最多 ${MAX_DOCUMENT_CHARS}`,
        message_en: `Field document: ${err.chars} characters, at most ${MAX_DOCUMENT_CHARS}`,
      }
      return errorResponse(c, 'DOCUMENT_TOO_LARGE', [detail])
    }
    // Any other 400 from Hono itself (a broken JSON body is already BAD_JSON: see validate.ts).
    if (err instanceof HTTPException && err.status === 400) return errorResponse(c, 'VALIDATION_FAILED')
    console.error(err)
    return errorResponse(c, 'INTERNAL')
  })
  return app
}

export type App = ReturnType<typeof createApp>
