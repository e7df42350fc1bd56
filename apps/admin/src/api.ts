// Admin calls to the API. State-changing requests carry the session's CSRF token. A 401 on an
// admin route means the session expired: listeners save work locally and send the user to sign in.
import { ApiFailure, bodyOf, failureOf, send, type FailureBody } from '@gongkai/schema/api-client'

export { ApiFailure }

let csrfToken: string | null = null
export function setCsrfToken(token: string | null): void {
  csrfToken = token
}

const expiredListeners = new Set<() => void>()
export function onSessionExpired(fn: () => void): () => void {
  expiredListeners.add(fn)
  return () => expiredListeners.delete(fn)
}

export async function api<T>(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' }
  if (body !== undefined) headers['Content-Type'] = 'application/json'
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken
  const res = await send(
    path,
    { method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: 'same-origin' },
    '网络不可用 / offline',
  )
  const data = (await bodyOf(res)) as FailureBody | null
  if (!res.ok) {
    if (res.status === 401 && path.startsWith('/api/admin/')) for (const fn of expiredListeners) fn()
    throw failureOf(res, data, (e) => `${e.message ?? ''}${e.message_en ? ` / ${e.message_en}` : ''}`)
  }
  return data as T
}
