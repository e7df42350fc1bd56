import {
  TEMPLATES,
  T3_GROUPS,
  T4_AFTER_REVIEW,
  T4_DIRECT,
  T4_LITIGATION,
  T4_REVIEW,
  cellId,
  parseCellText,
  singleSection,
  type Cell,
  type ColumnDef,
  type ExtraCell,
  type Provenance,
  type RowDef,
  type SectionDef,
  type TableId,
  type TemplateId,
} from '@gongkai/schema'
import { layGrid, type Grid } from './grid.ts'
import { bestLabel, matchForm } from './normalize.ts'
import { problem, type ImportProblem } from './problems.ts'

// Statistic tables read from a grid, by their labels: a cell is assigned only through a row label
// and a column label that both match the template. A row that lost cells (blank cells dropped by
// a converter) is refused rather than shifted; an unknown labelled row is kept as an extra.

export interface RecognizedTable {
  table: TableId
  template: TemplateId
  cells: Record<string, Cell>
  extras: ExtraCell[]
  provenance: Record<string, Provenance>
  /** Labels that exist in this template only: evidence for the version. */
  signals: number
  score: number
  problems: ImportProblem[]
  /** Table 二 read by labels: per block, the share of its column labels its header names. */
  blocks?: Map<string, number>
  /** Table 二's blocks printed in the other template's layout, kept as extras under these titles. */
  mixed?: string[]
  /** Read with each row label after its values (a converter that printed them so). */
  valuesFirst?: boolean
}

const TEMPLATE_IDS: readonly TemplateId[] = ['2019', '2021']

function isValueText(text: string): boolean {
  const t = text.trim()
  return t === '' || parseCellText(t).ok
}

/** Header text of one column: every distinct text above the data, outermost first. */
function columnTexts(grid: Grid, headerRows: number, c: number): string[] {
  const out: string[] = []
  for (let r = 0; r < headerRows; r++) {
    const t = grid[r]?.[c]?.text.trim() ?? ''
    if (t && out[out.length - 1] !== t) out.push(t)
  }
  return out
}

const T3_GROUP_FORMS = new Set(['申请人情况', '法人或其他组织'].map(matchForm))
const bigrams = (t: string) => {
  const out = new Set<string>()
  let prev: string | undefined
  for (const ch of matchForm(t)) {
    if (prev !== undefined) out.add(prev + ch)
    prev = ch
  }
  return out
}
/**
 * Whether a header column's words, group headers and the table's note aside, hold a pair of
 * characters that only another column's label has ("商业企业科研": 科研 is 科研机构's).
 */
const columnBigrams = new WeakMap<ColumnDef, Set<string>>()
const bigramsOf = (c: ColumnDef) => {
  let set = columnBigrams.get(c)
  if (!set) columnBigrams.set(c, (set = new Set([c.label, ...c.aliases].flatMap((l) => [...bigrams(l)]))))
  return set
}
function mixesColumns(texts: readonly string[], chosen: ColumnDef, columns: readonly ColumnDef[]): boolean {
  const own = bigramsOf(chosen)
  const others = new Set(columns.filter((c) => c !== chosen).flatMap((c) => [...bigramsOf(c)]))
  const words = texts.filter((t) => !T3_GROUP_FORMS.has(matchForm(t)) && !/勾稽|第一项|第三项/u.test(t))
  return words.some((t) => [...bigrams(t)].some((b) => others.has(b) && !own.has(b)))
}

/** The template column a header names: its leaf, or its characters stacked one per row. */
function matchColumn(texts: readonly string[], columns: readonly ColumnDef[]) {
  const candidates = [texts[texts.length - 1] ?? '', texts.join(''), texts.filter((t) => [...t].length === 1).join('')]
  let best: { item: ColumnDef; confidence: number } | null = null
  for (const cand of candidates) {
    const m = bestLabel(cand, columns, (c) => [c.label, ...c.aliases])
    if (m && m.confidence > (best?.confidence ?? 0)) best = m
  }
  return best
}

function cellAt(
  grid: Grid,
  r: number,
  c: number,
  gridIndex: number,
): { cell: Cell | null; prov: Provenance; error: ImportProblem | null; text: string } {
  const text = grid[r]?.[c]?.text ?? ''
  const parsed = parseCellText(text)
  const at = grid[r]?.[c]?.at
  const prov: Provenance = { grid: { table: gridIndex, row: r, column: c }, text, ...(at ? { page: at.page, box: at.box } : {}) }
  if (!parsed.ok) return { cell: null, prov, error: problem('CELL_UNREADABLE', { text, row: r + 1, column: c + 1 }), text }
  return { cell: parsed.cell, prov, error: null, text }
}

