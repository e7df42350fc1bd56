import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { exportReport, parseCsv, sampleReports, toCsv } from '@gongkai/schema'
import { describe, expect, it } from 'vitest'
import { reportHtml } from '../../../packages/importer/test/fixtures.ts'
import { importBatchCommand, importCommand, type ImportCliOptions } from './cli-import.ts'
import { CliError } from './cli-report.ts'

const dir = mkdtempSync(join(tmpdir(), 'gongkai-cli-import-'))
const html = join(dir, 'report.html')
writeFileSync(html, reportHtml(sampleReports().find((s) => s.document.template === '2021')!.document))

async function refusal(run: () => Promise<unknown>): Promise<CliError> {
  try {
    await run()
  } catch (e) {
    expect(e).toBeInstanceOf(CliError)
    return e as CliError
  }
  return expect.unreachable('accepted')
}

describe('gongkai import options', () => {
  const bad: Array<[ImportCliOptions, string, string]> = [
    [{ year: 'abc' }, 'USAGE', '--year must be a year from 2008 to 2100, not "abc"'],
    [{ year: '1999' }, 'USAGE', '--year must be a year from 2008 to 2100'],
    [{ level: 'county' }, 'USAGE', '--level and --kind go with --agency'],
    [{ agency: '示例局', level: 'village' }, 'USAGE', '--level must be one of national|province|city|county|township'],
    [{ out: 'csv' }, 'BAD_FORMAT', '--out must be cells-json'],
    [{ format: 'xml' }, 'BAD_FORMAT', '--format must be auto|html'],
    [{ base: 'report.json' }, 'USAGE', '--base goes with --format official-csv'],
    [{ format: 'official-csv' }, 'USAGE', "an official-layout CSV does not give the agency's level and kind"],
  ]

  it('refuses a bad option before reading the file, with a code and both languages (exit 2)', async () => {
    for (const [options, code, en] of bad) {
      const err = await refusal(() => importCommand(html, options))
      expect([options, err.code, err.exitCode]).toEqual([options, code, 2])
      expect(err.en).toContain(en)
      expect(err.zh).toMatch(/[\u4e00-\u9fff]/)
    }
  })

  it('import-batch refuses a bad option once, instead of failing every file', async () => {
    const lines: string[] = []
    const err = await refusal(() => importBatchCommand(dir, { year: 'abc' }, (s) => lines.push(s)))
    expect(err.code).toBe('USAGE')
    expect(lines).toEqual([])
  })

  it('reads the file when the options are right', async () => {
    const r = await importCommand(html, { agency: '示例省人民政府', level: 'province', kind: 'government', year: '2021', json: true })
    expect(r.exitCode).toBe(0)
    expect(JSON.parse(r.output).document.agency).toMatchObject({ name: '示例省人民政府', level: 'province', kind: 'government' })
  })
})

describe('gongkai import --format official-csv', () => {
  const sample = sampleReports().find((s) => s.document.template === '2019')!.document
  const json = join(dir, 'official.json')
  writeFileSync(json, exportReport(sample, 'json'))
  const csvFile = (name: string, rows: string[][]) => {
    const path = join(dir, name)
    writeFileSync(path, toCsv(rows))
    return path
  }
  const rows = () => parseCsv(exportReport(sample, 'official-csv'))

  it('reads the CSV back into the base report, exactly', async () => {
    const r = await importCommand(csvFile('same.csv', rows()), { format: 'official-csv', base: json, json: true })
    expect(r.exitCode).toBe(0)
    expect(JSON.parse(r.output)).toEqual({ document: sample, problems: [] })
  })

  it('takes a changed figure, and refuses a row with a dropped cell whole, naming the line (exit 2)', async () => {
    const edited = rows()
    const line = edited.findIndex((r) => r[0] === '（一）予以公开')
    edited[line]![1] = '4321'
    const r = await importCommand(csvFile('edited.csv', edited), { format: 'official-csv', base: json, json: true })
    const cells = JSON.parse(r.output).document.tables['三'].cells as Record<string, { value?: number; raw?: string }>
    const changed = Object.keys(cells).filter((k) => JSON.stringify(cells[k]) !== JSON.stringify(sample.tables['三'].cells[k]))
    expect(changed.map((k) => [k, cells[k]!.value, cells[k]!.raw])).toEqual([[changed[0], 4321, '4321']])

    edited[line] = edited[line]!.slice(0, -1)
    const err = await refusal(() => importCommand(csvFile('dropped.csv', edited), { format: 'official-csv', base: json }))
    expect([err.code, err.exitCode]).toEqual(['INVALID_CELLS', 2])
    expect(err.zh).toContain(`第${line + 1}行`)
    expect(err.en).toContain(`Line ${line + 1}`)
  })

  it('refuses a file that is not an official-layout CSV, and import-batch of one', async () => {
    const err = await refusal(() => importCommand(html, { format: 'official-csv', base: json }))
    expect([err.code, err.exitCode]).toEqual(['INVALID_CSV', 2])
    expect(err.en).toContain('not an official-layout CSV')
    const batch = await refusal(() => importBatchCommand(dir, { format: 'official-csv', agency: '示例局' }, () => {}))
    expect(batch.code).toBe('USAGE')
  })
})
