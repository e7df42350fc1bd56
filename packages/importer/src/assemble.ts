import {
  PARTS,
  TABLE_IDS,
  T3_OTHER,
  cellDefs,
  type TemplateId,
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
import { problem, type ImportProblem } from './problems.ts'
import type { RecognizedTable } from './recognize.ts'
import { chooseTemplate } from './template.ts'
import { PAGE_NUMBER } from './tokens.ts'

// What every reader ends with: the tables a format's readers recognised, and the text around
// them, made into one report document. The agency, year and period from the document; the six
// parts from their headings; the template; the tables chosen and their unread cells marked;
// problems grouped. HTML, DOCX, PDF, Markdown and text all pass through here.

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
  /** What the document itself names, whatever the caller chose: for a batch to confirm. */
  detected?: { agency: string | null; year: number | null }
}

const CN_DIGITS = '一二三四五六'
/** What a table's first words are, right after its part's heading. */
const TABLE_START = '第二十条|[（(]本列|申请人情况|信息内容|行政复议'

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
    const words = bare.map(labelPattern).join('|')
    // (A space a page's encoding lost prints as "?": "????一、总体情况".)
    const re = new RegExp(`(?:^|[\\s|?？])(${num}\\s*(?:${words}))(?=\\s|$|[:：])`, 'gmu')
    // A crawler's text runs a numbered heading into its table ("二、主动公开政府信息情况第二十条…").
    // Numbered, and before a table's first words, part 四's heading is known even misprinted
    // ("四、政府信息公开行政法复议、行政诉讼情况").
    const loose = part.id === '四' ? `|政府信息公开[^。；\\s]{0,8}复议[^。；\\s]{0,8}诉讼情况` : ''
    const glued = new RegExp(`(?:^|[\\s|])(${part.id}\\s*[、.，,]\\s*(?:${words}${loose}))(?=${TABLE_START})`, 'gmu')
    re.lastIndex = from
    glued.lastIndex = from
    const spaced = re.exec(text)
    const run = glued.exec(text)
    const m = run && (!spaced || run.index < spaced.index) ? run : spaced
    if (!m || m[1] === undefined) continue
    const start = m.index + m[0].length - m[1].length
    // Run into its table, the rest of that run of text is the table's first words, not prose.
    const end = m === run ? start + (/^\S+/u.exec(text.slice(start))?.[0].length ?? m[1].length) : start + m[1].length
    hits.push({ part: part.id, start, end, text: m[1].trim() })
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
    // Page furniture a converter left between the lines ("- 2 -", "第 3 页") is no paragraph.
    .filter((p) => p.length > 0 && !PAGE_NUMBER.test(p))
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
  const m =
    /(20\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*(?:起)?\s*(?:到|至)\s*(20\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日/u.exec(text)
  if (!m) return null
  const d = (y?: string, mo?: string, da?: string) => `${y}-${mo?.padStart(2, '0')}-${da?.padStart(2, '0')}`
  return { start: d(m[1], m[2], m[3]), end: d(m[4], m[5], m[6]) }
}

/** Zones a report names bare, that are no people's government: 平潭综合实验区, 蒲纺工业园区. */
const ZONE = '(?:实验区|新区|开发区|示范区|风景区|景区|园区|高新区|保税区|管理区|合作区|试验区|社区)'

const AGENCY_END =
  '(?:人民政府|政府|办事处|街道|委员会|管委会|管理委员会|办公室|办公厅|研究室|局|厅|委|办|署|中心|院|所|站|队|会|社|馆|镇|乡|处|部|司)'

/**
 * "本报告由XX编制", "由XX负责": the body that compiles the report, when it is named as an agency
 * is (ending as one does). Not "由镇党政办具体负责" ("the township's office", no name: it starts
 * with the level alone) nor "由局办公室负责".
 */
function detectAgencyName(preamble: string): string | null {
  const m = new RegExp(
    `由\\s*([\u3400-\u9fff（）()]{2,40}?${AGENCY_END})\\s*(?:具体|统一|牵头)?(?:的政府信息公开|政府信息公开|编制|根据|负责)`,
    'u',
  ).exec(preamble)
  const name = m?.[1]
  return name && !/^[镇乡街县区市局委办厅部本我该]/u.test(name) ? name : null
}

/**
 * A name as a sentence that publishes the report prints it: "现向社会公布2021年石家庄市教育局政府信息公开
 * 工作年度报告" (a page whose first line is that sentence, not a title).
 */
function announcedName(text: string): string | null {
  const m =
    new RegExp(
      `(?:公布|发布|公开|印发)\\s*(?:19|20)\\d{2}\\s*年度?\\s*([\u3400-\u9fff（）()]{2,40}?${AGENCY_END})\\s*(?:政府)?信息公开(?:工作)?年度报告`,
      'u',
    ).exec(text) ??
    // The name before the year: "特编制湛江市人民政府地方志办公室2023年政府信息公开工作年度报告".
    new RegExp(
      `(?:编制|公布|发布|印发)\\s*([\u3400-\u9fff（）()]{2,40}?${AGENCY_END})\\s*(?:19|20)\\d{2}\\s*年度?\\s*(?:政府)?信息公开(?:工作)?年度报告`,
      'u',
    ).exec(text)
  const name = m?.[1]
  return name && !/^[镇乡街县区市局委办厅部本我该]/u.test(name) ? name : null
}

/** A name as the title prints it: what stands before the year ("XX市XX局2024年政府信息公开…"). */
function nameInTitle(raw: string): string | null {
  // A title that publishes the report by a notice: "关于印发《XX县人民政府2022年…年度报告》的通知".
  const quoted = /^\s*(?:标题[:：]\s*)?(?:[\u3400-\u9fff（）()]{0,40}?关于)?(?:印发|公布|发布|公开)?《([^》]{6,80})》/u.exec(raw)?.[1]
  return (quoted ? nameBeforeOrAfterYear(quoted) : null) ?? nameBeforeOrAfterYear(raw)
}

/** A viewer's page furniture before a title ("Page 8 - 威海市文登区信访局2022年…", a PDF's pages online). */
const PAGE_PREFIX = /^\s*(?:Page|P\.|第)\s*\d{1,3}\s*(?:页)?\s*[-－—–:：]\s*/iu

function nameBeforeOrAfterYear(text: string): string | null {
  const line = text.replace(PAGE_PREFIX, '')
  // A township or street may be named with one character before its ending (螅镇), a street as
  // 街 alone (天津's 佳荣里街).
  const m = new RegExp(
    `^\\s*(?:标题[:：]\\s*)?([\u3400-\u9fff（）()]{2,40}?${AGENCY_END}|[\u3400-\u9fff]{1,12}?(?:镇|乡|街)|[\u3400-\u9fff]{2,20}${ZONE})\\s*(?:关于)?\\s*(?:19|20)\\d{2}\\s*年`,
    'u',
  ).exec(line)
  // Or after the year: "2019年上海市人民政府办公厅政府信息公开工作年度报告"; "2022年度螅镇政府信息公开…"
  // is 螅镇's (the 政府 is 政府信息公开's).
  const after = new RegExp(
    `^\\s*(?:标题[:：]\\s*)?(?:19|20)\\d{2}\\s*年度?\\s*(?!度)([\u3400-\u9fff]{1,12}?(?:镇|乡)(?=\\s*政府信息公开)|[\u3400-\u9fff（）()]{2,40}?${AGENCY_END})\\s*(?:政府)?信息公开`,
    'u',
  ).exec(line)
  const name = m?.[1] ?? after?.[1] ?? null
  // A level or a word for "we" is no name (镇政府, 本局); a longer one may start so (市财政局).
  return name && !([...name].length <= 3 && /^[镇乡街县区市省局委办厅部本我该各全]/u.test(name)) ? name : null
}

const bare = (s: string) => normalizeLabel(s).replace(/[（）()]/g, '')
/**
 * A government, not one of its departments: a people's government, a street office or other
 * 办事处, an administrative committee, or a region named bare (中村乡, 大五里镇, 平潭综合实验区:
 * a report names its government so).
 */
function isGovernment(name: string): boolean {
  if (/人民政府$|办事处$|管理委员会$|管委会$|街道?$|苏木$/u.test(name)) return true
  return /(?:省|自治区|市|县|区|旗|州|盟|镇|乡)$/u.test(name) && !/[局委办厅署院所站队]|中心/u.test(name)
}

/** The same body: one name contains the other (a title may drop the city: 洪泽区人民政府). */
function sameAgency(a: string, b: string): boolean {
  const x = bare(a)
  const y = bare(b)
  return x.includes(y) || y.includes(x)
}

/**
 * The agency from the document itself: the title line, the line above it (a title set over two
 * lines), or the preamble ("本报告由淮安市洪泽区人民政府办公室编制"). The office that compiles a
 * government's report is not the reporting body: 办公室 is dropped when the rest is the
 * government the title names. Never a heading or a bare "2024 年…报告".
 */
function agencyFromDocument(title: string, before: string, preamble: string): string | null {
  const lastBefore =
    before
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean)
      .pop() ?? ''
  // A region named bare before the year is its government ("洪泽区2023年…"); a zone (蒲纺工业园区) is not one.
  const named = /^\s*(?:标题[:：]\s*)?([\u3400-\u9fff]{2,12}?(?:省|自治区|市|县|区|旗|州|盟))\s*(?:19|20)\d{2}\s*年/u.exec(
    title.replace(PAGE_PREFIX, ''),
  )?.[1]
  const region = named && !new RegExp(`${ZONE}$`, 'u').test(named) ? named : undefined
  const fromTitle =
    nameInTitle(title) ??
    announcedName(title) ??
    (region ? `${region}人民政府` : null) ??
    (new RegExp(`^[\u3400-\u9fff（）()]{2,40}${AGENCY_END}$`, 'u').test(lastBefore) ? lastBefore : null)
  // A township's office (党政办公室, 党政综合办公室) compiles the township's report: it publishes none
  // of its own.
  const fromPreamble =
    (detectAgencyName(preamble) ?? announcedName(preamble))?.replace(
      /((?:镇|乡|街道)人民政府|街道办事处)(?:党政)?(?:综合)?办公室$/u,
      '$1',
    ) ?? null
  if (fromPreamble) {
    const government = fromPreamble.replace(/办公室$|办公厅$/u, '')
    if (fromTitle && bare(government).endsWith(bare(fromTitle))) return government
    if (fromTitle && bare(fromPreamble).endsWith(bare(fromTitle))) return fromPreamble
    // The preamble's formal name over the title's short one (杭州市行政审批服务管理办公室, 杭州市审管办).
    return fromPreamble
  }
  return fromTitle
}

