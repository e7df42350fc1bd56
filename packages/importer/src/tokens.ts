import { parseCellText } from '@gongkai/schema'
import { PART_HEADING } from './normalize.ts'

// A document as a stream of tokens in reading order: label text and cell values. Text from a
// page, a converter or a PDF's text layer all become this one shape, so one reader
// (linear.ts) finds the template's labels in it and the values that follow each of them.

export interface Tok {
  text: string
  /** A cell value: a number, "/", or (between `|` separators) an empty cell. */
  value: boolean
  /** Where the token stands in the source text (character offsets); -1 for PDF tokens. */
  start: number
  end: number
  /** Written between `|` separators: a whole cell, never digits to split. */
  cell?: boolean
  /** 0-based line in the source. */
  line: number
  /** Position on a PDF page, for columns by geometry. */
  x?: number
  x2?: number
  y?: number
  /** Font height, for the outline of a cell's source on its page. */
  h?: number
  page?: number
  /** Placed from a text's character columns: the source is a line of text, not a page. */
  layout?: boolean
}

/** Page furniture printed between the rows of a table broken over pages: "- 3 -", "第 3 页". */
export const PAGE_NUMBER =
  /^\s*(?:[-－—–]\s*\d{1,3}\s*[-－—–]|第\s*\d{1,3}\s*页(?:\s*[,，/]?\s*共\s*\d{1,3}\s*页)?|\d{1,3}\s*\/\s*\d{1,3})\s*$/u
