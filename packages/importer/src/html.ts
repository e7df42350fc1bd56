import { TABLE_IDS, cellDefs, type TableId } from '@gongkai/schema'
import { parse, type HTMLElement } from 'node-html-parser'
import { asBrowserBuildsIt } from './browser-html.ts'
import { layGrid, type Grid, type RawCell } from './grid.ts'
import { PART_HEADING, looksTraditional, titleLine, toSimplified } from './normalize.ts'
import { problem, type ImportProblem } from './problems.ts'
import { isBareTable4Row, recognizeGrid, withTable4Header, type RecognizedTable } from './recognize.ts'
import { preferReadings, readLinear } from './linear.ts'
import { tokenizeText } from './tokens.ts'
import { positionedContent, tableLinesOf } from './pdf.ts'
import { positionedWords } from './positioned.ts'
import { assemble, findPartHeadings, type ImportOptions, type ImportResult } from './assemble.ts'
import { cleanText } from './text.ts'

// HTML from any government CMS: find the article body, lay each table onto a grid, read the
// tables by their labels, and read the rest as prose. No DOM globals: a plain parser.

const BODY_SELECTORS = [
  '#zoom',
  '.TRS_Editor',
  '#UCAP-CONTENT',
  '.article-content',
  '.article_con',
  '.content',
  'article',
  '#content',
  'main',
  '.main',
  'body',
]

function pickBody(root: HTMLElement): HTMLElement {
  let best: HTMLElement | null = null
  let bestScore = -1
  for (const sel of BODY_SELECTORS) {
    for (const el of root.querySelectorAll(sel)) {
      const text = el.textContent
      const score = (/总体情况|總體情況/.test(text) ? 100_000 : 0) + (/<table/i.test(el.innerHTML) ? 10_000 : 0) - text.length / 1000
      // Prefer the smallest container that still holds the headings and the tables.
      if (score > bestScore) {
        best = el
        bestScore = score
      }
    }
  }
  return best ?? root
}

export function tableGrid(table: HTMLElement): Grid {
  const rows: RawCell[][] = []
  for (const tr of table.querySelectorAll('tr')) {
    // Nested tables are read on their own.
    if (tr.closest('table') !== table) continue
    rows.push(
      tr.childNodes
        .filter((n): n is HTMLElement => n.nodeType === 1 && /^(TD|TH)$/.test((n as HTMLElement).tagName))
        .map((td) => ({
          text: td.textContent.replace(/\s+/g, ' ').trim(),
          rowspan: Math.max(1, Number(td.getAttribute('rowspan') ?? 1) || 1),
          colspan: Math.max(1, Number(td.getAttribute('colspan') ?? 1) || 1),
        })),
    )
  }
  return layGrid(rows)
}

/**
 * HTML tables read by their grids and, unless every table read whole that way, by their labels
 * too (a table whose grid cannot be placed, as table 四 with its values left blank); per table the
 * better reading.
 */
export function readHtmlTables(tables: readonly HTMLElement[]): { tables: RecognizedTable[]; complete: boolean } {
  const grids = tables.map((t) => tableGrid(t))
  const byGrid = grids.map((g, i) => recognizeGrid(g, i)).filter((t) => t !== null)
  const complete = TABLE_IDS.every((id) =>
    byGrid.some((t) => t.table === id && Object.keys(t.cells).length === cellDefs(t.template, id).length),
  )
  if (complete) return { tables: byGrid, complete }
  const piped = grids
    .map((g) =>
      g
        .map(
          (row) =>
            `| ${row
              .filter((c) => !c.spanned)
              .map((c) => c.text.replace(/\|/g, ' '))
              .join(' | ')} |`,
        )
        .join('\n'),
    )
    .join('\n')
  const byLabels = readLinear(tokenizeText(piped)).tables
  // Lines of the piped text are not lines of the page: those readings keep the text read only.
  for (const t of byLabels) for (const p of Object.values(t.provenance)) delete p.line
  return { tables: preferReadings(byGrid, byLabels), complete }
}

/** The innermost tables (in the order `importHtml` lists them) whose last part heading above is part 四's. */
function tablesUnderPart4(body: HTMLElement): Set<number> {
  const copy = parse(body.outerHTML, { blockTextElements: { script: false, style: false, noscript: false } })
  const inner = copy.querySelectorAll('table').filter((t) => !t.querySelector('table'))
  inner.forEach((t, i) => t.insertAdjacentHTML('beforebegin', `<p>\u2063T${i}\u2063</p>`))
  const text = copy.structuredText
  const headings = findPartHeadings(text)
  const out = new Set<number>()
  inner.forEach((_, i) => {
    const at = text.indexOf(`\u2063T${i}\u2063`)
    const last = headings.filter((h) => h.start < at).pop()
    if (last?.part === '四') out.add(i)
  })
  return out
}

function tablesAsImages(body: HTMLElement, candidates: readonly TableId[]): TableId[] {
  const MARK = '\u2063IMG\u2063'
  const text = parse(body.innerHTML.replace(/<img\b[^>]*>/gi, `<p>${MARK}</p>`), {
    blockTextElements: { script: false, style: false, noscript: false },
  }).structuredText
  const headings = findPartHeadings(text)
  return candidates.filter((id) => {
    const k = headings.findIndex((h) => h.part === id)
    const heading = headings[k]
    if (!heading) return false
    return text.slice(heading.end, headings[k + 1]?.start ?? text.length).includes(MARK)
  })
}

