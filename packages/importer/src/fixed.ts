import type { Grid, GridCell } from './grid.ts'
import { WIDE } from './tokens.ts'

// Tables in fixed-width text whose columns are drawn by a ruler: pandoc's simple and multiline
// tables (its Markdown and plain-text output of a Word file), reStructuredText's simple tables
// (rulers of '='). The ruler's dash runs give each column's extent, so an empty cell stays in its
// column: a row that prints 2 of 3 values is read as 2, blank, 14, never shifted. Widths count a
// CJK character as two columns, as these writers do.
//
//   ----------------- ------------ ------------      a ruler: one run of dashes per column
//   行政规范性文件    2                   14          a row: the text under each run is its cell
//
// A character printed outside every column's extent means the text is not such a table (or was
// re-wrapped since): the whole table is left to the other readings, never cut at a guess.

export interface FixedTable {
  grid: Grid
  /** Line numbers (0-based) the table took, to leave out of the prose. */
  from: number
  to: number
}

const RULER = /^\s*(?:[-=]{2,}[ \t]+)+[-=]{2,}\s*$/
const RULE = /^\s*[-=]{3,}\s*$/
const blank = (l: string) => l.trim() === ''

/** Each character of a line with the display column it starts at (a CJK character takes two). */
function columnsOf(line: string): Array<{ ch: string; at: number }> {
  const out: Array<{ ch: string; at: number }> = []
  let col = 0
  for (const ch of line.replace(/\t/g, '    ')) {
    out.push({ ch, at: col })
    col += WIDE.test(ch) ? 2 : 1
  }
  return out
}

function extents(ruler: string): Array<[number, number]> {
  const out: Array<[number, number]> = []
  for (const { ch, at } of columnsOf(ruler)) {
    if (ch !== '-' && ch !== '=') continue
    const last = out[out.length - 1]
    if (last && last[1] === at) last[1] = at + 1
    else out.push([at, at + 1])
  }
  return out
}

/** The cells of one row (one or more lines) by the columns' extents; null if a character falls outside them. */
function rowCells(lines: readonly string[], cols: ReadonlyArray<[number, number]>): string[] | null {
  // Per column: its extent, the text under it on the current line, and its lines' texts so far.
  const columns = cols.map(([from, to]) => ({ from, to, text: '', parts: [] as string[] }))
  for (const line of lines) {
    for (const { ch, at } of columnsOf(line.replace(/\*\*/g, '  '))) {
      const column = columns.find((c) => at >= c.from && at < c.to)
      if (!column) {
        if (ch.trim() === '') continue
        return null
      }
      column.text += ch
    }
    for (const column of columns) {
      if (column.text.trim()) column.parts.push(column.text.trim())
      column.text = ''
    }
  }
  // A cell wrapped over lines: CJK text joins without a space, other words with one.
  return columns.map(({ parts: p }) =>
    p.reduce((s, t) => (s === '' ? t : /[\u2e80-\uffff]$/u.test(s) || /^[\u2e80-\uffff]/u.test(t) ? s + t : `${s} ${t}`), ''),
  )
}

const cell = (text: string): GridCell => ({ text, spanned: false, colspan: 1 })

/** Find ruled fixed-width tables among the lines of a text. */
export function fixedTables(lines: readonly string[]): FixedTable[] {
  const out: FixedTable[] = []
  // A line the scan has kept within the text.
  const line = (n: number): string => {
    const l = lines[n]
    if (l === undefined) throw new Error(`line ${n} is outside the text (${lines.length} lines)`)
    return l
  }
  let i = 0
  for (let ruler = lines[i]; ruler !== undefined; ruler = lines[i]) {
    if (!RULER.test(ruler)) {
      i++
      continue
    }
    const cols = extents(ruler)
    // The header above the ruler: the lines after an opening full rule (a multiline table), or
    // the non-blank lines right above (a simple table).
    let from = i
    const header: string[][] = []
    let k = i - 1
    while (k >= 0 && !blank(line(k)) && !RULE.test(line(k)) && !RULER.test(line(k)) && i - k <= 6) k--
    if (k < i - 1 && (k < 0 || blank(line(k)) || RULE.test(line(k)))) {
      header.push(lines.slice(k + 1, i))
      from = k >= 0 && RULE.test(line(k)) ? k : k + 1
    }
    // The body: to a closing rule or ruler; else (a simple table) to the first blank line.
    let close = -1
    for (let j = i + 1; j < Math.min(lines.length, i + 800); j++) {
      if (RULER.test(line(j)) || RULE.test(line(j))) {
        close = j
        break
      }
      if (blank(line(j)) && j + 1 < lines.length && blank(line(j + 1))) break
    }
    let end: number
    const rows: string[][] = [...header]
    if (close > i) {
      const body = lines.slice(i + 1, close)
      end = close + 1
      if (body.some(blank)) {
        let group: string[] = []
        for (const l of [...body, '']) {
          if (blank(l)) {
            if (group.length) rows.push(group)
            group = []
          } else group.push(l)
        }
      } else rows.push(...body.map((l) => [l]))
    } else {
      let j = i + 1
      while (j < lines.length && !blank(line(j))) rows.push([line(j++)])
      end = j
    }
    const cells = rows.map((r) => rowCells(r, cols))
    const read = cells.filter((c) => c !== null)
    if (rows.length >= 2 && read.length === cells.length) out.push({ grid: read.map((c) => c.map(cell)), from, to: end })
    i = Math.max(end, i + 1)
  }
  return out
}
