import { assertPdfPages } from './bounds.ts'
import { parseCellText } from '@gongkai/schema'
import type { Grid, GridCell } from './grid.ts'
import { PART_HEADING, halfWidthDigits, unradical } from './normalize.ts'
import { joinAcrossPages, ruledTables, type RuledTable, type Segment } from './rules.ts'
import { PAGE_NUMBER, splitRun, type Tok } from './tokens.ts'

// PDF through its text layer (pdf.js): glyphs become words, words become lines, and runs of
// table lines become grids by the positions of their text. Columns come from the rows that carry
// numbers; every other word is placed by where it stands. A blank cell is simply a column with
// no text in that row, so blanks cannot be "dropped" the way HTML converters drop them.

export interface Word {
  text: string
  x: number
  x2: number
  /** Top-down position across pages. */
  y: number
  h: number
  /** 1-based page, and the top-down position on it. */
  page?: number
  py?: number
}

/** A word of a PDF's text layer, which knows its page. */
type PageWord = Word & { page: number; py: number }

/** A line of words, left to right; never empty. */
interface Line<W extends Word = Word> {
  y: number
  h: number
  words: [W, ...W[]]
}

/** From a line's first word's left edge to its last word's right edge. */
const lineSpan = (l: Line) => (l.words[l.words.length - 1] ?? l.words[0]).x2 - l.words[0].x

type TextItem = { str: string; transform: number[]; width: number; height: number }

const isValue = (t: string) => t.trim() !== '' && parseCellText(t).ok
const NUMBERED = /^(?:[（(][一二三四五六七八九十]+[）)]|[一二三四五六七八九十]+、|\d+[.．、]|第[一二三四五六七八九十]+)/u

/**
 * pdf.js joins glyphs that share a font and a baseline into one item, so a table row can arrive
 * as "行政规范性文件6". Split items where Chinese meets a number, placing each part in proportion
 * to its width (a Chinese character is about twice a digit).
 */
function splitItem(text: string, x: number, width: number, y: number, h: number): Word[] {
  const parts = text.match(
    /[\u3400-\u9fff\u3000-\u303f\uff00-\uffef（）“”、，。：；]+|[^\u3400-\u9fff\u3000-\u303f\uff00-\uffef（）“”、，。：；]+/gu,
  ) ?? [text]
  const weight = (t: string) => [...t].reduce((s, ch) => s + (ch.charCodeAt(0) > 0xff ? 2 : 1.1), 0)
  // Some writers (WPS) put a cell's number and the next row's label in one text run that moves
  // back to the left: its width comes out negative. Then each part gets its width from the font
  // size, starting where the run starts, which is right for the first part.
  if (width <= 0) width = (weight(text) / 2) * h
  if (parts.length === 1) return [{ text, x, x2: x + width, y, h }]
  const total = parts.reduce((s, p) => s + weight(p), 0)
  let at = x
  return parts.map((p) => {
    const w = (weight(p) / total) * width
    const word = { text: p, x: at, x2: at + w, y, h }
    at += w
    return word
  })
}

/**
 * Reads a file that ships with pdfjs-dist, by its path in the package: `cmaps/UniGB-UCS2-H.bcmap`,
 * `standard_fonts/FoxitSerif.pfb`. PDFs written by Word and WPS often use a Chinese font that is
 * not embedded (宋体 as STSong-Light, with the UniGB-UCS2-H encoding): without the Adobe CMaps,
 * their text comes out empty. Node reads them from the installed package; the edge worker reads
 * them from its static assets (see apps/api/src/edge.ts).
 */
export type PdfAssetReader = (path: string) => Promise<Uint8Array>

let nodeReader: Promise<PdfAssetReader | null> | undefined
/** On Node, the package's own files (looked up once per process); elsewhere none. */
function defaultReader(): Promise<PdfAssetReader | null> {
  return (nodeReader ??= (async () => {
    // Only Node has the package's files on a disk (and a bundle has no file URL to start from).
    if (!(globalThis as { process?: { versions?: { node?: string } } }).process?.versions?.node || !import.meta.url?.startsWith('file:'))
      return null
    // The one Node reach in the importer, guarded above; moving it out means changing how callers
    // pass a reader (importer logic), so it stays, and lint lets exactly this line through.
    // eslint-disable-next-line no-restricted-syntax -- Node-only fallback behind a runtime check
    const [{ createRequire }, { readFile }] = await Promise.all([import('node:module'), import('node:fs/promises')])
    const root = new URL('./', `file://${createRequire(import.meta.url).resolve('pdfjs-dist/package.json')}`)
    return async (path: string) => new Uint8Array(await readFile(new URL(path, root)))
  })())
}

