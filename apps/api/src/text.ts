import { ApiError, type ErrorDetail } from './errors.ts'

// Text is text on every engine. PostgreSQL refuses NUL in text (a 500 there, while SQLite stored
// it), and a lone surrogate cannot be written as UTF-8 (it would be stored as U+FFFD). Both are
// refused with BAD_TEXT, naming the field: in every query string, path parameter and JSON body
// (validate.ts), and in the text read from an imported file.

/** Where a string holds a character no engine stores as it is (NUL, a lone surrogate), or -1. */
export function badCharAt(s: string): number {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c === 0 || (c >= 0xdc00 && c <= 0xdfff)) return i
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = s.charCodeAt(i + 1)
      if (!(next >= 0xdc00 && next <= 0xdfff)) return i
      i++
    }
  }
  return -1
}

/** A key as it can be shown in a path: escaped as in JSON, so NUL shows as \u0000. */
const shown = (key: string) => JSON.stringify(key).slice(1, -1)

function badTextDetail(path: string, s: string, at: number, isKey: boolean): ErrorDetail {
  const ch = `U+${s.charCodeAt(at).toString(16).toUpperCase().padStart(4, '0')}`
  const what = s.charCodeAt(at) === 0 ? ['空字符', 'NUL'] : ['不成对的代理项', 'a lone surrogate']
  return {
    path,
    message: `字段 ${path}${isKey ? ' 的名称' : ''}：第 ${at + 1} 个字符是${what[0]} ${ch}，文本中不允许`,
    message_en: `Field ${path}${isKey ? ' (its name)' : ''}: character ${at + 1} is ${what[1]} (${ch}), which text may not hold`,
  }
}

/** Refuse (BAD_TEXT) the first string in `value`, keys included, that holds a character no engine stores as it is. */
export function assertText(value: unknown, prefix: string): void {
  // An explicit stack: a deeply nested body must not overflow the call stack.
  const stack: Array<[unknown, string]> = [[value, prefix]]
  const join = (path: string, key: string) => (path ? `${path}.${key}` : key)
  for (let top = stack.pop(); top !== undefined; top = stack.pop()) {
    const [v, path] = top
    if (typeof v === 'string') {
      const at = badCharAt(v)
      if (at >= 0) throw new ApiError('BAD_TEXT', [badTextDetail(path || '(body)', v, at, false)])
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push([v[i], join(path, String(i))])
    } else if (v !== null && typeof v === 'object') {
      const entries = Object.entries(v)
      for (const [k] of entries) {
        const at = badCharAt(k)
        if (at >= 0) throw new ApiError('BAD_TEXT', [badTextDetail(join(path, shown(k)), k, at, true)])
      }
      for (const [k, x] of [...entries].reverse()) stack.push([x, join(path, k)])
    }
  }
}