/**
 * Where the title and preamble name no agency ("2023年政府信息公开工作年度报告"), the report still
 * says whose it is: the contact line ("如对本报告有疑问，请与施甸县太平镇人民政府联系") or the
 * page's own record ("发布机构：泸西县午街铺镇", "信息来源：正阳镇"), or the subject of its first
 * sentences ("官洲街道办事处认真贯彻落实…"). Only a guess to show: such a
 * line may name the office that answers for several agencies, so it is never held against the
 * agency a clerk chose.
 */
function agencyNamedElsewhere(before: string, text: string): string | null {
  const contact = new RegExp(
    `请(?:与|联系|致电)\\s*([\u3400-\u9fff（）()]{2,40}?${AGENCY_END})\\s*(?:联系|联络|咨询|[（(，,：:]\\s*(?:地址|电话|联系电话|邮编))`,
    'u',
  ).exec(text)?.[1]
  const record = new RegExp(
    `(?:发布机构|发文机关|信息来源|来源)\\s*[:：|｜]?\\s*\\|?\\s*([\u3400-\u9fff（）()]{2,40}?(?:${AGENCY_END}|[\u3400-\u9fff]{2,12}(?:镇|乡|街道)))(?=\\s|[|｜]|$)`,
    'mu',
  ).exec(before)?.[1]
  // The subject of the report's first sentences: "2023年，…，官洲街道办事处认真贯彻落实…",
  // "2022年，抚远市自然资源局不断强化…": a full name (with its region) doing what a report says it did.
  const subject = new RegExp(
    `(?:^|[，,。；;：:]|年)\\s*([\u3400-\u9fff]{2,24}?(?:街道办事处|人民政府|${AGENCY_END}))\\s*(?:认真|深入|坚持|不断|紧紧|严格|持续|全面|高度|积极|按照|始终|围绕|聚焦|立足|扎实|进一步|切实|大力|着力|继续|依法|紧扣|贯彻)`,
    'mu',
  ).exec(text.slice(0, 2000))?.[1]
  const full = subject && /省|自治区|市|县|区|旗|州|盟|镇|乡|街道/u.test(subject) && !/[、，,]/u.test(subject) ? subject : undefined
  for (const name of [contact, record, full]) {
    // Not a level or a collective ("县…", "我局", "各乡镇", "全区…"): no name.
    if (!name || /^[镇乡街县区市局委办厅部本我该各全上下其此]/u.test(name)) continue
    // The office that answers for a government or a department ("…人民政府办公室", "…局办公室",
    // a township's "…镇人民政府党政办公室") stands for it.
    return name.replace(/((?:人民政府|政府|局|委员会|厅|管委会|管理委员会|办事处))(?:党政)?(?:综合)?(?:办公室|办公厅)$/u, '$1')
  }
  return null
}

