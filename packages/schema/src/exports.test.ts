import { describe, expect, it } from 'vitest'
import { CellsImportError, fromCells, toCells } from './cells.ts'
import { SchemaError, emptyDocument, type ReportDocument } from './document.ts'
import { cellsCsv, parseCellsCsv } from './cells-csv.ts'
import { ReportInputError, parseCsv, toCsv } from './csv.ts'
import { exportReport } from './exports.ts'
import { readReportInput, readValidationInput } from './input.ts'
import { fromOfficialCsv, officialCsv, officialCsvHead, readOfficialCsv } from './official-csv.ts'
import { sampleReports } from './samples.ts'
import { cellDefs } from './templates.ts'

/** A report whose cells cover every state, an extra row and decimals. */
function mixed(): ReportDocument {
  const doc = structuredClone(sampleReports().find((s) => s.document.template === '2021')!.document)
  doc.tables['三'].cells['new|research'] = { state: 'blank', raw: '' }
  doc.tables['三'].cells['new|ngo'] = { state: 'na', raw: '/' }
  delete doc.tables['三'].cells['new|legal']
  doc.tables['二'].cells['art20_8.fees|fee_amount'] = { state: 'value', value: 75.926, raw: '75.9260' }
  doc.tables['二'].extras = [
    { row: ['第二十条第（一）项', '其他主动公开文件'], column: ['本年制发件数'], cell: { state: 'value', value: 4, raw: '4' } },
  ]
  return doc
}

describe('cells format', () => {
  it('lists every template cell with its label paths and state', () => {
    const doc = mixed()
    const cells = toCells(doc)
    expect(cells.cells.filter((c) => !c.extra)).toHaveLength(
      cellDefs('2021', '二').length + cellDefs('2021', '三').length + cellDefs('2021', '四').length,
    )
    expect(
      cells.cells.find((c) => c.table === '三' && c.row[0] === '一、本年新收政府信息公开申请数量' && c.column.at(-1) === '法律服务机构'),
    ).toMatchObject({ state: 'not_reported', value: null, raw: null })
    expect(cells.cells.find((c) => c.column.at(-1) === '社会公益组织' && c.row[0]?.startsWith('一'))).toMatchObject({
      state: 'na',
      raw: '/',
    })
  })

  it('round-trips through cells JSON, cells CSV and the JSON document without losing a state', () => {
    const doc = mixed()
    const viaJson = readReportInput(exportReport(doc, 'cells-json'))
    const viaCsv = readReportInput(exportReport(doc, 'cells-csv'))
    const viaDoc = readReportInput(exportReport(doc, 'json'))
    for (const back of [viaJson, viaCsv, viaDoc]) expect(back.tables).toEqual(doc.tables)
    expect(viaDoc).toEqual(doc)
  })

  it('reads what `gongkai import --json` prints ({ document, problems }) as the document in it', () => {
    const doc = mixed()
    const problems = [{ code: 'AGENCY_UNCONFIRMED', severity: 'warning', where: {}, message: { zh: '未核实', en: 'not confirmed' } }]
    expect(readReportInput(JSON.stringify({ document: doc, problems }, null, 2))).toEqual(doc)
    expect(readReportInput(JSON.stringify({ document: toCells(doc), problems: [] })).tables).toEqual(doc.tables)
    // An envelope around something that is not a report is still refused, naming the field.
    expect(() => readReportInput(JSON.stringify({ document: { ...doc, year: 'soon' }, problems }))).toThrow(/year/)
  })

  it('reads input without agency level or kind for validation only; as a report it is refused, naming the field', () => {
    const doc = mixed()
    const cells = toCells(doc)
    const { level: _level, kind: _kind, ...agency } = cells.agency
    const inputs = {
      'cells JSON': JSON.stringify({ ...cells, agency }),
      'cells JSON, null': JSON.stringify({ ...cells, agency: { ...agency, level: null, kind: null } }),
      'cells CSV': exportReport(doc, 'cells-csv').replaceAll(`,${doc.agency.level},${doc.agency.kind},`, ',,,'),
      'report JSON': JSON.stringify({ ...doc, agency }),
    }
    for (const [what, text] of Object.entries(inputs)) {
      const input = readValidationInput(text)
      expect(input.tables, what).toEqual(doc.tables)
      expect(input.agency.level ?? null, what).toBeNull()
      expect(input.agency.kind ?? null, what).toBeNull()
      try {
        readReportInput(text)
        expect.unreachable(what)
      } catch (e) {
        expect(e, what).toBeInstanceOf(SchemaError)
        expect(
          (e as SchemaError).issues.map((i) => i.path.join('.')),
          what,
        ).toEqual(['agency.level', 'agency.kind'])
      }
    }
    // A level that is given must still be one of the known ones.
    expect(() => readValidationInput(JSON.stringify({ ...cells, agency: { ...agency, level: 'village' } }))).toThrow(SchemaError)
  })

  it('accepts label variants and ASCII punctuation on import, and short paths where they are unique', () => {
    const doc = fromCells({
      agency: { name: '示例局', level: 'county', kind: 'department' },
      year: 2021,
      template: '2021',
      cells: [
        {
          table: '三',
          row: ['三、本年度办理结果', '(三) 不予公开', '3.危及"三安全一稳定"'],
          column: ['申请人情况', '法人或其他组织', '商业 企业'],
          state: 'value',
          value: 2,
        },
        { table: '二', row: ['第二十条  第(一)项', '规范性文件'], column: ['现行有效件'], state: 'value', value: 31 },
        { table: '四', row: [], column: ['行政诉讼', '复议后起诉', '总计'], state: 'blank' },
        { table: '三', row: ['四、结转下年度继续办理'], column: ['自然人'], state: 'value', value: 1 },
      ],
    })
    expect(doc.tables['三'].cells['withheld_3|commercial']).toEqual({ state: 'value', value: 2 })
    expect(doc.tables['二'].cells['art20_1.normative|in_force']).toEqual({ state: 'value', value: 31 })
    expect(doc.tables['四'].cells['main|lr_total']).toEqual({ state: 'blank' })
    expect(doc.tables['三'].cells['carried_out|natural']).toEqual({ state: 'value', value: 1 })
  })

  it('refuses cells it cannot place, naming each one, rather than guessing', () => {
    const bad = {
      agency: { name: '示例局', level: 'county', kind: 'department' },
      year: 2020,
      template: '2019',
      cells: [
        { table: '三', row: ['（六）其他处理', '3.其他'], column: ['自然人'], state: 'value', value: 1 },
        { table: '四', row: [], column: ['总计'], state: 'value', value: 1 },
        { table: '三', row: ['（一）予以公开'], column: ['自然人'], state: 'value', value: null },
      ],
    }
    try {
      fromCells(bad)
      expect.unreachable()
    } catch (e) {
      expect(e).toBeInstanceOf(CellsImportError)
      const problems = (e as CellsImportError).problems
      expect(problems.map((p) => [p.index, p.code])).toEqual([
        [0, 'CELL_UNKNOWN'],
        [1, 'CELL_AMBIGUOUS'],
        [2, 'CELL_INVALID'],
      ])
      expect(problems[0]!.message.zh).toContain('3.其他')
      expect(problems[1]!.message.en).toContain('full label path')
    }
  })
})

