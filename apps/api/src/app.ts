import { Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { secureHeaders } from 'hono/secure-headers'
import { csrfGuard, loadSession } from './auth/session.ts'
import type { AppDeps, AppEnv } from './context.ts'
import { ApiError, errorResponse } from './errors.ts'
import { admin } from './routes/admin.ts'
import { auth } from './routes/auth.ts'
import { health } from './routes/health.ts'
import { reports } from './routes/reports.ts'

export type { AppDeps } from './context.ts'

/** The one app, for every runtime: Node (node.ts) and the edge build their own deps. */
export function createApp(deps: AppDeps) {
  const resolved = { now: () => new Date(), ...deps }
  const api = new Hono<AppEnv>()
    .use('*', async (c, next) => {
      c.set('deps', resolved)
      await next()
    })
    .use(
      '*',
      bodyLimit({
        maxSize: 5 * 1024 * 1024,
        onError: (c) => errorResponse(c, 'PAYLOAD_TOO_LARGE'),
      }),
    )
    .use('*', loadSession)
    .use('*', csrfGuard)
    .route('/health', health)
    .route('/reports', reports)
    .route('/auth', auth)
    .route('/admin', admin)
    // Registered last: any other /api path is an API 404, never the SPA's index.html.
    .all('*', () => {
      throw new ApiError('NOT_FOUND')
    })

  const app = new Hono<AppEnv>()
  app.use(
    '*',
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
      },
      referrerPolicy: 'strict-origin-when-cross-origin',
    }),
  )
  app.route('/api', api)
  app.notFound((c) => (c.req.path.startsWith('/api') ? errorResponse(c, 'NOT_FOUND') : c.text('Not found', 404)))
  app.onError((err, c) => {
    if (err instanceof ApiError) return errorResponse(c, err.code, err.details)
    console.error(err)
    return errorResponse(c, 'INTERNAL')
  })
  return app
}

export type App = ReturnType<typeof createApp>
