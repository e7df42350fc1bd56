import {
  PARTS,
  TABLE_IDS,
  normalizeLabel,
  ReportDocumentSchema,
  tableGiven,
  type AgencyRef,
  type Block,
  type PartId,
  type ReportDocument,
  type TableId,
} from '@gongkai/schema'
import { ImportError } from './errors.ts'
import { extractKeyFigures } from './key-figures.ts'
import { looksTraditional, titleLine, toSimplified } from './normalize.ts'
import { problem, type ImportProblem } from './problems.ts'
import type { RecognizedTable } from './recognize.ts'
import { flatTables } from './flat.ts'
import { recognizeGrid } from './recognize.ts'
import { chooseTemplate } from './template.ts'
import { preferReadings, readLinear } from './linear.ts'
import { tokenizeText } from './tokens.ts'

// The plain-text path: pages scraped to text, like the seed. Tables flattened one cell per line
// are the importer issue's work; this reads the metadata, the six parts and the key figures, and
// reports every table it could not find as missing rather than inventing cells.

export interface ImportOptions {
  /** The agency, when the caller knows it. Names on scraped pages are not trusted on their own. */
  agency?: AgencyRef
  year?: number
  filename?: string
  url?: string
}

export interface ImportResult {
  document: ReportDocument
  problems: ImportProblem[]
}

const CN_DIGITS = '一二三四五六'

/** Remove layout debris: runs of `|`, the print/close links of CMS pages. */
export function cleanText(raw: string): string {
  return raw
    .replace(/\r\n?/g, '\n')
    .replace(/\|{2,}/g, ' ')
    .replace(/(^|\s)\|(?=\s|$)/g, '$1')
    .replace(/打印本页|关闭窗口/g, ' ')
    .replace(/[ \t\u3000]+/g, ' ')
    .replace(/ *\n */g, '\n')
    .trim()
}

interface HeadingHit {
  part: PartId
  start: number
  end: number
  text: string
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/** A regex source that matches a label with any punctuation width and optional spaces. */
function labelPattern(label: string): string {
  return [...normalizeLabel(label)]
    .map((ch) => {
      if (ch === '（') return '[（(]'
      if (ch === '）') return '[）)]'
      if (ch === '、') return '[、,，]?'
      return escapeRe(ch)
    })
    .join('\\s*')
}

/** Find the six part headings, in order. A heading starts a line or follows a space. */
export function findPartHeadings(text: string): HeadingHit[] {
  const hits: HeadingHit[] = []
  let from = 0
  for (const part of PARTS) {
    const bare = [part.heading.slice(2), ...part.aliases]
    const num = `(?:${part.id}\\s*[、.，,]|${CN_DIGITS.indexOf(part.id) + 1}\\s*[、.．]|[、])?`
    const re = new RegExp(`(?:^|[\\s|])(${num}\\s*(?:${bare.map(labelPattern).join('|')}))(?=\\s|$|[:：])`, 'gmu')
    re.lastIndex = from
    const m = re.exec(text)
    if (!m || m[1] === undefined) continue
    const start = m.index + m[0].length - m[1].length
    hits.push({ part: part.id, start, end: start + m[1].length, text: m[1].trim() })
    from = start + m[1].length
  }
  return hits
}

const SUBHEADING = /^(?:[（(][一二三四五六七八九十]+[）)]|[一二三四五六七八九十]+、)[^。；;，,]{1,24}$/u

// "(二)依申请公开方面 2020年,…": a subheading run into its first paragraph.
const LEADING_SUBHEADING = /^([（(][一二三四五六七八九十]+[）)][^。；;，,\s]{1,20})\s+(\S.*)$/su

/** Split a run of scraped prose into blocks: short numbered lines are subheadings. */
export function proseBlocks(text: string): Block[] {
  const blocks: Block[] = []
  // Scraped pages lose paragraph breaks but keep a space between paragraphs; Chinese prose has
  // no other spaces between CJK characters, so a space there is a paragraph boundary.
  const pieces = text
    .split(/\n+|(?<=[\u3400-\u9fff。；！？”）)\]])\s+(?=[\u3400-\u9fff“（(])/u)
    .map((p) => p.trim())
    .filter((p) => p.length > 0)
  for (const piece of pieces) {
    const lead = LEADING_SUBHEADING.exec(piece)
    if (SUBHEADING.test(piece)) blocks.push({ type: 'heading', text: piece })
    else if (lead?.[1] && lead[2]) blocks.push({ type: 'heading', text: lead[1] }, { type: 'paragraph', text: lead[2] })
    else blocks.push({ type: 'paragraph', text: piece })
  }
  return blocks
}

function detectYear(title: string, body: string): number | null {
  const m = /(20\d{2})\s*年(?:度)?[^。]{0,30}?政府信息公开/u.exec(title) ?? /(20\d{2})\s*年/u.exec(title) ?? /(20\d{2})\s*年/u.exec(body)
  return m?.[1] ? Number(m[1]) : null
}