/** Whether a table 三 row's applicant columns add up to its 总计 (true where it has no blank). */
function rowAddsUp(grid: Grid, r: number, columns: Map<number, ColumnDef>): boolean {
  const byKey = new Map([...columns].map(([c, col]) => [col.key, parseCellText(grid[r]?.[c]?.text.trim() ?? '')]))
  const cells = [...byKey.values()]
  if (!cells.some((p) => p.ok && p.cell.state === 'blank')) return true
  const num = (key: string) => {
    const p = byKey.get(key)
    return p?.ok && p.cell.state === 'value' ? (p.cell.value ?? 0) : p?.ok && p.cell.state === 'blank' ? 0 : null
  }
  const parts = ['natural', 'commercial', 'research', 'ngo', 'legal', 'other'].map(num)
  const total = num('total')
  if (total === null) return true
  let sum = 0
  for (const x of parts) {
    if (x === null) return true
    sum += x
  }
  return sum === total
}

/**
 * The grid columns a column's header cell spans besides its own (a header over two columns of
 * text positions, whose value may stand under either half): the lowest header cell in column
 * `c` above row `below`.
 */
function headerSpan(grid: Grid, below: number, c: number): number[] {
  for (let r = below - 1; r >= 0; r--) {
    const row = grid[r]
    const cell = row?.[c]
    if (!row || !cell || cell.spanned || cell.text.trim() === '') continue
    const out = Array.from({ length: Math.max(0, cell.colspan - 1) }, (_, k) => c + 1 + k)
    // A grid rebuilt from text positions marks the cells a header word covers as spanned, each
    // holding the word.
    for (let k = c + 1 + out.length; row[k]?.spanned && row[k]?.text === cell.text; k++) out.push(k)
    return out
  }
  return []
}

/** Tables 三 and 二 share this: rows found by label, columns by header, cells read through both. */
function readRows(
  grid: Grid,
  gridIndex: number,
  table: TableId,
  section: SectionDef,
  rows: Array<{ r: number; row: RowDef | null; label: string; labelCols: number }>,
  columns: Map<number, ColumnDef>,
  out: RecognizedTable,
  strict: boolean,
  extents: ReadonlyMap<number, readonly number[]> = new Map(),
  headed: (c: number) => boolean = () => true,
  headerOf: (c: number) => string = () => '',
) {
  void section
  const width = Math.max(...columns.keys(), ...[...extents.values()].flat()) + 1
  const read = new Set([...columns.keys(), ...[...extents.values()].flat()])
  for (const { r, row, label, labelCols } of rows) {
    const physical = grid[r]?.length ?? 0
    // A row rebuilt from text (one cell per line) with values beyond its columns took another
    // row's values too: which are its own cannot be told.
    const overflow = strict && (grid[r] ?? []).slice(width).some((c) => !c.spanned && c.text.trim() !== '')
    if (physical < width || overflow) {
      out.problems.push(problem('COLUMNS_MISALIGNED', { table, row: label, found: physical, expected: width }))
      continue
    }
    // A number under no header at all, beside a header with nothing under it (a converter that
    // put a spanning header's text and its values in different columns): which column each value
    // is cannot be told.
    const headless = (grid[r] ?? []).some(
      (x, c) => c >= labelCols && !read.has(c) && !headed(c) && !x.spanned && x.text.trim() !== '' && isValueText(x.text),
    )
    if (headless) {
      out.problems.push(problem('ROW_UNREADABLE', { table, row: label, why: NO_HEADER }))
      continue
    }
    // A row of table 三 rebuilt from text with blanks among its values: a value of another row
    // may have taken a blank's place. Kept only where the row adds up (T3-COL).
    if (strict && table === '三' && row && !rowAddsUp(grid, r, columns)) {
      out.problems.push(
        problem('ROW_UNREADABLE', { table, row: label, why: 'columns uncertain: the row does not add up with these positions' }),
      )
      continue
    }
    for (const [c0, col] of columns) {
      // A header cell over several grid columns (text positions put a value under its right
      // half): the one value under it is the column's; two are refused.
      let c = c0
      const under = [c0, ...(extents.get(c0) ?? [])].flatMap((k) => {
        const x = grid[r]?.[k]
        return x && !x.spanned && x.text.trim() !== '' ? [{ k, text: x.text.trim() }] : []
      })
      if (under.length > 1) {
        out.problems.push(problem('CELL_AMBIGUOUS', { table, row: label, column: col.label, text: under.map((u) => u.text).join(' | ') }))
        continue
      }
      const [one] = under
      if (one) c = one.k
      const { cell: read, prov, error } = cellAt(grid, r, c, gridIndex)
      if (error) {
        out.problems.push({ ...error, where: { ...error.where, table, label } })
        continue
      }
      if (!read) continue
      const cell = withHeaderUnit(read, col, headerUnit(headerOf(c0)))
      if (row) {
        const id = cellId(row.key, col.key)
        if (cell.state !== 'not_reported') out.cells[id] = cell
        out.provenance[id] = prov
      } else if (cell.state !== 'not_reported' && !(cell.state === 'blank' && !cell.raw)) {
        out.extras.push({ row: [label], column: [...col.groups, col.label], cell })
      }
    }
  }
}