export interface ProseInput {
  /** The report's title as published. */
  title: string
  /** Everything after the title: preamble and the six parts, tables removed. */
  body: string
  kind: 'text' | 'html' | 'docx' | 'doc' | 'markdown' | 'pdf'
  /** Lines before the title (a title set over two lines keeps the agency there). */
  before?: string
  /** The document's opening as printed, tables not taken out (a PDF's preamble may sit in one). */
  head?: string
  tables: readonly RecognizedTable[]
  problems: ImportProblem[]
  /** Tables printed as pictures: in the source, with no text to read. */
  imageTables?: readonly TableId[]
  /** Characters of a PDF's text layer that map to no character (fonts without a Unicode map). */
  garbled?: number
}

/** Build the document from prose and recognised tables; every gap becomes a problem. */
export function assemble(input: ProseInput, options: ImportOptions = {}): ImportResult {
  const problems = [...input.problems]
  const { body: text } = input
  // A title is a line. A reading that found none may offer a paragraph: its first 200 characters
  // stand as the title (the clerk sees and edits it), never a refusal of the whole file.
  const title = [...input.title].length > 200 ? [...input.title].slice(0, 200).join('') : input.title
  // Bytes, but nothing to read: white space, an empty page, a Word file whose body is empty.
  if (!/\S/u.test(title + text) && input.tables.length === 0)
    throw new ImportError(
      'EMPTY',
      '文件中没有可读取的文字（空白文档或空白网页）',
      'The file holds no text to read (a blank document or page)',
    )
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

  const detectedYear = detectYear(title, text)
  const year = options.year ?? detectedYear
  if (year === null) throw new ImportError('NO_YEAR', '无法从原文判断年度，请指定', 'The year cannot be read from the source; give it')
  const detectedName = agencyFromDocument(title, input.before ?? '', `${preambleText}\n${input.head ?? ''}`)
  // What to show when no agency was chosen: the document's own name, else one a line elsewhere gives.
  const shownName = detectedName ?? (options.agency ? null : agencyNamedElsewhere(input.before ?? '', text))
  // The four municipalities directly under the central government are provinces.
  const municipality = /^(?:北京市|天津市|上海市|重庆市)/u.test(shownName ?? '') && !/[县区旗]/u.test((shownName ?? '').slice(3))
  // A central body: named without any region (国家统计局, 教育部, 海关总署, 国务院办公厅).
  const central =
    !!shownName &&
    !/省|自治区|市|县|区|旗|州|盟|镇|乡|街道/u.test(shownName) &&
    /^(?:国家|国务院|中国|中华人民共和国)|(?:部|总局|总署)$/u.test(shownName)
  const level = central
    ? 'national'
    : shownName && /街道|镇|乡|街$/u.test(shownName) && !/局|委员会$/u.test(shownName)
      ? 'township'
      : municipality || (/省|自治区/u.test(shownName ?? '') && !/[市县区]/u.test(shownName ?? ''))
        ? 'province'
        : /[县区旗]/u.test(shownName ?? '')
          ? 'county'
          : 'city'
  const agency: AgencyRef = options.agency ?? {
    name: shownName ?? '未知机关',
    code: null,
    level,
    kind: shownName && isGovernment(shownName) ? 'government' : 'department',
    region: null,
  }
  if (!options.agency) problems.push(problem('AGENCY_UNCONFIRMED', { name: agency.name }))
  // A file whose agency or year is not the one chosen: said before a draft is made from it.
  if (options.agency && detectedName && !sameAgency(options.agency.name, detectedName))
    problems.push(problem('AGENCY_DIFFERS', { found: detectedName, chosen: options.agency.name }))
  if (options.year && detectedYear && detectedYear !== options.year)
    problems.push(problem('YEAR_DIFFERS', { found: detectedYear, chosen: options.year }))

  const { template, tables, templateProblems } = chooseTemplate(input.tables, year)
  problems.push(...templateProblems)

  // What was found but not read is said, and marked unread: never passed off as not in the source.
  const unreadTables = markUnread(tables, template, input.tables, problems)
  for (const t of input.imageTables ?? []) {
    if (unreadTables.has(t) || Object.keys(tables[t].cells).length > 0) continue
    ;(tables[t] as { unread?: Record<string, string> }).unread = Object.fromEntries(
      cellDefs(template, t).map((d) => [d.id, 'TABLE_AS_IMAGE']),
    )
    unreadTables.add(t)
    problems.push(problem('TABLE_AS_IMAGE', { table: t }))
  }
  // A text layer that is partly garbage: a table not found may be there, unreadable.
  if (input.garbled) {
    problems.push(problem('TEXT_GARBLED', { count: input.garbled }))
    for (const t of TABLE_IDS) {
      if (unreadTables.has(t) || Object.keys(tables[t].cells).length > 0) continue
      ;(tables[t] as { unread?: Record<string, string> }).unread = Object.fromEntries(
        cellDefs(template, t).map((d) => [d.id, 'TEXT_GARBLED']),
      )
      unreadTables.add(t)
      problems.push(problem('TABLE_UNREADABLE', { table: t }))
    }
  }

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
  const noTables = input.tables.every((t) => t.score === 0)
  if (year < 2019 && noTables) problems.push(problem('NOT_NATIONAL_FORMAT', { year }))
  else {
    for (const t of TABLE_IDS as TableId[]) {
      if (!tableGiven(document, t) && !unreadTables.has(t)) problems.push(problem('TABLE_MISSING', { table: t }))
    }
  }
  return { document, problems: groupProblems(problems), detected: { agency: detectedName, year: detectedYear } }
}

