import { sha256 } from '@noble/hashes/sha2.js'
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js'
import type { Context } from 'hono'
import { Lru } from './lru.ts'
import { API_CSP } from './security-headers.ts'

// Responses derived from published revisions, computed once and sent like files.
//
// A published revision never changes, so everything a public read sends is a function of a few
// values from one indexed row: the report's summary, its current revision and last year's. The
// route reads that row (the "head"), derives the ETag from it, and answers 304 before doing any
// other work. Otherwise the bytes come from a bounded cache keyed by that ETag: serialised once,
// gzip- and Brotli-compressed once per encoding. Every process derives the same ETag from the
// same row, so a publish in one is seen by the others on their next request, and a process
// that has not yet built the bytes answers a current If-None-Match all the same.

/** Bumped when what a route derives from the same rows changes (the ETag must change too). */
export const RESPONSE_VERSION = 'r1'

export type Encoding = 'br' | 'gzip'

/** Compressors for cached bodies. Node gives both (node:zlib); the edge gzip (CompressionStream). */
export interface BodyEncoders {
  gzip?: (bytes: Uint8Array) => Promise<Uint8Array>
  br?: (bytes: Uint8Array) => Promise<Uint8Array>
}

/** gzip through the web platform's CompressionStream (workerd, browsers, Node ≥ 18). */
export function streamEncoders(): BodyEncoders {
  if (typeof CompressionStream !== 'function') return {}
  return {
    gzip: async (bytes) => {
      const stream = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new CompressionStream('gzip'))
      return new Uint8Array(await new Response(stream).arrayBuffer())
    },
  }
}

/** Tags already computed, by the JSON of their parts: a hot report's head is hashed once, not per request. */
const tags = new Lru<string, string>(4_096)

/** A strong-enough, short, deterministic tag for a head row: the same on every process. */
export function etagOf(...parts: unknown[]): string {
  const json = JSON.stringify([RESPONSE_VERSION, ...parts])
  let tag = tags.get(json)
  if (tag === undefined) {
    // Weak: the gzip, Brotli and identity bodies are the same representation.
    tag = `W/"${bytesToHex(sha256(utf8ToBytes(json))).slice(0, 32)}"`
    tags.set(json, tag)
  }
  return tag
}

