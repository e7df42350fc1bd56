import type { Context } from 'hono'
import { CachedBody, cachedBody, etagOf, notModified, sendCached } from './cached-response.ts'
import type { AppEnv } from './context.ts'
import { acrossVersion } from './db/reports-list.ts'

// The answers across reports (stats, region summaries, the compliance board) as the list's are:
// one primary-key read (the across version, which every publish, correction, withdrawal and new
// agency bumps in its own write batch) gives the ETag; a current If-None-Match gets a 304, and the
// body of each version and query is built once per process and sent from the response cache.
// Every process derives the same tag from the same row, so a change made through one is seen by
// the others on their next request. The body is the JSON the route built before it was cached.

const JSON_TYPE = 'application/json'

/**
 * `key` is what the answer depends on besides the data: the route, its normalized query, and for
 * the board the Beijing date (days late and missing reports change as days pass), for the feed its
 * origin (its links are absolute).
 */
export async function acrossResponse(
  c: Context<AppEnv>,
  cacheControl: string,
  key: unknown[],
  build: () => Promise<unknown>,
  /** A body other than JSON (the Atom feed): `build` returns its text. */
  contentType?: string,
): Promise<Response> {
  const { db, caches, encoders } = c.get('deps')
  const etag = etagOf('across', await acrossVersion(db), ...key)
  const nm = notModified(c, etag, cacheControl)
  if (nm) return nm
  const body = await cachedBody(caches.responses, `across|${etag}`, async () => {
    const built = await build()
    return contentType ? new CachedBody(etag, contentType, String(built)) : new CachedBody(etag, JSON_TYPE, JSON.stringify(built))
  })
  return sendCached(c, body, cacheControl, encoders)
}