/** pdf.js's factories for CMaps and standard fonts, reading through `read`. */
function resourceFactories(read: PdfAssetReader) {
  return {
    CMapReaderFactory: class {
      async fetch({ name }: { name: string }) {
        return { cMapData: await read(`cmaps/${name}.bcmap`), isCompressed: true }
      }
    },
    StandardFontDataFactory: class {
      async fetch({ filename }: { filename: string }) {
        return read(`standard_fonts/${filename}`)
      }
    },
    // Still required to be set for the factories above to be asked.
    cMapUrl: 'pdfjs:cmaps/',
    cMapPacked: true,
    standardFontDataUrl: 'pdfjs:standard_fonts/',
  }
}

/**
 * pdf.js is made for browsers and Node. Anywhere else (the edge worker) two things are missing:
 * DOMMatrix, which it uses when it loads (a small standard polyfill fills in, wherever it is
 * missing, Node included, so every runtime computes with the same one), and its worker file,
 * which it would fetch by URL: it is imported here, so bundlers include it and pdf.js finds it
 * on `globalThis.pdfjsWorker` and parses in-process.
 */
let pdfjs: Promise<typeof import('pdfjs-dist/legacy/build/pdf.mjs')> | undefined
const loadPdfjs = () => (pdfjs ??= preparePdfjs())
async function preparePdfjs() {
  const g = globalThis as { DOMMatrix?: unknown; pdfjsWorker?: unknown }
  if (!g.DOMMatrix) g.DOMMatrix = (await import('@thednp/dommatrix')).default
  // @ts-expect-error -- pdf.js ships no types for its worker module; it is only handed back to pdf.js.
  g.pdfjsWorker ??= await import('pdfjs-dist/legacy/build/pdf.worker.mjs')
  return import('pdfjs-dist/legacy/build/pdf.mjs')
}

/** A picture on a page, top-down across pages as words are. */
interface Picture {
  page: number
  y0: number
  y1: number
}

/** The part headings above the three tables (二、三、四), to look for a table posted as a picture. */
const TABLE_PART =
  /^\s*(?:([二三四])\s*[、.．]?\s*)?(主动公开政府信息情况|收到和处理政府信息公开(?:的)?申请情况|(?:因)?政府信息公开(?:工作)?(?:被申请)?行政复议)/u
/** Each table's own labels: a table part without them may have its table as a picture. */
const TABLE_LABELS = [/第二十条|信息内容/u, /本年新收|上年结转|自然人/u, /结果维持|结果纠正|尚未审结/u]

async function openPdf(bytes: Uint8Array, assets?: PdfAssetReader): Promise<PdfDoc> {
  const { getDocument } = await loadPdfjs()
  const read = assets ?? (await defaultReader())
  // pdf.js takes ownership of the buffer it is given (it is detached afterwards): give it a copy.
  const doc = await getDocument({
    data: bytes.slice(),
    useSystemFonts: false,
    isEvalSupported: false,
    verbosity: 0,
    ...(read ? resourceFactories(read) : {}),
  }).promise
  try {
    assertPdfPages(doc.numPages)
  } catch (e) {
    await doc.destroy()
    throw e
  }
  return doc
}

async function words(doc: PdfDoc): Promise<{ words: PageWord[]; pictures: Picture[]; turns: Map<number, PageView> }> {
  const { words: ws, turns } = await pageWords(doc)
  // A table whose labels are nowhere in the text (one pasted into Word as a screenshot, the others
  // typed): its table may be a picture. Only then are the pages of the tables' part headings (and
  // the page after) searched for pictures; a picture under a table that was read is no matter.
  const all = ws.map((w) => w.text).join('')
  const headed = [...new Set(ws.filter((w) => TABLE_PART.test(w.text)).map((w) => w.page))]
  const pictures =
    headed.length && TABLE_LABELS.some((labels) => !labels.test(all))
      ? await picturesOn(
          doc,
          [...new Set(headed.flatMap((p) => [p, p + 1]))].filter((p) => p <= doc.numPages),
          turns,
        )
      : []
  return { words: ws, pictures, turns }
}

type PdfDoc = Awaited<ReturnType<Awaited<ReturnType<typeof loadPdfjs>>['getDocument']>['promise']>

