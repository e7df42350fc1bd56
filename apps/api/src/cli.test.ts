import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { exportReport, parseCsv, sampleReports, toCells, type ReportDocument } from '@gongkai/schema'
import { afterAll, describe, expect, it } from 'vitest'
import { reportHtml } from '../../../packages/importer/test/fixtures.ts'
import { schemaCommand } from './cli-report.ts'

// The gongkai CLI as a user runs it: a real process (node with tsx, as `pnpm gongkai` runs it),
// its output going through real pipes into other commands.

const API = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const dir = mkdtempSync(join(tmpdir(), 'gongkai-cli-pipe-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const write = (name: string, text: string) => {
  const path = join(dir, name)
  writeFileSync(path, text)
  return path
}

interface Run {
  code: number | null
  stdout: string
  bytes: number
  stderr: string
}

/**
 * Run a shell script in which `gongkai` is the CLI from source. It imports node:process as an
 * ES module first, as the built CLI's dependencies do: that makes standard input non-blocking,
 * which a reader of stdin has to cope with.
 */
function sh(script: string): Promise<Run> {
  return new Promise((done, fail) => {
    const gongkai = `gongkai() { "$GONGKAI_NODE" --import tsx --import 'data:text/javascript,import "node:process"' src/cli.ts "$@"; }`
    const child = spawn('sh', ['-c', `${gongkai}\n${script}`], {
      cwd: API,
      env: { ...process.env, GONGKAI_NODE: process.execPath, DATABASE_URL: '', DATA_DIR: dir },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    const out: Buffer[] = []
    const err: Buffer[] = []
    child.stdout.on('data', (b: Buffer) => out.push(b))
    child.stderr.on('data', (b: Buffer) => err.push(b))
    child.on('error', fail)
    child.on('close', (code) => {
      const stdout = Buffer.concat(out)
      done({ code, stdout: stdout.toString('utf8'), bytes: stdout.length, stderr: Buffer.concat(err).toString('utf8') })
    })
  })
}

const base = sampleReports().find((s) => s.document.template === '2021' && s.agency.level === 'province')!.document

/** A long report: its import as JSON is well over a pipe's 64 KB buffer. */
function longReport(): ReportDocument {
  const doc = structuredClone(base)
  const sentence = '本机关持续推进政府信息主动公开，围绕重点领域发布政策解读、办事指南和数据信息，方便公众查阅与监督。'
  doc.parts['一'] = [
    ...doc.parts['一'],
    ...Array.from({ length: 60 }, (_, i) => ({ type: 'paragraph' as const, text: `第${i + 1}段：${sentence.repeat(3)}` })),
  ]
  return doc
}

/** A report whose every figure in tables 三 and 四 is off by one: dozens of findings. */
function brokenReport(): ReportDocument {
  const doc = structuredClone(base)
  for (const t of ['三', '四'] as const) {
    for (const [id, cell] of Object.entries(doc.tables[t].cells))
      if (cell.state === 'value') doc.tables[t].cells[id] = { ...cell, value: cell.value + 1, raw: String(cell.value + 1) }
  }
  return doc
}

const PIPE_BUFFER = 64 * 1024
const agencyArgs = `--agency '${base.agency.name}' --level ${base.agency.level} --kind ${base.agency.kind}`

describe('gongkai writes all of its output through a pipe', () => {
  const html = write('long.html', reportHtml(longReport()))
  const long = write('long.json', exportReport(longReport(), 'json'))
  const broken = write('broken.json', exportReport(brokenReport(), 'json'))

  it('import --json, read slowly: the whole result arrives and parses', async () => {
    const r = await sh(`gongkai import ${html} ${agencyArgs} --json | (sleep 1; cat)`)
    expect(r.stderr).toBe('')
    expect(r.bytes).toBeGreaterThan(PIPE_BUFFER)
    const result = JSON.parse(r.stdout) as { document: ReportDocument; problems: unknown[] }
    expect(result.document.parts['一']).toHaveLength(longReport().parts['一'].length)
    expect(toCells(result.document).cells).toEqual(toCells(longReport()).cells)
  }, 60_000)

  it('import --out cells-json, export --format cells-json and validate --json, through | cat', async () => {
    const [cells, exported, validation] = await Promise.all([
      sh(`gongkai import ${html} ${agencyArgs} --out cells-json | cat`),
      sh(`gongkai export ${long} --format cells-json | cat`),
      sh(`gongkai validate ${broken} --json | cat`),
    ])
    for (const r of [cells, exported, validation]) expect(r.bytes).toBeGreaterThan(PIPE_BUFFER)
    expect(JSON.parse(cells.stdout).cells).toEqual(JSON.parse(exportReport(longReport(), 'cells-json')).cells)
    expect(exported.stdout).toBe(exportReport(longReport(), 'cells-json'))
    const result = JSON.parse(validation.stdout) as { ok: boolean; errors: number; warnings: number; findings: unknown[] }
    expect(result.ok).toBe(false)
    expect(result.findings).toHaveLength(result.errors + result.warnings)
  }, 60_000)

  it('schema, through | cat, is printed whole', async () => {
    const r = await sh(`gongkai schema | cat`)
    expect(r.stdout).toBe(schemaCommand())
    expect(JSON.parse(r.stdout)).toHaveProperty('properties.agency')
  }, 60_000)

  it('stops quietly when the reader stops early (| head)', async () => {
    const r = await sh(`gongkai import ${html} ${agencyArgs} --json | head -c 100 >/dev/null; gongkai schema | head -n 1`)
    expect(r.stdout).toBe('{\n')
    expect(r.stderr).toBe('')
  }, 60_000)
})

describe('what one command prints as JSON, the next one reads', () => {
  const html = write('compose.html', reportHtml(base))

  it('gongkai import --json | gongkai validate -', async () => {
    const r = await sh(`gongkai import ${html} ${agencyArgs} --json | gongkai validate -; echo "exit $?"`)
    expect(r.stderr).toBe('')
    expect(r.stdout).toContain(`${base.agency.name} ${base.year} (2021): 0 个错误 errors`)
    expect(r.stdout).toMatch(/全部通过 all checks passed\nexit 0\n$/)
  }, 60_000)

  it('gongkai import --json | gongkai export - --format official-csv', async () => {
    const r = await sh(`gongkai import ${html} ${agencyArgs} --json | gongkai export - --format official-csv; echo "exit $?"`)
    expect(r.stderr).toBe('')
    expect(r.stdout.endsWith('exit 0\n')).toBe(true)
    const csv = r.stdout.slice(0, -'exit 0\n'.length)
    expect(parseCsv(csv)).toEqual(parseCsv(exportReport({ ...base, agency: { ...base.agency, code: null, region: null } }, 'official-csv')))
  }, 60_000)

  it('gongkai export --format official-csv, then gongkai import --format official-csv: the same report back', async () => {
    const reports = sampleReports().map((s) => s.document)
    const results = await Promise.all(
      reports.map(async (doc, i) => {
        const json = write(`official-${i}.json`, exportReport(doc, 'json'))
        const csv = join(dir, `official-${i}.csv`)
        return sh(
          `gongkai export ${json} --format official-csv > ${csv} && gongkai import ${csv} --format official-csv --base ${json} --json`,
        )
      }),
    )
    results.forEach((r, i) => {
      expect(r.stderr).toBe('')
      expect(r.code).toBe(0)
      expect(JSON.parse(r.stdout)).toEqual({ document: reports[i], problems: [] })
    })
    // Without a base, through a pipe: every cell, the title, agency, year and template come back.
    const piped = await sh(
      `gongkai export ${write('official-base.json', exportReport(base, 'json'))} --format official-csv | gongkai import - --format official-csv ${agencyArgs} --json`,
    )
    expect(piped.stderr).toBe('')
    const doc = (JSON.parse(piped.stdout) as { document: ReportDocument }).document
    expect(doc.tables).toEqual(base.tables)
    expect([doc.title, doc.agency.name, doc.agency.level, doc.agency.kind, doc.year, doc.template]).toEqual([
      base.title,
      base.agency.name,
      base.agency.level,
      base.agency.kind,
      base.year,
      base.template,
    ])
  }, 120_000)

  it('reads standard input that arrives late (the command before is slow)', async () => {
    const imported = write('late.json', (await sh(`gongkai import ${html} ${agencyArgs} --json`)).stdout)
    // The first bytes at once, the rest after the reader has started and found the pipe empty.
    const late = (path: string) => `(head -c 100 ${path}; sleep 4; tail -c +101 ${path})`
    const [validation, importing] = await Promise.all([
      sh(`${late(imported)} | gongkai validate -`),
      sh(`${late(html)} | gongkai import - ${agencyArgs} --out cells-json`),
    ])
    expect(validation.stderr).toBe('')
    expect(validation.stdout).toMatch(/全部通过 all checks passed\n$/)
    expect(importing.stderr).toBe('')
    expect(JSON.parse(importing.stdout).cells).toEqual(toCells(base).cells)
  }, 60_000)

  it('gongkai import --json | gongkai validate - --json, and --out cells-json | gongkai export - --format json', async () => {
    const [validation, roundTrip] = await Promise.all([
      sh(`gongkai import ${html} ${agencyArgs} --json | gongkai validate - --json`),
      sh(`gongkai import ${html} ${agencyArgs} --out cells-json | gongkai export - --format json`),
    ])
    expect(JSON.parse(validation.stdout)).toMatchObject({ ok: true, errors: 0 })
    expect((JSON.parse(roundTrip.stdout) as ReportDocument).tables).toEqual(base.tables)
  }, 60_000)
})

describe('exit codes, as documented: 0 ok, 1 errors in the report, 2 bad input or usage', () => {
  it('says what went wrong on stderr with a stable code, in Chinese and in English', async () => {
    const broken = write('exit-broken.json', exportReport(brokenReport(), 'json'))
    const good = write('exit-good.json', exportReport(base, 'json'))
    const [help, ok, errors, unknown, pipeline] = await Promise.all([
      sh(`gongkai validate --help`),
      sh(`gongkai export ${good} --format cells-csv | gongkai validate - >/dev/null`),
      sh(`gongkai validate ${broken} >/dev/null`),
      sh(`gongkai valdate ${broken}`),
      sh(`gongkai import ${join(dir, 'missing.html')} --json | gongkai validate -`),
    ])
    expect([help.code, ok.code, errors.code, unknown.code, pipeline.code]).toEqual([0, 0, 1, 2, 2])
    expect(help.stdout).toContain('Usage: gongkai <command> [options]')
    expect(unknown.stdout).toBe('')
    expect(unknown.stderr).toBe(
      'UNKNOWN_COMMAND: 未知命令 valdate（gongkai --help 查看用法）\nUNKNOWN_COMMAND: unknown command valdate (see gongkai --help)\n',
    )
    // The import fails, so validate reads nothing, and says where to look.
    expect(pipeline.stderr).toMatch(/^FILE_UNREADABLE: 无法读取文件 .*missing\.html\nFILE_UNREADABLE: Cannot read /m)
    expect(pipeline.stderr).toContain(
      'EMPTY: 标准输入：输入为空（前一个命令是否失败？）\nEMPTY: standard input: the input is empty (did the command before it fail?)\n',
    )
  }, 60_000)
})
