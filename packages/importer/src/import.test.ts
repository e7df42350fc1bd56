import { strToU8, zipSync } from 'fflate'
import { sampleReports, validateReport, type ReportDocument } from '@gongkai/schema'
import OpenCC from 'opencc-js/cn2t'
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { encodeLegacy, reportDocx, reportFlatText, reportHtml, reportMarkdown, songPdf, unembeddedFontPdf } from '../test/fixtures.ts'
import { detectFormat, importReport, ImportError } from './index.ts'
import { importText } from './text.ts'

const samples = sampleReports()
const r2021 = samples.find((s) => s.agency.code === 'demo-990100-amr' && s.document.year === 2021)!
const r2019 = samples.find((s) => s.agency.code === 'demo-990000' && s.document.year === 2020)!
const agencyOf = (s: typeof r2021) => s.document.agency
const codes = (problems: Array<{ code: string }>) => problems.map((p) => p.code)

/** The cells of every table, without the importer's provenance. */
const cells = (doc: ReportDocument) => ({ 二: doc.tables['二'].cells, 三: doc.tables['三'].cells, 四: doc.tables['四'].cells })

describe('HTML from a government CMS', () => {
  for (const s of [r2021, r2019]) {
    it(`reads every cell of a ${s.document.template} report, and detects the template from the labels`, async () => {
      const { document, problems } = await importReport(reportHtml(s.document), { agency: agencyOf(s) })
      expect(cells(document)).toEqual(cells(s.document))
      expect(document.template).toBe(s.document.template)
      expect(codes(problems)).toContain('TEMPLATE_FROM_LABELS')
      expect(codes(problems)).not.toContain('TABLE_MISSING')
      expect(document.title).toBe(s.document.title)
      expect(document.parts['一'].length).toBeGreaterThan(0)
      expect(document.period).toEqual(s.document.period)
      // Every cell knows where it came from.
      expect(document.tables['三'].provenance?.['new|natural']).toMatchObject({
        grid: { table: 1 },
        text: String((s.document.tables['三'].cells['new|natural'] as { value: number }).value),
      })
    })
  }

  it('is deterministic: the same page gives byte-identical output', async () => {
    const html = reportHtml(r2021.document)
    const a = await importReport(html, { agency: agencyOf(r2021) })
    const b = await importReport(html, { agency: agencyOf(r2021) })
    expect(JSON.stringify(a)).toBe(JSON.stringify(b))
  })

  it('refuses a row whose blank cells were dropped, instead of shifting its values', async () => {
    const doc = structuredClone(r2021.document)
    doc.tables['三'].cells['withheld_1|commercial'] = { state: 'blank', raw: '' }
    doc.tables['三'].cells['withheld_1|research'] = { state: 'blank', raw: '' }
    const { document, problems } = await importReport(reportHtml(doc, { dropBlanksInRow: 'withheld_1' }), { agency: agencyOf(r2021) })
    const misaligned = problems.filter((p) => p.code === 'COLUMNS_MISALIGNED')
    expect(misaligned).toHaveLength(1)
    expect(misaligned[0]!.where).toMatchObject({ table: '三', row: '1.属于国家秘密', found: 8, expected: 10 })
    expect(Object.keys(document.tables['三'].cells).filter((id) => id.startsWith('withheld_1|'))).toEqual([])
    expect(document.tables['三'].cells['withheld_2|natural']).toEqual(doc.tables['三'].cells['withheld_2|natural'])
  })

  it('reads Traditional characters and the converter’s 檔案 for 文件', async () => {
    const tw = OpenCC.Converter({ from: 'cn', to: 'tw' })(reportHtml(r2019.document)).replace(/文件/g, '檔案')
    const { document, problems } = await importReport(tw, { agency: agencyOf(r2019) })
    expect(codes(problems)).toContain('TRADITIONAL_CONVERTED')
    expect(cells(document)).toEqual(cells(r2019.document))
  })

  it('reads a mirror’s Traditional characters with their pinyin printed after them in brackets', async () => {
    const pinyin: Record<string, string> = { 規: 'guī', 項: 'xiàng', 數: 'shù', 對: 'duì', 強: 'qiǎng', 費: 'fèi', 請: 'qǐng' }
    const tw = OpenCC.Converter({ from: 'cn', to: 'tw' })(reportHtml(r2019.document)).replace(
      /[規項數對強費請]/gu,
      (c) => `${c}(${pinyin[c]})`,
    )
    expect(tw).toContain('第二十條第（一）項(xiàng)')
    const { document, problems } = await importReport(tw, { agency: agencyOf(r2019) })
    expect(codes(problems)).toContain('TRADITIONAL_CONVERTED')
    expect(cells(document)).toEqual(cells(r2019.document))
  })

  it('reads headers printed one character per row, and headers split over two rows', async () => {
    const { document } = await importReport(reportHtml(r2021.document, { verticalHeaders: true, splitHeaders: true }), {
      agency: agencyOf(r2021),
    })
    expect(cells(document)).toEqual(cells(r2021.document))
  })

  it('accepts ASCII punctuation in labels and headings without their numbers', async () => {
    const { document, problems } = await importReport(reportHtml(r2019.document, { asciiLabels: true, dropHeadingNumbers: true }), {
      agency: agencyOf(r2019),
    })
    expect(cells(document)).toEqual(cells(r2019.document))
    expect(codes(problems)).not.toContain('PART_MISSING')
  })

  it('reports a table whose numbers were lost as missing, never as zeros', async () => {
    const { document, problems } = await importReport(reportHtml(r2021.document, { loseValuesOf: '三' }), { agency: agencyOf(r2021) })
    expect(document.tables['三'].cells).toEqual({})
    // Its labels are there: the table is unreadable (an error, every cell marked unread), not absent.
    expect(problems.filter((p) => p.code === 'TABLE_UNREADABLE').map((p) => p.where.table)).toEqual(['三'])
    expect(problems.filter((p) => p.code === 'TABLE_MISSING').map((p) => p.where.table)).not.toContain('三')
    expect(document.tables['四'].cells).toEqual(r2021.document.tables['四'].cells)
  })

  it('keeps a row the template does not have, with its values', async () => {
    const { document, problems } = await importReport(reportHtml(r2021.document, { extraRow: true }), { agency: agencyOf(r2021) })
    expect(document.tables['二'].extras).toEqual([
      { row: ['其他主动公开文件'], column: ['本年制发件数'], cell: { state: 'value', value: 7, raw: '7' } },
      { row: ['其他主动公开文件'], column: ['本年废止件数'], cell: { state: 'value', value: 7, raw: '7' } },
      { row: ['其他主动公开文件'], column: ['现行有效件数'], cell: { state: 'value', value: 7, raw: '7' } },
    ])
    expect(problems.find((p) => p.code === 'LABEL_UNKNOWN')?.where).toMatchObject({ table: '二', label: '其他主动公开文件' })
    expect(cells(document)).toEqual(cells(r2021.document))
  })

  it('detects the template from the labels, not the year, and flags a layout that mixes them', async () => {
    // A 2022 report printed in the 2019 layout.
    const late = { ...structuredClone(r2019.document), year: 2022, title: '示例省人民政府2022年政府信息公开工作年度报告（示例）' }
    const a = await importReport(reportHtml(late), { agency: agencyOf(r2019) })
    expect(a.document.template).toBe('2019')
    // Table 二 in the 2019 layout, 三 and 四 in the 2021 one.
    const mixedHtml = reportHtml(r2021.document).replace(
      /<table border="1">[\s\S]*?<\/table>/,
      reportHtml(r2019.document).match(/<table border="1">[\s\S]*?<\/table>/)![0],
    )
    const b = await importReport(mixedHtml, { agency: agencyOf(r2021) })
    expect(codes(b.problems)).toContain('TEMPLATE_MIXED')
    expect(b.document.template).toBe('2021')
    // The 2019-layout numbers are kept by label, not forced into 2021 cells.
    expect(b.document.tables['二'].extras.some((e) => e.column.includes('本年新制作数量'))).toBe(true)
  })
})