export function importHtml(html: string, options: ImportOptions = {}, kind: 'html' | 'docx' = 'html'): ImportResult {
  const problems: ImportProblem[] = []
  let source = html
  if (looksTraditional(source)) {
    source = toSimplified(source)
    problems.push(problem('TRADITIONAL_CONVERTED', {}))
  }
  const root = parse(asBrowserBuildsIt(source), { blockTextElements: { script: false, style: false, noscript: false } })
  const body = pickBody(root)
  // The tables that hold no other table. Older CMSs lay the whole page out in a table, and some
  // wrap each report table in a one-cell frame table: the report's tables are the innermost.
  const tables = body.querySelectorAll('table').filter((t) => !t.querySelector('table'))
  const read = readHtmlTables(tables)
  const complete = read.complete
  let recognized = read.tables
  // Table 四's figures alone, its header left out (or posted as a picture): one row of fifteen
  // cells under part 四's heading, read in the template's column order.
  if (!recognized.some((t) => t.table === '四' && Object.keys(t.cells).length > 0)) {
    const bare = tables.flatMap((t, i) => (isBareTable4Row(tableGrid(t)) ? [i] : []))
    const under = bare.length ? tablesUnderPart4(body) : new Set<number>()
    const read4 = bare
      .filter((i) => under.has(i))
      .flatMap((i) => {
        const t = tables[i]
        return t ? [recognizeGrid(withTable4Header(tableGrid(t)), i)] : []
      })
      .filter((t) => t !== null)
    if (read4.length)
      recognized = [
        ...recognized.filter((t) => t.table !== '四'),
        ...preferReadings(
          read4,
          recognized.filter((t) => t.table === '四'),
        ),
      ]
  }
  // A table printed as a picture (portals often post the tables as images): in the source, but
  // with no text. Known by an <img> under the part's heading when no table was read there.
  const unreadParts = TABLE_IDS.filter((id) => !recognized.some((t) => t.table === id && t.score > 0))
  const imageTables = unreadParts.length && /<img\b/i.test(body.innerHTML) ? tablesAsImages(body, unreadParts) : []
  for (const t of tables) t.remove()
  // The page's own title, where it is one: a converter's <title> may be a file name or mojibake.
  const reportTitle = (t: string | undefined) => (t && /(?:19|20)\d{2}\s*年.{0,40}报告|政府信息公开/u.test(t) ? t : '')
  const heading =
    reportTitle(root.querySelector('h1')?.textContent.trim()) ||
    reportTitle(root.querySelector('title')?.textContent.trim()) ||
    root.querySelector('h1')?.textContent.trim() ||
    ''
  let text = cleanText(body.structuredText)
  // Tables that are no <table> (a CMS that lays cells out in <div>s, a PDF converted to
  // positioned <p>s): read from the page's text by their labels, for any table not read yet.
  if (!complete) {
    const missing = TABLE_IDS.filter((id) => !recognized.some((t) => t.table === id && Object.keys(t.cells).length > 0))
    // Only a page that prints the tables' labels somewhere is worth a second reading. Its
    // readings' line numbers are the page text's, which no one sees: left out of the provenance.
    const labelled = /本年新收|第二十条|行政复议|自然人/u.test(text)
    const withoutLines = (tables: RecognizedTable[]) => {
      for (const t of tables) for (const p of Object.values(t.provenance)) delete p.line
      return tables
    }
    if (missing.length && labelled) {
      const fromText = withoutLines(readLinear(tokenizeText(body.structuredText)).tables.filter((t) => missing.includes(t.table)))
      recognized = [
        ...recognized.filter((t) => !missing.includes(t.table)),
        ...preferReadings(
          recognized.filter((t) => missing.includes(t.table)),
          fromText,
        ),
      ]
    }
    // A PDF converted to positioned text (pdftohtml, mutool): read by position too, as the PDF
    // is, and per table the better reading kept.
    const words = labelled ? positionedWords(root, source) : null
    if (words) {
      const content = positionedContent(words)
      const byPositions = content.grids.map((g, i) => recognizeGrid(g, i, true)).filter((t) => t !== null)
      const linear = readLinear(content.tokens, { geometry: true, prose: content.text })
      recognized = preferReadings(withoutLines(preferReadings(byPositions, linear.tables)), recognized)
      // The prose as a PDF's: each run of the page is a line of the markup, and the tables' lines
      // are left out where their labels were found.
      text = cleanText(content.proseWithout(tableLinesOf(content.tokens, linear.spans)))
    }
  }
  // No title in the markup: the first line that names a year and a report, else the first line.
  const lines = text.split('\n')
  const at = heading ? -1 : titleLine(lines)
  const titled = reportTitle(lines[at])
  // `split` gives at least one line.
  const title = heading || (titled ? titled.trim() : (lines[0] ?? '').trim())
  const before = at > 0 && reportTitle(lines[at]) ? lines.slice(0, at).join('\n') : ''
  // A title that is a part's heading (an excerpt that starts at "一、总体情况") stays in the body too.
  const bodyText = before
    ? lines.slice(at + 1).join('\n')
    : text.startsWith(title) && !PART_HEADING.test(title)
      ? text.slice(title.length)
      : text
  return assemble({ title, before, body: bodyText, kind, tables: recognized, problems, imageTables }, options)
}