/**
 * A money column's cell read without a unit, under a header that prints one ("采购总金额（万元）"),
 * takes it; not where it is the template's own (本年收费金额（单位：万元） says what the template does).
 */
export function withHeaderUnit(cell: Cell, col: ColumnDef, unit: string | null): Cell {
  return unit && unit !== col.unit && col.domain === 'decimal' && cell.state === 'value' && !cell.unit ? { ...cell, unit } : cell
}

/** The money unit a column's header prints: "采购总金额（万元，保留四位小数）", "本年收费金额（单位：元）". */
export function headerUnit(header: string): '万元' | '元' | null {
  const m = /[（(]\s*(?:单位\s*[:：]\s*)?(万元|元)\s*[)）,，、；;]/u.exec(header)
  return m?.[1] === '万元' || m?.[1] === '元' ? m[1] : null
}

function empty(table: TableId, template: TemplateId): RecognizedTable {
  return { table, template, cells: {}, extras: [], provenance: {}, signals: 0, score: 0, problems: [] }
}

/** Cells all blank, none with text: a table whose numbers were lost, not one left empty (when it is a whole table). */
export function everyNumberGone(cells: readonly Cell[]): boolean {
  return cells.length > 0 && cells.every((c) => c.state === 'blank' && !c.raw?.trim())
}

function finish(out: RecognizedTable): RecognizedTable {
  // Every label there, every number gone (scraped pages): that is a lost table, not zeros.
  // A grid of one or two cells says too little (a block of table 二 left blank): the table as a
  // whole is judged when its grids are put together (template.ts).
  const values = Object.values(out.cells)
  if (out.score > 0 && values.length >= 3 && everyNumberGone(values)) {
    // Said once by the assembler (TABLE_UNREADABLE), with every cell marked unread.
    out.cells = {}
    out.provenance = {}
  }
  return out
}

/** The text of a grid cell within the row's length; a hole in the row is an error. */
function cellText(row: Grid[number], c: number): string {
  const cell = row[c]
  if (!cell) throw new Error(`the grid row has no cell at column ${c}`)
  return cell.text
}

/** Row label of a grid row: the deepest label text before the first value. */
function rowLabel(grid: Grid, r: number): { label: string; labelCols: number } | null {
  const row = grid[r] ?? []
  let label = ''
  let labelCols = row.length
  for (const [c, cell] of row.entries()) {
    const t = cell.text.trim()
    if (t && !isValueText(t)) label = t
    else if (label) {
      labelCols = c
      break
    }
  }
  return label ? { label, labelCols } : null
}

/** Table 三's groups whose rows a publisher may total in a row of its own, by their matching form. */
export const SUBTOTAL_GROUPS: ReadonlyMap<string, string> = new Map(Object.values(T3_GROUPS).map((g) => [matchForm(g), g]))

/**
 * Columns of table 三 the template does not have (a 小计 of 法人或其他组织): their figures are
 * kept as printed, under the header's words, for the validator (T3-GRP); never put in a
 * template column. Only in a grid with real cells (HTML, Word, ruled PDF lines).
 */
