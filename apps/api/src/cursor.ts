import type { ListPosition } from './db/reports-list.ts'

// The list's cursor: where the next page starts, opaque to clients (base64url of a small JSON
// array), so its shape can change without breaking links that only pass it back.

function toBase64Url(text: string): string {
  let bin = ''
  for (const b of new TextEncoder().encode(text)) bin += String.fromCharCode(b)
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

function fromBase64Url(s: string): string {
  const bin = atob(s.replace(/-/g, '+').replace(/_/g, '/'))
  return new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(bin, (ch) => ch.charCodeAt(0)))
}

export function encodeCursor(p: ListPosition): string {
  return toBase64Url(JSON.stringify(p.sort === 'year' ? ['y1', p.year, p.agencyName, p.id] : ['r1', p.publishedAt, p.id]))
}

/** The position a cursor stands for, or null when it is not one of ours. */
export function decodeCursor(cursor: string): ListPosition | null {
  if (!/^[A-Za-z0-9_-]{1,1000}$/.test(cursor)) return null
  let v: unknown
  try {
    v = JSON.parse(fromBase64Url(cursor))
  } catch {
    return null
  }
  if (!Array.isArray(v)) return null
  if (v[0] === 'y1' && v.length === 4 && Number.isInteger(v[1]) && typeof v[2] === 'string' && typeof v[3] === 'string') {
    return { sort: 'year', year: v[1] as number, agencyName: v[2], id: v[3] }
  }
  if (v[0] === 'r1' && v.length === 3 && typeof v[1] === 'string' && typeof v[2] === 'string')
    return { sort: 'recent', publishedAt: v[1], id: v[2] }
  return null
}