/** The pictures painted on these pages, placed as words are (the page offsets of pageWords). */
async function picturesOn(doc: PdfDoc, pages: number[], turns: ReadonlyMap<number, PageView>): Promise<Picture[]> {
  const { OPS } = await loadPdfjs()
  const paints = new Set<number>([
    OPS.paintImageXObject,
    OPS.paintInlineImageXObject,
    OPS.paintImageMaskXObject,
    OPS.paintImageXObjectRepeat,
  ])
  const out: Picture[] = []
  let offset = 0
  for (let p = 1; p <= Math.max(...pages); p++) {
    const page = await doc.getPage(p)
    const view = turns.get(p) ?? pageView(page, 0)
    const height = view.height
    if (pages.includes(p)) {
      // A picture fills the unit square under the current transform.
      walk(await page.getOperatorList(), OPS as unknown as Record<string, number>, (fn, _args, ctm) => {
        if (!paints.has(fn)) return
        const [a, b, c, d, e, f] = ctm
        const corners = [view.at(e, f), view.at(a + e, b + f), view.at(c + e, d + f), view.at(a + c + e, b + d + f)]
        const xs = corners.map((q) => q[0])
        const ys = corners.map((q) => q[1])
        const [lo, hi] = [Math.min(...ys), Math.max(...ys)]
        // Marks and seals are small; a table is wide.
        if (Math.max(...xs) - Math.min(...xs) > 150 && hi - lo > 40) out.push({ page: p, y0: offset + lo, y1: offset + hi })
      })
    }
    offset += height + 20
  }
  return out
}

/**
 * The pages that are one picture (a scanner's page image, which a print or a portal may have
 * stamped a line of text on): a painted image over half the page or more.
 */
async function pagesThatArePictures(doc: PdfDoc, pages: number): Promise<number> {
  const { OPS } = await loadPdfjs()
  const paints = new Set<number>([OPS.paintImageXObject, OPS.paintInlineImageXObject, OPS.paintImageXObjectRepeat])
  let pictures = 0
  for (let p = 1; p <= pages; p++) {
    const page = await doc.getPage(p)
    const { width, height } = page.getViewport({ scale: 1 })
    let covered = 0
    walk(await page.getOperatorList(), OPS as unknown as Record<string, number>, (fn, _args, ctm) => {
      if (!paints.has(fn)) return
      // The unit square under the transform: its area is |det|.
      const [a, b, c, d] = ctm
      covered = Math.max(covered, Math.abs(a * d - b * c))
    })
    page.cleanup()
    if (covered >= 0.5 * width * height) pictures++
  }
  return pictures
}

/** The first pages looked at to tell a scan. */
const SCAN_SAMPLE = 6

/** Chinese characters in a text layer. */
const HAN = /\p{Script=Han}/gu

/** `f` over `items`, at most `width` at a time (a 500-page PDF is not held all at once), in order. */
async function inTurn<T, R>(items: readonly T[], f: (item: T) => Promise<R>, width = 3): Promise<R[]> {
  const out: R[] = new Array<R>(items.length)
  let next = 0
  const lane = async () => {
    while (next < items.length) {
      const i = next++
      out[i] = await f(items[i] as T)
    }
  }
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, lane))
  return out
}

type Matrix = [number, number, number, number, number, number]
type OpList = { fnArray: number[]; argsArray: unknown[] }

/**
 * Walks a page's operators keeping the current transform (through save/restore and form
 * XObjects), handing each operator and the transform in force to `visit`.
 */
function walk(ops: OpList, OPS: Record<string, number>, visit: (fn: number, args: unknown[], ctm: Matrix) => void) {
  let ctm: Matrix = [1, 0, 0, 1, 0, 0]
  const stack: Matrix[] = []
  const times = ([m0, m1, m2, m3, m4, m5]: Matrix) => {
    const [a, b, c, d, e, f] = ctm
    ctm = [m0 * a + m1 * c, m0 * b + m1 * d, m2 * a + m3 * c, m2 * b + m3 * d, m4 * a + m5 * c + e, m4 * b + m5 * d + f]
  }
  ops.fnArray.forEach((fn, i) => {
    const args = ops.argsArray[i] as unknown[]
    if (fn === OPS.save) stack.push(ctm)
    else if (fn === OPS.restore) ctm = stack.pop() ?? ctm
    else if (fn === OPS.transform) times(args as Matrix)
    else if (fn === OPS.paintFormXObjectBegin) {
      stack.push(ctm)
      if (Array.isArray(args[0])) times(args[0] as Matrix)
    } else if (fn === OPS.paintFormXObjectEnd) ctm = stack.pop() ?? ctm
    else visit(fn, args, ctm)
  })
}

/**
 * The straight strokes of the given pages, in points from each page's top left: stroked lines
 * and box edges, and filled rectangles thin enough to be a line (how Word draws borders).
 */
