// The reader's only way to the data: the public API.

export interface ReportSummary {
  id: string
  agency: { id: string; name: string; code: string; level: string; kind: string }
  year: number
  template: string
  title: string
  status: 'published' | 'withdrawn' | 'draft'
  revision: number | null
  updatedAt: string
}

export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message)
  }
}

export async function getJson<T>(path: string): Promise<T> {
  let res: Response
  try {
    res = await fetch(path, { headers: { Accept: 'application/json' } })
  } catch {
    // No network and no service worker to answer: the same code the service worker uses.
    throw new ApiFailure(0, 'OFFLINE', 'offline')
  }
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { error?: { code?: string; message?: string } } | null
    throw new ApiFailure(res.status, body?.error?.code ?? 'HTTP_ERROR', body?.error?.message ?? res.statusText)
  }
  return (await res.json()) as T
}
