import type { ValidationTargets } from 'hono'
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
  return validator(target, schema, (result) => {
    // The raw input, before the schema: unknown fields too.
    assertText(result.data, target === 'json' ? '' : target)
    if (!result.success) throw new ApiError('VALIDATION_FAILED', issueDetails(result.error, target === 'json' ? '' : target))
  })
}