async function rulesOn(doc: PdfDoc, pages: number[], turns: ReadonlyMap<number, PageView>): Promise<Map<number, Segment[]>> {
  const { OPS } = await loadPdfjs()
  const strokes = new Set<number>([
    OPS.stroke,
    OPS.closeStroke,
    OPS.fillStroke,
    OPS.eoFillStroke,
    OPS.closeFillStroke,
    OPS.closeEOFillStroke,
  ])
  const fills = new Set<number>([OPS.fill, OPS.eoFill, OPS.fillStroke, OPS.eoFillStroke, OPS.closeFillStroke, OPS.closeEOFillStroke])
  const out = new Map<number, Segment[]>()
  // A few at a time, as the pages' text is (see pageWords).
  const drawn = await inTurn(pages, async (p) => {
    const page = await doc.getPage(p)
    return { p, page, ops: await page.getOperatorList() }
  })
  for (const { p, page, ops } of drawn) {
    const view = turns.get(p) ?? pageView(page, 0)
    const segs: Segment[] = []
    walk(ops, OPS as unknown as Record<string, number>, (fn, args, ctm) => {
      if (fn !== OPS.constructPath) return
      const [paint, [buf]] = args as [number, [Float32Array | null]]
      if (!buf || (!strokes.has(paint) && !fills.has(paint))) return
      const at = (x: number, y: number): [number, number] => view.at(ctm[0] * x + ctm[2] * y + ctm[4], ctm[1] * x + ctm[3] * y + ctm[5])
      // The point whose x is at `k` in the path's buffer; one cut off by the buffer's end reads
      // as NaN (and makes no border).
      const point = (k: number) => at(buf[k] ?? NaN, buf[k + 1] ?? NaN)
      // Sub-paths as points (curves end where they end; they are no borders anyway).
      const paths: Array<{ pts: Array<[number, number]>; closed: boolean; curved: boolean }> = []
      for (let k = 0; k < buf.length;) {
        const op = buf[k++]
        if (op === 0) {
          paths.push({ pts: [point(k)], closed: false, curved: false })
          k += 2
        } else if (op === 1) {
          paths[paths.length - 1]?.pts.push(point(k))
          k += 2
        } else if (op === 2 || op === 3) {
          const n = op === 2 ? 6 : 4
          const last = paths[paths.length - 1]
          if (last) {
            last.pts.push(point(k + n - 2))
            last.curved = true
          }
          k += n
        } else if (op === 4) {
          const last = paths[paths.length - 1]
          if (last) last.closed = true
        } else break
      }
      for (const { pts, closed, curved } of paths) {
        if (curved || pts.length < 2) continue
        if (strokes.has(paint)) {
          const [first] = pts
          const edges = closed && first ? [...pts, first] : pts
          let from: [number, number] | undefined
          for (const to of edges) {
            if (from) segs.push({ x0: from[0], y0: from[1], x1: to[0], y1: to[1] })
            from = to
          }
        }
        if (fills.has(paint) && (pts.length === 4 || pts.length === 5)) {
          const xs = pts.map((q) => q[0])
          const ys = pts.map((q) => q[1])
          const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)]
          // A thin four-cornered shape along an axis: a rectangle (Word), or a trapezoid whose
          // ends are mitred where two borders meet (Chrome's "save as PDF"). A thin shape at any
          // other angle has no thin bounding box.
          if (y1 - y0 <= 2.5 && x1 - x0 > 3 * (y1 - y0)) segs.push({ x0, y0: (y0 + y1) / 2, x1, y1: (y0 + y1) / 2 })
          else if (x1 - x0 <= 2.5 && y1 - y0 > 3 * (x1 - x0)) segs.push({ x0: (x0 + x1) / 2, y0, x1: (x0 + x1) / 2, y1 })
        }
      }
    })
    out.set(p, segs)
  }
  return out
}

/**
 * A page as it reads: in its content's own coordinates (points from the top left, its /Rotate
 * not applied), unless most of its text is drawn turned, as when a tool flattens a page's turn
 * into its content (qpdf --flatten-rotation, some printers' PDFs). Then it is viewed turned so
 * that text runs left to right. `turn` is that view's rotation; `at` maps a point of the page's
 * user space into the view, top-down.
 */
interface PageView {
  turn: number
  height: number
  at: (x: number, y: number) => [number, number]
  /** A point of the view back in the page's content coordinates, top-down (where the admin draws). */
  back: (x: number, y: number) => [number, number]
}
type PdfPage = Awaited<ReturnType<PdfDoc['getPage']>>

function pageView(page: PdfPage, turn: number): PageView {
  const height0 = page.getViewport({ scale: 1, rotation: 0 }).height
  if (turn === 0) return { turn, height: height0, at: (x, y) => [x, height0 - y], back: (x, y) => [x, y] }
  const view = page.getViewport({ scale: 1, rotation: turn })
  const [a, b, c, d, e, f] = view.transform as Matrix
  const det = a * d - b * c
  return {
    turn,
    height: view.height,
    at: (x, y) => [a * x + c * y + e, b * x + d * y + f],
    back: (x, y) => {
      const ux = (d * (x - e) - c * (y - f)) / det
      const uy = (a * (y - f) - b * (x - e)) / det
      return [ux, height0 - uy]
    },
  }
}

