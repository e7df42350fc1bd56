import type { Context, MiddlewareHandler } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { errorResponse } from './errors.ts'

// Request bodies are bounded before they are read. Every route gets the general limit; the
// routes that take files (base64 in JSON) have their own, and their 413 says what it is.

const MiB = 1024 * 1024

/** Any JSON body: a report document at its largest (500,000 characters) fits with room to spare. */
export const BODY_LIMIT = 5 * MiB

/** The upload routes' own limits, by path: a report file (5,000,000 base64 characters), and a batch or a zip. */
export const UPLOAD_LIMITS = {
  '/api/admin/import': 6 * MiB,
  '/api/admin/jobs/import-batch': 8 * MiB,
} as const

const general = bodyLimit({ maxSize: BODY_LIMIT, onError: (c) => errorResponse(c, 'PAYLOAD_TOO_LARGE') })

/**
 * A GET or HEAD that declares no body has none to limit. Asking Hono for the body would build the
 * whole Fetch request (its stream, its abort signal) on every public read, which is most of them.
 */
const bodiless = (c: Context) =>
  (c.req.method === 'GET' || c.req.method === 'HEAD') && !c.req.header('content-length') && !c.req.header('transfer-encoding')

/** The general limit, for every request but the uploads, which are limited where they are routed. */
export const generalBodyLimit: MiddlewareHandler = (c, next) =>
  bodiless(c) || (c.req.method === 'POST' && Object.hasOwn(UPLOAD_LIMITS, c.req.path)) ? next() : general(c, next)

/** On an upload route: its own limit, named in the 413. */
export function uploadLimit(path: keyof typeof UPLOAD_LIMITS): MiddlewareHandler {
  const maxSize = UPLOAD_LIMITS[path]
  const mb = maxSize / MiB
  return bodyLimit({
    maxSize,
    onError: (c) =>
      errorResponse(
        c,
        'UPLOAD_TOO_LARGE',
        [{ path: '(body)', message: `请求正文最多 ${mb} MB`, message_en: `The request body may take at most ${mb} MB` }],
        { limitBytes: maxSize },
      ),
  })
}