/** A list number on its own ("2.", "3、"), and the start of the label it numbers. */
const LIST_NUMBER = /^\d{1,2}[.．、]$/u
const LABEL_START = /^[\u3400-\u9fff“"]/u
/** The template's words that begin with 无 (none): 无法提供, 无正当理由. */
const NONE_IN_WORD = /^无(?:法提|正当)/u
const MD_RULE = /^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$/

const isCellValue = (t: string) => {
  const p = parseCellText(t)
  return p.ok && p.cell.state !== 'not_reported'
}

/**
 * One whitespace-free run of text into label text and numbers: "规章000行政规范性文件8855698"
 * gives 规章 | 000 | 行政规范性文件 | 8855698. A digit directly before "." or "、" and a label
 * ("00000002.其他法律…") is the label's own number, not a value.
 */
export function splitRun(run: string): Array<{ text: string; value: boolean; offset: number }> {
  if (isCellValue(run)) return [{ text: run, value: true, offset: 0 }]
  const out: Array<{ text: string; value: boolean; offset: number }> = []
  // "12-5": 12 and -5, or 12, "-" and 5? Digits around a dash cannot be told apart: kept as one
  // value, which no column can take, so the row is refused rather than read either way.
  const re = /\d[\d,]*(?:\.\d+)?(?:[-−—]+\d[\d,]*(?:\.\d+)?)*/gu
  let last = 0
  let m: RegExpExecArray | null
  const pushText = (from: number, to: number) => {
    if (to > from) out.push({ text: run.slice(from, to), value: false, offset: from })
  }
  while ((m = re.exec(run))) {
    let s = m.index
    let e = s + m[0].length
    // "2020年", "12月31日": a date is words, never a cell.
    if (/^\s*[年月日号]/u.test(run.slice(e))) continue
    // "2.其他…" / "3、要求…": the last digit numbers the label that follows.
    if (/^[.．、]\s*[\u3400-\u9fff“"]/u.test(run.slice(e)) && !/\.\d/.test(m[0])) {
      e -= 1
      if (e <= s) continue
    }
    // A sign written before the number: "-8", "减4" (only where the text before is not a word).
    if (s > 0 && /[-−]/.test(run.charAt(s - 1)) && (s === 1 || !/[\d]/.test(run.charAt(s - 2)))) s -= 1
    pushText(last, s)
    out.push({ text: run.slice(s, e), value: true, offset: s })
    last = e
    re.lastIndex = e
  }
  pushText(last, run.length)
  return out
}

/**
 * Tokens of a text (page text, converter text or Markdown), with their offsets. Lines that hold
 * `|` separators, and the short lines between them, are read as one stream of cells: page
 * converters put a row on a line ("a | b | c |"), a cell on a line ("a |"), or the separator on
 * a line of its own between cell lines ("a", "|", "b"); in each, the text between two `|` is one
 * cell, and nothing between them is a blank cell.
 */
export function tokenizeText(text: string): Tok[] {
  const toks: Tok[] = []
  const lines = cellsSeparated(text).split('\n')
  // A line of two or more "|" alone, as the text had it (not tabs written as "|"): a converter's
  // padding, filling a row out to the table's width after its cells ("3 |", "3 |", "|||||||"
  // where the page had 3, five blank cells and 3, its blank cells dropped). Its place among the
  // row's cells is unknown, so it is no cells at all: the row is then short, and refused, rather
  // than read left to right into the wrong columns. A lone "|" is still a blank cell.
  const original = text.split('\n')
  const padding = (n: number) => /^[ \u00a0]*\|{2,}[ \u00a0]*$/u.test(original[n] ?? '')
  const starts: number[] = []
  let offset = 0
  for (const l of lines) {
    starts.push(offset)
    offset += l.length + 1
  }
  /** Where line `n` of the text starts. */
  const startOf = (n: number): number => {
    const s = starts[n]
    if (s === undefined) throw new Error(`line ${n} is outside the text (${lines.length} lines)`)
    return s
  }
  const skip = (l: string) => PAGE_NUMBER.test(l) || MD_RULE.test(l)
  // Line `n` is there and holds …; past either end of the text no line does.
  const lineIs = (n: number, test: (l: string) => boolean) => {
    const l = lines[n]
    return l !== undefined && test(l)
  }
  const piped = (n: number) => lineIs(n, (l) => l.includes('|') && !skip(l))
  const cellLike = (n: number) => lineIs(n, isCellText)
  const blank = (n: number) => lineIs(n, (l) => l.trim() === '')
  // A separator on a line of its own ("|", or a tab as a browser copies a table): the cell
  // between two of them may stand on its own line, with blank lines around it (one per <p>).
  const sepLine = (n: number) => lineIs(n, (l) => /^\s*\|+\s*$/.test(l))
  /** The next line of the same run of cells after `last`, or -1. */
  const nextInRun = (last: number): number => {
    if (piped(last + 1)) return last + 1
    // A part's heading between two tables is no cell of either ("三、收到和处理…" between the
    // rows of a Word file's tables saved as text, tab-separated).
    if (cellLike(last + 1) && piped(last + 2) && !lineIs(last + 1, (l) => PART_HEADING.test(l.trim()))) return last + 2
    if (!sepLine(last)) return -1
    // Blank lines, at most one line of cell text, blank lines, then the next separator.
    let k = last + 1
    while (blank(k)) k++
    if (!piped(k) && cellLike(k)) k++
    while (blank(k)) k++
    return piped(k) && sepLine(k) ? k : -1
  }
  let n = 0
  for (let line = lines[n]; line !== undefined; line = lines[n]) {
    if (skip(line)) {
      n++
      continue
    }
    if (!piped(n)) {
      const runs = [...line.matchAll(/\S+/gu)]
      // A page's text with a paragraph a cell ("规章", "", "0", "", "0", each cell's text parted
      // by an empty line): a cell printed blank ("&nbsp;") is a line of spaces alone between two
      // empty lines, where an empty line is only the parting. It is that blank cell.
      if (runs.length === 0 && line !== '' && lines[n - 1] === '' && lines[n + 1] === '' && paragraphCells(lines, n)) {
        const at = startOf(n)
        toks.push({ text: '', value: true, cell: true, start: at, end: at + line.length, line: n })
      }
      for (let k = 0; k < runs.length; k++) {
        const m = runs[k]
        if (!m) break
        const next = runs[k + 1]
        // "2. 其他法律…": a label's own number, parted from it by a space, is the label's (never
        // a value that would run into the row before).
        if (next && LIST_NUMBER.test(m[0]) && LABEL_START.test(next[0])) {
          pushRun(toks, m[0] + next[0], startOf(n) + m.index, n)
          k++
        } else if (next && /增$/u.test(m[0]) && /^[/／]$/u.test(next[0]) && /^减/u.test(runs[k + 2]?.[0] ?? '')) {
          // "本年增 / 减" (table 二's header, 2019, spaced apart): one header, not a "/" cell.
          pushRun(toks, `${m[0]}/${runs[k + 2]?.[0] ?? ''}`, startOf(n) + m.index, n)
          k += 2
        } else if (
          next &&
          m[0] === '无' &&
          NONE_IN_WORD.test(
            m[0] +
              runs
                .slice(k + 1, k + 3)
                .map((r) => r[0])
                .join(''),
          )
        ) {
          // "无 法提 供", "无 正 当 理由": the first character of a label spaced apart (（四）无法提供
          // after a table's page break), not a cell saying none.
          pushRun(toks, m[0] + next[0], startOf(n) + m.index, n)
          k++
        } else pushRun(toks, m[0], startOf(n) + m.index, n)
      }
      n++
      continue
    }
    // A run of cell lines: piped lines, and short lines with a piped line right after them.
    let last = n
    for (let next = nextInRun(last); next > last; next = nextInRun(last)) last = next
    // The run's own spacing: the fewest blank lines between two of its lines. A browser's copy
    // puts one between lines and four for an empty paragraph; a tool that doubles every line
    // break puts three, and seven. An empty paragraph is a gap more than twice the spacing.
    let spacing = Infinity
    for (let k = n, gap = 0; k <= last; k++) {
      if (!blank(k)) {
        if (k > n) spacing = Math.min(spacing, gap)
        gap = 0
      } else gap++
    }
    const emptyParagraph = Math.max(3, 2 * (Number.isFinite(spacing) ? spacing : 0) + 1)
    // `sep`: where the separator before the cell ends (an empty cell stands there).
    const pieces: Array<{ text: string; at: number; line: number; sep: number }> = []
    let cell = { text: '', at: -1, line: n, nbsp: false, tail: false, sep: -1 }
    const flush = () => {
      pieces.push(cell)
      cell = { text: '', at: -1, line: cell.line, nbsp: false, tail: false, sep: -1 }
    }
    let endedWithPipe = false
    for (const [d, l] of lines.slice(n, last + 1).entries()) {
      const k = n + d
      if (skip(l) || padding(k)) continue
      if (l.trim() === '') {
        // A line holding only "&nbsp;" is a blank cell of its own: a row's last cell, printed
        // blank, before the next row's label. So is an empty paragraph after a separator line
        // (a browser copies <td><p></p></td> as four blank lines, and a row break as one).
        if (cell.at < 0 && /[\u00a0\u3000]/u.test(l)) cell.nbsp = true
        if (sepLine(k - 1) || (cell.at >= 0 && !blank(k - 1))) {
          let m = k
          while (blank(m)) m++
          if (m - k >= emptyParagraph && m <= last) {
            if (cell.at < 0 && !sepLine(m)) cell.nbsp = true
            // Text, then a row break and an empty first cell before the next separator.
            else if (cell.at >= 0 && sepLine(m)) {
              flush()
              cell.line = k
            }
          }
        }
        continue
      }
      // "| a | b |" then "| c | d |": the pipe that closes one row and the one that opens the
      // next bound no cell. A line that is only "|" is a blank cell, as before.
      const opensRow = endedWithPipe && /^\s*\|\s*\S/.test(l)
      endedWithPipe = /\|\s*$/.test(l)
      // A row padded out to the table's width after its closing "|" ("| 0 | ||||||||", as a
      // mirror pads every row, header rows too): the run of "|" written together is no cells,
      // like a padding line, where the row printed a number before it; the row is then as short
      // as printed, and refused if too short. (A row printing no number is blank whichever of
      // those cells are its own.) Only as the text wrote it: tabs between cells are cells.
      const pad = original[k] === l ? /(?<=\|)[ \u00a0]+\|{2,}[ \u00a0]*$/u.exec(l) : null
      const stop = pad && /\|[^|]*\d[^|]*\|/u.test(l.slice(0, pad.index)) ? pad.index : l.length
      for (let i = 0; i < stop; i++) {
        const ch = l.charAt(i)
        if (ch === '|' && opensRow && l.slice(0, i).trim() === '') continue
        if (ch === '|') {
          flush()
          cell.line = k
          cell.sep = startOf(k) + i + 1
          continue
        }
        if (cell.at < 0 && /[\u00a0\u3000]/u.test(ch)) cell.tail = true
        if (cell.at < 0 && !/\s/u.test(ch)) {
          if (cell.nbsp) flush()
          cell.at = startOf(k) + i
          cell.line = k
        }
        if (cell.at >= 0) cell.text += ch
      }
      if (cell.at >= 0) cell.text += ' '
    }
    // The run's last cell, printed "&nbsp;", is a blank cell too.
    if (cell.at >= 0 || cell.tail) flush()
    // A leading "|" opens the first cell (Markdown); it is no blank cell of its own.
    if (pieces[0] && pieces[0].at < 0 && /^\s*\|/.test(line)) pieces.shift()
    for (const p of pieces) {
      const t = p.text.replace(/\s+/gu, ' ').trim()
      const at = p.at >= 0 ? p.at : p.sep >= 0 ? p.sep : startOf(p.line)
      if (t === '' || isCellValue(t)) {
        toks.push({ text: t, value: true, cell: true, start: at, end: at + t.length, line: p.line })
        continue
      }
      // A cell of text may still carry numbers glued to it ("行政许可 12"): split it.
      let from = 0
      const first = toks.length
      for (const w of t.split(' ')) {
        pushRun(toks, w, at + p.text.indexOf(w, from), p.line)
        from = p.text.indexOf(w, from) + w.length
      }
      for (const tok of toks.slice(first)) tok.cell = true
    }
    n = last + 1
  }
  return toks
}

/**
 * The text with tabs between cells written as `|` (see tabsAsSeparators). Tokens' offsets are
 * offsets in this text: a reader that cuts tables out of the text by them cuts this text.
 */
export function cellsSeparated(text: string): string {
  if (!text.includes('\t')) return text
  // A browser's copy of cells with paragraphs puts each tab on a line of its own: its lines are
  // not rows. Elsewhere a line with tabs is a row.
  const paragraphs = /\n[ \u00a0]*\t[ \u00a0]*\n/u.test(text)
  return text
    .split('\n')
    .map((l) => tabsAsSeparators(l, paragraphs))
    .join('\n')
}

/**
 * Tabs between cells (a table copied from a browser, Word or a spreadsheet) separate cells as
 * `|` does: "规章\t\t3\t17" has a blank cell. A tab that only indents a line is whitespace.
 */
function tabsAsSeparators(line: string, paragraphs: boolean): string {
  if (!line.includes('\t')) return line
  // Tabs alone ("&nbsp;" is a blank cell's text, not nothing).
  if (/^[ \t]*$/.test(line)) return line.replace(/[^\t]/g, '').replace(/\t/g, '|')
  if (/^\t+[^\t]*$/.test(line)) return line.replace(/^\t+/, '')
  if (paragraphs) return line.replace(/\t/g, ' | ')
  // A row on a line: its start and end bound cells too ("\t1\t" starts with a blank cell).
  return `| ${line
    .split('\t')
    .map((c) => c.trim())
    .join(' | ')} |`
}

function pushRun(toks: Tok[], run: string, start: number, line: number) {
  if (!run) return
  for (const p of splitRun(run))
    toks.push({ text: p.text, value: p.value, start: start + p.offset, end: start + p.offset + p.text.length, line })
}

/**
 * Tokens of a text whose tables have one cell a line and an empty line for an empty cell (a
 * Word file saved as text by LibreOffice or a docx-to-text tool). Only a reading: the caller
 * keeps it where the tables' identities prove it (see `readLineCells`).
 */
export function tokenizeLines(text: string): Tok[] {
  const toks: Tok[] = []
  let offset = 0
  text.split('\n').forEach((line, n) => {
    const t = line.trim()
    const start = offset + Math.max(0, line.indexOf(t))
    offset += line.length + 1
    if (PAGE_NUMBER.test(line)) return
    if (t === '' || isCellValue(t)) {
      toks.push({ text: t, value: true, cell: true, start, end: start + t.length, line: n })
      return
    }
    const first = toks.length
    const re = /\S+/gu
    let m: RegExpExecArray | null
    while ((m = re.exec(line))) pushRun(toks, m[0], offset - line.length - 1 + m.index, n)
    for (const tok of toks.slice(first)) tok.cell = true
  })
  return toks
}

export const WIDE = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u

/**
 * Tokens of text laid out in columns with spaces (pdftotext -layout, pandoc's plain tables),
 * placed as on a page: x from the character column, y from the line, a page at each form feed.
 * Runs of two or more spaces part cells; a number is its own token. `wide`: a CJK character takes
 * two columns (pandoc) rather than one (pdftotext); `left`: columns aligned on their left edge.
 */
export function tokenizeLayout(text: string, wide: boolean, left = false): Tok[] {
  const toks: Tok[] = []
  const UNIT = 6
  let page = 0
  let offset = 0
  text.split('\n').forEach((raw, n) => {
    const start = offset
    offset += raw.length + 1
    const pages = raw.split('\f')
    page += pages.length - 1
    // The text after the line's last form feed (all of it when there is none).
    const line = raw.slice(raw.lastIndexOf('\f') + 1).replace(/\*\*/g, '  ')
    if (PAGE_NUMBER.test(line) || MD_RULE.test(line) || /^[\s\-+=|]*$/.test(line)) return
    let col = 0
    const cols: number[] = []
    for (const ch of line) {
      cols.push(col)
      col += wide && WIDE.test(ch) ? 2 : 1
    }
    cols.push(col)
    const chars = [...line]
    const at = (i: number) => {
      const c = cols[i]
      if (c === undefined) throw new Error(`character ${i} is past the line's end`)
      return c * UNIT
    }
    // Cells: runs of characters parted by two or more spaces.
    const re = /\S+(?: \S+)*/gu
    const plain = chars.join('')
    let m: RegExpExecArray | null
    while ((m = re.exec(plain))) {
      const from = [...plain.slice(0, m.index)].length
      // Within a cell, a number parted from words by one space is a cell of its own.
      let i = from
      for (const word of m[0].split(' ')) {
        const len = [...word].length
        for (const p of splitRun(word)) {
          const a = i + [...word.slice(0, p.offset)].length
          const b = a + [...p.text].length
          const last = toks[toks.length - 1]
          // Words of one label parted by a space are one token; short header words stacked in
          // columns ("结果 结果 其他 尚未") are not.
          const short = (t: string) => [...t.replace(/\s/g, '')].length <= 2
          if (
            !p.value &&
            last &&
            !last.value &&
            last.line === n &&
            last.x2 !== undefined &&
            at(a) - last.x2 <= UNIT * 2 &&
            i === a &&
            a > from &&
            !(short(p.text) && short(last.text.split(' ').pop() ?? ''))
          ) {
            last.text += ` ${p.text}`
            last.x2 = at(b)
            last.end = start + b
            continue
          }
          // Left-aligned columns (pandoc): a cell is placed by its left edge, not its middle.
          toks.push({
            text: p.text,
            value: p.value,
            start: start + a,
            end: start + b,
            line: n,
            x: at(a),
            x2: left ? at(a) + UNIT : at(b),
            y: n * 12,
            h: 12,
            page,
            layout: true,
          })
        }
        i += len + 1
      }
    }
  })
  return toks
}

/**
 * Whether line `n` stands among cells a paragraph each: the nearest lines with text before and
 * after it (past the empty lines that part paragraphs) are short, like a cell's text, and not
 * sentences.
 */
function paragraphCells(lines: readonly string[], n: number): boolean {
  const near = (step: 1 | -1): string | undefined => {
    for (let k = n + step; k >= 0 && k < lines.length; k += step) {
      const l = lines[k]?.trim()
      if (l) return l
    }
    return undefined
  }
  const a = near(-1)
  const b = near(1)
  return a !== undefined && b !== undefined && isCellText(a) && isCellText(b)
}

/** A line short enough for a cell's text, and no sentence. */
const isCellText = (l: string) => !/[。；]/u.test(l) && [...l.trim()].length <= 40