type ChosenTables = ReturnType<typeof chooseTemplate>['tables']

/**
 * A table whose labels were found is in the source. Its cells that were not read are marked
 * unread (an error until a clerk fills them in), whether no value could be read at all
 * (TABLE_UNREADABLE) or only some rows (TABLE_PARTIAL, listing them). The 2021 rows of
 * （六）其他处理 are not missing when the report printed the 2019 single row instead.
 */
function markUnread(
  tables: ChosenTables,
  template: TemplateId,
  readings: readonly RecognizedTable[],
  problems: ImportProblem[],
): Set<TableId> {
  const found = new Set<TableId>()
  for (const t of TABLE_IDS as TableId[]) {
    if (!readings.some((r) => r.table === t && r.score > 0)) continue
    found.add(t)
    const own = tables[t]
    const printedOtherRow = own.extras.some((e) => e.row.some((l) => normalizeLabel(l) === normalizeLabel(T3_OTHER)))
    // A block printed in the other layout is kept as extras under its title: its cells here are
    // not in the source, not unread.
    const otherLayout = new Set(
      readings
        .filter((r) => r.table === t)
        .flatMap((r) => r.mixed ?? [])
        .map(normalizeLabel),
    )
    const missing = cellDefs(template, t).filter(
      (d) =>
        !own.cells[d.id] &&
        !(t === '三' && printedOtherRow && d.row.key.startsWith('other_')) &&
        !(t === '二' && otherLayout.has(normalizeLabel(d.section.title ?? ''))),
    )
    if (!missing.length) continue
    const reason = Object.keys(own.cells).length === 0 ? 'TABLE_UNREADABLE' : 'TABLE_PARTIAL'
    const unread: Record<string, string> = {}
    for (const d of missing) unread[d.id] = reason
    ;(own as { unread?: Record<string, string> }).unread = unread
    const rows = [...new Set(missing.map((d) => d.row.label || d.column.label))]
    const listed = rows.length > 6 ? `${rows.slice(0, 6).join('、')} 等 ${rows.length} 行` : rows.join('、')
    if (reason === 'TABLE_UNREADABLE') problems.push(problem('TABLE_UNREADABLE', { table: t }))
    else problems.push(problem('TABLE_PARTIAL', { table: t, missing: `${missing.length} 个单元格（${listed}）`, count: missing.length }))
  }
  return found
}