/** The view's turn that sets most of a page's text (by characters) running left to right. */
function textTurn(page: PdfPage, items: readonly TextItem[]): number {
  const weight = new Map<number, number>()
  for (const i of items) {
    const n = i.str.trim().length
    const [a = 1, b = 0] = i.transform
    if (!n) continue
    const turn = (((Math.round(Math.atan2(b, a) / (Math.PI / 2)) * 90) % 360) + 360) % 360
    weight.set(turn, (weight.get(turn) ?? 0) + n)
  }
  const total = [...weight.values()].reduce((x, y) => x + y, 0)
  const [angle, most] = [...weight].sort((x, y) => y[1] - x[1])[0] ?? [0, 0]
  if (angle === 0 || most <= total / 2) return 0
  // The view's rotation that maps that direction onto +x (pdf.js turns the view clockwise).
  const dir: [number, number] = [Math.cos((angle * Math.PI) / 180), Math.sin((angle * Math.PI) / 180)]
  for (const turn of [90, 180, 270]) {
    const [m0, m1, m2, m3] = page.getViewport({ scale: 1, rotation: turn }).transform as Matrix
    if (m0 * dir[0] + m2 * dir[1] > 0.5 && Math.abs(m1 * dir[0] + m3 * dir[1]) < 0.5) return turn
  }
  return 0
}

async function pageWords(doc: PdfDoc): Promise<{ words: PageWord[]; turns: Map<number, PageView> }> {
  const out: PageWord[] = []
  const turns = new Map<number, PageView>()
  let offset = 0
  // A few pages' text is asked for at a time: pdf.js inflates streams off the main thread, so one
  // page's parsing overlaps another's inflating (the web-page PDF of bench/importer.ts: 240 → 180 ms).
  const pages = await inTurn(
    Array.from({ length: doc.numPages }, (_, i) => i + 1),
    async (p) => {
      const page = await doc.getPage(p)
      return { page, items: ((await page.getTextContent()).items as TextItem[]).filter((t) => 'str' in t) }
    },
  )
  for (const [index, { page, items }] of pages.entries()) {
    const p = index + 1
    const view = pageView(page, textTurn(page, items))
    if (view.turn) turns.set(p, view)
    const height = view.height
    const glyphs = items
      .flatMap((i) => {
        const [, , c, scaleY, x, y] = i.transform
        if (c === undefined || scaleY === undefined || x === undefined || y === undefined)
          throw new Error('pdf.js gave a text item without its six-number transform')
        const [vx, vy] = view.at(x, y)
        return splitItem(halfWidthDigits(unradical(i.str)), vx, i.width, offset + vy, i.height || Math.hypot(c, scaleY))
      })
      .map((g) => ({ ...g, page: p, py: g.y - offset }))
      .sort((a, b) => a.y - b.y || a.x - b.x)
    // Glyphs on one baseline, close together, are one word; spaces and wide gaps separate words.
    let cur: PageWord | null = null
    for (const g of glyphs) {
      const blank = g.text.trim() === ''
      // Glyphs of a word touch; neighbouring cells are at least their padding apart.
      // A number never continues a Chinese word: that boundary is a cell edge in a table.
      const cellEdge = cur !== null && /[\u3400-\u9fff）)]$/u.test(cur.text) && /^[\d/.-]/.test(g.text)
      if (
        cur &&
        !blank &&
        !cellEdge &&
        Math.abs(g.y - cur.y) < 1.5 &&
        g.x - cur.x2 < Math.max(1, cur.h * 0.2) &&
        g.x >= cur.x2 - Math.max(1, cur.h * 0.3)
      ) {
        cur.text += g.text
        cur.x2 = g.x2
        continue
      }
      if (cur) out.push(cur)
      cur = blank ? null : { ...g }
    }
    if (cur) out.push(cur)
    offset += height + 20
  }
  return { words: out, turns }
}

function lines<W extends Word>(ws: W[]): Array<Line<W>> {
  const out: Array<Line<W>> = []
  // Words come top-down; one joins the line whose lowest word it stands within 2 pt of. Measured
  // from the lowest word, not the first: a row's label, its values and a group label's line beside
  // them may each sit a point or so apart (予处理 at 213.3, the values at 211.5, "2.重复申请" at 210.7).
  let lowest = Number.NEGATIVE_INFINITY
  for (const w of ws) {
    const last = out[out.length - 1]
    if (last && Math.abs(w.y - lowest) < 2) last.words.push(w)
    else out.push({ y: w.y, h: w.h, words: [w] })
    lowest = w.y
  }
  for (const l of out) l.words.sort((a, b) => a.x - b.x)
  return out
}

/** A line that belongs to a table: several separate cells, or numbers. */
const tabular = (l: Line) => l.words.length >= 2 && (l.words.some((w) => isValue(w.text)) || l.words.every((w) => w.text.length <= 16))

