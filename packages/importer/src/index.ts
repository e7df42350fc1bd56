import mammoth from 'mammoth'
import { asBrowserBuildsIt } from './browser-html.ts'
import { withSimpleFieldsShown } from './docx-fields.ts'
import { checkDocxArchive } from './bounds.ts'
import { decodeText, NOT_RECOGNISED, refuseKnownBinary, type DecodedText } from './encoding.ts'
import { isMhtml, mhtmlPage } from './mhtml.ts'
import { ImportError } from './errors.ts'
import { importHtml, readHtmlTables } from './html.ts'
import { parse as parseHtml, type HTMLElement } from 'node-html-parser'
import { pipeTableGrid } from './grid.ts'
import { fixedTables, gridTables } from './fixed.ts'
import {
  PART_HEADING,
  bodyStart,
  halfWidthDigits,
  looksTraditional,
  titleLine,
  withoutInvisible,
  toSimplified,
  unradical,
} from './normalize.ts'
import { T4_REVIEW } from '@gongkai/schema'
import { readPdf, tableLinesOf, type PdfAssetReader } from './pdf.ts'
import { problem, type ImportProblem } from './problems.ts'
import { isBareTable4Row, recognizeGrid, withTable4Header, type RecognizedTable } from './recognize.ts'
import { preferReadings, readLinear } from './linear.ts'
import { tokenizeText } from './tokens.ts'
import { assemble, type ImportOptions, type ImportResult } from './assemble.ts'
import { cleanText, importText } from './text.ts'

export { importText, cleanText } from './text.ts'
export { findPartHeadings, proseBlocks, assemble, type ImportOptions, type ImportResult } from './assemble.ts'
export { importHtml, tableGrid } from './html.ts'
export { ImportError } from './errors.ts'
export { checkDocxArchive, DOCX_LIMITS, MAX_PDF_PAGES, type DocxLimits } from './bounds.ts'
export { decodeText, type DecodedText } from './encoding.ts'
export { layGrid, pipeTableGrid, type Grid } from './grid.ts'
export { recognizeGrid, type RecognizedTable } from './recognize.ts'
export { extractKeyFigures } from './key-figures.ts'
export type { ImportProblem, ImportProblemCode } from './problems.ts'

export type { PdfAssetReader } from './pdf.ts'
export type ImportFormat = 'html' | 'text' | 'pdf' | 'docx' | 'doc' | 'markdown'
export const IMPORT_FORMATS: readonly ImportFormat[] = ['html', 'text', 'pdf', 'docx', 'doc', 'markdown']

/** The OLE2 compound file of legacy Word (.doc) and WPS files. */
const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]
const isOle2 = (bytes: Uint8Array) => OLE2.every((b, i) => bytes[i] === b)

const ascii = (bytes: Uint8Array, from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to))

/** PDF and DOCX are known by their bytes; anything else is text of some kind. */
function binaryFormat(bytes: Uint8Array): 'pdf' | 'docx' | 'doc' | null {
  if (ascii(bytes, 0, 5) === '%PDF-') return 'pdf'
  if (isOle2(bytes)) return 'doc'
  if (ascii(bytes, 0, 2) === 'PK' && new TextDecoder('latin1').decode(bytes).includes('word/document.xml')) return 'docx'
  return null
}

function textFormat(text: string): 'html' | 'markdown' | 'text' {
  const head = text.slice(0, 20_000)
  // Markdown or text with HTML tables in it (what PDF-to-Markdown converters write for tables
  // with merged cells): its prose is lines, not HTML.
  if (/<table[\s>]/i.test(head)) {
    const rest = head.replace(/<table[\s\S]*?<\/table>/gi, '')
    if (!/<(html|body|div|p|br|span|h[1-6])[\s>/]/i.test(rest)) return 'markdown'
    // pandoc's Markdown keeps a page's <div> and <span> wrappers as they were, around prose that
    // is lines: almost every line of it holds no tag at all, as no HTML page's text does.
    const lines = rest.split('\n').filter((l) => l.trim() !== '')
    if (
      !/<(html|head|body|meta|title|p|br|h[1-6])[\s>/]/i.test(rest) &&
      lines.length >= 5 &&
      lines.filter((l) => !l.includes('<')).length >= 0.8 * lines.length
    )
      return 'markdown'
  }
  if (/<(html|body|table|tr|div|p)[\s>]/i.test(head)) return 'html'
  if (/^\s*\|.+\|\s*$/m.test(text) && /^\s*\|?\s*:?-{3,}/m.test(text)) return 'markdown'
  return 'text'
}