function keepExtraColumns(
  grid: Grid,
  firstData: number,
  rows: ReadonlyArray<{ r: number; row: RowDef | null; label: string }>,
  columns: ReadonlyMap<number, ColumnDef>,
  extents: ReadonlyMap<number, readonly number[]>,
  out: RecognizedTable,
) {
  const taken = new Set([...columns.keys(), ...[...extents.values()].flat()])
  const first = Math.min(...columns.keys())
  const width = Math.max(...grid.slice(0, firstData).map((r) => r.length), 0)
  for (let c = first + 1; c < width; c++) {
    if (taken.has(c)) continue
    const texts = columnTexts(grid, firstData, c)
    // A header word spanning from the column before, which is taken: no column of its own.
    const spannedFromTaken = (row: Grid[number]) => {
      const here = row[c]
      const before = row[c - 1]
      return here?.spanned && before && !before.spanned && before.colspan > 1 && before.text === here.text && taken.has(c - 1)
    }
    if (!texts.length || grid.slice(0, firstData).some(spannedFromTaken)) continue
    for (const { r, row, label } of rows) {
      const cellText = grid[r]?.[c]
      if (!cellText || cellText.spanned) continue
      const parsed = parseCellText(cellText.text)
      if (!parsed.ok || parsed.cell.state === 'blank' || parsed.cell.state === 'not_reported') continue
      out.extras.push({ row: [row?.label ?? label], column: texts, cell: parsed.cell })
    }
  }
}

/**
 * In a grid rebuilt from text positions, a row label whose line holds no value while the line
 * next to it holds values under no label of the template's (a group label's line, or none) may
 * have lost its values to that line: a label and its values a couple of points apart. Its
 * cells would read blank, which may be wrong; the row is refused instead.
 */
function withoutStrayLabels<R extends { r: number; row: RowDef | null; label: string }>(
  grid: Grid,
  rows: readonly R[],
  columns: ReadonlyMap<number, ColumnDef>,
  out: RecognizedTable,
): R[] {
  const templateRows = new Set(rows.filter((x) => x.row).map((x) => x.r))
  const hasValues = (r: number) => [...columns.keys()].some((c) => (grid[r]?.[c]?.text.trim() ?? '') !== '')
  return rows.filter(({ r, row, label }) => {
    if (!row || hasValues(r)) return true
    const stray = [r - 1, r + 1].some((n) => n >= 0 && n < grid.length && !templateRows.has(n) && hasValues(n))
    if (stray)
      out.problems.push(
        problem('ROW_UNREADABLE', {
          table: '三',
          row: label,
          why: 'no values on its line, and values on the line beside it under no row label',
        }),
      )
    return !stray
  })
}

/**
 * A row label with a piece of its group's label glued before it, as text positions put a merged
 * group cell's line beside the row's ("（五）不1.信访举报投诉类申请", "予处理2.重复申请"): the
 * row's own label, when what stands before it is made only of its groups' characters.
 */
function afterGroupFragment(label: string, section: SectionDef) {
  const at = label.search(/\d+[.．、]/u)
  if (at <= 0) return null
  const m = bestLabel(label.slice(at), section.rows, (x) => [x.label, ...x.aliases], 0.8)
  if (!m) return null
  const groupChars = new Set([...m.item.groups.join('')].map((ch) => matchForm(ch)))
  return [...label.slice(0, at)].every((ch) => groupChars.has(matchForm(ch)) || /\s/u.test(ch)) ? m : null
}

/**
 * A row label misprinted past recognition ("2.其他法律行政止公开" for 2.其他法律行政法规禁止公开)
 * is still its row when it stands alone between that row's neighbours and starts with its number.
 */
function byNumber(rows: Array<{ row: RowDef | null; label: string }>, section: SectionDef, out: RecognizedTable) {
  const order = new Map(section.rows.map((x, i) => [x, i]))
  rows.forEach((x, i) => {
    const before = rows[i - 1]?.row
    const after = rows[i + 1]?.row
    if (x.row || !before || !after) return
    const [a, b] = [order.get(before) ?? -1, order.get(after) ?? -1]
    const missing = section.rows[a + 1]
    const number = /^\d{1,2}[.．、]/u.exec(missing?.label ?? '')?.[0]
    if (b - a !== 2 || !missing || !number || !matchForm(x.label).startsWith(matchForm(number))) return
    if (!missing.groups.every((g, k) => before.groups[k] === g)) return
    x.row = missing
    const at = out.problems.findIndex((p) => p.code === 'LABEL_UNKNOWN' && p.where.label === x.label)
    const fuzzy = problem('LABEL_FUZZY', { table: out.table, label: x.label, matched: missing.label, confidence: 0.5 })
    if (at >= 0) out.problems.splice(at, 1, fuzzy)
    else out.problems.push(fuzzy)
  })
}

const NO_HEADER = 'a value stands under no header: which column each value is cannot be told'
const ELSEWHERE = 'a row of another block, under this block’s columns: which column each value is cannot be told'

