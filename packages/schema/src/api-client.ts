// The core the reader's and the admin's API clients share: one error class and one way to call.
// Each app wraps it (the admin adds its CSRF header and session expiry, the reader its offline
// copies). No dependencies, so it adds next to nothing to either bundle.

/** The body of a failed API answer, as far as a client reads it. */
export interface FailureBody {
  error?: { code?: string; message?: string; message_en?: string; details?: Array<{ path: string; message: string }>; [k: string]: unknown }
}

/** A call that failed: its HTTP status (0 when no answer came), the API's error code and a message. */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly body: FailureBody | null = null,
  ) {
    super(message)
  }
}

/** `fetch`, with no answer at all (no network) thrown as an `OFFLINE` failure saying `offline`. */
export async function send(path: string, init: RequestInit, offline: string): Promise<Response> {
  try {
    return await fetch(path, init)
  } catch {
    throw new ApiFailure(0, 'OFFLINE', offline)
  }
}

/** A response's JSON body, or null when it has none that parses. */
export function bodyOf(res: Response): Promise<unknown> {
  return res.json().catch(() => null)
}

/** The failure an unsuccessful answer stands for; `describe` words the API's error for people. */
export function failureOf(
  res: Response,
  body: FailureBody | null,
  describe: (error: NonNullable<FailureBody['error']>) => string,
): ApiFailure {
  const e = body?.error
  return new ApiFailure(res.status, e?.code ?? 'HTTP_ERROR', e ? describe(e) : res.statusText, body)
}
