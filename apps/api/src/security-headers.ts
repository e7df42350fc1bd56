// The security policy of the two apps' pages, in one place: the Node server sends it through
// Hono's secureHeaders (app.ts); at the edge, Cloudflare serves the pages as static assets with
// the `_headers` file written from it (build-edge.ts).

export const PAGE_CSP = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  frameAncestors: ["'none'"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
}

export const REFERRER_POLICY = 'strict-origin-when-cross-origin'

/**
 * Sent on pages served over HTTPS only: by Node when the request came over TLS or a trusted proxy
 * says so (X-Forwarded-Proto), by the edge worker on pages it answers over https. The static
 * `_headers` cannot tell the scheme, so it does not carry it: at the edge, the zone's own HSTS
 * setting (which Cloudflare sends over HTTPS only) covers the pages served straight from assets.
 */
export const HSTS = 'max-age=15552000; includeSubDomains'

/** Responses other than pages from the API: nothing may load, nothing may frame them. */
export const API_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'"

const kebab = (s: string) => s.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)
export const PAGE_CSP_HEADER = Object.entries(PAGE_CSP)
  .map(([k, v]) => `${kebab(k)} ${v.join(' ')}`)
  .join('; ')

/** The headers of a page served at the edge (Node's come from secureHeaders with the same policy). */
export const EDGE_PAGE_HEADERS: Record<string, string> = {
  'Cache-Control': 'no-cache',
  'Content-Security-Policy': PAGE_CSP_HEADER,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': REFERRER_POLICY,
}

/** Cloudflare's `_headers` for the static assets: pages revalidate, hashed build files never change. */
export const EDGE_ASSET_HEADERS = `/*
${Object.entries(EDGE_PAGE_HEADERS)
  .map(([k, v]) => `  ${k}: ${v}`)
  .join('\n')}
/assets/*
  ! Cache-Control
  Cache-Control: public, max-age=31536000, immutable
/admin/assets/*
  ! Cache-Control
  Cache-Control: public, max-age=31536000, immutable
`
