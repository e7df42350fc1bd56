import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { exportReport, parseCsv, sampleReports, toCells, type ReportDocument } from '@gongkai/schema'
import { describe, expect, it } from 'vitest'
import { CliError, exportCommand, schemaCommand, validateCommand } from './cli-report.ts'

const dir = mkdtempSync(join(tmpdir(), 'gongkai-cli-'))
const write = (name: string, text: string) => {
  const path = join(dir, name)
  writeFileSync(path, text)
  return path
}
const [y2020, y2021] = sampleReports()
  .filter((s) => s.agency.code === 'demo-990100-amr')
  .map((s) => s.document) as [ReportDocument, ReportDocument]

describe('gongkai validate', () => {
  it('passes a consistent report, with its previous year', async () => {
    const r = await validateCommand(write('2021.json', exportReport(y2021, 'json')), {
      previous: write('2020.json', exportReport(y2020, 'json')),
    })
    expect(r.exitCode).toBe(0)
    expect(r.output).toContain('全部通过 all checks passed')
  })

  it('exits 1 and names the column when one cell breaks the balance, from a cells CSV', async () => {
    const bad = structuredClone(y2021)
    const cell = bad.tables['三'].cells['new|legal']
    if (cell?.state !== 'value') throw new Error('sample has no value')
    bad.tables['三'].cells['new|legal'] = { ...cell, value: cell.value + 2, raw: String(cell.value + 2) }
    const r = await validateCommand(write('bad.cells.csv', exportReport(bad, 'cells-csv')), { json: true })
    expect(r.exitCode).toBe(1)
    const result = JSON.parse(r.output) as { findings: Array<{ rule: string; cells: Array<{ column: string[] }> }> }
    const bal = result.findings.filter((f) => f.rule === 'T3-BAL')
    expect(bal).toHaveLength(1)
    expect(bal[0]!.cells[0]!.column.at(-1)).toBe('法律服务机构')
  })

  it('warns, but passes, when the cross-year carry-over disagrees', async () => {
    const prev = structuredClone(y2020)
    prev.tables['三'].cells['carried_out|natural'] = { state: 'value', value: 999 }
    const r = await validateCommand(write('2021b.json', exportReport(y2021, 'json')), {
      previous: write('2020b.json', JSON.stringify(prev)),
    })
    expect(r.exitCode).toBe(0)
    expect(r.output).toContain('YOY-CARRY')
  })

  it('checks a cells file that does not give the agency level or kind, and says which rule it skipped', async () => {
    const cells = toCells(y2021)
    const { level: _level, kind: _kind, ...agency } = cells.agency
    const path = write('unknown-agency.cells.json', JSON.stringify({ ...cells, agency }))
    const text = await validateCommand(path, {})
    expect(text.exitCode).toBe(0)
    expect(text.output).toContain('0 个错误 errors, 0 个警告 warnings, 1 条规则未检查 rules skipped')
    expect(text.output).toContain(
      '- 未检查 skipped LVL-规章\n    未检查「无规章制定权的机关填报了规章」：输入未提供机关层级（agency.level）和类型（agency.kind）\n    Not checked, "Rules (规章) reported by a body that cannot enact them": the input does not give agency.level and agency.kind',
    )
    expect(text.output).toMatch(/通过（部分规则未检查） passed; some rules not checked\n$/)
    const json = JSON.parse((await validateCommand(path, { json: true })).output) as {
      ok: boolean
      skipped: Array<{ rule: string; missing: string[]; message: { zh: string; en: string } }>
    }
    expect(json.ok).toBe(true)
    expect(json.skipped.map((s) => [s.rule, s.missing])).toEqual([['LVL-规章', ['level', 'kind']]])
    expect(json.skipped[0]!.message.zh).toMatch(/[\u4e00-\u9fff]/)
    // Errors are still errors: the other rules ran.
    const bad = structuredClone(cells)
    const total = bad.cells.find((c) => c.table === '三' && c.row[0]?.startsWith('一') && c.column.at(-1) === '总计')!
    total.value = (total.value ?? 0) + 1
    expect((await validateCommand(write('unknown-agency-bad.cells.json', JSON.stringify({ ...bad, agency })), {})).exitCode).toBe(1)
    // Only validate reads such input: a report needs both.
    try {
      await exportCommand(path, 'json')
      expect.unreachable()
    } catch (e) {
      expect((e as CliError).code).toBe('INVALID_REPORT')
      expect((e as CliError).en).toContain('agency.level')
    }
  })

  it('refuses unreadable, broken and invalid input with a code and both languages', async () => {
    const cases: Array<[string, string]> = [
      [join(dir, 'missing.json'), 'FILE_UNREADABLE'],
      [write('broken.json', '{"agency": '), 'BAD_JSON'],
      [write('invalid.json', JSON.stringify({ ...y2021, year: 'soon' })), 'INVALID_REPORT'],
      [
        write(
          'cells.json',
          JSON.stringify({
            agency: y2021.agency,
            year: 2021,
            template: '2021',
            cells: [{ table: '三', row: ['不存在的行'], column: ['自然人'], state: 'blank' }],
          }),
        ),
        'INVALID_CELLS',
      ],
      [write('empty.json', ' \n'), 'EMPTY'],
      [write('page.html', '<html><body><table><tr><td>一、总体情况</td></tr></table></body></html>'), 'UNKNOWN_INPUT'],
      [write('array.json', '[]'), 'INVALID_REPORT'],
      [write('partial.cells.csv', 'agency,year,template\n示例局,2021,2021\n'), 'INVALID_CSV'],
    ]
    for (const [path, code] of cases) {
      try {
        await validateCommand(path, {})
        expect.unreachable(code)
      } catch (e) {
        expect(e).toBeInstanceOf(CliError)
        expect((e as CliError).code).toBe(code)
        expect((e as CliError).exitCode).toBe(2)
        expect((e as CliError).zh).toMatch(/[\u4e00-\u9fff]/)
      }
    }
    try {
      await validateCommand(cases[2]![0], {})
    } catch (e) {
      // Each language names the field and what it expected.
      expect((e as CliError).en).toContain('year: Invalid input: expected number, received string')
      expect((e as CliError).zh).toContain('year: 无效输入：期望 数字')
    }
    try {
      await validateCommand(cases[7]![0], {})
    } catch (e) {
      expect((e as CliError).en).toContain('the cells CSV has no column "agency_level"')
      expect((e as CliError).zh).toContain('单元格 CSV 缺少列 agency_level')
    }
  })
})