/** A row label of another block of table 二 (either template), not of `section`. */
function rowOfAnotherBlock(label: string, section: SectionDef): boolean {
  const others = (['2019', '2021'] as const)
    .flatMap((t) => TEMPLATES[t].tables['二'].sections)
    .filter((s) => s.key !== section.key)
    .flatMap((s) => s.rows)
  return bestLabel(label, others, (x) => [x.label, ...x.aliases], 0.8) !== null
}

const MERGED = 'its label runs into another text (a row label, a page number): which row the values are cannot be told'

/**
 * An unknown label that holds a row label of the table and more ("行政许可-2 -",
 * "三（一）予以公开、（二）部分公开…"): lines of a page read as one row, not a row of its own.
 */
function holdsKnownLabel(label: string, section: SectionDef): boolean {
  // An explanation in brackets may name other rows ("其他主动公开文件(含…除规范性文件以外…)",
  // Hubei 2020): it is not another row's label run in.
  const form = matchForm(label.replace(/[（(][^（）()]{5,}[）)]/gu, ''))
  if (PAGE_NUMBER_IN.test(label)) return true
  // A numbered row label cut short after other text ("度予公开2.其他法律行政法规禁"): the start
  // of that row, run into a group label's characters, not a row of its own.
  const cut = /\d{1,2}[.．、]/u.exec(form)
  const rest = cut && cut.index > 0 ? form.slice(cut.index) : null
  return section.rows.some((x) =>
    [x.label, ...x.aliases].some((l) => {
      const f = matchForm(l)
      return ([...f].length >= 4 && form !== f && form.includes(f)) || (rest !== null && [...rest].length >= 6 && f.startsWith(rest))
    }),
  )
}
const PAGE_NUMBER_IN = /[-－—–]\s*\d{1,3}\s*[-－—–]\s*$/u

function recognize3(grid: Grid, gridIndex: number, template: TemplateId, strict = false): RecognizedTable {
  const out = empty('三', template)
  const section = singleSection(template, '三')
  const rows: Array<{ r: number; row: RowDef | null; label: string; labelCols: number }> = []
  let firstData = -1
  for (let r = 0; r < grid.length; r++) {
    const rl = rowLabel(grid, r)
    if (!rl) continue
    const m = bestLabel(rl.label, section.rows, (x) => [x.label, ...x.aliases], 0.8) ?? afterGroupFragment(rl.label, section)
    const hasValues = (grid[r] ?? []).slice(rl.labelCols).some((x) => !x.spanned && x.text.trim() !== '' && isValueText(x.text))
    if (m) {
      if (firstData < 0) firstData = r
      rows.push({ r, row: m.item, label: rl.label, labelCols: rl.labelCols })
      if (m.confidence < 1)
        out.problems.push(
          problem('LABEL_FUZZY', { table: '三', label: rl.label, matched: m.item.label, confidence: Math.round(m.confidence * 100) / 100 }),
        )
      if (template === '2021' && m.item.key.startsWith('other_')) out.signals++
    } else if (firstData >= 0 && hasValues && holdsKnownLabel(rl.label, section)) {
      out.problems.push(problem('ROW_UNREADABLE', { table: '三', row: rl.label, why: MERGED }))
    } else if (firstData >= 0 && hasValues && !section.rows.some((x) => x.groups.some((g) => matchForm(g) === matchForm(rl.label)))) {
      rows.push({ r, row: null, label: rl.label, labelCols: rl.labelCols })
      out.problems.push(problem('LABEL_UNKNOWN', { table: '三', label: rl.label }))
    } else if (firstData >= 0 && hasValues && !strict && SUBTOTAL_GROUPS.has(matchForm(rl.label))) {
      // A publisher's subtotal row (（三）不予公开 with its own figures): kept as printed, for
      // the validator to check against its rows (T3-GRP).
      rows.push({ r, row: null, label: rl.label, labelCols: rl.labelCols })
    }
    // In 2019 the （六）其他处理 row carries data; in 2021 it is only a group header.
    if (template === '2019' && m?.item.key === 'other' && hasValues) out.signals++
  }
  if (firstData < 0) return out
  byNumber(rows, section, out)
  const columns = new Map<number, ColumnDef>()
  const extents = new Map<number, number[]>()
  const width = Math.max(...grid.slice(0, firstData).map((r) => r.length), 0)
  let mixed = false
  for (let c = 0; c < width; c++) {
    const texts = columnTexts(grid, firstData, c)
    const m = matchColumn(texts, section.columns)
    if (m && mixesColumns(texts, m.item, section.columns)) mixed = true
    else if (m && ![...columns.values()].includes(m.item)) {
      columns.set(c, m.item)
      extents.set(c, headerSpan(grid, firstData, c))
    }
  }
  out.score = rows.filter((x) => x.row).length + columns.size
  // A header column whose words name two applicant columns (a positioned text's blank column
  // whose header words fell to its neighbour): which value is under which name is unknown.
  if (mixed) {
    out.problems.push(problem('HEADER_UNREADABLE', { table: '三' }))
    return out
  }
  // A header rebuilt from text that names only some of the seven columns was scrambled: which
  // value is under which name cannot be trusted.
  if (columns.size === 0 || (strict && columns.size < section.columns.length)) {
    out.problems.push(problem('HEADER_UNREADABLE', { table: '三' }))
    return out
  }
  const headed = (c: number) => grid.slice(0, firstData).some((row) => !!row[c]?.text.trim())
  readRows(
    grid,
    gridIndex,
    '三',
    section,
    strict ? withoutStrayLabels(grid, rows, columns, out) : rows,
    columns,
    out,
    strict,
    extents,
    headed,
  )
  if (!strict) keepExtraColumns(grid, firstData, rows, columns, extents, out)
  return finish(out)
}