/**
 * The table's data columns: the spans covered by value words, merged where they overlap or
 * nearly touch. Spans rather than centres, so left-, centre- and right-aligned numbers all work.
 */
function columnSpans(rows: Line[], gap = 3): Array<{ x: number; x2: number }> {
  const spans = rows.flatMap((l) => l.words.filter((w) => isValue(w.text)).map((w) => ({ x: w.x, x2: w.x2 }))).sort((a, b) => a.x - b.x)
  const out: Array<{ x: number; x2: number }> = []
  for (const sp of spans) {
    const last = out[out.length - 1]
    if (last && sp.x <= last.x2 + gap) last.x2 = Math.max(last.x2, sp.x2)
    else out.push({ ...sp })
  }
  return out
}

function toGrid(run: Line[]): Grid | null {
  // Rows that carry numbers (table 四's one data row has no label at all).
  const anchors = run.filter(
    (l) =>
      l.words.filter((w) => isValue(w.text)).length >= 2 || (l.words.some((w) => isValue(w.text)) && l.words.some((w) => !isValue(w.text))),
  )
  const spans = columnSpans(run.filter((l) => l.words.filter((w) => isValue(w.text)).length >= 2))
  const [firstSpan] = spans
  if (!firstSpan || anchors.length < 1) return null
  // Labels stand left of the first column of numbers.
  const left = firstSpan.x - 1
  const cell = (text: string): GridCell => ({ text, spanned: false, colspan: 1 })
  // Each row: its label cell, then one cell per column.
  const rows: Array<[GridCell, ...GridCell[]]> = []
  for (const l of run) {
    const labelWords = l.words.filter((w) => w.x2 <= left)
    const row: [GridCell, ...GridCell[]] = [cell(labelWords.map((w) => w.text).join('')), ...spans.map(() => cell(''))]
    for (const w of l.words.filter((x) => x.x2 > left)) {
      const centre = (w.x + w.x2) / 2
      const nearest = spans.reduce(
        (best, sp, i) => (Math.abs((sp.x + sp.x2) / 2 - centre) < Math.abs((best.sp.x + best.sp.x2) / 2 - centre) ? { i, sp } : best),
        { i: 0, sp: firstSpan },
      ).i
      // A header word over several columns (a group header) names each of them.
      const covered = isValue(w.text)
        ? []
        : spans.flatMap((sp, i) => ((sp.x + sp.x2) / 2 >= w.x - 3 && (sp.x + sp.x2) / 2 <= w.x2 + 3 ? [i] : []))
      const targets = covered.length ? covered : [nearest]
      targets.forEach((i, k) => {
        const t = row[i + 1]
        if (!t) throw new Error(`the row has no cell for column ${i}`)
        // Where a value is printed, to outline it on its page: its words' box ("642.37" "万元").
        const first = !t.text
        t.text = t.text ? `${t.text}${w.text}` : w.text
        t.spanned = k > 0
        if (w.page === undefined || w.py === undefined || (first && !isValue(w.text)) || (!first && t.at?.page !== w.page)) delete t.at
        else if (first) t.at = { page: w.page, box: { x: w.x, y: w.py, w: w.x2 - w.x, h: w.h } }
        else if (t.at) {
          const b = t.at.box
          const [x, x2] = [Math.min(b.x, w.x), Math.max(b.x + b.w, w.x2)]
          t.at = { page: w.page, box: { x, y: Math.max(b.y, w.py), w: x2 - x, h: Math.max(b.h, w.h) } }
        }
      })
    }
    const hasData = row.slice(1).some((c) => c.text !== '')
    const prev = rows[rows.length - 1]
    // A label printed a little above or below its values (a smaller font, centred in a taller
    // row): the values' line has no label and the label's line no values. They are one row.
    const prevBare = prev !== undefined && prev[0].text !== '' && prev.slice(1).every((c) => c.text === '')
    if (hasData && prevBare && row[0].text === '') {
      row.slice(1).forEach((c, i) => (prev[i + 1] = c))
      continue
    }
    // A wrapped label's second line joins the label above it.
    if (
      !hasData &&
      prev &&
      !NUMBERED.test(row[0].text) &&
      prev[0].text &&
      !/[：:]$/.test(row[0].text) &&
      prev.slice(1).some((c) => isValue(c.text))
    ) {
      prev[0].text += row[0].text
      continue
    }
    rows.push(row)
  }
  return rows
}

