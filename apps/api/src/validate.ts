import type { ValidationTargets } from 'hono'
import { HTTPException } from 'hono/http-exception'
import { validator } from 'hono-openapi'
import type { z } from 'zod'
import { ApiError, type ErrorDetail } from './errors.ts'
import { assertText } from './text.ts'

// Every input goes through zod at the edge; the same schemas describe the routes in the
// OpenAPI document. A failure names each field, in Chinese and English.
//
// Before the schema, the one rule for text (text.ts) is applied to every query string, path
// parameter and JSON body, unknown fields included.

interface Issue {
  readonly message: string
  readonly path?: ReadonlyArray<PropertyKey | { readonly key: PropertyKey }> | undefined
}

export function issueDetails(issues: readonly Issue[], prefix = ''): ErrorDetail[] {
  return issues.map((i) => {
    const path = [prefix, ...(i.path ?? []).map((p) => String(typeof p === 'object' ? p.key : p))].filter(Boolean).join('.') || '(body)'
    return { path, message: `字段 ${path}：${i.message}`, message_en: `Field ${path}: ${i.message}` }
  })
}

export function valid<S extends z.ZodType, T extends keyof ValidationTargets>(target: T, schema: S) {
  const check = validator(target, schema, (result) => {
    // The raw input, before the schema: unknown fields too.
    assertText(result.data, target === 'json' ? '' : target)
    if (!result.success) throw new ApiError('VALIDATION_FAILED', issueDetails(result.error, target === 'json' ? '' : target))
  })
  if (target !== 'json') return check
  // Hono's validator refuses a JSON body it cannot parse before our hook sees it, with a plain
  // HTTPException(400) whose only sign is its message ("Malformed JSON in request body"). This is
  // the boundary: a 400 from Hono before the route is reached is that, and becomes BAD_JSON here,
  // once, so nothing downstream reads the message. An error from the route itself passes as it is.
  const guarded = async (...[c, next]: Parameters<typeof check>) => {
    let reached = false
    try {
      return await check(c, async () => {
        reached = true
        await next()
      })
    } catch (e) {
      if (!reached && e instanceof HTTPException && e.status === 400) throw new ApiError('BAD_JSON')
      throw e
    }
  }
  // hono-openapi finds the request schema on the middleware itself (a symbol-keyed property):
  // copied over, so the OpenAPI document still describes the body.
  return Object.assign(guarded, check) as typeof check
}