function recognize4(grid: Grid, gridIndex: number, template: TemplateId, strict = false): RecognizedTable {
  const out = empty('四', template)
  const section = singleSection(template, '四')
  // The data row: ten values or more; or, where zeros are left blank, a row of fifteen cells or
  // more that holds values and nothing else (a grid whose blank cells are kept as cells).
  const values = (row: Grid[number]) => row.filter((x) => x.text.trim() !== '' && isValueText(x.text)).length
  const headerRows = grid.findIndex(
    (row, r) =>
      r > 0 &&
      (values(row) >= 10 ||
        (!strict && row.length >= 15 && values(row) > 0 && row.every((x) => x.text.trim() === '' || isValueText(x.text)))),
  )
  if (headerRows < 1) return out
  const hasReview = grid.slice(0, headerRows).some((row) => row.some((x) => matchForm(x.text) === matchForm(T4_REVIEW)))
  if (!hasReview) return out
  const columns = new Map<number, ColumnDef>()
  for (let c = 0; c < (grid[headerRows]?.length ?? 0); c++) {
    const texts = columnTexts(grid, headerRows, c)
    const forms = texts.map(matchForm)
    const prefix = forms.includes(matchForm(T4_AFTER_REVIEW))
      ? 'lr'
      : forms.includes(matchForm(T4_DIRECT))
        ? 'ld'
        : forms.includes(matchForm(T4_LITIGATION))
          ? null
          : forms.includes(matchForm(T4_REVIEW))
            ? 'rv'
            : null
    if (!prefix) continue
    const leafTexts = texts.filter(
      (t) => ![T4_REVIEW, T4_LITIGATION, T4_DIRECT, T4_AFTER_REVIEW].some((g) => matchForm(g) === matchForm(t)),
    )
    const m = matchColumn(
      leafTexts,
      section.columns.filter((x) => x.key.startsWith(`${prefix}_`)),
    )
    if (m && ![...columns.values()].includes(m.item)) columns.set(c, m.item)
  }
  if (columns.size < 15) {
    // Group headers lost or misplaced (PDF text, mangled pages): the template fixes the order,
    // 行政复议 then 未经复议直接起诉 then 复议后起诉, five columns each. Fifteen leaf labels
    // in that order are enough.
    const leafs = section.columns.map((x) => x.label)
    // Each header row as printed, then the header rows merged column by column (a grid from text
    // keeps a spanning label in its first column only, so leaf labels sit on two rows).
    const leafForms = new Set(leafs.map(matchForm))
    const merged = Array.from({ length: grid[headerRows]?.length ?? 0 }, (_, c) => {
      const texts = grid
        .slice(0, headerRows)
        .map((row) => row[c]?.text ?? '')
        .filter((t) => leafForms.has(matchForm(t)))
      return { text: texts[texts.length - 1] ?? '', spanned: false, colspan: 1 }
    })
    for (const row of [...grid.slice(0, headerRows).reverse(), merged]) {
      if (columns.size >= 15) break
      for (let start = 0; start + 15 <= row.length; start++) {
        if (leafs.every((l, k) => matchForm(cellText(row, start + k)) === matchForm(l))) {
          columns.clear()
          section.columns.forEach((col, k) => columns.set(start + k, col))
          break
        }
      }
    }
  }
  out.score = columns.size
  if (columns.size === 0) return out
  const width = Math.max(...columns.keys()) + 1
  const physical = grid[headerRows]?.length ?? 0
  if (physical < width || columns.size < 15) {
    out.problems.push(problem('COLUMNS_MISALIGNED', { table: '四', row: '—', found: physical, expected: width }))
    return out
  }
  const [dataRow] = section.rows
  if (!dataRow) throw new Error(`the ${template} template's table 四 has no row`)
  readRows(grid, gridIndex, '四', section, [{ r: headerRows, row: dataRow, label: '', labelCols: 0 }], columns, out, strict)
  return finish(out)
}