describe('CSV', () => {
  it('starts with a UTF-8 BOM and quotes what needs quoting', () => {
    const csv = toCsv([['a,b', 'say "hi"', '换\n行', ' lead']])
    expect(csv.startsWith('\uFEFF')).toBe(true)
    expect(parseCsv(csv)).toEqual([['a,b', 'say "hi"', '换\n行', ' lead']])
  })

  it('cells CSV parses back to the same cells document', () => {
    const doc = mixed()
    const back = parseCellsCsv(cellsCsv(doc))
    expect(back.cells).toEqual(toCells(doc).cells)
  })

  it('prints the official layout: headings, group rows, spans, and each state as published', () => {
    const doc = mixed()
    const rows = parseCsv(officialCsv(doc))
    const flat = rows.map((r) => r.join('|'))
    expect(flat).toContain('三、收到和处理政府信息公开申请情况')
    const header = rows.findIndex((r) => r[0]?.startsWith('（本列数据的勾稽关系为'))
    expect(rows[header]!.slice(1)).toEqual(['申请人情况', '', '', '', '', '', ''])
    expect(rows[header + 1]!.slice(1)).toEqual(['自然人', '法人或其他组织', '', '', '', '', '总计'])
    expect(rows[header + 2]!.slice(1)).toEqual(['', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', ''])
    const newRow = rows.find((r) => r[0] === '一、本年新收政府信息公开申请数量')!
    expect(newRow.slice(3, 6)).toEqual(['', '/', '未提供'])
    expect(flat).toContain('（三）不予公开')
    expect(rows.find((r) => r[0] === '行政事业性收费')![1]).toBe('75.9260')
    expect(flat.some((l) => l.includes('其他主动公开文件'))).toBe(true)
  })

  it('round-trips through the official layout, every state and the extra row included', () => {
    const doc = mixed()
    const back = fromOfficialCsv(officialCsv(doc), {
      ...doc,
      tables: { 二: { cells: {}, extras: [] }, 三: { cells: {}, extras: [] }, 四: { cells: {}, extras: [] } },
    })
    expect(back.tables).toEqual(doc.tables)
    for (const s of sampleReports()) expect(fromOfficialCsv(officialCsv(s.document), s.document).tables).toEqual(s.document.tables)
  })

  it('reads the title, agency, year and template from the first lines, and the rest from a base', () => {
    for (const s of sampleReports()) {
      const text = officialCsv(s.document)
      expect(officialCsvHead(text)).toEqual({
        title: s.document.title,
        agency: s.document.agency.name,
        year: s.document.year,
        template: s.document.template,
      })
      // Over a base with no tables and another title, agency name, year and template: the CSV's own lines win.
      const other = emptyDocument({ ...s.document.agency, name: '另一机关' }, 2011, s.document.template === '2019' ? '2021' : '2019')
      const base = {
        ...s.document,
        title: other.title,
        agency: other.agency,
        year: other.year,
        template: other.template,
        tables: other.tables,
      }
      expect(readOfficialCsv(text, base)).toEqual(s.document)
    }
  })

  it('refuses a CSV whose first lines are not an official-layout head, with a code and both languages', () => {
    const rows = parseCsv(officialCsv(mixed()))
    for (const bad of [
      [],
      [rows[0]!],
      [rows[0]!, ['示例局', '二〇二一', rows[1]![2]!]],
      [rows[0]!, [rows[1]![0]!, rows[1]![1]!, '某种格式']],
    ]) {
      try {
        officialCsvHead(toCsv(bad))
        expect.unreachable()
      } catch (e) {
        expect(e).toBeInstanceOf(ReportInputError)
        expect(e).toMatchObject({
          code: 'INVALID_CSV',
          zh: expect.stringContaining('官方格式'),
          en: expect.stringContaining('official-layout'),
        })
      }
    }
  })

  it('refuses a row with a dropped cell and an unreadable cell, naming each, instead of shifting', () => {
    const doc = mixed()
    const rows = parseCsv(officialCsv(doc))
    const newRow = rows.findIndex((r) => r[0] === '一、本年新收政府信息公开申请数量')
    rows[newRow] = rows[newRow]!.slice(0, -1)
    const disclosed = rows.findIndex((r) => r[0] === '（一）予以公开')
    rows[disclosed]![2] = '约30'
    try {
      fromOfficialCsv(toCsv(rows), doc)
      expect.unreachable()
    } catch (e) {
      expect(e).toBeInstanceOf(CellsImportError)
      const messages = (e as CellsImportError).problems.map((p) => p.message.zh)
      expect(messages).toHaveLength(2)
      expect(messages[0]).toContain('有 6 个数据单元格，应为 7 个')
      expect(messages[1]).toContain('约30')
    }
  })

  it('says a table is not given instead of printing an empty grid', () => {
    const doc = emptyDocument({ name: '示例局', code: null, level: 'city', kind: 'department', region: null }, 2020, '2019')
    const text = officialCsv(doc)
    expect(text.match(/未在原文中提供/g)).toHaveLength(3)
    expect(text).not.toMatch(/,0(,|\r)/)
    expect(fromOfficialCsv(text, doc).tables).toEqual(doc.tables)
  })
})

describe('cells the import could not read', () => {
  it('travel as unread, not as "not reported", through cells JSON and CSV and back', async () => {
    const { emptyDocument } = await import('./document.ts')
    const { toCells, fromCells } = await import('./cells.ts')
    const { cellsCsv, parseCellsCsv } = await import('./cells-csv.ts')
    const doc = emptyDocument({ name: '示例局', code: null, level: 'county', kind: 'department', region: null }, 2022, '2021')
    doc.tables['三'].unread = { 'new|natural': 'TABLE_PARTIAL' }
    const records = toCells(doc).cells
    expect(
      records.find((r) => r.table === '三' && r.row.at(-1) === '一、本年新收政府信息公开申请数量' && r.column.at(-1) === '自然人'),
    ).toMatchObject({ state: 'not_reported', unread: true })
    expect(records.filter((r) => r.unread)).toHaveLength(1)
    expect(Object.keys(fromCells(toCells(doc)).tables['三'].unread ?? {})).toEqual(['new|natural'])
    expect(Object.keys(fromCells(parseCellsCsv(cellsCsv(doc))).tables['三'].unread ?? {})).toEqual(['new|natural'])
  })
})