describe('gongkai export and schema', () => {
  const file = write('export.json', exportReport(y2021, 'json'))

  it('prints each download format', async () => {
    const official = parseCsv(await exportCommand(file, 'official-csv'))
    expect(official[0]![0]).toBe(y2021.title)
    expect(JSON.parse(await exportCommand(file, 'cells-json')).cells.length).toBeGreaterThan(175)
    expect((await exportCommand(file, 'cells-csv')).startsWith('\uFEFFagency,')).toBe(true)
    expect(JSON.parse(await exportCommand(file, 'json'))).toEqual(y2021)
  })

  it('refuses an unknown format, listing the known ones', async () => {
    await expect(exportCommand(file, 'xml')).rejects.toThrow(/official-csv\|cells-csv\|cells-json\|json/)
  })

  it('prints a JSON Schema that names the cell states', () => {
    const text = schemaCommand()
    const schema = JSON.parse(text) as { $schema: string; properties: Record<string, unknown> }
    expect(schema.$schema).toContain('json-schema.org')
    expect(Object.keys(schema.properties)).toEqual(
      expect.arrayContaining(['agency', 'year', 'template', 'parts', 'tables', 'keyFigures', 'source']),
    )
    for (const state of ['value', 'blank', 'na', 'not_reported']) expect(text).toContain(`"${state}"`)
  })
})