/** If-None-Match against one tag, with weak comparison (RFC 9110 §13.1.2). */
export function etagMatches(tag: string, ifNoneMatch: string | undefined): boolean {
  if (!ifNoneMatch) return false
  if (ifNoneMatch.trim() === '*') return true
  const opaque = tag.replace(/^W\//, '')
  return ifNoneMatch.split(',').some((t) => t.trim().replace(/^W\//, '') === opaque)
}

/** The best encoding the client accepts and we can make: Brotli, then gzip; q=0 refuses. */
export function negotiateEncoding(acceptEncoding: string | undefined, encoders: BodyEncoders): Encoding | null {
  if (!acceptEncoding) return null
  const q = new Map<string, number>()
  for (const part of acceptEncoding.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';')
    if (!name) continue
    const qp = params.map((p) => p.trim()).find((p) => p.startsWith('q='))
    const value = qp ? Number(qp.slice(2)) : 1
    q.set(name, Number.isFinite(value) ? value : 0)
  }
  const accepts = (enc: Encoding) => (q.get(enc) ?? q.get('*') ?? 0) > 0
  if (encoders.br && accepts('br')) return 'br'
  if (encoders.gzip && accepts('gzip')) return 'gzip'
  return null
}

/** Bodies below this are sent as they are: compressing them saves less than its headers cost. */
const COMPRESS_MIN_BYTES = 1024

/** One computed response body, and its compressed forms made on first demand. */
export class CachedBody {
  readonly bytes: Uint8Array
  private readonly encoded = new Map<Encoding, Promise<Uint8Array | null>>()

  constructor(
    readonly etag: string,
    readonly contentType: string,
    body: string | Uint8Array,
    /** Extra headers sent with the body (e.g. Content-Disposition). */
    readonly headers: Record<string, string> = {},
  ) {
    this.bytes = typeof body === 'string' ? utf8ToBytes(body) : body
  }

  /**
   * What the entry costs in memory: the body and room for its compressed forms (JSON and SVG
   * compress to well under a quarter each). Fixed when the entry is made, as the cache needs.
   */
  get weight(): number {
    return Math.ceil(this.bytes.byteLength * 1.5) + 512
  }

  /** The body in `encoding`, computed once; null when it would not be smaller. */
  encode(encoding: Encoding, encoders: BodyEncoders): Promise<Uint8Array | null> {
    let p = this.encoded.get(encoding)
    if (!p) {
      const encoder = encoders[encoding]
      p =
        !encoder || this.bytes.byteLength < COMPRESS_MIN_BYTES
          ? Promise.resolve(null)
          : encoder(this.bytes).then(
              (out) => {
                return out.byteLength < this.bytes.byteLength ? out : null
              },
              // A failed compression is never an error for the reader: the plain body goes.
              () => null,
            )
      this.encoded.set(encoding, p)
    }
    return p
  }
}

/** The response caches of one app instance, bounded by bytes. */
export function responseCache(maxBytes = 64 * 1024 * 1024): Lru<string, CachedBody> {
  return new Lru<string, CachedBody>(10_000, { maxWeight: maxBytes, weigh: (b) => b.weight })
}

const VARY = 'Accept-Encoding'

/**
 * The security headers of every API response that is not a page (app.ts sets the same on the
 * others after their route has run): nothing may load or frame it, no type sniffing, same-origin only.
 */
export const API_RESPONSE_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': API_CSP,
  'Cross-Origin-Resource-Policy': 'same-origin',
  'X-Content-Type-Options': 'nosniff',
}

/**
 * Responses that leave their route with every header they will be sent with (the security
 * headers above, ETag, Vary, Content-Length, their encoding already chosen). The app's outer
 * middleware (compression, security headers) leaves them as they are, so that a cached body is
 * sent with a plain header object and no further work.
 */
const complete = new WeakSet<Response>()

/** Whether `res` left its route complete (see `complete`). */
export function isComplete(res: Response): boolean {
  return complete.has(res)
}

function completeResponse(body: Uint8Array | null, init: ResponseInit): Response {
  const res = new Response(body as Uint8Array<ArrayBuffer> | null, init)
  complete.add(res)
  return res
}

/** 304 when the client's tag is current; null otherwise. Costs nothing beyond the tag. */
export function notModified(c: Context, etag: string, cacheControl: string): Response | null {
  if (c.req.method !== 'GET' && c.req.method !== 'HEAD') return null
  if (!etagMatches(etag, c.req.header('If-None-Match'))) return null
  return completeResponse(null, {
    status: 304,
    headers: { ...API_RESPONSE_HEADERS, ETag: etag, 'Cache-Control': cacheControl, Vary: VARY },
  })
}

/** Send a cached body: 304 on a current tag, else the best encoding the client takes. */
export async function sendCached(c: Context, body: CachedBody, cacheControl: string, encoders: BodyEncoders): Promise<Response> {
  const nm = notModified(c, body.etag, cacheControl)
  if (nm) return nm
  const headers: Record<string, string> = {
    ...API_RESPONSE_HEADERS,
    ...body.headers,
    'Content-Type': body.contentType,
    ETag: body.etag,
    'Cache-Control': cacheControl,
    Vary: VARY,
  }
  const encoding = negotiateEncoding(c.req.header('Accept-Encoding'), encoders)
  let bytes = body.bytes
  if (encoding) {
    const encoded = await body.encode(encoding, encoders)
    if (encoded) {
      bytes = encoded
      headers['Content-Encoding'] = encoding
    }
  }
  headers['Content-Length'] = String(bytes.byteLength)
  // workerd compresses a body itself when Content-Encoding is set, unless told it already is
  // (`encodeBody: 'manual'`); other runtimes ignore the option.
  const init = { status: 200, headers, ...(headers['Content-Encoding'] ? { encodeBody: 'manual' } : {}) } as ResponseInit
  return completeResponse(c.req.method === 'HEAD' ? null : bytes, init)
}

/** The cached body under `etag`, or build, keep and return it. */
export async function cachedBody(cache: Lru<string, CachedBody>, key: string, build: () => Promise<CachedBody>): Promise<CachedBody> {
  const hit = cache.get(key)
  if (hit) return hit
  const body = await build()
  cache.set(key, body)
  return body
}