/** How much of a file `checkHead` needs: enough for every signature and a fair sample of text. */
export const HEAD_BYTES = 64 * 1024

/**
 * From a file's first bytes only (its first HEAD_BYTES), refuse what is certainly not a report,
 * with FORMAT_UNSUPPORTED saying what it is: legacy Word, an image, a ZIP that is not a DOCX,
 * binary noise, or (with a format forced) a file that does not start as that format. A caller
 * reading from disk (the CLI) checks this before reading the rest of a large file. `complete`
 * says the head is the whole file.
 */
export function checkHead(head: Uint8Array, format: ImportFormat | 'auto' = 'auto', complete = false): void {
  if (head.length === 0) return
  const isPdf = ascii(head, 0, 5) === '%PDF-'
  const isZip = ascii(head, 0, 4) === 'PK\x03\x04'
  if (format === 'pdf' || (format === 'auto' && isPdf)) {
    if (!isPdf) throw new ImportError('FORMAT_UNSUPPORTED', '此文件不是 PDF', 'This file is not a PDF')
    return
  }
  // Legacy Word: read where the caller has a reader for it (importReport says so otherwise).
  if (format === 'doc' || (format === 'auto' && isOle2(head))) {
    if (!isOle2(head))
      throw new ImportError(
        'FORMAT_UNSUPPORTED',
        '此文件不是 .doc（Word 97–2003 文档）',
        'This file is not a .doc (a Word 97–2003 document)',
      )
    return
  }
  if (format === 'docx' || (format === 'auto' && isZip)) {
    // A DOCX is a ZIP whose first entries are its manifest and its word/ part.
    const names = new TextDecoder('latin1').decode(head)
    if (isZip && (names.includes('[Content_Types].xml') || names.includes('word/'))) return
    if (format === 'docx')
      throw new ImportError(
        'FORMAT_UNSUPPORTED',
        '此文件不是可读取的 DOCX（Word 2007 及以后的 .docx 文档）',
        'This file is not a readable DOCX (a Word 2007 or later .docx document)',
      )
    decodeText(head) // refuses a ZIP, saying so
  }
  // Text: no text encoding a report comes in (UTF-8, GB18030, Big5; UTF-16 has its BOM) has C0
  // control bytes other than tab, newlines and form feed, even inside a character: many of them
  // are a binary file, known without decoding.
  if (!(head[0] === 0xff && head[1] === 0xfe) && !(head[0] === 0xfe && head[1] === 0xff)) {
    let control = 0
    for (const b of head) if (b < 0x09 || (b > 0x0d && b < 0x20 && b !== 0x1b)) control++
    refuseKnownBinary(head)
    if (control > Math.max(2, head.length / 1000)) throw NOT_RECOGNISED()
  }
  // The head must read as text. A head cut inside a character loses up to 3 bytes.
  let last: unknown
  for (let cut = 0; cut <= (complete ? 0 : 3) && cut < head.length; cut++) {
    try {
      decodeText(cut ? head.subarray(0, head.length - cut) : head)
      return
    } catch (e) {
      last = e
    }
  }
  throw last
}

/** The format from the bytes themselves; the file name is only a tie-breaker. */
export function detectFormat(bytes: Uint8Array): ImportFormat {
  return binaryFormat(bytes) ?? textFormat(decodeText(bytes).text)
}

