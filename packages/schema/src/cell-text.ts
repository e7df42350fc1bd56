import type { Cell } from './document.ts'

// Published cell text into a cell state (docs/REPORT-FORMAT.md §9): blank, "/", dashes, "减4",
// "79000.1元", "52.15", full-width digits, thousands separators. The raw text is always kept,
// and text that is not a number is refused: a cell is never guessed.

const NA = new Set(['/', '／', '\\', '-', '－', '—', '–', '——', '无'])
const NOT_REPORTED = new Set(['未提供', '未在原文中提供', '未报告', '未填报'])
// Counting words a cell may print after its number (宗 for cases, 份 for documents): the number is the cell's.
const UNITS = ['万元', '元', '万件', '件', '万条', '条', '个', '项', '宗', '份', '人次', '次']

export type CellTextResult = { ok: true; cell: Cell } | { ok: false; message: { zh: string; en: string } }

export function parseCellText(text: string): CellTextResult {
  const raw = text
  const normalized = text.normalize('NFKC')
  // Digits parted by a space are two numbers in one cell (a PDF cell holding two lines, cells
  // run into one), not one number: "12 3" is never read as 123.
  if (/\d[\s\u3000]+[\d.]/u.test(normalized)) {
    return {
      ok: false,
      message: {
        zh: `“${raw.trim()}”中有两个数值，无法确定是哪一个`,
        en: `"${raw.trim()}" holds two numbers; which one is the cell's cannot be told`,
      },
    }
  }
  const t = normalized.replace(/[\s\u3000]+/g, '')
  if (t === '') return { ok: true, cell: { state: 'blank', raw } }
  // A line drawn with the underscore key ("_", "＿＿"), as some clerks fill a cell with nothing to
  // count, is a dash. Three or more are Markdown's rule between blocks, never a cell.
  if (NA.has(t) || /^_{1,2}$/u.test(t)) return { ok: true, cell: { state: 'na', raw } }
  if (NOT_REPORTED.has(t)) return { ok: true, cell: { state: 'not_reported' } }
  let body = t
  let unit: string | undefined
  for (const u of UNITS) {
    if (body.endsWith(u)) {
      unit = u
      body = body.slice(0, -u.length)
      break
    }
  }
  let sign = 1
  if (/^(减|减少|-|−)/.test(body)) {
    sign = -1
    body = body.replace(/^(减少|减|-|−)/, '')
  } else body = body.replace(/^(增加|增|\+)/, '')
  if (!/^\d{1,3}(,\d{3})+(\.\d+)?$|^\d+(\.\d+)?$/.test(body)) {
    return { ok: false, message: { zh: `无法识别的数值“${raw}”`, en: `"${raw}" is not a number` } }
  }
  const value = sign * Number(body.replace(/,/g, ''))
  return { ok: true, cell: { state: 'value', value: Object.is(value, -0) ? 0 : value, raw, ...(unit ? { unit } : {}) } }
}
