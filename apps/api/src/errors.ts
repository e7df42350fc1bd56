import type { Context } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'

// One error shape on the wire: { "error": { "code", "message", "message_en", "details"? } }.
// `message` is Chinese (the primary language); `message_en` is English.

export const ERRORS = {
  NOT_FOUND: { status: 404, zh: '未找到该资源', en: 'Not found' },
  REPORT_NOT_FOUND: { status: 404, zh: '未找到该报告', en: 'Report not found' },
  VALIDATION_FAILED: { status: 400, zh: '请求数据有误', en: 'The request is not valid' },
  BAD_JSON: { status: 400, zh: '请求正文不是有效的 JSON', en: 'The request body is not valid JSON' },
  UNAUTHENTICATED: { status: 401, zh: '请先登录', en: 'Sign in first' },
  BAD_CREDENTIALS: { status: 401, zh: '用户名或密码错误', en: 'Wrong username or password' },
  FORBIDDEN: { status: 403, zh: '无权执行此操作', en: 'You may not do this' },
  CSRF_REJECTED: { status: 403, zh: '跨站请求被拒绝', en: 'Cross-site request refused' },
  PAYLOAD_TOO_LARGE: { status: 413, zh: '请求正文过大', en: 'The request body is too large' },
  INTERNAL: { status: 500, zh: '服务器内部错误', en: 'Internal server error' },
} as const satisfies Record<string, { status: number; zh: string; en: string }>

export type ErrorCode = keyof typeof ERRORS

export interface ErrorDetail {
  path: string
  message: string
  message_en?: string
}

export class ApiError extends Error {
  readonly code: ErrorCode
  readonly details: ErrorDetail[] | undefined
  constructor(code: ErrorCode, details?: ErrorDetail[]) {
    super(ERRORS[code].en)
    this.code = code
    this.details = details
  }
}

export function errorBody(code: ErrorCode, details?: ErrorDetail[]) {
  const e = ERRORS[code]
  return { error: { code, message: e.zh, message_en: e.en, ...(details ? { details } : {}) } }
}

export function errorResponse(c: Context, code: ErrorCode, details?: ErrorDetail[]) {
  return c.json(errorBody(code, details), ERRORS[code].status as ContentfulStatusCode)
}
