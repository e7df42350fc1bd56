// Admin calls to the API. State-changing requests carry the session's CSRF token. A 401 on an
// admin route means the session expired: listeners save work locally and send the user to sign in.

export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly body: { error?: { code?: string; message?: string; message_en?: string; details?: Array<{ path: string; message: string }>; [k: string]: unknown } } | null = null,
  ) {
    super(message)
  }
}

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
  let res: Response
  try {
    res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: 'same-origin' })
  } catch {
    throw new ApiFailure(0, 'OFFLINE', '网络不可用 / offline')
  }
  const data = (await res.json().catch(() => null)) as ApiFailure['body']
  if (!res.ok) {
    if (res.status === 401 && path.startsWith('/api/admin/')) for (const fn of expiredListeners) fn()
    const e = data?.error
    throw new ApiFailure(res.status, e?.code ?? 'HTTP_ERROR', e ? `${e.message ?? ''}${e.message_en ? ` / ${e.message_en}` : ''}` : res.statusText, data)
  }
  return data as T
}
