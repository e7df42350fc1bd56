import { layGrid, mergedAreas, type Grid, type GridCell, type RawCell } from './grid.ts'
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

// Grid tables: pandoc's plain-text and Markdown output of a table whose cells wrap over lines,
// and text browsers' dumps of a page (w3m, lynx -dump with borders: box-drawing characters). Every
// row is boxed by rules of '+' and '-', each cell between '|' standing where a rule's '+' stand.
// A row takes every line between two rules, and a cell wrapped over lines ("第二十条" /
// "第（一）项") is joined again. A cell spans columns where a row leaves out a '|' on all its
// lines, and rows where a rule leaves out its dashes (pandoc 3, w3m). Anything else (a '|' on
// some lines of a row only, a rule dashed over part of a column, a cell that is not a rectangle)
// is a table re-wrapped since, or not this kind: left whole to the other readings.
//
//   +-------------+-------------+        ┌──────┬──────┐
//   | 第二十条    |             |        │ 三、 │ 1    │
//   | 第（一）项  |             |        │      ├──────┤
//   +-------------+-------------+        │      │ 2    │
//   | 规章        | 13          |        └──────┴──────┘

/** Box-drawing characters as the ASCII a grid table is written in, one for one (offsets hold). */
export function unboxed(line: string): string {
  if (!/[\u2500-\u257f]/u.test(line)) return line
  return line.replace(/[\u2500-\u257f]/gu, (ch) => {
    if (ch === '═') return '='
    if (/[─━┄┅┈┉╌╍╴╶╸╺╼╾]/u.test(ch)) return '-'
    if (/[│┃┆┇┊┋╎╏║╵╷╹╻╽╿]/u.test(ch)) return '|'
    return '+'
  })
}

/** Far more rows and columns than a report's table has: a larger grid is not one. */
const MAX_GRID_ROWS = 2_000
const MAX_GRID_COLUMNS = 200

const BORDER = /^\s*\+(?:[-=:]+\+)+\s*$/
/** A rule between two rows: dashes between '+', or a gap where a cell goes on ('|  +---+'). */
const RULE_LINE = /^\s*[+|](?:[^|+]*[+|])+\s*$/
const DASHES = /[-=]{3,}/
const BOXED = /^\s*\|.*\|\s*$/

const isRule = (l: string) => RULE_LINE.test(l) && DASHES.test(l) && l.includes('+')
const isRow = (l: string) => BOXED.test(l) && !isRule(l)

/** Cells joined over lines: CJK text without a space, other words with one. */
const joined = (parts: readonly string[]) =>
  parts.reduce((s, t) => (s === '' ? t : /[\u2e80-\uffff]$/u.test(s) || /^[\u2e80-\uffff]/u.test(t) ? s + t : `${s} ${t}`), '')