describe('a table posted as a picture', () => {
  it('is in the source but unreadable: an error and unread cells, never "not in the source"', async () => {
    const html = reportHtml(r2021.document)
    let n = 0
    // The second <table> is table 三: replaced by the picture portals post instead.
    const withImage = html.replace(/<table[\s\S]*?<\/table>/g, (t) => (++n === 2 ? '<p><img src="/uploads/t3.png" alt="表三"></p>' : t))
    const { document, problems } = await importReport(withImage, { agency: agencyOf(r2021), year: r2021.document.year })
    expect(codes(problems)).toContain('TABLE_AS_IMAGE')
    expect(problems.find((p) => p.code === 'TABLE_MISSING' && p.where.table === '三')).toBeUndefined()
    expect(Object.keys(document.tables['三'].unread ?? {})).toHaveLength(175)
    expect(document.tables['二'].cells).toEqual(r2021.document.tables['二'].cells)
  })
})

describe('tables posted as pictures in Word and PDF', () => {
  // fixtures/tables-as-pictures.docx: a report whose three tables are pictures under their
  // headings (made with the docx library), and its PDF printed by LibreOffice 7.4.
  for (const file of ['tables-as-pictures.docx', 'tables-as-pictures.pdf']) {
    it(`${file}: each table is an error with its cells unread, never "not in the source"`, async () => {
      const bytes = new Uint8Array(readFileSync(new URL(`../fixtures/${file}`, import.meta.url)))
      const { document, problems } = await importReport(bytes, { year: 2022 })
      expect(problems.filter((p) => p.code === 'TABLE_AS_IMAGE').map((p) => p.where.table)).toEqual(['二', '三', '四'])
      expect(codes(problems)).not.toContain('TABLE_MISSING')
      expect(Object.keys(document.tables['三'].unread ?? {})).toHaveLength(175)
      expect(document.parts['五'].length).toBeGreaterThan(0)
    })
  }
})