export interface PdfContent {
  /** The text outside tables, one paragraph per line. */
  text: string
  /**
   * The same, without the lines given (indexes into `lines`: a table's lines that its labels
   * found, header words and wrapped labels included) and without page numbers.
   */
  proseWithout: (drop: ReadonlySet<number>) => string
  grids: Grid[]
  /** Every line as tokens with their positions, page furniture left out (for linear.ts). */
  tokens: Tok[]
  /** Every line's text, in reading order (the tokens' `line` indexes it). */
  lines: string[]
  /** Tables posted as pictures under their part's heading. */
  imageTables: Array<'二' | '三' | '四'>
  /** Tables rebuilt from their ruling lines (rules.ts), top-down; cells know their place on the page. */
  ruled: Grid[]
  /** Characters that map to no character (private-use code points, U+FFFD), when they are many. */
  garbled: number
  /** Of the first pages, those that are pictures, when they are most and there is next to no text: a scan. */
  scanned?: { pictures: number; of: number }
  /**
   * A box on a page read turned (see pageView), in the page's content coordinates: where the
   * admin, drawing the page unturned, shows it. Other pages' boxes are returned as they are.
   */
  unturn?: (page: number, box: { x: number; y: number; w: number; h?: number }) => { x: number; y: number; w: number; h?: number }
}

/**
 * Characters of a text layer whose fonts have no Unicode map: pdf.js gives private-use code
 * points or U+FFFD for them. Counted only when they are a noticeable share (one in twenty) of
 * the text, so a stray symbol font does not count.
 */
export function garbledCount(texts: readonly string[]): number {
  let bad = 0
  let all = 0
  for (const t of texts) {
    for (const ch of t) {
      const code = ch.codePointAt(0)
      if (code === undefined || /\s/u.test(ch)) continue
      all++
      if ((code >= 0xe000 && code <= 0xf8ff) || code === 0xfffd || code < 0x20) bad++
    }
  }
  return bad >= 20 && bad / Math.max(1, all) >= 0.05 ? bad : 0
}

/** The PDF's lines as tokens: numbers and label text apart, each with its place on its page. */
function tokensOf(all: Line[]): { tokens: Tok[]; lines: string[] } {
  const tokens: Tok[] = []
  const texts: string[] = []
  all.forEach((l, n) => {
    const text = l.words.map((w) => w.text).join(' ')
    texts.push(text)
    if (PAGE_NUMBER.test(text)) return
    for (const w of l.words) {
      const parts = splitRun(w.text.replace(/\s+/g, ''))
      const width = w.x2 - w.x
      const len = w.text.replace(/\s+/g, '').length || 1
      for (const p of parts) {
        const x = w.x + (p.offset / len) * width
        tokens.push({
          text: p.text,
          value: p.value,
          start: -1,
          end: -1,
          line: n,
          x,
          x2: x + (p.text.length / len) * width,
          y: w.py ?? w.y,
          h: w.h,
          page: w.page ?? 1,
        })
      }
    }
  })
  return { tokens, lines: texts }
}

/**
 * A PDF's text, its tables by text positions, and its lines as tokens; its tables by their
 * ruling lines too when `wantRules` asks for them, given what was read without them (drawing a
 * page's operators costs about as much as reading its text, so it is done only when it can help).
 */
export async function readPdf(
  bytes: Uint8Array,
  assets?: PdfAssetReader,
  wantRules: (content: PdfContent) => boolean = () => true,
): Promise<PdfContent> {
  const doc = await openPdf(bytes, assets)
  try {
    const read = await words(doc)
    const content = layout(read)
    // A scan: next to no text (a print's header line, a portal's stamp) on pages that are pictures.
    // A report's page holds hundreds of characters; forty a page is far below any.
    const han = read.words.reduce((n, w) => n + (w.text.match(HAN)?.length ?? 0), 0)
    // Its first pages are enough to tell (a page's operator list decodes its pictures).
    if (han < 40 * doc.numPages) {
      const sampled = Math.min(doc.numPages, SCAN_SAMPLE)
      const pictures = await pagesThatArePictures(doc, sampled)
      if (pictures * 2 >= sampled) content.scanned = { pictures, of: sampled }
    }
    if (wantRules(content)) {
      // Only pages with table lines are drawn.
      const tablePages = [
        ...new Set(
          lines(read.words)
            .filter(tabular)
            .map((l) => l.words[0].page),
        ),
      ]
      content.ruled = ruledGrids(await rulesOn(doc, tablePages, read.turns), read.words)
    }
    content.unturn = (page, box) => {
      const view = read.turns.get(page)
      if (!view) return box
      const corners = [
        view.back(box.x, box.y - (box.h ?? 10)),
        view.back(box.x + box.w, box.y - (box.h ?? 10)),
        view.back(box.x, box.y),
        view.back(box.x + box.w, box.y),
      ]
      const xs = corners.map((q) => q[0])
      const ys = corners.map((q) => q[1])
      const [x, y] = [Math.min(...xs), Math.max(...ys)]
      return { x, y, w: Math.max(...xs) - x, h: y - Math.min(...ys) }
    }
    return content
  } finally {
    // The document's fonts, pages and its in-process worker are freed now, not when the
    // collector gets to them: a batch of imports would otherwise hold every one.
    await doc.destroy()
  }
}