function importMarkdown(raw: string, options: ImportOptions): ImportResult {
  const problems: ImportProblem[] = []
  let text = unradical(raw)
  if (looksTraditional(text)) {
    text = toSimplified(text)
    problems.push(problem('TRADITIONAL_CONVERTED', {}))
  }
  // Emphasis and line breaks inside cells ("| **四、结转下年度继续办理** |", "本年新<br>制作数量").
  text = text.replace(/\*\*|__/g, '').replace(/<br\s*\/?>/gi, '')
  // HTML tables in the Markdown: read as HTML tables, and out of the text.
  const htmlTables: HTMLElement[] = []
  text = text.replace(/<table[\s\S]*?<\/table>/gi, (t) => {
    htmlTables.push(...parseHtml(asBrowserBuildsIt(t)).querySelectorAll('table').slice(0, 1))
    return '\n'
  })
  const lines = text.replace(/\r\n?/g, '\n').split('\n')
  // The tables by their labels, whatever pieces a converter cut them into.
  const linear = readLinear(tokenizeText(text))
  const grids: string[][] = []
  const prose: string[] = []
  // Grid tables (rows boxed by '+---+' rules, cells wrapped over lines): read whole, and out of
  // both the pipe tables and the prose.
  const boxed = gridTables(lines)
  const inBox = (n: number) => boxed.some((b) => n >= b.from && n < b.to)
  let current: string[] | null = null
  // The prose since the last table: what a table's heading, if any, says it is. A table whose
  // last part heading above is part 四's may be its fifteen figures alone (a converter kept only
  // "行政复议行政诉讼" of its header): read under the template's header (isBareTable4Row).
  let said: string[] = []
  const underPart4 = new Set<number>()
  const close = () => {
    if (!current) return
    const heading = said.filter((l) => PART_HEADING.test(l.replace(/^#+\s*/, '').trim())).pop()
    if (heading?.includes(T4_REVIEW)) underPart4.add(grids.length)
    grids.push(current)
    said = []
    current = null
  }
  for (const [n, line] of lines.entries()) {
    if (inBox(n)) {
      close()
      continue
    }
    if (/^\s*\|.*\|\s*$/.test(line)) (current ??= []).push(line)
    else {
      close()
      prose.push(line.replace(/^#+\s*/, ''))
      said.push(line)
    }
  }
  close()
  // Pandoc's own Markdown tables (simple and multiline): columns under a ruler.
  const fixed = fixedTables(prose).map((f, i) => ({ ...f, table: recognizeGrid(f.grid, grids.length + i) }))
  const fixedLines = new Set(fixed.filter((f) => f.table).flatMap((f) => Array.from({ length: f.to - f.from }, (_, k) => f.from + k)))
  const byGrid = [
    ...grids.map((g, i) => {
      const grid = pipeTableGrid(g)
      return recognizeGrid(underPart4.has(i) && isBareTable4Row(grid) ? withTable4Header(grid) : grid, i)
    }),
    ...fixed.map((f) => f.table),
    ...boxed.map((b, i) => recognizeGrid(b.grid, grids.length + fixed.length + i)),
  ].filter((t) => t !== null)
  let recognized = preferReadings(byGrid, linear.tables)
  if (htmlTables.length) {
    const fromHtml = readHtmlTables(htmlTables).tables
    recognized = preferReadings(recognized, fromHtml)
  }
  const clean = cleanText(prose.filter((_, n) => !fixedLines.has(n)).join('\n')).split('\n')
  const at = titleLine(clean)
  return assemble(
    {
      title: (clean[at] ?? '').trim(),
      before: clean.slice(0, at).join('\n'),
      body: clean.slice(bodyStart(clean, at)).join('\n'),
      kind: 'markdown',
      tables: recognized,
      problems,
    },
    options,
  )
}

/** Any published report into a document: HTML, text, DOCX or Markdown. Deterministic. */
export interface ImportReportOptions extends ImportOptions {
  format?: ImportFormat | 'auto'
  /** Where pdf.js's CMaps and standard fonts are read from (default: the installed package, on Node). */
  pdfAssets?: PdfAssetReader
  /**
   * The text of a legacy Word (.doc) file, table cells parted by tabs. The reader is Node-only
   * (apps/api passes one); without it a .doc is refused with a clear message.
   */
  legacyWord?: LegacyWordReader
  /**
   * The readings of a PDF's tables to use: by ruling lines, by text positions, by labels in
   * reading order. All of them by default, the best per table kept; one alone shows what it
   * reads on its own (the corpus tests hold each to no wrong cell).
   */
  pdfReadings?: ReadonlyArray<'rules' | 'positions' | 'labels'>
}

export type LegacyWordReader = (bytes: Uint8Array) => Promise<string>

/** The page of a saved web page, decoded in the charset its part declares (or as detected). */
function savedPage(bytes: Uint8Array): DecodedText {
  const page = mhtmlPage(bytes)
  if (!page)
    throw new ImportError('FORMAT_UNSUPPORTED', '此网页存档（MHTML）中没有网页正文', 'This saved web page (MHTML) holds no HTML page')
  const legacy =
    page.charset && /^(gb2312|gbk|gb18030|x-gbk|cp936|euc-cn)$/.test(page.charset) ? 'gb18030' : page.charset === 'big5' ? 'big5' : null
  if (legacy) {
    try {
      return { text: new TextDecoder(legacy, { fatal: true }).decode(page.bytes), encoding: legacy, replaced: 0 }
    } catch {
      // Declared wrongly: detected below like any page.
    }
  }
  return decodeText(page.bytes)
}

export async function importReport(input: Uint8Array | string, options: ImportReportOptions = {}): Promise<ImportResult> {
  const bytes = typeof input === 'string' ? new TextEncoder().encode(input) : input
  if (bytes.length === 0) throw new ImportError('EMPTY', '文件为空', 'The file is empty')
  // A web page saved as one file (.mht, .mhtml): its page is read as HTML.
  const saved = (!options.format || options.format === 'auto' || options.format === 'html') && isMhtml(bytes) ? savedPage(bytes) : null
  // The bytes are decoded once: detection and reading share the result (and its encoding).
  const chosen = saved ? 'html' : !options.format || options.format === 'auto' ? binaryFormat(bytes) : options.format
  const decoding: DecodedText | null = saved ?? (chosen === 'pdf' || chosen === 'docx' || chosen === 'doc' ? null : decodeText(bytes))
  const text = halfWidthDigits(withoutInvisible(decoding?.text ?? ''))
  const format: ImportFormat = chosen ?? textFormat(text)
  let result: ImportResult
  {
    switch (format) {
      case 'html':
        result = importHtml(text, options)
        break
      case 'docx': {
        // Bounded before mammoth unzips it (it would inflate a zip bomb whole): see bounds.ts.
        checkDocxArchive(bytes)
        // mammoth's Node build reads `buffer`, its browser build (which bundlers such as the edge
        // worker's pick) reads `arrayBuffer`; both hand it to JSZip, which takes a Uint8Array.
        const convert = (docx: Uint8Array) =>
          mammoth.convertToHtml({ buffer: docx, arrayBuffer: docx } as unknown as Parameters<typeof mammoth.convertToHtml>[0]).catch(() => {
            throw new ImportError(
              'FORMAT_UNSUPPORTED',
              '此文件不是可读取的 DOCX（Word 2007 及以后的 .docx 文档）',
              'This file is not a readable DOCX (a Word 2007 or later .docx document)',
            )
          })
        const first = await convert(bytes)
        // A simple field mammoth left out, text and all (a Word formula's total): read again with
        // the fields replaced by what they show (docx-fields.ts). Only such files pay for it.
        const skipped = first.messages.some((m) => /unrecognised element was ignored: w:(?:fldSimple|dir|bdo)\b/.test(m.message))
        const { value } = skipped ? await convert(withSimpleFieldsShown(bytes)) : first
        result = importHtml(halfWidthDigits(withoutInvisible(value)), options, 'docx')
        break
      }
      case 'doc': {
        const legacyWord = isOle2(bytes) ? options.legacyWord : undefined
        if (!legacyWord) {
          // Another binary format is named; a .doc with no reader to hand is refused as one.
          refuseKnownBinary(bytes.subarray(0, 8))
          throw new ImportError(
            'FORMAT_UNSUPPORTED',
            '此文件不是可读取的 .doc（Word 97–2003 文档）',
            'This file is not a readable .doc (a Word 97–2003 document)',
          )
        }
        const read = await legacyWord(bytes).catch(() => {
          throw new ImportError(
            'FORMAT_UNSUPPORTED',
            '无法读取此 .doc 或 WPS 文件，请另存为 DOCX 或 PDF 后上传',
            'This .doc or WPS file cannot be read; save it as DOCX or PDF and upload that',
          )
        })
        result = importText(halfWidthDigits(withoutInvisible(read)), options, 'doc')
        break
      }
      case 'markdown':
        result = importMarkdown(text, options)
        break
      case 'text':
        result = importText(text, options)
        break
      case 'pdf': {
        // Three readings of the tables: by text positions, by labels in reading order, and by
        // ruling lines. Per table the one that read more is kept (ruled lines, then positions,
        // on a tie; then the same against labels). The ruling lines are drawn only when the
        // first two leave a table unread or in error (or when asked for alone).
        const use = new Set(options.pdfReadings ?? ['rules', 'positions', 'labels'])
        let byPositions: RecognizedTable[] = []
        let byLabels: RecognizedTable[] = []
        const complete = (tables: RecognizedTable[]) =>
          (['二', '三', '四'] as const).every((id) => tables.some((t) => t.table === id)) &&
          tables.every((t) => !t.problems.some((p) => p.severity === 'error'))
        let tableLines = new Set<number>()
        let content: Awaited<ReturnType<typeof readPdf>>
        try {
          content = await readPdf(bytes, options.pdfAssets, (read) => {
            byPositions = use.has('positions') ? read.grids.map((g, i) => recognizeGrid(g, i, true)).filter((t) => t !== null) : []
            const linear = readLinear(read.tokens, { geometry: true, prose: read.text })
            byLabels = use.has('labels') ? linear.tables : []
            // Where the labels found the tables, their lines are not prose, whichever reading's
            // cells are kept.
            tableLines = tableLinesOf(read.tokens, linear.spans)
            return use.has('rules') && !complete(preferReadings(byPositions, byLabels))
          })
        } catch (e) {
          if (e instanceof ImportError) throw e
          // A password to open it (a password that only restricts printing or copying is no bar).
          if (e instanceof Error && e.name === 'PasswordException')
            throw new ImportError(
              'FORMAT_UNSUPPORTED',
              '此 PDF 设有打开密码，无法读取：请上传未加密的文件',
              'This PDF needs a password to open: upload a copy without one',
            )
          throw new ImportError(
            'FORMAT_UNSUPPORTED',
            `无法读取此 PDF：${e instanceof Error ? e.message : e}`,
            `This PDF cannot be read: ${e instanceof Error ? e.message : e}`,
          )
        }
        if (content.scanned) {
          throw new ImportError(
            'FORMAT_UNSUPPORTED',
            `此 PDF 是扫描件（前 ${content.scanned.of} 页中 ${content.scanned.pictures} 页是整页图片，几乎没有文字层），无法读取：请上传带文字层的 PDF 或 DOCX，或在表单中对照原件填写`,
            `This PDF is a scan (${content.scanned.pictures} of its first ${content.scanned.of} page(s) are whole-page pictures, with next to no text layer) and cannot be read: upload a PDF with text, or a DOCX, or type the figures in from the original`,
          )
        }
        if (!content.text.trim() && content.grids.length === 0) {
          throw new ImportError(
            'FORMAT_UNSUPPORTED',
            '此 PDF 没有文字层（可能是扫描图片），无法读取',
            'This PDF has no text layer (probably a scanned image)',
          )
        }
        const byRules = content.ruled.map((g, i) => recognizeGrid(g, content.grids.length + i)).filter((t) => t !== null)
        const recognized = preferReadings(preferReadings(byRules, byPositions), byLabels)
        // The title: the first line naming a year and a report (page furniture comes before it).
        const lines = cleanText(content.proseWithout(tableLines)).split('\n')
        const at = titleLine(lines)
        // `split` gives at least one line, and the title's is one of them.
        result = assemble(
          {
            title: (lines[at] ?? '').trim(),
            before: lines.slice(0, at).join('\n'),
            head: content.lines.slice(0, 60).join(''),
            body: lines.slice(bodyStart(lines, at)).join('\n'),
            kind: 'pdf',
            tables: recognized,
            problems: [],
            imageTables: content.imageTables,
            garbled: content.garbled,
          },
          options,
        )
        // A page read turned shows each cell where the admin draws it: on the page as it is.
        const { unturn } = content
        if (unturn)
          for (const id of ['二', '三', '四'] as const)
            for (const prov of Object.values(result.document.tables[id].provenance ?? {}))
              if (prov.box && prov.page !== undefined) prov.box = unturn(prov.page, prov.box)
        break
      }
    }
  }
  if (decoding?.replaced) result.problems.unshift(problem('TEXT_DAMAGED', { encoding: decoding.encoding, count: decoding.replaced }))
  if (decoding && decoding.encoding !== 'utf-8') result.problems.unshift(problem('ENCODING_CONVERTED', { encoding: decoding.encoding }))
  if (options.format === undefined || options.format === 'auto') result.problems.unshift(problem('FORMAT_DETECTED', { format }))
  return result
}