/**
 * The block of table 二 that the first row below a header (up to the next header or title) whose
 * label is a row of the table belongs to; null when none is.
 */
function blockOfRows(grid: Grid, from: number, sections: readonly SectionDef[]): SectionDef | null {
  for (let r = from; r < grid.length; r++) {
    const first = (grid[r] ?? []).map((x) => x.text.trim()).find((t) => t) ?? ''
    if (matchForm(first) === matchForm('信息内容')) break
    if (sections.some((s) => s.title && [s.title, ...s.titleAliases].some((t) => matchForm(t) === matchForm(first)))) break
    const s = sections.find((x) => bestLabel(first, x.rows, (y) => [y.label, ...y.aliases], 0.8))
    if (s) return s
  }
  return null
}

function recognize2(grid: Grid, gridIndex: number, template: TemplateId, strict = false): RecognizedTable {
  const out = empty('二', template)
  const sections = TEMPLATES[template].tables['二'].sections
  let section: SectionDef | null = null
  let columns = new Map<number, ColumnDef>()
  let extents = new Map<number, number[]>()
  let rows: Array<{ r: number; row: RowDef | null; label: string; labelCols: number }> = []
  let header: readonly string[] = []
  const flush = () => {
    if (section && columns.size && rows.length) {
      const headerTexts = header
      readRows(
        grid,
        gridIndex,
        '二',
        section,
        rows,
        columns,
        out,
        strict,
        extents,
        (c) => !!headerTexts[c],
        (c) => headerTexts[c] ?? '',
      )
    }
    rows = []
  }
  /** A row of another block read in its own block's columns when it has exactly as many cells. */
  const readOtherBlock = (r: number, label: string): boolean => {
    // Only where the grid's cells are the document's own (a markup or ruled table): a grid rebuilt
    // from text may have a row padded to the header's width, or values from elsewhere in it.
    if (strict) return false
    const other = sections.find((s) => s !== section && bestLabel(label, s.rows, (x) => [x.label, ...x.aliases], 0.8))
    const row = other && bestLabel(label, other.rows, (x) => [x.label, ...x.aliases], 0.8)
    const own = (grid[r] ?? []).flatMap((x, c) => (c >= 1 && !x.spanned ? [c] : []))
    if (!other || !row || own.length !== other.columns.length) return false
    const at = new Map(own.flatMap((c, k) => (other.columns[k] ? [[c, other.columns[k]] as const] : [])))
    readRows(grid, gridIndex, '二', other, [{ r, row: row.item, label, labelCols: 1 }], at, out, strict)
    out.score++
    return true
  }
  /** Whether the row before this one was a block's title. */
  let titledHere = false
  const only2021 = new Set(['issued', 'repealed', 'in_force', 'fee_amount'])
  const only2019 = new Set(['made', 'published', 'total', 'prev_items', 'change', 'projects', 'amount'])
  for (let r = 0; r < grid.length; r++) {
    const texts = (grid[r] ?? []).map((x) => x.text.trim())
    const first = texts.find((t) => t) ?? ''
    const titled = sections.find((s) => s.title && [s.title, ...s.titleAliases].some((t) => matchForm(t) === matchForm(first)))
    if (titled) {
      flush()
      section = titled
      columns = new Map()
      out.score++
      titledHere = true
      continue
    }
    const isHeader = matchForm(first) === matchForm('信息内容')
    // A block printed without its title row (converters drop the merged title: "| 信息内容 |
    // 本年处理决定数量 |" then "| 行政许可 | 9487 |"): its first row's label names the block; rows
    // of other blocks below it are read by readOtherBlock or refused.
    if (isHeader && !titledHere) {
      const named = blockOfRows(grid, r + 1, sections)
      if (named) {
        flush()
        section = named
        out.score++
      }
    }
    titledHere = false
    if (!section) continue
    const current = section
    if (isHeader) {
      columns = new Map()
      extents = new Map()
      header = texts
      texts.forEach((t, c) => {
        if (c === 0 || !t) return
        const m = bestLabel(t, current.columns, (x) => [x.label, ...x.aliases], 0.7)
        if (m && ![...columns.values()].includes(m.item)) {
          columns.set(c, m.item)
          extents.set(c, headerSpan(grid, r + 1, c))
          out.score++
          if (template === '2021' && only2021.has(m.item.key)) out.signals++
          if (template === '2019' && only2019.has(m.item.key)) out.signals++
        }
      })
      continue
    }
    const m = bestLabel(first, section.rows, (x) => [x.label, ...x.aliases], 0.8)
    if (m) {
      rows.push({ r, row: m.item, label: first, labelCols: 1 })
      out.score++
    } else if (first && !isValueText(first) && texts.slice(1).some((t) => t && isValueText(t)) && holdsKnownLabel(first, section)) {
      out.problems.push(problem('ROW_UNREADABLE', { table: '二', row: first, why: MERGED }))
    } else if (first && !isValueText(first) && texts.slice(1).some((t) => t && isValueText(t)) && rowOfAnotherBlock(first, section)) {
      // A row of another block of this template under this block's header is read in its own
      // block's columns when it has as many cells ("| 行政许可 | 9487 |" under 本年制发件数 …: a
      // converter that put the blocks in one table without their titles); otherwise its values
      // are not under these headers (its block's title lost in the text's order).
      if (!readOtherBlock(r, first)) out.problems.push(problem('ROW_UNREADABLE', { table: '二', row: first, why: ELSEWHERE }))
    } else if (first && !isValueText(first) && texts.slice(1).some((t) => t && isValueText(t))) {
      // A row the template does not have, under its own label (a number is no label: a row
      // whose label cell is empty starts with its values).
      rows.push({ r, row: null, label: first, labelCols: 1 })
      out.problems.push(problem('LABEL_UNKNOWN', { table: '二', label: first }))
    } else if (first && !isValueText(first) && rowOfAnotherBlock(first, section)) readOtherBlock(r, first)
  }
  flush()
  return finish(out)
}

