import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sampleReports } from '@gongkai/schema'
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
