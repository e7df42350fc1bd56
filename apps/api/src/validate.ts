import type { Context } from 'hono'
import type { z } from 'zod'
import { ApiError } from './errors.ts'

/** Parse a JSON body through a zod schema; failures name each field in both languages. */
export async function jsonBody<S extends z.ZodType>(c: Context, schema: S): Promise<z.infer<S>> {
  let raw: unknown
  try {
    raw = await c.req.json()
  } catch {
    throw new ApiError('BAD_JSON')
  }
  const parsed = schema.safeParse(raw)
  if (!parsed.success) {
    throw new ApiError(
      'VALIDATION_FAILED',
      parsed.error.issues.map((i) => {
        const path = i.path.map(String).join('.') || '(body)'
        return { path, message: `字段 ${path}：${i.message}`, message_en: `Field ${path}: ${i.message}` }
      }),
    )
  }
  return parsed.data
}