/** The lines where the labels found the tables: header words, wrapped labels, a page number between rows. */
export function tableLinesOf(tokens: readonly Tok[], spans: ReadonlyArray<{ from: number; to: number }>): Set<number> {
  const lines = new Set<number>()
  for (const span of spans) {
    const first = tokens[span.from]?.line
    const last = tokens[span.to - 1]?.line
    if (first !== undefined && last !== undefined) for (let n = first; n <= last; n++) lines.add(n)
  }
  return lines
}

/**
 * The same reading for text placed on pages by another tool (a PDF converted to positioned HTML
 * by pdftohtml or mutool): its words, top-down across pages, read as a PDF's text layer is.
 */
export function positionedContent(words: Word[]): PdfContent {
  return layout({ words: [...words].sort((a, b) => a.y - b.y || a.x - b.x), pictures: [] })
}

function layout(read: { words: Word[]; pictures: Picture[] }): PdfContent {
  const all = lines(read.words)
  // A table part with a picture between its heading and the next part's: a table posted as a picture.
  const headings = read.words.filter((w) => PART_HEADING.test(w.text)).sort((a, b) => a.y - b.y)
  const imageTables: Array<'二' | '三' | '四'> = []
  headings.forEach((h, k) => {
    const m = TABLE_PART.exec(h.text)
    if (!m) return
    // The part's title is the pattern's one group that must match.
    const title = m[2] ?? ''
    const part = (m[1] ?? (/主动公开/u.test(title) ? '二' : /收到和处理/u.test(title) ? '三' : '四')) as '二' | '三' | '四'
    const end = headings[k + 1]?.y ?? Infinity
    if (read.pictures.some((p) => (p.y0 + p.y1) / 2 > h.y && (p.y0 + p.y1) / 2 < end)) imageTables.push(part)
  })
  const grids: Grid[] = []
  const prose: Array<{ l: Line; n: number }> = []
  let run: Array<{ l: Line; n: number }> = []
  const flush = () => {
    const g = run.length >= 2 ? toGrid(run.map((r) => r.l)) : null
    if (g) grids.push(g)
    else prose.push(...run)
    run = []
  }
  const text = (l: Line) => l.words.map((w) => w.text).join('')
  all.forEach((l, i) => {
    const next = all[i + 1]
    // A part heading is never table; a one-cell line (block title, group row, header) is table
    // when a table line follows it, even across a page break.
    const heading = PART_HEADING.test(text(l))
    const inTable = !heading && (tabular(l) || (next !== undefined && tabular(next) && !PART_HEADING.test(text(next))))
    if (inTable) run.push({ l, n: i })
    else {
      flush()
      prose.push({ l, n: i })
    }
  })
  flush()
  // The lines of a paragraph are joined: a line that runs the full width continues below.
  const full = Math.max(...prose.map((p) => lineSpan(p.l)))
  const paragraphsOf = (kept: Array<{ l: Line; n: number }>) => {
    const paragraphs: string[] = []
    let open = false
    for (const { l } of kept) {
      const t = text(l)
      if (open && !NUMBERED.test(t) && !PART_HEADING.test(t)) paragraphs[paragraphs.length - 1] += t
      else paragraphs.push(t)
      open = lineSpan(l) > full * 0.85 && !/[。！？]$/.test(t)
    }
    return paragraphs.join('\n')
  }
  return {
    text: paragraphsOf(prose),
    proseWithout: (drop) => paragraphsOf(prose.filter((p) => !drop.has(p.n) && !PAGE_NUMBER.test(text(p.l)))),
    grids,
    ...tokensOf(all),
    imageTables,
    ruled: [],
    garbled: garbledCount(read.words.map((w) => w.text)),
  }
}

/** Tables by their ruling lines, page by page; one that runs on over a page break is joined. */
function ruledGrids(rules: Map<number, Segment[]>, words: PageWord[]): Grid[] {
  const furniture = (ws: Word[]) => ws.every((w) => PAGE_NUMBER.test(w.text) || /^[-—–\d\s]+$/u.test(w.text))
  return joinAcrossPages(
    [...rules]
      .sort((a, b) => a[0] - b[0])
      .map(([page, segs]) => {
        const onPage = words.filter((w) => w.page === page)
        const tables = ruledTables(
          segs,
          onPage.map((w) => ({ text: w.text, x: w.x, x2: w.x2, y: w.py, h: w.h })),
          page,
        )
        // Nothing but the page number above the table on its page, or below it.
        const before = (t: RuledTable) => furniture(onPage.filter((w) => w.py - w.h < t.top - 1))
        const after = (t: RuledTable) => furniture(onPage.filter((w) => w.py - w.h * 0.5 > t.bottom + 1))
        return { tables, before, after }
      }),
  )
}