const RECOGNIZERS = { 二: recognize2, 三: recognize3, 四: recognize4 } as const

/** One row of exactly fifteen cells, each a figure or blank, one at least a figure: table 四's figures alone. */
export function isBareTable4Row(grid: Grid): boolean {
  const [row, ...more] = grid
  if (!row || more.length) return false
  const cells = row.filter((c) => !c.spanned).map((c) => c.text.trim())
  return cells.length === 15 && cells.some((t) => t !== '') && cells.every((t) => t === '' || /^[-+]?\d+(?:\.\d+)?$|^[/／—-]$/u.test(t))
}

/**
 * Table 四's data row under the template's header (行政复议 and 行政诉讼, 未经复议直接起诉 and 复议后起诉,
 * the fifteen leaf labels): for the figures of table 四 printed without their header.
 */
export function withTable4Header(grid: Grid): Grid {
  const leafs = singleSection('2021', '四').columns.map((c) => ({ text: c.label, rowspan: 1, colspan: 1 }))
  const data = (grid[0] ?? [])
    .filter((c) => !c.spanned)
    .map((c) => ({ text: c.text, rowspan: 1, colspan: 1, ...(c.at ? { at: c.at } : {}) }))
  return layGrid([
    [
      { text: T4_REVIEW, rowspan: 2, colspan: 5 },
      { text: T4_LITIGATION, rowspan: 1, colspan: 10 },
    ],
    [
      { text: T4_DIRECT, rowspan: 1, colspan: 5 },
      { text: T4_AFTER_REVIEW, rowspan: 1, colspan: 5 },
    ],
    leafs,
    data,
  ])
}

/** The best reading of one grid: whichever table and template its labels fit best. */
/** `strict`: a grid rebuilt from text, whose rows may hold more cells than the table has. */
export function recognizeGrid(grid: Grid, gridIndex: number, strict = false): RecognizedTable | null {
  let best: RecognizedTable | null = null
  for (const table of ['三', '四', '二'] as const) {
    for (const template of TEMPLATE_IDS) {
      const r = RECOGNIZERS[table](grid, gridIndex, template, strict)
      const key = r.score + r.signals * 3
      if (key > 0 && (!best || key > best.score + best.signals * 3)) best = r
    }
  }
  return best && best.score >= 3 ? best : null
}
