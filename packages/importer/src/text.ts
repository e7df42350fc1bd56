import { assemble, type ImportOptions, type ImportResult } from './assemble.ts'
import { bodyStart, looksTraditional, titleLine, toSimplified, unradical } from './normalize.ts'
import { problem, type ImportProblem } from './problems.ts'
import { flatTables } from './flat.ts'
import { fixedTables, gridTables, unboxed } from './fixed.ts'
import { recognizeGrid } from './recognize.ts'
import { preferReadings, readLayout, readLineCells, readLinear } from './linear.ts'
import { cellsSeparated, tokenizeLayout, tokenizeLines, tokenizeText } from './tokens.ts'

// The plain-text path: pages scraped to text, like the seed, and converters' text. Its tables are
// read by labels in reading order, as grids flattened a cell a line, under a ruler (fixed.ts), and,
// where those fail, by the two proved readings (a cell a line, columns by position); `assemble`
// (assemble.ts) makes the document.

/** Remove layout debris: runs of `|`, the print/close links of CMS pages. */
export function cleanText(raw: string): string {
  return joinWrappedTitle(
    raw
      .replace(/\r\n?/g, '\n')
      .replace(/\|{2,}/g, ' ')
      .replace(/(^|\s)\|(?=\s|$)/g, '$1')
      .replace(/打印本页|关闭窗口/g, ' ')
      .replace(/[ \t\u3000]+/g, ' ')
      .replace(/ *\n */g, '\n')
      .trim(),
  )
}

/**
 * A title wrapped before its last words, near the top ("市政府研究室2019年政府信息公开" / "工作年度报告"):
 * one line again, so it is read as the title (and the preamble after it as the preamble).
 */
function joinWrappedTitle(text: string): string {
  const cut = text.lastIndexOf('\n', 800)
  const head = cut > 0 ? text.slice(0, cut) : text
  return (
    head.replace(
      /^([^\n。；]{0,60}?(?:19|20)\d{2}\s*年[^\n。；报]{0,30})\n((?:政府信息公开)?(?:工作)?(?:年度)?报告(?:[（(][^\n)）]{1,12}[)）])?)$/mu,
      '$1$2',
    ) + text.slice(head.length)
  )
}

const CJK = '[\\u3400-\\u9fff\\u3000-\\u303f\\uff01-\\uff0f\\uff1a-\\uff20“”‘’]'
const LETTER_SPACE = new RegExp(`(?<=${CJK}) (?=${CJK})`, 'gu')

/**
 * Lines printed letter by letter ("六 、 其 他 需 要 报 告 的 事 项": a PDF that draws each glyph
 * alone, through a converter that puts a space between drawn pieces) are closed up: there a space
 * between two Chinese characters is no word or paragraph break. A line counts as letter-spaced
 * when most of its pieces are single characters; spaces beside digits stay (they part cells).
 */
export function closeLetterSpacing(text: string): string {
  return text
    .split('\n')
    .map((line) => {
      const pieces = line.trim().split(/ +/u)
      const single = pieces.filter((p) => [...p].length === 1 && new RegExp(`^${CJK}$`, 'u').test(p)).length
      return single >= 4 && single >= pieces.length * 0.6 ? line.replace(LETTER_SPACE, '') : line
    })
    .join('\n')
}

/** Read a plain-text report. Deterministic: the same text gives the same document. */
export function importText(raw: string, options: ImportOptions = {}, kind: 'text' | 'doc' = 'text'): ImportResult {
  const problems: ImportProblem[] = []
  // Box-drawn tables (a text browser's dump) in the ASCII of grid tables, one character for one.
  let source = closeLetterSpacing(unradical(unboxed(raw.replace(/\r\n?/g, '\n'))))
  if (looksTraditional(source)) {
    source = toSimplified(source)
    problems.push(problem('TRADITIONAL_CONVERTED', {}))
  }
  // The tables by their labels in reading order (page text, converter text, run-together cells).
  const toks = tokenizeText(source)
  const linear = readLinear(toks)
  // Tables in columns under a ruler (pandoc's plain text), read by the ruler's column extents:
  // before tables flattened one cell per line, which cannot place an empty cell. Their lines are
  // blanked (same length, so offsets hold) out of the text the other readings and the prose see.
  const sourceLines = source.split('\n')
  const fixed = [...fixedTables(sourceLines), ...gridTables(sourceLines)].flatMap((f, i) => {
    const table = recognizeGrid(f.grid, i)
    return table ? [{ ...f, table }] : []
  })
  const masked = fixed.length
    ? sourceLines.map((l, n) => (fixed.some((f) => n >= f.from && n < f.to) ? ' '.repeat(l.length) : l)).join('\n')
    : source
  // The tables are cut out by their tokens' offsets, which count tabs between cells as written
  // "|" (see cellsSeparated): cut from that text.
  let proseSource = cellsSeparated(source)
    .split('\n')
    .map((l, n) => (fixed.some((f) => n >= f.from && n < f.to) ? ' '.repeat(l.length) : l))
    .join('\n')
  for (const span of [...linear.spans].sort((a, b) => b.from - a.from)) {
    const from = toks[span.from]?.start ?? 0
    const to = toks[span.to - 1]?.end ?? from
    proseSource = `${proseSource.slice(0, from)}\n${proseSource.slice(to)}`
  }
  const text = cleanText(masked)
  // Tables flattened one cell per line, read as grids: kept where they read better.
  const lines = text.split('\n')
  const flat = [
    ...fixed.map((f) => ({ ...f, from: 0, to: 0 })),
    ...flatTables(lines).flatMap((f, i) => {
      const table = recognizeGrid(f.grid, fixed.length + i, true)
      return table ? [{ ...f, table }] : []
    }),
  ]
  let tables = preferReadings(
    flat.map((f) => f.table),
    linear.tables,
  )
  // A table not read whole: perhaps one cell a line with empty lines as empty cells (a Word file
  // saved as text), a reading kept only where table 三's identities prove it.
  const failed = tables.filter((t) => t.problems.some((p) => p.severity === 'error')).map((t) => t.table)
  if (failed.length || tables.length === 0) {
    let byLines = readLineCells(tokenizeLines(source))
    // The same a paragraph a cell: an empty line parts two cells, each further one is an empty
    // cell ("103", "", "3", "", "", "", "1": 103, 3, blank, 1). One line break of each run is
    // made a space, so offsets hold.
    if (!byLines.length) byLines = readLineCells(tokenizeLines(source.replace(/\n{2,}/g, (run) => `${'\n'.repeat(run.length - 1)} `)))
    if (!byLines.length) byLines = readLayout(source, tokenizeLayout)
    if (byLines.length) {
      const current = tables
      tables = (['二', '三', '四'] as const).flatMap((id) => {
        const mine = current.filter((t) => t.table === id)
        const theirs = byLines.filter((t) => t.table === id)
        return theirs.length && (failed.includes(id) || mine.length === 0) ? theirs : mine
      })
    }
  }
  const usedGrid = tables.some((t) => flat.some((f) => f.table === t))
  const prose = usedGrid ? lines.filter((_, n) => !flat.some((f) => n >= f.from && n < f.to)) : cleanText(proseSource).split('\n')
  const at = titleLine(prose)
  const title = (prose[at] ?? '').slice(0, 200).trim()
  const body = prose.slice(bodyStart(prose, at)).join('\n')
  return assemble({ title, before: prose.slice(0, at).join('\n'), body, kind, tables, problems }, options)
}