/** The same message many times is one problem, with a count and the rows it concerns. */
export function groupProblems(problems: readonly ImportProblem[]): ImportProblem[] {
  const out: ImportProblem[] = []
  const groups = new Map<string, ImportProblem[]>()
  for (const p of problems) {
    const key = `${p.code}|${p.where.table ?? ''}`
    if (
      !['ROW_UNREADABLE', 'CELLS_RUN_TOGETHER', 'LABEL_UNKNOWN', 'LABEL_FUZZY', 'CELL_UNREADABLE', 'COLUMNS_MISALIGNED'].includes(p.code)
    ) {
      out.push(p)
      continue
    }
    const list = groups.get(key)
    if (list) list.push(p)
    else {
      groups.set(key, [p])
      out.push(p)
    }
  }
  return out.map((p) => {
    const list = groups.get(`${p.code}|${p.where.table ?? ''}`)
    if (!list || list.length < 2 || list[0] !== p) return p
    const rows = list.map((x) => String(x.where.row ?? x.where.label ?? '')).filter(Boolean)
    return {
      ...p,
      where: { ...p.where, count: list.length, rows: rows.join('；') },
      message: {
        zh: `${p.message.zh}（同类共 ${list.length} 处：${rows.slice(0, 8).join('；')}${rows.length > 8 ? '…' : ''}）`,
        en: `${p.message.en} (${list.length} alike: ${rows.slice(0, 8).join('; ')}${rows.length > 8 ? '…' : ''})`,
      },
    }
  })
}

/**
 * What was read does not fit a report document. Nothing the importer builds is malformed, so
 * this is size: more blocks, items or characters than a report can hold.
 */
function tooLarge(issues: ReadonlyArray<{ path: PropertyKey[]; code: string; maximum?: unknown }>): ImportError {
  const first = issues[0]
  if (!first) throw new Error('a document that does not fit has at least one issue')
  const where = first.path.map(String).join('.')
  const max = first.code === 'too_big' ? String(first.maximum) : '?'
  return new ImportError(
    'TOO_LARGE',
    `内容超出一份报告可容纳的大小：${where} 最多 ${max}`,
    `More than a report can hold: ${where} allows at most ${max}`,
  )
}
