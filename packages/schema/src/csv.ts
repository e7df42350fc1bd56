// CSV (RFC 4180), as every CSV here is written: UTF-8 with a BOM and CRLF line ends, so Excel and
// WPS open Chinese text correctly. And what the CSV formats share: the label-path separator, and
// the error for input that is not a report in any form read here.

const BOM = '\uFEFF'
/** Between the labels of a row's or column's path in a CSV field ("申请人情况 > 自然人"). */
export const PATH_SEP = ' > '

function csvField(s: string): string {
  return /[",\r\n]/.test(s) || /^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
}

export function toCsv(rows: readonly (readonly string[])[]): string {
  return BOM + rows.map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n'
}

/** Parse CSV text (BOM, quotes, embedded newlines) into rows of fields. */
export function parseCsv(text: string): string[][] {
  const src = text.startsWith(BOM) ? text.slice(1) : text
  const rows: string[][] = []
  let row: string[] = []
  let field = ''
  let quoted = false
  for (let i = 0; i < src.length; i++) {
    const ch = src.charAt(i)
    if (quoted) {
      if (ch === '"' && src[i + 1] === '"') {
        field += '"'
        i++
      } else if (ch === '"') quoted = false
      else field += ch
    } else if (ch === '"' && field === '') quoted = true
    else if (ch === ',') {
      row.push(field)
      field = ''
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && src[i + 1] === '\n') i++
      row.push(field)
      rows.push(row)
      row = []
      field = ''
    } else field += ch
  }
  if (field !== '' || row.length) {
    row.push(field)
    rows.push(row)
  }
  return rows
}

/** Input that is not a report in any form read here, with a stable code and both languages. */
export class ReportInputError extends Error {
  constructor(
    readonly code: 'EMPTY' | 'UNKNOWN_INPUT' | 'INVALID_CSV',
    readonly zh: string,
    readonly en: string,
  ) {
    super(`${zh} / ${en}`)
  }
}
