import type { Context } from 'hono'

// Who is on the other end of a request, and whether the site is served to them over HTTPS. Each
// runtime knows this its own way, so it is injected into createApp (`AppDeps.peer`): Node reads
// the socket (node.ts), the edge reads the header Cloudflare sets (edge.ts). A forwarding header
// counts only when the socket's own peer is a proxy the operator named (TRUST_PROXY).

export interface Peer {
  /** The client's address, or null when the runtime cannot tell (tests without a socket). */
  address: string | null
  /** The site is served to this client over HTTPS (directly, or by a trusted proxy). */
  https: boolean
}

export type PeerOf = (c: Context) => Peer

const urlHttps = (c: Context) => new URL(c.req.url).protocol === 'https:'

/** Without a runtime's own knowledge: no address, and HTTPS only when the request URL says so. */
export const urlPeer: PeerOf = (c) => ({ address: null, https: urlHttps(c) })

/**
 * The edge: Cloudflare sets `CF-Connecting-IP` itself on every request (a client's own value is
 * overwritten), and the request URL carries the visitor's scheme.
 */
export const edgePeer: PeerOf = (c) => ({ address: c.req.header('cf-connecting-ip')?.trim() || null, https: urlHttps(c) })

/** `::ffff:192.0.2.1` (an IPv4 client on a dual-stack socket) is `192.0.2.1`; IPv6 in lower case. */
export function normalizeAddress(address: string): string {
  const a = address.trim().toLowerCase()
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(a)
  return mapped?.[1] ?? a
}

function ipv4(address: string): number | null {
  const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(address)
  if (!m) return null
  const parts = m.slice(1).map(Number)
  if (parts.some((p) => p > 255)) return null
  // Four bytes, the first the highest: the same as (a << 24 | b << 16 | c << 8 | d) >>> 0.
  return parts.reduce((n, p) => n * 256 + p, 0)
}

/** `TRUST_PROXY`: comma-separated addresses, IPv4 ones optionally as CIDR ranges (`10.0.0.0/8`). */
export function parseTrustedProxies(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => (s.includes('/') ? s : normalizeAddress(s)))
}

export function isTrusted(address: string, trusted: readonly string[]): boolean {
  const a = normalizeAddress(address)
  for (const t of trusted) {
    const slash = t.indexOf('/')
    if (slash < 0) {
      if (t === a) return true
      continue
    }
    const base = ipv4(t.slice(0, slash))
    const bits = Number(t.slice(slash + 1))
    const ip = ipv4(a)
    if (base === null || ip === null || !Number.isInteger(bits) || bits < 0 || bits > 32) continue
    const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0
    if ((ip & mask) === (base & mask)) return true
  }
  return false
}

/**
 * The client behind a socket peer. Only when that peer is a trusted proxy are its forwarding
 * headers read: the client is the right-most X-Forwarded-For hop that is not itself a trusted
 * proxy (hops to its left were written by whoever sent the request, and may be anything), and
 * `X-Forwarded-Proto` tells the scheme the client used.
 */
export function resolvePeer(
  socketAddress: string | null,
  headers: { forwardedFor?: string | undefined; forwardedProto?: string | undefined },
  trusted: readonly string[],
  directHttps: boolean,
): Peer {
  const socket = socketAddress ? normalizeAddress(socketAddress) : null
  if (!socket || !isTrusted(socket, trusted)) return { address: socket, https: directHttps }
  const hops = (headers.forwardedFor ?? '')
    .split(',')
    .map((h) => h.trim())
    .filter(Boolean)
  let address = socket
  for (const hop of [...hops].reverse()) {
    address = normalizeAddress(hop)
    if (!isTrusted(address, trusted)) break
  }
  // The right-most scheme is the one the trusted proxy wrote (a client's own value may be to its left).
  const proto = headers.forwardedProto?.split(',').at(-1)?.trim().toLowerCase()
  return { address, https: directHttps || proto === 'https' }
}