describe('plain text with its tables flattened one cell per line', () => {
  for (const s of [r2021, r2019]) {
    it(`reads every cell of a ${s.document.template} report, its title and its six parts`, async () => {
      const { document, problems } = await importReport(reportFlatText(s.document), { agency: agencyOf(s) })
      expect(document.source.kind).toBe('text')
      expect(cells(document)).toEqual(cells(s.document))
      expect(document.title).toBe(s.document.title)
      expect(codes(problems)).not.toContain('PART_MISSING')
      expect(codes(problems)).toContain('TEMPLATE_FROM_LABELS')
      // The table cells are not read as prose too.
      expect(JSON.stringify(document.parts['三'])).not.toContain('自然人')
    })
  }

  it('reads layouts with "|" alone on a line between the cells', async () => {
    const piped = reportFlatText(r2021.document).replace(/\n(?=\d)/g, '\n|\n')
    const { document } = await importReport(piped, { agency: agencyOf(r2021) })
    expect(cells(document)).toEqual(cells(r2021.document))
  })

  it('reads a page given a paragraph a cell, where a blank cell is a line of spaces (&nbsp;) between the empty lines', async () => {
    // As stored page text gives a CMS's table: each cell a paragraph, parted by empty lines.
    const doc = structuredClone(r2021.document)
    doc.tables['二'].cells['art20_6.compulsion|decisions'] = { state: 'blank', raw: '' }
    for (const col of ['natural', 'commercial', 'research', 'ngo', 'legal', 'other'])
      doc.tables['三'].cells[`not_processed_1|${col}`] = { state: 'blank', raw: '' }
    const text = reportFlatText(doc)
      .split('\n')
      .map((l) => (l.trim() === '' ? '\u00a0' : l))
      .join('\n\n')
    const { document, problems } = await importReport(text, { agency: agencyOf(r2021) })
    expect(codes(problems)).not.toContain('COLUMNS_MISALIGNED')
    expect(cells(document)).toEqual(cells(doc))
    expect(document.tables['二'].cells['art20_6.compulsion|decisions']).toEqual({ state: 'blank', raw: '' })
  })

  it('reads a page given a paragraph a cell, where each further empty line is a blank cell (103, "", 3, "", "", "", 1)', async () => {
    // As a CMS's page text gives its table: an empty line after each cell, one more for each empty cell.
    const doc = structuredClone(r2021.document)
    let k = 0
    for (const [id, c] of Object.entries(doc.tables['三'].cells))
      if (c.state === 'value' && c.value === 0 && k++ % 2 === 0) doc.tables['三'].cells[id] = { state: 'blank', raw: '' }
    const text = reportFlatText(doc)
      .split('\n')
      .map((l) => (l === '' ? '' : `${l}\n`))
      .join('\n')
    const { document, problems } = await importReport(text, { agency: agencyOf(r2021) })
    expect(cells(document)).toEqual(cells(doc))
    expect(problems.filter((p) => p.severity === 'error')).toEqual([])
  })

  it('refuses a row that lost its blank cells rather than shifting the numbers after them', async () => {
    const doc = structuredClone(r2019.document)
    doc.tables['三'].cells['unable_2|research'] = { state: 'blank', raw: '' }
    const text = reportFlatText(doc).replace(/(2\.没有现成信息需要另行制作(?:\n[^\n]*){2})\n\n/, '$1\n')
    const { document, problems } = await importReport(text, { agency: agencyOf(r2019) })
    expect(problems.find((p) => p.code === 'COLUMNS_MISALIGNED')?.where).toMatchObject({
      table: '三',
      row: '2.没有现成信息需要另行制作',
      found: 7,
      expected: 8,
    })
    expect(Object.keys(document.tables['三'].cells).filter((id) => id.startsWith('unable_2|'))).toEqual([])
    expect(document.tables['三'].cells['unable_3|natural']).toEqual(doc.tables['三'].cells['unable_3|natural'])
  })
})

describe('a money column whose header prints its unit', () => {
  it('gives the 2019 procurement amount the unit its header states (采购总金额（万元，保留四位小数）), in HTML and in text', async () => {
    // The amount printed as a bare number, as most pages print it.
    const doc = structuredClone(r2019.document)
    doc.tables['二'].cells['art20_9.procurement|amount'] = { state: 'value', value: 12.35, raw: '12.35' }
    const labelled = (t: string) => t.replace(/采购总金额/g, '采购总金额（万元，保留四位小数）')
    const html = await importReport(labelled(reportHtml(doc)), { agency: agencyOf(r2019) })
    const text = await importReport(labelled(reportFlatText(doc)), { agency: agencyOf(r2019) })
    for (const { document } of [html, text]) {
      const amount = document.tables['二'].cells['art20_9.procurement|amount']
      expect(amount).toMatchObject({ state: 'value', unit: '万元' })
      expect(validateReport(document).findings.map((f) => f.rule)).not.toContain('UNIT')
    }
    // Without it, the amount has no unit, and the validator says so.
    const bare = await importReport(reportHtml(doc), { agency: agencyOf(r2019) })
    expect(bare.document.tables['二'].cells['art20_9.procurement|amount']).not.toHaveProperty('unit')
    expect(validateReport(bare.document).findings.map((f) => f.rule)).toContain('UNIT')
  })
})

