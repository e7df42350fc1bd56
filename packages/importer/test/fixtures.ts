import { TEMPLATES, getCell, cellId, PARTS, type ReportDocument, type TableId, type Block } from '@gongkai/schema'
import { Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun } from 'docx'

// Realistic report pages built from a (consistent, fictional) report document: the official
// table layout with rowspans and colspans inside a CMS page with navigation debris. Options
// damage them the ways published pages are damaged.

export interface Damage {
  /** Drop the blank cells of this table-三 row (as some converters do). */
  dropBlanksInRow?: string
  /** Print table 四's leaf headers one character per row. */
  verticalHeaders?: boolean
  /** Split 商业企业 / 科研机构 headers over two rows. */
  splitHeaders?: boolean
  /** Remove the numbers, keep the labels. */
  loseValuesOf?: TableId
  /** Leave out part numbers in headings ("、总体情况"). */
  dropHeadingNumbers?: boolean
  /** Rename row labels with ASCII punctuation and spaces. */
  asciiLabels?: boolean
  /** An extra provincial row in table 二's first block. */
  extraRow?: boolean
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;')

function cellText(doc: ReportDocument, t: TableId, id: string, damage: Damage): string {
  if (damage.loseValuesOf === t) return ''
  const c = getCell(doc, t, id)
  return c.state === 'value' ? (c.raw ?? String(c.value)) : c.state === 'na' ? (c.raw ?? '/') : c.state === 'blank' ? '' : ''
}

const ascii = (s: string, d: Damage) =>
  d.asciiLabels ? s.replace(/（/g, '(').replace(/）/g, ')').replace(/“|”/g, '"').replace(/、/, '、 ') : s

function table3(doc: ReportDocument, d: Damage): string {
  const section = TEMPLATES[doc.template].tables['三'].sections[0]!
  const leafs = section.columns.filter((c) => c.groups.length === 2)
  const split = (l: string) => (d.splitHeaders ? `${l.slice(0, 2)}</td></tr><tr>` : l)
  let html = `<table border="1"><tr><td rowspan="3" colspan="3">${section.rows.length ? TEMPLATES[doc.template].tables['三'].corner : ''}</td><td colspan="7">申请人情况</td></tr>`
  html += `<tr><td rowspan="2">自然人</td><td colspan="5">法人或其他组织</td><td rowspan="2">总计</td></tr>`
  html += d.splitHeaders
    ? `<tr>${leafs.map((c) => `<td>${c.label.slice(0, 2)}<br>${c.label.slice(2)}</td>`).join('')}</tr>`
    : `<tr>${leafs.map((c) => `<td>${c.label}</td>`).join('')}</tr>`
  void split
  let openGroups: readonly string[] = []
  for (const row of section.rows) {
    const groups = row.groups
    groups.forEach((g, i) => {
      if (openGroups[i] !== g) html += `<tr><td colspan="10">${esc(ascii(g, d))}</td></tr>`
    })
    openGroups = groups
    const cells = section.columns.map((c) => cellText(doc, '三', cellId(row.key, c.key), d))
    const shown = d.dropBlanksInRow === row.key ? cells.filter((t) => t !== '') : cells
    html += `<tr><td colspan="3">${esc(ascii(row.label, d))}</td>${shown.map((t) => `<td>${t}</td>`).join('')}</tr>`
  }
  return html + '</table>'
}

function table4(doc: ReportDocument, d: Damage): string {
  const leaf = ['结果维持', '结果纠正', '其他结果', '尚未审结', '总计']
  const vertical = (labels: string[]) => {
    const depth = Math.max(...labels.map((l) => l.length))
    return Array.from({ length: depth }, (_, i) => `<tr>${labels.map((l) => `<td>${l[i] ?? ''}</td>`).join('')}</tr>`).join('')
  }
  let html = `<table border="1"><tr><td colspan="5" rowspan="2">行政复议</td><td colspan="10">行政诉讼</td></tr>`
  html += `<tr><td colspan="5">未经复议直接起诉</td><td colspan="5">复议后起诉</td></tr>`
  html += d.verticalHeaders
    ? vertical([...leaf, ...leaf, ...leaf])
    : `<tr>${[...leaf, ...leaf, ...leaf].map((l) => `<td>${l}</td>`).join('')}</tr>`
  const cols = TEMPLATES[doc.template].tables['四'].sections[0]!.columns
  return html + `<tr>${cols.map((c) => `<td>${cellText(doc, '四', cellId('main', c.key), d)}</td>`).join('')}</tr></table>`
}

function table2(doc: ReportDocument, d: Damage): string {
  const cols = Math.max(...TEMPLATES[doc.template].tables['二'].sections.map((s) => s.columns.length))
  let html = '<table border="1">'
  TEMPLATES[doc.template].tables['二'].sections.forEach((s, si) => {
    html += `<tr><td colspan="${cols + 1}">${s.title}</td></tr>`
    html += `<tr><td>信息内容</td>${s.columns.map((c) => `<td>${c.label}</td>`).join('')}</tr>`
    for (const r of s.rows)
      html += `<tr><td>${r.label}</td>${s.columns.map((c) => `<td>${cellText(doc, '二', cellId(r.key, c.key), d)}</td>`).join('')}</tr>`
    if (d.extraRow && si === 0) html += `<tr><td>其他主动公开文件</td>${s.columns.map(() => '<td>7</td>').join('')}</tr>`
  })
  return html + '</table>'
}

const prose = (blocks: readonly Block[]) =>
  blocks
    .map((b) =>
      b.type === 'heading'
        ? `<p><strong>${esc(b.text)}</strong></p>`
        : b.type === 'paragraph'
          ? `<p>${esc(b.text)}</p>`
          : `<ul>${b.items.map((i) => `<li>${esc(i)}</li>`).join('')}</ul>`,
    )
    .join('\n')

export function reportHtml(doc: ReportDocument, d: Damage = {}): string {
  const heading = (h: string) => (d.dropHeadingNumbers ? h.replace(/^[一二三四五六]/, '') : h)
  const parts = PARTS.map((p) => {
    const table = p.table === '二' ? table2(doc, d) : p.table === '三' ? table3(doc, d) : p.table === '四' ? table4(doc, d) : ''
    return `<p><strong>${heading(p.heading)}</strong></p>\n${prose(doc.parts[p.id])}\n${table}`
  }).join('\n')
  return `<!doctype html><html><head><meta charset="utf-8"><title>${esc(doc.title)}_政府信息公开</title></head>
<body><div class="nav">首页 | 政务公开 | 年度报告 | 打印本页 关闭窗口</div>
<div class="main"><h1>${esc(doc.title)}</h1>
<div id="zoom">${prose(doc.preamble)}
${parts}</div></div><div class="footer">网站地图 | 联系我们</div></body></html>`
}

/** The three tables as rows of cell texts (group headers as one-cell rows), for Markdown and DOCX. */
function tableRows(doc: ReportDocument): Record<TableId, { header: string[][]; rows: string[][]; width: number }> {
  const t = TEMPLATES[doc.template].tables
  const v = (table: TableId, row: string, col: string) => cellText(doc, table, cellId(row, col), {})
  const s3 = t['三'].sections[0]!
  const rows3: string[][] = []
  let open: readonly string[] = []
  for (const r of s3.rows) {
    r.groups.forEach((g, i) => open[i] !== g && rows3.push([g]))
    open = r.groups
    rows3.push([r.label, ...s3.columns.map((c) => v('三', r.key, c.key))])
  }
  const rows2: string[][] = []
  for (const sec of t['二'].sections) {
    rows2.push([sec.title!], ['信息内容', ...sec.columns.map((c) => c.label)])
    for (const r of sec.rows) rows2.push([r.label, ...sec.columns.map((c) => v('二', r.key, c.key))])
  }
  const c4 = t['四'].sections[0]!.columns
  return {
    二: { header: [], rows: rows2, width: 4 },
    三: { header: [['', ...s3.columns.map((c) => c.label)]], rows: rows3, width: 8 },
    四: {
      header: [
        ['', '行政复议', '', '', '', '', '行政诉讼'],
        ['', ...c4.map((c) => c.label)],
      ],
      rows: [['', ...c4.map((c) => v('四', 'main', c.key))]],
      width: 16,
    },
  }
}

/** The same report as Markdown with pipe tables, as PDF-to-Markdown converters print it. */
export function reportMarkdown(doc: ReportDocument): string {
  const tables = tableRows(doc)
  const md = (table: TableId) => {
    const { header, rows, width } = tables[table]
    const pad = (r: string[]) => `| ${[...r, ...Array(Math.max(0, width - r.length)).fill('')].join(' | ')} |`
    const head = header.length ? header : [Array(width).fill('')]
    return [...head.map(pad), `|${' --- |'.repeat(width)}`, ...rows.map(pad)].join('\n')
  }
  const prose = (blocks: readonly Block[]) => blocks.map((b) => (b.type === 'list' ? b.items.join('\n') : b.text)).join('\n\n')
  return `# ${doc.title}\n\n${prose(doc.preamble)}\n\n${PARTS.map((p) => `## ${p.heading}\n\n${prose(doc.parts[p.id])}\n\n${p.table ? md(p.table) : ''}`).join('\n\n')}\n`
}

/**
 * The report as a PDF-to-Markdown tool may give it: each table under a "## 表…" heading of its
 * own, table 二's blocks without their title rows (`blocks: 'split'`, one pipe table per block,
 * each with its header; or `'one'`, every row in the first block's table, as wide as its own
 * block), table 三's rows without a header, and table 四's fifteen figures alone as one row under
 * the text "行政复议行政诉讼". Blank cells are kept as empty cells; rows the report does not have
 * (every cell not reported) are left out.
 */
export function reportConvertedMarkdown(doc: ReportDocument, blocks: 'split' | 'one'): string {
  const T = TEMPLATES[doc.template].tables
  const v = (t: TableId, r: string, c: string) => cellText(doc, t, cellId(r, c), {})
  const t2 = ['## 表二：主动公开政府信息情况']
  T['二'].sections.forEach((s, i) => {
    if (blocks === 'split' || i === 0) {
      if (i > 0) t2.push('')
      t2.push(`| 信息内容 | ${s.columns.map((c) => c.label).join(' | ')} |`, `|---${'|---'.repeat(s.columns.length)}|`)
    }
    for (const r of s.rows) t2.push(`| ${r.label} | ${s.columns.map((c) => v('二', r.key, c.key)).join(' | ')} |`)
  })
  const s3 = T['三'].sections[0]!
  const t3 = ['## 表三：收到和处理政府信息公开申请情况']
  for (const r of s3.rows) {
    if (s3.columns.every((c) => getCell(doc, '三', cellId(r.key, c.key)).state === 'not_reported')) continue
    t3.push(`| ${r.label} | ${s3.columns.map((c) => v('三', r.key, c.key)).join(' | ')} |`)
  }
  const t4 = ['行政复议行政诉讼', `| ${T['四'].sections[0]!.columns.map((c) => v('四', 'main', c.key)).join(' | ')} |`]
  const tables: Partial<Record<TableId, string[]>> = { 二: t2, 三: t3, 四: t4 }
  const text = (bs: readonly Block[]) => bs.map((b) => (b.type === 'list' ? b.items.join('\n') : b.text))
  const parts = PARTS.map((p) => [p.heading, ...text(doc.parts[p.id]), (p.table ? (tables[p.table] ?? []) : []).join('\n')].join('\n\n'))
  return ['正文', doc.title, ...text(doc.preamble), ...parts].join('\n\n') + '\n'
}

/** The same report as a Word file: paragraphs and tables, group headers spanning their columns. */
export async function reportDocx(doc: ReportDocument): Promise<Uint8Array> {
  const tables = tableRows(doc)
  const p = (text: string) => new Paragraph({ children: [new TextRun(text)] })
  const cellOf = (text: string, columnSpan = 1) => new TableCell({ children: [p(text)], columnSpan })
  const row = (cells: string[], width: number) => {
    // A one-text row (a block title, a group of rows) spans the table, as in the official layout.
    if (cells.length === 1) return new TableRow({ children: [cellOf(cells[0]!, width)] })
    return new TableRow({ children: cells.map((c) => cellOf(c)) })
  }
  const table = (t: TableId) => {
    const { header, rows, width } = tables[t]
    const head =
      t === '四'
        ? [new TableRow({ children: [cellOf(''), cellOf('行政复议', 5), cellOf('行政诉讼', 10)] }), row(header[1]!, width)]
        : header.map((h) => row(h, width))
    return new Table({ rows: [...head, ...rows.map((r) => row(r, width))] })
  }
  const blocks = (bs: readonly Block[]) => bs.flatMap((b) => (b.type === 'list' ? b.items.map(p) : [p(b.text)]))
  const children = [
    p(doc.title),
    ...blocks(doc.preamble),
    ...PARTS.flatMap((part) => [p(part.heading), ...blocks(doc.parts[part.id]), ...(part.table ? [table(part.table)] : [])]),
  ]
  return new Uint8Array(await Packer.toBuffer(new Document({ sections: [{ children }] })))
}

/** The report as text scraped from its page: prose, and every table cell on a line of its own. */
export function reportFlatText(doc: ReportDocument, d: Damage = {}): string {
  const html = reportHtml(doc, d)
  const cellsOf = (table: string) =>
    [...table.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((m) =>
      m[1]!
        .replace(/<br>/g, '')
        .replace(/<[^>]+>/g, '')
        .trim(),
    )
  return html
    .replace(/<head>[\s\S]*?<\/head>/, '')
    .replace(/<table[\s\S]*?<\/table>/g, (t) => `\n${cellsOf(t).join('\n')}\n`)
    .replace(/<\/p>|<\/li>|<\/h1>|<\/div>/g, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&amp;/g, '&')
}

/**
 * A PDF as Word or WPS writes it when 宋体 is not embedded: the text is in STSong-Light with the
 * UniGB-UCS2-H encoding, so it can only be read with the Adobe character maps. Lines wrap at 38
 * characters, 40 lines to an A4 page. Written by hand (a few kilobytes) because PDF libraries
 * always embed the font they are given.
 */
export function unembeddedFontPdf(doc: ReportDocument): Uint8Array {
  const wrap = (t: string) => t.match(/.{1,38}/gu) ?? []
  const blockLines = (bs: Block[]) => bs.flatMap((b) => (b.type === 'list' ? b.items : [b.text]).flatMap(wrap))
  const lines = [
    ...wrap(doc.title),
    ...blockLines(doc.preamble),
    ...PARTS.flatMap((p) => [...wrap(doc.headings[p.id] ?? p.heading), ...blockLines(doc.parts[p.id])]),
  ]
  const pages: string[][] = []
  for (let i = 0; i < lines.length; i += 40) pages.push(lines.slice(i, i + 40))
  return songPdf(pages.map((l) => ({ lines: l })))
}

/**
 * A PDF of A4 pages, each with lines of text in the unembedded STSong-Light (as Word or WPS
 * writes it, see above), and, where `picture` is set, a picture painted first over the whole page
 * (a scanner's page image) or over some lines (a table's screenshot): a tiny grey image, scaled.
 */
export function songPdf(pages: ReadonlyArray<{ lines: readonly string[]; picture?: true | { line: number; lines: number } }>): Uint8Array {
  const hex = (s: string) => [...s].map((c) => c.charCodeAt(0).toString(16).padStart(4, '0')).join('')
  const enc = new TextEncoder()
  // Objects: 1 catalog, 2 pages, 3 font, 4 CID font, 5 descriptor, then a page and its content each.
  const objs = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    `<< /Type /Pages /Kids [${pages.map((_, i) => `${6 + 2 * i} 0 R`).join(' ')}] /Count ${pages.length} >>`,
    '<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [4 0 R] >>',
    '<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 4 >> /FontDescriptor 5 0 R /DW 1000 >>',
    '<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [0 -200 1000 900] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>',
    ...pages.flatMap((page, i) => {
      // The whole page, or as wide as the text over `lines` lines from line `line` (a table's screenshot).
      const at =
        page.picture === true
          ? '595 0 0 842 0 0'
          : page.picture
            ? `451 0 0 ${page.picture.lines * 18} 72 ${780 - (page.picture.line + page.picture.lines - 1) * 18 - 4}`
            : ''
      const picture = at ? `q ${at} cm BI /W 2 /H 2 /CS /G /BPC 8 /F /AHx ID 80404080> EI Q\n` : ''
      const content = picture + page.lines.map((l, k) => `BT /F1 12 Tf 72 ${780 - k * 18} Td <${hex(l)}> Tj ET`).join('\n')
      return [
        `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents ${7 + 2 * i} 0 R >>`,
        `<< /Length ${enc.encode(content).length} >>\nstream\n${content}\nendstream`,
      ]
    }),
  ]
  let out = '%PDF-1.4\n'
  const offsets: number[] = []
  objs.forEach((o, i) => {
    offsets.push(enc.encode(out).length)
    out += `${i + 1} 0 obj\n${o}\nendobj\n`
  })
  const xref = enc.encode(out).length
  out += `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`
  out += `trailer\n<< /Size ${objs.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`
  return enc.encode(out)
}

/**
 * Text in a legacy Chinese encoding, as older CMSs still serve it. There is no encoder for these
 * in the platform, so the two-byte table is built by decoding every code pair once.
 */
export function encodeLegacy(text: string, encoding: 'gb18030' | 'big5'): Uint8Array {
  const table = legacyTables.get(encoding) ?? buildLegacyTable(encoding)
  legacyTables.set(encoding, table)
  const out: number[] = []
  for (const ch of text) {
    const code = ch.codePointAt(0)!
    if (code < 0x80) out.push(code)
    else {
      const pair = table.get(ch)
      if (!pair) throw new Error(`no ${encoding} code for ${ch}`)
      out.push(...pair)
    }
  }
  return new Uint8Array(out)
}

const legacyTables = new Map<string, Map<string, [number, number]>>()
function buildLegacyTable(encoding: string): Map<string, [number, number]> {
  const decoder = new TextDecoder(encoding, { fatal: true })
  const table = new Map<string, [number, number]>()
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue
      try {
        const ch = decoder.decode(new Uint8Array([lead, trail]))
        if (ch.length === 1 && !table.has(ch)) table.set(ch, [lead, trail])
      } catch {
        // not a character in this encoding
      }
    }
  }
  return table
}
