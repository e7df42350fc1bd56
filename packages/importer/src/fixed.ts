import { layGrid, type Grid, type GridCell, type RawCell } from './grid.ts'
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

// Grid tables: pandoc's plain-text and Markdown output of a table whose cells wrap over lines
// (and reStructuredText's, and Emacs org's): every row boxed by rules of '+' and '-', each cell
// between '|' that stand where the rule's '+' stand. A row takes every line between two rules,
// and a cell wrapped over lines ("第二十条" / "第（一）项") is joined again. A row that leaves
// out a '|' under a '+' on all its lines is a cell spanning those columns; a rule that leaves
// out dashes (a cell spanning rows) or a '|' where no '+' stands is left to the other readings.
//
//   +-------------+-------------+
//   | 第二十条    |             |
//   | 第（一）项  |             |
//   +-------------+-------------+
//   | 规章        | 13          |

const BORDER = /^\s*\+(?:[-=:]+\+)+\s*$/
const BOXED = /^\s*\|.*\|\s*$/

/** Display columns of a rule's '+'. */
const pluses = (rule: string) => columnsOf(rule).flatMap(({ ch, at }) => (ch === '+' ? [at] : []))

/** One row of a grid table (its lines between two rules), or null where it does not fit the rule. */
function gridRow(lines: readonly string[], bounds: readonly number[]): RawCell[] | null {
  const chars = lines.map(columnsOf)
  const first = bounds[0]
  const last = bounds[bounds.length - 1]
  if (first === undefined || last === undefined) return null
  // A '|' anywhere but under a '+' is a table re-wrapped since, or not this kind.
  if (chars.some((line) => line.some(({ ch, at }) => ch === '|' && !bounds.includes(at)))) return null
  const present = bounds.filter((b) => chars.every((line) => line.some(({ ch, at }) => ch === '|' && at === b)))
  if (present[0] !== first || present[present.length - 1] !== last) return null
  const cells: RawCell[] = []
  for (let k = 0; k + 1 < present.length; k++) {
    const from = present[k]
    const to = present[k + 1]
    if (from === undefined || to === undefined) break
    const parts = chars
      .map((line) =>
        line
          .filter(({ at }) => at > from && at < to)
          .map(({ ch }) => ch)
          .join('')
          .trim(),
      )
      .filter((t) => t !== '')
    const text = parts.reduce(
      (s, t) => (s === '' ? t : /[\u2e80-\uffff]$/u.test(s) || /^[\u2e80-\uffff]/u.test(t) ? s + t : `${s} ${t}`),
      '',
    )
    cells.push({ text, rowspan: 1, colspan: bounds.filter((b) => b > from && b <= to).length })
  }
  // Text outside the box is no part of this table.
  if (chars.some((line) => line.some(({ ch, at }) => (at < first || at > last) && ch.trim() !== ''))) return null
  return cells
}

/** Find grid tables among the lines of a text. */
export function gridTables(lines: readonly string[]): FixedTable[] {
  const out: FixedTable[] = []
  for (let i = 0; i < lines.length; i++) {
    const top = lines[i] ?? ''
    if (!BORDER.test(top)) continue
    let end = i + 1
    while (end < lines.length && (BORDER.test(lines[end] ?? '') || BOXED.test(lines[end] ?? ''))) end++
    while (end > i + 1 && !BORDER.test(lines[end - 1] ?? '')) end--
    const bounds = pluses(top)
    const rows: RawCell[][] = []
    let group: string[] = []
    let fits = true
    for (const line of lines.slice(i + 1, end)) {
      if (!BORDER.test(line)) {
        group.push(line)
        continue
      }
      const rule = pluses(line)
      const row = group.length ? gridRow(group, bounds) : null
      if (rule.length !== bounds.length || rule.some((b, k) => b !== bounds[k]) || (group.length && !row)) {
        fits = false
        break
      }
      if (row) rows.push(row)
      group = []
    }
    if (fits && rows.length >= 2) out.push({ grid: layGrid(rows), from: i, to: end })
    i = Math.max(i, end - 1)
  }
  return out
}