function detectPeriod(text: string): { start: string; end: string } | null {
  const m = /(20\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*(?:起)?\s*(?:到|至)\s*(20\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日/u.exec(text)
  if (!m) return null
  const d = (y?: string, mo?: string, da?: string) => `${y}-${mo?.padStart(2, '0')}-${da?.padStart(2, '0')}`
  return { start: d(m[1], m[2], m[3]), end: d(m[4], m[5], m[6]) }
}

function detectAgencyName(preamble: string): string | null {
  const m = /由\s*([\u3400-\u9fff（）()]{4,40}?)(?:的政府信息公开|政府信息公开|编制)/u.exec(preamble)
  return m?.[1] ?? null
}

export interface ProseInput {
  /** The report's title as published. */
  title: string
  /** Everything after the title: preamble and the six parts, tables removed. */
  body: string
  kind: 'text' | 'html' | 'docx' | 'markdown' | 'pdf'
  tables: readonly RecognizedTable[]
  problems: ImportProblem[]
}

/** Build the document from prose and recognised tables; every gap becomes a problem. */
export function assemble(input: ProseInput, options: ImportOptions = {}): ImportResult {
  const problems = [...input.problems]
  const { title, body: text } = input
  const headings = findPartHeadings(text)
  const preambleText = text.slice(0, headings[0]?.start ?? text.length)
  const parts: Partial<Record<PartId, Block[]>> = {}
  const publishedHeadings: Partial<Record<PartId, string>> = {}
  headings.forEach((h, i) => {
    const next = headings[i + 1]
    parts[h.part] = proseBlocks(text.slice(h.end, next ? next.start : text.length))
    const canonical = PARTS.find((p) => p.id === h.part)?.heading
    if (canonical && normalizeLabel(h.text) !== normalizeLabel(canonical)) publishedHeadings[h.part] = h.text
  })
  for (const part of PARTS) {
    if (!headings.some((h) => h.part === part.id)) problems.push(problem('PART_MISSING', { part: part.id }))
  }

  const year = options.year ?? detectYear(title, text)
  if (year === null) throw new Error('IMPORT_NO_YEAR')
  const detectedName = detectAgencyName(preambleText)
  const agency: AgencyRef = options.agency ?? {
    name: detectedName ?? (title.replace(/\d{4}年.*$/u, '') || '未知机关'),
    code: null,
    level: 'city',
    kind: 'department',
    region: null,
  }
  if (!options.agency) problems.push(problem('AGENCY_UNCONFIRMED', { name: agency.name }))

  const { template, tables, templateProblems } = chooseTemplate(input.tables, year)
  problems.push(...templateProblems)

  const parsed = ReportDocumentSchema.safeParse({
    agency,
    year,
    template,
    title,
    preamble: proseBlocks(preambleText),
    period: detectPeriod(preambleText),
    parts,
    headings: publishedHeadings,
    tables,
    keyFigures: extractKeyFigures(parts),
    source: { kind: input.kind, filename: options.filename ?? null, url: options.url ?? null },
  })
  if (!parsed.success) throw tooLarge(parsed.error.issues)
  const document = parsed.data
  for (const t of TABLE_IDS as TableId[]) {
    if (!tableGiven(document, t) && !problems.some((p) => p.code === 'TABLE_VALUES_LOST' && p.where.table === t)) problems.push(problem('TABLE_MISSING', { table: t }))
  }
  return { document, problems }
}

/**
 * What was read does not fit a report document. Nothing the importer builds is malformed, so
 * this is size: more blocks, items or characters than a report can hold.
 */
function tooLarge(issues: ReadonlyArray<{ path: PropertyKey[]; code: string; maximum?: unknown }>): ImportError {
  const first = issues[0]!
  const where = first.path.map(String).join('.')
  const max = first.code === 'too_big' ? String(first.maximum) : '?'
  return new ImportError('TOO_LARGE', `内容超出一份报告可容纳的大小：${where} 最多 ${max}`, `More than a report can hold: ${where} allows at most ${max}`)
}

/** Read a plain-text report. Deterministic: the same text gives the same document. */
export function importText(raw: string, options: ImportOptions = {}): ImportResult {
  const problems: ImportProblem[] = []
  let source = raw.replace(/\r\n?/g, '\n')
  if (looksTraditional(source)) {
    source = toSimplified(source)
    problems.push(problem('TRADITIONAL_CONVERTED', {}))
  }
  // The tables by their labels in reading order (page text, converter text, run-together cells).
  const toks = tokenizeText(source)
  const linear = readLinear(toks)
  let proseSource = source
  for (const span of [...linear.spans].sort((a, b) => b.from - a.from)) {
    const from = toks[span.from]?.start ?? 0
    const to = toks[span.to - 1]?.end ?? from
    proseSource = `${proseSource.slice(0, from)}\n${proseSource.slice(to)}`
  }
  const text = cleanText(source)
  // Tables flattened one cell per line, read as grids: kept where they read better.
  const lines = text.split('\n')
  const flat = flatTables(lines)
    .map((f, i) => ({ ...f, table: recognizeGrid(f.grid, i) }))
    .filter((f) => f.table !== null)
  const tables = preferReadings(flat.map((f) => f.table!), linear.tables)
  const usedGrid = tables.some((t) => flat.some((f) => f.table === t))
  const prose = usedGrid ? lines.filter((_, n) => !flat.some((f) => n >= f.from && n < f.to)) : cleanText(proseSource).split('\n')
  const at = titleLine(prose)
  const title = (prose[at] ?? '').slice(0, 200).trim()
  const body = prose.slice(at + 1).join('\n')
  return assemble({ title, body, kind: 'text', tables, problems }, options)
}