describe('other formats', () => {
  it('takes at most 200 characters of a paragraph offered as the title, and never refuses the file for it', async () => {
    const paragraph = `测试局2021年政府信息公开工作年度报告${'本机关认真贯彻落实条例，推进政务公开。'.repeat(40)}`
    const { document } = await importReport(
      `<html><body><div>${paragraph}</div><div>一、总体情况</div><div>本年度推进政务公开。</div></body></html>`,
      {
        year: 2021,
      },
    )
    expect([...document.title]).toHaveLength(200)
    expect(document.title.startsWith('测试局2021年政府信息公开工作年度报告')).toBe(true)
  })

  it('calls a file with nothing to read empty (EMPTY, in both languages), whatever its format', async () => {
    for (const blank of ['   \n\t  \n', '<html><head><title></title></head><body><div> </div></body></html>'])
      await expect(importReport(blank, { year: 2021 })).rejects.toMatchObject({
        code: 'EMPTY',
        zh: expect.stringContaining('没有可读取的文字'),
        en: expect.stringContaining('no text to read'),
      })
  })

  for (const s of [r2021, r2019]) {
    it(`reads every cell of a ${s.document.template} report from Markdown pipe tables`, async () => {
      const md = reportMarkdown(s.document)
      expect(detectFormat(new TextEncoder().encode(md))).toBe('markdown')
      const { document, problems } = await importReport(md, { agency: agencyOf(s) })
      expect(cells(document)).toEqual(cells(s.document))
      expect(codes(problems)).not.toContain('PART_MISSING')
    })

    it(`reads every cell of a ${s.document.template} report from a DOCX, through mammoth and the HTML path`, async () => {
      const bytes = await reportDocx(s.document)
      expect(detectFormat(bytes)).toBe('docx')
      const { document, problems } = await importReport(bytes, { agency: agencyOf(s) })
      expect(document.source.kind).toBe('docx')
      expect(cells(document)).toEqual(cells(s.document))
      expect(document.title).toBe(s.document.title)
      expect(codes(problems)).not.toContain('PART_MISSING')
    })
  }

  for (const [file, sample, align] of [
    ['report-2021.pdf', () => r2021, 'left-aligned'],
    ['report-2019.pdf', () => r2019, 'centred'],
  ] as const) {
    it(`reads every cell of a PDF printed from a web page (${file}, ${align} cells) through its text layer`, async () => {
      const s = sample()
      const bytes = new Uint8Array(readFileSync(new URL(`../fixtures/${file}`, import.meta.url)))
      expect(detectFormat(bytes)).toBe('pdf')
      const { document, problems } = await importReport(bytes, { agency: agencyOf(s) })
      // The caller's bytes are left intact (pdf.js would detach them).
      expect(bytes.length).toBeGreaterThan(1000)
      expect(document.source.kind).toBe('pdf')
      expect(cells(document)).toEqual(cells(s.document))
      expect(document.template).toBe(s.document.template)
      expect(document.title.normalize('NFKC')).toBe(s.document.title.normalize('NFKC').replace(/（/g, '(').replace(/）/g, ')'))
      expect(codes(problems)).not.toContain('PART_MISSING')
      expect(codes(problems)).not.toContain('TABLE_MISSING')
      expect(document.period).toEqual(s.document.period)
    })
  }

  it('reads a PDF whose Chinese font is not embedded (STSong-Light, as Word and WPS write 宋体) through the Adobe character maps', async () => {
    const seed = importText(readFileSync(new URL('../fixtures/seed-hangzhou-spb-2020.txt', import.meta.url), 'utf8')).document
    const bytes = unembeddedFontPdf(seed)
    expect(bytes.length).toBeLessThan(40_000)
    const { document, problems } = await importReport(bytes, { agency: seed.agency })
    expect(document.source.kind).toBe('pdf')
    expect(document.title).toBe(seed.title)
    expect(document.year).toBe(2020)
    expect(document.parts).toEqual(seed.parts)
    expect(document.keyFigures.map((f) => [f.metric, f.value])).toEqual(seed.keyFigures.map((f) => [f.metric, f.value]))
    // The tables were lost before the PDF was made: they are missing, not zero.
    expect(problems.filter((p) => p.code === 'TABLE_MISSING').map((p) => p.where.table)).toEqual(['二', '三', '四'])
  })

  it('refuses a report larger than a document can hold with a clear error naming the part, never a crash', async () => {
    const seed = readFileSync(new URL('../fixtures/seed-hangzhou-spb-2020.txt', import.meta.url), 'utf8')
    const huge = seed + '\n' + Array.from({ length: 2_500 }, (_, i) => `附件说明第${i + 1}条。`).join('\n')
    const err = await importReport(huge).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(ImportError)
    expect(err).toMatchObject({ code: 'TOO_LARGE', zh: expect.stringContaining('parts.六'), en: expect.stringContaining('at most 2000') })
  })

  it('a table pasted as a picture among tables typed as text is an unread picture, not "not in the source"', async () => {
    const lines = [
      '示例县审计局2023年政府信息公开工作年度报告',
      '一、总体情况',
      '本机关依法公开政府信息。',
      '二、主动公开政府信息情况',
      '第二十条第（一）项',
      '信息内容    本年制发件数    本年废止件数    现行有效件数',
      '规章    0    0    0',
      '行政规范性文件    2    0    14',
      '三、收到和处理政府信息公开申请情况',
      ...Array(12).fill(''),
      '四、政府信息公开行政复议、行政诉讼情况',
      '行政复议  行政诉讼',
      '结果维持 结果纠正 其他结果 尚未审结 总计',
      '0 0 0 0 0 0 0 0 0 0 0 0 0 0 0',
      '五、存在的主要问题及改进情况',
      '宣传不够。',
      '六、其他需要报告的事项',
      '无。',
    ]
    const pdf = songPdf([{ lines, picture: { line: 9, lines: 12 } }])
    const { problems } = await importReport(pdf, { agency: agencyOf(r2021) })
    expect(problems.filter((p) => p.code === 'TABLE_AS_IMAGE').map((p) => p.where.table)).toEqual(['三'])
    expect(problems.filter((p) => p.code === 'TABLE_MISSING').map((p) => p.where.table)).not.toContain('三')
  })

  it('refuses a scan that carries a line of text on each page (a browser print’s header, a portal’s stamp) as a scan, not as a report without tables', async () => {
    const title = '淮安市洪泽区人民政府2024年政府信息公开工作年度报告'
    const scan = songPdf([1, 2, 3].map((n) => ({ picture: true, lines: [`2025/1/20 ${title}`, `${n}/3`] })))
    for (const options of [{}, { agency: agencyOf(r2021), year: 2024 }]) {
      await expect(importReport(scan, options)).rejects.toMatchObject({
        code: 'FORMAT_UNSUPPORTED',
        zh: expect.stringContaining('扫描件（前 3 页中 3 页是整页图片'),
        en: expect.stringContaining('is a scan'),
      })
    }
    // A long scan is told by its first six pages (each page looked at decodes its picture).
    const long = songPdf(Array.from({ length: 10 }, (_, n) => ({ picture: true as const, lines: [`${n + 1}/10`] })))
    await expect(importReport(long, { year: 2024 })).rejects.toMatchObject({ zh: expect.stringContaining('扫描件（前 6 页中 6 页') })
  })

  it('reads a report with a whole-page picture among its text pages (a 图解 page) as a report', async () => {
    const seed = importText(readFileSync(new URL('../fixtures/seed-hangzhou-spb-2020.txt', import.meta.url), 'utf8')).document
    const lines = [
      seed.title,
      ...seed.parts['一'].flatMap((b) => (b.type === 'list' ? b.items : [b.text]).flatMap((t) => t.match(/.{1,38}/gu) ?? [])),
    ]
    const withPicture = songPdf([{ lines: lines.slice(0, 40) }, { picture: true, lines: ['图解'] }])
    const { document } = await importReport(withPicture, { agency: seed.agency })
    expect(document.title).toBe(seed.title)
    expect(document.year).toBe(2020)
  })

  it('refuses a PDF with no text layer (a scan), saying so', async () => {
    const scan =
      '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF'
    await expect(importReport(new TextEncoder().encode(scan), { agency: agencyOf(r2021), year: 2021 })).rejects.toMatchObject({
      code: 'FORMAT_UNSUPPORTED',
      zh: expect.stringContaining('文字层'),
    })
  })

  it('refuses a PDF that needs a password to open, saying so; reads one that only restricts copying', async () => {
    const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../fixtures/${name}`, import.meta.url)))
    // Both made from tables-as-pictures.pdf by qpdf --encrypt (AES-256): one with a user password,
    // one with an owner password only (printing, copying and changes not allowed).
    await expect(importReport(fixture('password-to-open.pdf'), { agency: agencyOf(r2021), year: 2021 })).rejects.toMatchObject({
      code: 'FORMAT_UNSUPPORTED',
      zh: expect.stringContaining('打开密码'),
      en: expect.stringContaining('password'),
    })
    const open = await importReport(fixture('tables-as-pictures.pdf'), { agency: agencyOf(r2021), year: 2021 })
    const restricted = await importReport(fixture('copying-restricted.pdf'), { agency: agencyOf(r2021), year: 2021 })
    expect(restricted.document).toEqual(open.document)
    expect(restricted.problems).toEqual(open.problems)
  })

  it('detects the format from the content', () => {
    const enc = (s: string) => new TextEncoder().encode(s)
    expect(detectFormat(enc('%PDF-1.7 …'))).toBe('pdf')
    expect(detectFormat(enc('<div><p>报告</p></div>'))).toBe('html')
    expect(detectFormat(enc('杭州市审管办2020年政府信息公开工作年度报告'))).toBe('text')
  })

  it('reads a page served in GBK, as older CMSs declare with charset=gb2312, with every cell', async () => {
    const html = reportHtml(r2021.document).replace('<head>', '<head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">')
    const { document, problems } = await importReport(encodeLegacy(html, 'gb18030'), { agency: agencyOf(r2021) })
    expect(cells(document)).toEqual(cells(r2021.document))
    expect(document.title).toBe(r2021.document.title)
    expect(problems.find((p) => p.code === 'ENCODING_CONVERTED')?.message.zh).toContain('GB18030')
  })

  it('reads the seed saved as a GBK text file, and as Big5 in Traditional characters', async () => {
    const seedText = readFileSync(new URL('../fixtures/seed-hangzhou-spb-2020.txt', import.meta.url), 'utf8')
    const utf8 = await importReport(seedText)
    const gbk = await importReport(encodeLegacy(seedText, 'gb18030'))
    expect(gbk.document.parts).toEqual(utf8.document.parts)
    expect(gbk.document.keyFigures).toEqual(utf8.document.keyFigures)
    const traditional = OpenCC.Converter({ from: 'cn', to: 'tw' })(seedText)
    const big5 = await importReport(encodeLegacy(traditional, 'big5'))
    expect(codes(big5.problems)).toEqual(expect.arrayContaining(['ENCODING_CONVERTED', 'TRADITIONAL_CONVERTED']))
    expect(big5.document.year).toBe(2020)
    expect(big5.document.keyFigures.find((f) => f.metric === 'proactive_total')?.value).toBe(7118)
  })

  it('reads text saved as UTF-16 without a byte-order mark, either byte order, and no binary as such', async () => {
    const seedText = readFileSync(new URL('../fixtures/seed-hangzhou-spb-2020.txt', import.meta.url), 'utf8')
    const utf8 = await importReport(seedText)
    const le = new Uint8Array(seedText.length * 2)
    for (let i = 0; i < seedText.length; i++) {
      le[2 * i] = seedText.charCodeAt(i) & 0xff
      le[2 * i + 1] = seedText.charCodeAt(i) >> 8
    }
    const be = le.map((_, i) => le[i % 2 ? i - 1 : i + 1]!)
    for (const bytes of [le, be]) {
      const { document, problems } = await importReport(bytes)
      expect(document.parts).toEqual(utf8.document.parts)
      expect(document.keyFigures.find((f) => f.metric === 'proactive_total')?.value).toBe(7118)
      expect(problems.find((p) => p.code === 'ENCODING_CONVERTED')?.message.en).toMatch(/UTF-16/)
    }
    // Little-endian numbers with their zero high bytes are not text.
    const ints = new Uint8Array(4000).map((_, i) => (i % 2 ? 0 : (i * 7) % 256))
    await expect(importReport(ints, { year: 2021 })).rejects.toMatchObject({ code: 'FORMAT_UNSUPPORTED' })
  })

  it('keeps a UTF-8 file with one broken byte as UTF-8, marks the damage and reads the rest', async () => {
    const seedBytes = new Uint8Array(readFileSync(new URL('../fixtures/seed-hangzhou-spb-2020.txt', import.meta.url)))
    const broken = new Uint8Array([...seedBytes.subarray(0, 3000), 0xff, ...seedBytes.subarray(3000)])
    const { document, problems } = await importReport(broken)
    expect(problems.find((p) => p.code === 'TEXT_DAMAGED')).toMatchObject({ severity: 'warning', where: { encoding: 'utf-8', count: 1 } })
    expect(codes(problems)).not.toContain('ENCODING_CONVERTED')
    expect(document.title).toBe('杭州市审管办2020年政府信息公开工作年度报告(文字版、图解版)')
    expect(document.keyFigures.find((f) => f.metric === 'proactive_total')?.value).toBe(7118)
  })

  it('refuses a legacy .doc, an image or a non-report archive by name instead of reading bytes as text', async () => {
    const withMagic = (...magic: number[]) => new Uint8Array([...magic, ...new Array(600).fill(0x41)])
    await expect(importReport(withMagic(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1), { year: 2021 })).rejects.toMatchObject({
      code: 'FORMAT_UNSUPPORTED',
      zh: expect.stringContaining('.doc'),
      en: expect.stringContaining('DOCX or PDF'),
    })
    await expect(importReport(withMagic(0x89, 0x50, 0x4e, 0x47, 13, 10, 26, 10), { year: 2021 })).rejects.toMatchObject({
      code: 'FORMAT_UNSUPPORTED',
      zh: expect.stringContaining('图片'),
    })
    await expect(importReport(withMagic(0x50, 0x4b, 0x03, 0x04), { year: 2021 })).rejects.toMatchObject({
      code: 'FORMAT_UNSUPPORTED',
      en: expect.stringContaining('ZIP'),
    })
    const noise = new Uint8Array(4000).map((_, i) => (i * 7919) % 256)
    await expect(importReport(noise, { year: 2021 })).rejects.toMatchObject({
      code: 'FORMAT_UNSUPPORTED',
      zh: expect.stringContaining('无法识别'),
    })
  })

  it('names the document an archive is instead of a report (OFD, OpenDocument, spreadsheet, slides), asking for a PDF or DOCX', async () => {
    const zip = (files: Record<string, string>) =>
      zipSync(Object.fromEntries(Object.entries(files).map(([name, text]) => [name, [strToU8(text), { level: 0 }] as const])))
    const cases: Array<[Uint8Array, RegExp, RegExp]> = [
      [zip({ 'OFD.xml': '<ofd:OFD/>', 'Doc_0/Document.xml': '<ofd:Document/>' }), /OFD 版式文件/, /OFD .*upload the same report as a PDF/],
      [
        zip({ mimetype: 'application/vnd.oasis.opendocument.text', 'content.xml': '<office:document-content/>' }),
        /OpenDocument/,
        /save it as DOCX or PDF/,
      ],
      [zip({ '[Content_Types].xml': '<Types/>', 'xl/workbook.xml': '<workbook/>' }), /电子表格/, /spreadsheet/],
      [zip({ '[Content_Types].xml': '<Types/>', 'ppt/presentation.xml': '<p/>' }), /演示文稿/, /presentation/],
    ]
    for (const [bytes, zh, en] of cases)
      await expect(importReport(bytes, { year: 2021 })).rejects.toMatchObject({
        code: 'FORMAT_UNSUPPORTED',
        zh: expect.stringMatching(zh),
        en: expect.stringMatching(en),
      })
    // A zip of reports is still told to go to the batch import.
    await expect(importReport(zip({ 'a.html': '<p>x</p>', 'b.pdf': '%PDF-' }), { year: 2021 })).rejects.toMatchObject({
      en: expect.stringContaining('ZIP'),
    })
  })

  it('refuses what it cannot read with a code and both languages', async () => {
    await expect(importReport(new TextEncoder().encode('%PDF-1.7 broken'))).rejects.toMatchObject({ code: 'FORMAT_UNSUPPORTED' })
    await expect(importReport('')).rejects.toBeInstanceOf(ImportError)
    await expect(importReport('没有年份的文字')).rejects.toMatchObject({ code: 'NO_YEAR', zh: expect.stringContaining('年度') })
  })
})

describe('checkHead: a file judged by its first bytes', () => {
  it('refuses binaries at once and passes text cut inside a character', async () => {
    const { checkHead } = await import('./index.ts')
    const noise = new Uint8Array(65536).map((_, i) => (i * 7919 + 13) % 256)
    expect(() => checkHead(noise)).toThrow(expect.objectContaining({ code: 'FORMAT_UNSUPPORTED' }))
    const png = new Uint8Array(65536)
    png.set([0x89, 0x50, 0x4e, 0x47])
    expect(() => checkHead(png)).toThrow(expect.objectContaining({ zh: expect.stringContaining('图片') }))
    expect(() => checkHead(new Uint8Array([0x50, 0x4b, 3, 4, ...new TextEncoder().encode('a.txt')]))).toThrow(
      expect.objectContaining({ en: expect.stringContaining('ZIP') }),
    )
    expect(() => checkHead(new Uint8Array([0x50, 0x4b, 3, 4, ...new TextEncoder().encode('[Content_Types].xml')]))).not.toThrow()
    expect(() => checkHead(new TextEncoder().encode('plain text'), 'docx')).toThrow(expect.objectContaining({ code: 'FORMAT_UNSUPPORTED' }))
    // UTF-8 cut inside 政 (3 bytes), and GB18030 cut inside 中 (D6 D0): a head, not the whole file.
    const utf8 = new TextEncoder().encode('2020年政府信息公开'.repeat(4000)).subarray(0, 65536)
    expect(() => checkHead(utf8.subarray(0, 65535), 'auto', false)).not.toThrow()
    const gb = new Uint8Array(65535).map((_, i) => (i % 2 === 0 ? 0xd6 : 0xd0))
    expect(() => checkHead(gb, 'auto', false)).not.toThrow()
  })
})

// Shapes of real portal pages (corpus/real: p-hengnan-yjj-2020-own-columns, p-bjtzh-xinhua-2019-sub-rows,
// p-cqjlp-erlang-2022-prose-before-table), with figures that are not all 0 so a wrong place shows.
describe('table 二 as portal pages print it, their own way', () => {
  const page = (lines: string[]) => ['某县某局2020年政府信息公开工作年度报告', '一、总体情况', '本局推进政务公开。', ...lines].join('\n')
  const t2 = (doc: ReportDocument) => doc.tables['二'].cells

  it('reads a block by its own header when it names fewer columns than the template, never by position', async () => {
    const { document, problems } = await importReport(
      page([
        '二、主动公开政府信息情况',
        '第二十条第(一)项 | ||||',
        '信息内容 | 本年新制作数量 | 对外公开总数量 | ||',
        '规范性文件 | 5 | 9 | ||',
        '第二十条第(五)项 | ||||',
        '信息内容 | 项目数量 | 处理决定数量 | ||',
        '行政许可 | 4 | 142 | ||',
      ]),
    )
    expect(t2(document)['art20_1.normative|made']).toMatchObject({ state: 'value', value: 5 })
    expect(t2(document)['art20_1.normative|total']).toMatchObject({ state: 'value', value: 9 })
    expect(t2(document)['art20_1.normative|published']).toBeUndefined()
    expect(t2(document)['art20_5.licensing|decisions']).toMatchObject({ state: 'value', value: 142 })
    // 项目数量 is not the template's 上一年项目数量: named, not read.
    expect(t2(document)['art20_5.licensing|prev_items']).toBeUndefined()
    expect(t2(document)['art20_5.licensing|change']).toBeUndefined()
    expect(problems.find((p) => p.code === 'COLUMN_UNKNOWN')?.where).toMatchObject({ table: '二', column: '项目数量' })
  })

  it('does not give a row the figures of the rows printed under it', async () => {
    // The real page (all 0 there) with figures in its two sub-rows.
    const real = readFileSync(new URL('../corpus/real/p-bjtzh-xinhua-2019-sub-rows.page.txt', import.meta.url), 'utf8')
    const text = real
      .replace(/行政检查 \|\n0 \|\n0 \|\n0 \|/u, '行政检查 |\n5 |\n6 |\n7 |')
      .replace(/行政确认 \|\n0 \|\n0 \|\n0 \|/u, '行政确认 |\n1 |\n2 |\n3 |')
    expect(text).toContain('行政确认 |\n1 |')
    const { document, problems } = await importReport(text)
    expect(t2(document)['art20_1.normative|total']).toMatchObject({ state: 'value', value: 1 })
    for (const c of ['prev_items', 'change', 'decisions']) expect(t2(document)[`art20_5.other_services|${c}`]).toBeUndefined()
    expect(document.tables['二'].extras.map((e) => [e.row.at(-1), e.cell.state === 'value' ? e.cell.value : null])).toEqual([
      ['行政检查', 5],
      ['行政检查', 6],
      ['行政检查', 7],
      ['行政确认', 1],
      ['行政确认', 2],
      ['行政确认', 3],
    ])
    expect(problems.some((p) => p.code === 'ROW_UNREADABLE' && String(p.message.zh).includes('其他对外管理服务事项'))).toBe(true)
  })

  it('reads table 二 after a sentence of part 一 that states table 三’s first rows, and reports table 三 as not in the text', async () => {
    const { document, problems } = await importReport(
      page([
        '全年新收政府信息公开申请数量3件,上年结转政府信息公开申请数量1件。',
        '二、主动公开政府信息情况',
        '第二十条第(一)项 | |||',
        '信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |',
        '规章 | 1 | 0 | 2 |',
        '行政规范性文件 | 4 | 1 | 6 |',
        '第二十条第(五)项 | |||',
        '信息内容 | 本年处理决定数量 | ||',
        '行政许可 | 12 | ||',
      ]),
    )
    expect(document.template).toBe('2021')
    expect(t2(document)['art20_1.normative|in_force']).toMatchObject({ state: 'value', value: 6 })
    expect(t2(document)['art20_5.licensing|decisions']).toMatchObject({ state: 'value', value: 12 })
    expect(document.tables['三'].cells).toEqual({})
    expect(problems.filter((p) => p.where.table === '三').map((p) => p.code)).toContain('TABLE_MISSING')
    expect(problems.filter((p) => p.where.table === '二').map((p) => p.code)).not.toContain('TABLE_MISSING')
  })

  it('finds part 一 when the text starts at its heading, with no title', async () => {
    const { document, problems } = await importReport(
      [
        '一、总体情况',
        '2020年，本局推进政务公开。',
        '二、主动公开政府信息情况',
        '第二十条第(五)项 | |||',
        '信息内容 | 本年处理决定数量 | ||',
        '行政许可 | 12 | ||',
        '行政处罚 | 3 | ||',
      ].join('\n'),
    )
    expect(problems.filter((p) => p.code === 'PART_MISSING').map((p) => p.where.part)).not.toContain('一')
    expect(JSON.stringify(document.parts['一'])).toContain('本局推进政务公开')
  })
})

describe('table 四 whose numbers a page lost', () => {
  it('is in the source and unread (TABLE_UNREADABLE), not "not in the source", when its header stands word by word with no value', async () => {
    const words = ['行政复议', '行政诉讼', '结果维持', '结果纠正', '其他结果', '尚未审结', '总计', '未经复议直接起诉', '复议后起诉']
    const text = [
      '某乡人民政府2019年政府信息公开工作年度报告',
      '一、总体情况',
      '2019年，我乡推进政务公开。',
      '四、政府信息公开行政复议、行政诉讼情况',
      ...words,
      '五、存在的主要问题及改进情况',
      '公开内容不够全面。',
    ].join('\n')
    const { document, problems } = await importReport(text)
    expect(document.tables['四'].cells).toEqual({})
    const of4 = problems.filter((p) => p.where.table === '四').map((p) => p.code)
    expect(of4).toContain('TABLE_UNREADABLE')
    expect(of4).not.toContain('TABLE_MISSING')
    // A report that never printed the table says so.
    const none = await importReport(text.replace(/四、政府信息公开行政复议[\s\S]*?(?=五、)/u, ''))
    expect(none.problems.filter((p) => p.where.table === '四').map((p) => p.code)).toContain('TABLE_MISSING')
  })
})