/** One grid table's lines (border to border) as rows of cells, or null where they do not fit a grid. */
function readGridTable(block: readonly string[]): RawCell[][] | null {
  const rules = block.map(isRule)
  // More rows than any report table (each row is closed by a rule): not one, left unread.
  if (rules.filter(Boolean).length > MAX_GRID_ROWS + 1) return null
  const chars = block.map((l) => columnsOf(l))
  // The columns' edges: every '+' of a rule. A '|' of a row anywhere else is a table re-wrapped.
  const edges = [...new Set(chars.flatMap((line, n) => (rules[n] ? line.flatMap(({ ch, at }) => (ch === '+' ? [at] : [])) : [])))].sort(
    (a, b) => a - b,
  )
  const first = edges[0]
  const last = edges[edges.length - 1]
  if (first === undefined || last === undefined || edges.length < 2) return null
  // More columns than any report table: not one (and the work below grows with rows × columns).
  if (edges.length > MAX_GRID_COLUMNS + 1) return null
  const isEdge = new Set(edges)
  if (chars.some((line, n) => !rules[n] && line.some(({ ch, at }) => ch === '|' && !isEdge.has(at)))) return null
  // Text outside the box is no part of it.
  if (chars.some((line) => line.some(({ ch, at }) => (at < first || at > last) && ch.trim() !== ''))) return null
  // Bands: the rows between two rules, by their line numbers.
  const bands: number[][] = []
  let band: number[] = []
  for (let n = 1; n < block.length; n++) {
    if (!rules[n]) band.push(n)
    else if (band.length) {
      bands.push(band)
      band = []
    } else return null
  }
  if (band.length || bands.length < 2 || bands.length > MAX_GRID_ROWS) return null
  const width = edges.length - 1
  // Each line's characters by display column, to look one up at once.
  const byColumn = chars.map((line) => {
    const cols: string[] = []
    for (const { ch, at } of line) cols[at] = ch
    return cols
  })
  /** What stands on line `n` at column `at` ('' where nothing). */
  const at = (n: number, x: number) => byColumn[n]?.[x] ?? ''
  const inside = (n: number, c: number) => {
    const cols = byColumn[n] ?? []
    const out: Array<{ ch: string }> = []
    for (let x = (edges[c] ?? 0) + 1; x < (edges[c + 1] ?? 0); x++) {
      const ch = cols[x]
      if (ch !== undefined) out.push({ ch })
    }
    return out
  }
  // Units (band, column) joined into cells. A '|' on some lines of a band only, or a rule dashed
  // over part of a column, is no grid: the table is torn.
  const seen = { torn: false }
  const right = (b: number, c: number) => {
    const lines = bands[b] ?? []
    const walls = lines.filter((n) => at(n, edges[c + 1] ?? -1) === '|').length
    if (walls > 0 && walls < lines.length) seen.torn = true
    return walls === 0
  }
  const down = (b: number, c: number) => {
    // The rule under the band: dashed over a column closes its cell; no dashes go on into the next band.
    const rule = (bands[b]?.at(-1) ?? 0) + 1
    const under = inside(rule, c)
    const dashed = under.filter(({ ch }) => ch === '-' || ch === '=' || ch === ':').length
    if (dashed > 0 && dashed < under.length) seen.torn = true
    // A column with no room inside (two '+' side by side, where rows' edges step over by one)
    // goes on into no other band: its units stay with their rows' cells.
    return under.length > 0 && dashed === 0
  }
  const merged = mergedAreas(bands.length, width, right, down)
  if (!merged || seen.torn) return null
  // Each cell read once, from its top left.
  const rows: RawCell[][] = bands.map(() => [])
  for (const box of merged.areas) {
    const from = bands[box.r0]?.[0] ?? 0
    const to = bands[box.r1]?.at(-1) ?? from
    const left = edges[box.c0] ?? 0
    const rightEdge = edges[box.c1 + 1] ?? 0
    const parts: string[] = []
    for (let n = from; n <= to; n++) {
      const text = (chars[n] ?? [])
        .filter(({ at: x }) => x > left && x < rightEdge)
        .map(({ ch }) => ch)
        .join('')
        .trim()
      // A rule's own dashes are no text; a spanning cell's text may stand on a rule's line.
      if (text && !(rules[n] && /^[-=:+|\s]*$/u.test(text))) parts.push(text)
    }
    rows[box.r0]?.push({ text: joined(parts), rowspan: box.r1 - box.r0 + 1, colspan: box.c1 - box.c0 + 1 })
  }
  return rows
}

/** Find grid tables among the lines of a text. */
export function gridTables(lines: readonly string[]): FixedTable[] {
  const out: FixedTable[] = []
  const plain = lines.map(unboxed)
  for (let i = 0; i < plain.length; i++) {
    if (!BORDER.test(plain[i] ?? '')) continue
    let end = i + 1
    while (end < plain.length && (isRule(plain[end] ?? '') || isRow(plain[end] ?? ''))) end++
    while (end > i + 1 && !BORDER.test(plain[end - 1] ?? '')) end--
    const rows = end > i + 2 ? readGridTable(plain.slice(i, end)) : null
    if (rows && rows.length >= 2) out.push({ grid: layGrid(rows), from: i, to: end })
    i = Math.max(i, end - 1)
  }
  return out
}
