import { generateTables, parseReportDocument, sampleReports, seededRandom, toCells, type ReportDocument } from '@gongkai/schema'
import { describe, expect, it } from 'vitest'
import { ByteSink, decodeCells, encodeCells, reportLines, writeReportLines, type Head } from './data-file.ts'

// The cells publishing stores for the year's download give the very lines the document gives.

const head = (doc: ReportDocument): Head => ({
  agency: doc.agency.name,
  code: doc.agency.code ?? '',
  region: doc.agency.region ?? '',
  level: doc.agency.level,
  kind: doc.agency.kind,
  year: doc.year,
  template: doc.template,
  revision: 3,
})

/** Extra rows with labels a CSV must quote (commas, quotes, a line break, edge spaces) and every state. */
function withExtras(doc: ReportDocument): ReportDocument {
  const copy = structuredClone(doc)
  copy.tables['三'].extras = [
    { row: ['其中：省级补充行, "甲"'], column: ['自然人'], cell: { state: 'value', value: 12.5 } },
    { row: [' 换行\n说明 '], column: ['合计'], cell: { state: 'blank' } },
    { row: ['小计'], column: ['其他'], cell: { state: 'not_reported' } },
  ] as ReportDocument['tables']['三']['extras']
  copy.tables['二'].extras = [{ row: ['补充'], column: ['数量'], cell: { state: 'na' } }] as ReportDocument['tables']['二']['extras']
  return parseReportDocument(JSON.parse(JSON.stringify(copy)))
}

describe('the stored cells of the year’s download', () => {
  const docs = [
    ...sampleReports().map((s) => s.document),
    ...[2019, 2023].map((year) =>
      parseReportDocument({
        ...sampleReports()[0]!.document,
        year,
        template: year < 2021 ? '2019' : '2021',
        tables: generateTables(year < 2021 ? '2019' : '2021', seededRandom(year), { scale: 3 }).tables,
      }),
    ),
  ]
  const all = [...docs, ...docs.map(withExtras)]

  it('give, for every template and with extra rows, byte for byte the CSV and JSONL lines of the document', () => {
    expect(all.some((d) => d.tables['三'].extras.length > 0)).toBe(true)
    for (const doc of all) {
      const decoded = decodeCells(encodeCells(doc))!
      expect(decoded.template).toBe(doc.template)
      for (const format of ['csv', 'jsonl'] as const) {
        const lines = reportLines(format, head(doc), toCells(doc).cells)
        expect(reportLines(format, head(doc), decoded.cells)).toBe(lines)
        // As the download writes them: UTF-8 bytes, the same text.
        const sink = new ByteSink()
        writeReportLines(sink, format, head(doc), decoded.cells)
        writeReportLines(sink, format, head(doc), toCells(doc).cells)
        expect(Buffer.from(sink.take()).equals(Buffer.from(new TextEncoder().encode(lines + lines)))).toBe(true)
      }
    }
  })

  it('writes a line whose state is not ASCII (never from a valid document) as UTF-8 all the same', () => {
    const sink = new ByteSink()
    const cells = [{ table: '三', row: ['甲'], column: ['乙'], state: '空白', value: null }]
    writeReportLines(sink, 'csv', head(docs[0]!), cells)
    expect(new TextDecoder().decode(sink.take())).toBe(reportLines('csv', head(docs[0]!), cells))
  })

  it('are refused (so the document is read) when they do not fit their template', () => {
    const doc = docs[0]!
    const stored = JSON.parse(encodeCells(doc)) as { template: string; cells: unknown[] }
    expect(decodeCells(JSON.stringify({ ...stored, cells: stored.cells.slice(1) }))).toBeNull()
    expect(decodeCells(JSON.stringify({ ...stored, template: '2099' }))).toBeNull()
    expect(decodeCells(JSON.stringify({ ...stored, template: doc.template === '2019' ? '2021' : '2019' }))).toBeNull()
  })
})
