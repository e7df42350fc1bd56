import type { Context } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'

// One error shape on the wire: { "error": { "code", "message", "message_en", "details"? } }.
// `message` is Chinese (the primary language); `message_en` is English.

export const ERRORS = {
  NOT_FOUND: { status: 404, zh: '未找到该资源', en: 'Not found' },
  REPORT_NOT_FOUND: { status: 404, zh: '未找到该报告', en: 'Report not found' },
  REVISION_NOT_FOUND: { status: 404, zh: '未找到该版本', en: 'Revision not found' },
  AGENCY_NOT_FOUND: { status: 404, zh: '未找到该机关', en: 'Agency not found' },
  USER_NOT_FOUND: { status: 404, zh: '未找到该用户', en: 'User not found' },
  REPORT_WITHDRAWN: { status: 410, zh: '该报告已撤回', en: 'This report has been withdrawn' },
  IMPORT_MISMATCH: {
    status: 409,
    zh: '文件中的机关或年度与所选不同；核对后可确认导入',
    en: 'The file names another agency or year than the one chosen; check, then confirm the import',
  },
  REPORT_EXISTS: { status: 409, zh: '该机关该年度的报告已存在', en: 'This agency already has a report for that year' },
  AGENCY_EXISTS: { status: 409, zh: '机关代码已存在', en: 'An agency with this code exists' },
  USER_EXISTS: { status: 409, zh: '用户名已存在', en: 'This username is taken' },
  ALREADY_WITHDRAWN: {
    status: 409,
    zh: '该报告已撤回，撤回原因保持不变',
    en: 'The report is already withdrawn; its reason stays as it was',
  },
  JOB_NOT_RESCHEDULABLE: {
    status: 409,
    zh: '只有尚未执行的定时发布可以改期',
    en: 'Only a scheduled publication that has not run yet can be rescheduled',
  },
  VERSION_CONFLICT: { status: 409, zh: '草稿已被他人修改，请比较后再保存', en: 'Someone else saved this draft; compare before saving' },
  NOTHING_TO_PUBLISH: { status: 409, zh: '没有待发布的草稿', en: 'There is no draft to publish' },
  NOT_PUBLISHED: { status: 409, zh: '报告尚未发布', en: 'The report has not been published' },
  ALREADY_PUBLISHED: { status: 409, zh: '报告已发布，修改请走更正流程', en: 'The report is published; change it through a correction' },
  VALIDATION_ERRORS: { status: 422, zh: '报告有错误，不能发布', en: 'The report has errors and cannot be published' },
  WARNINGS_NOT_ACKNOWLEDGED: {
    status: 422,
    zh: '报告有提示，请填写确认说明后再发布',
    en: 'The report has warnings; acknowledge them with a note to publish',
  },
  INVALID_DOCUMENT: { status: 422, zh: '报告内容不符合格式', en: 'The report document is not valid' },
  TOO_MANY_ATTEMPTS: { status: 429, zh: '登录失败次数过多，请稍后再试', en: 'Too many failed sign-ins; try again later' },
  VALIDATION_FAILED: { status: 400, zh: '请求数据有误', en: 'The request is not valid' },
  BAD_TEXT: {
    status: 400,
    zh: '文本含有不允许的字符（如 NUL 或不成对的代理项）',
    en: 'The text holds a character that is not allowed (such as NUL or a lone surrogate)',
  },
  FORMAT_UNSUPPORTED: { status: 400, zh: '无法读取此文件的格式', en: 'This file format cannot be read' },
  IMPORT_TOO_HEAVY: {
    status: 422,
    zh: '读取此文件所需的内存或时间超过上限',
    en: 'Reading this file needs more memory or time than allowed',
  },
  TOO_DEEP: { status: 400, zh: '文件的标签嵌套过深，无法读取', en: 'The file nests its tags too deeply to be read' },
  BAD_JSON: { status: 400, zh: '请求正文不是有效的 JSON', en: 'The request body is not valid JSON' },
  UNAUTHENTICATED: { status: 401, zh: '请先登录', en: 'Sign in first' },
  BAD_CREDENTIALS: { status: 401, zh: '用户名或密码错误', en: 'Wrong username or password' },
  FORBIDDEN: { status: 403, zh: '无权执行此操作', en: 'You may not do this' },
  CSRF_REJECTED: { status: 403, zh: '跨站请求被拒绝', en: 'Cross-site request refused' },
  PAYLOAD_TOO_LARGE: { status: 413, zh: '请求正文过大', en: 'The request body is too large' },
  UPLOAD_TOO_LARGE: { status: 413, zh: '上传的内容过大', en: 'The upload is too large' },
  ARCHIVE_TOO_LARGE: { status: 413, zh: '压缩包解压后过大', en: 'The archive is too large once unpacked' },
  IMPORT_TOO_LARGE: {
    status: 413,
    zh: '文件内容超出一份报告可读取的范围（页数或表格过多）',
    en: 'The file holds more than a report import reads (too many pages or cells)',
  },
  DOCUMENT_TOO_LARGE: { status: 413, zh: '报告内容过长，超出可保存的大小', en: 'The report is too large to store' },
  INTERNAL: { status: 500, zh: '服务器内部错误', en: 'Internal server error' },
  STARTING: { status: 503, zh: '服务正在启动，请稍后重试', en: 'The service is starting; try again shortly' },
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
  /** More about the failure, e.g. the validator's findings or the current draft on a 409. */
  readonly extra: Record<string, unknown> | undefined
  constructor(code: ErrorCode, details?: ErrorDetail[], extra?: Record<string, unknown>) {
    super(ERRORS[code].en)
    this.code = code
    this.details = details
    this.extra = extra
  }
}

export function errorBody(code: ErrorCode, details?: ErrorDetail[], extra?: Record<string, unknown>) {
  const e = ERRORS[code]
  return { error: { code, message: e.zh, message_en: e.en, ...(details ? { details } : {}), ...extra } }
}

export function errorResponse(c: Context, code: ErrorCode, details?: ErrorDetail[], extra?: Record<string, unknown>) {
  return c.json(errorBody(code, details, extra), ERRORS[code].status as ContentfulStatusCode)
}
