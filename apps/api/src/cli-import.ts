import { closeSync, fstatSync, openSync, readdirSync, readSync, statSync } from 'node:fs'
import { basename, join } from 'node:path'
import { checkHead, HEAD_BYTES, IMPORT_FORMATS, ImportError, importReport, type ImportFormat, type ImportResult } from '@gongkai/importer'
import {
  AGENCY_KINDS,
  AGENCY_LEVELS,
  emptyDocument,
  exportReport,
  officialCsvHead,
  readOfficialCsv,
  type AgencyRef,
  type ReportDocument,
} from '@gongkai/schema'
import { CliError, loadReport, readBytes, readWith } from './cli-report.ts'
import { readLegacyWord } from './legacy-word.ts'

// gongkai import / import-batch: the importer from the command line, the same code the admin
// upload and the API use.

export interface ImportCliOptions {
  format?: string
  agency?: string
  level?: string
  kind?: string
  year?: string
  json?: boolean
  out?: string
  /** With --format official-csv: the report whose agency, period and prose the tables go into. */
  base?: string
}

/** The official-layout CSV that `gongkai export --format official-csv` prints, read back by the CLI. */
const OFFICIAL_CSV = 'official-csv'
const FORMATS = [...IMPORT_FORMATS, OFFICIAL_CSV] as const

interface ResolvedOptions {
  format: ImportFormat | 'auto'
  /** --format official-csv: the file is read by `readOfficialCsvFile`, not the importer. */
  officialCsv: boolean
  agency: AgencyRef | undefined
  year: number | undefined
}

/** Check the options once, before any file is read: a bad option is bad usage (exit 2). */
function resolveOptions(o: ImportCliOptions): ResolvedOptions {
  const format = o.format ?? 'auto'
  if (format !== 'auto' && !(FORMATS as readonly string[]).includes(format))
    throw new CliError('BAD_FORMAT', `--format 应为 auto|${FORMATS.join('|')}`, `--format must be auto|${FORMATS.join('|')}`)
  if (o.base !== undefined && format !== OFFICIAL_CSV)
    throw new CliError('USAGE', '--base 须与 --format official-csv 一起使用', '--base goes with --format official-csv')
  if (format === OFFICIAL_CSV && o.base === undefined && !o.agency) throw needsAgency()
  if (o.out !== undefined && o.out !== 'cells-json') throw new CliError('BAD_FORMAT', '--out 应为 cells-json', '--out must be cells-json')
  if (o.year !== undefined && !(/^\d{4}$/.test(o.year) && Number(o.year) >= 2008 && Number(o.year) <= 2100)) {
    throw new CliError(
      'USAGE',
      `--year 应为 2008–2100 之间的年份，而不是“${o.year}”`,
      `--year must be a year from 2008 to 2100, not "${o.year}"`,
    )
  }
  if (!o.agency && (o.level || o.kind))
    throw new CliError('USAGE', '--level 和 --kind 须与 --agency 一起使用', '--level and --kind go with --agency')
  let agency: AgencyRef | undefined
  if (o.agency) {
    const level = (o.level ?? 'city') as AgencyRef['level']
    const kind = (o.kind ?? 'department') as AgencyRef['kind']
    if (!AGENCY_LEVELS.includes(level))
      throw new CliError('USAGE', `--level 应为 ${AGENCY_LEVELS.join('|')}`, `--level must be one of ${AGENCY_LEVELS.join('|')}`)
    if (!AGENCY_KINDS.includes(kind))
      throw new CliError('USAGE', `--kind 应为 ${AGENCY_KINDS.join('|')}`, `--kind must be one of ${AGENCY_KINDS.join('|')}`)
    agency = { name: o.agency, code: null, level, kind, region: null }
  }
  const officialCsv = format === OFFICIAL_CSV
  return {
    format: officialCsv ? 'auto' : (format as ImportFormat | 'auto'),
    officialCsv,
    agency,
    year: o.year === undefined ? undefined : Number(o.year),
  }
}

/**
 * A file's bytes, its first 64 KB checked before the rest is read: an image, a legacy Word file,
 * a ZIP that is not a DOCX or random bytes is refused at once (FORMAT_UNSUPPORTED), however large.
 */
function readChecked(path: string, name: string, format: ImportFormat | 'auto'): Uint8Array {
  let fd: number
  try {
    fd = openSync(path, 'r')
  } catch (e) {
    throw new CliError('FILE_UNREADABLE', `无法读取文件 ${path}`, `Cannot read ${path}: ${(e as Error).message}`)
  }
  try {
    const size = fstatSync(fd).size
    const head = new Uint8Array(Math.min(HEAD_BYTES, size))
    let got = 0
    while (got < head.length) {
      const n = readSync(fd, head, got, head.length - got, got)
      if (n === 0) break
      got += n
    }
    try {
      checkHead(head.subarray(0, got), format, got >= size)
    } catch (e) {
      if (e instanceof ImportError) throw new CliError(e.code, `${name}：${e.zh}`, `${name}: ${e.en}`)
      throw e
    }
    if (got >= size) return head.subarray(0, got)
    const bytes = new Uint8Array(size)
    bytes.set(head.subarray(0, got))
    while (got < size) {
      const n = readSync(fd, bytes, got, size - got, got)
      if (n === 0) break
      got += n
    }
    return bytes.subarray(0, got)
  } catch (e) {
    if (e instanceof CliError) throw e
    throw new CliError('FILE_UNREADABLE', `无法读取文件 ${path}`, `Cannot read ${path}: ${(e as Error).message}`)
  } finally {
    closeSync(fd)
  }
}

/** An official-layout CSV names no agency level or kind: --base or --agency must give them. */
const needsAgency = () =>
  new CliError(
    'USAGE',
    '官方格式 CSV 不含机关的层级和类型：请用 --base <报告.json> 或 --agency --level --kind 指定',
    "an official-layout CSV does not give the agency's level and kind: give --base <report.json>, or --agency with --level and --kind",
  )

/**
 * An official-layout CSV read back, the inverse of `gongkai export --format official-csv`: its title,
 * agency name, year and template from its first lines and every cell from its tables, into the
 * `--base` report (which gives the rest), or a new report for `--agency` (and `--year`, if given).
 * A CSV that does not fit the template is refused whole (exit 2), never shifted to fit.
 */
async function readOfficialCsvFile(file: string, o: ResolvedOptions & { base: string | undefined }): Promise<ReportDocument> {
  const text = (await readBytes(file)).toString('utf8')
  const head = readWith(file, text, officialCsvHead)
  let base: ReportDocument
  if (o.base !== undefined) base = await loadReport(o.base)
  else if (o.agency) base = emptyDocument(o.agency, head.year, head.template)
  else throw needsAgency()
  const document = readWith(file, text, (t) => readOfficialCsv(t, base))
  const named = o.agency ? { ...document, agency: o.agency } : document
  const source =
    o.base !== undefined ? named.source : { ...named.source, kind: 'cells' as const, filename: file === '-' ? null : basename(file) }
  return { ...named, source, ...(o.year ? { year: o.year } : {}) }
}

async function run(bytes: Uint8Array, filename: string, o: ResolvedOptions): Promise<ImportResult> {
  try {
    return await importReport(bytes, {
      format: o.format,
      filename,
      legacyWord: readLegacyWord,
      ...(o.agency ? { agency: o.agency } : {}),
      ...(o.year ? { year: o.year } : {}),
    })
  } catch (e) {
    if (e instanceof ImportError) throw new CliError(e.code, `${filename}：${e.zh}`, `${filename}: ${e.en}`)
    throw e
  }
}

/** Exit 0 when read without errors; 1 when there are problems of severity error; 2 bad input. */
export async function importCommand(file: string, o: ImportCliOptions): Promise<{ output: string; exitCode: number }> {
  const options = resolveOptions(o)
  const result = options.officialCsv
    ? { document: await readOfficialCsvFile(file, { ...options, base: o.base }), problems: [] }
    : // A file is judged by its first 64 KB before the rest is read; standard input is read as a stream.
      await run(
        file === '-' ? new Uint8Array(await readBytes(file)) : readChecked(file, basename(file), options.format),
        file === '-' ? 'stdin' : basename(file),
        options,
      )
  const failed = result.problems.some((p) => p.severity === 'error')
  if (o.out === 'cells-json') return { output: exportReport(result.document, 'cells-json'), exitCode: failed ? 1 : 0 }
  if (o.json) return { output: JSON.stringify(result, null, 2) + '\n', exitCode: failed ? 1 : 0 }
  const lines = result.problems.map(
    (p) => `${p.severity === 'error' ? '✗' : p.severity === 'warning' ? '!' : '·'} ${p.code}: ${p.message.zh} / ${p.message.en}`,
  )
  return { output: `${JSON.stringify(result.document, null, 2)}\n${lines.join('\n')}\n`, exitCode: failed ? 1 : 0 }
}

export async function importBatchCommand(dir: string, o: ImportCliOptions, write: (s: string) => void): Promise<number> {
  const options = resolveOptions(o)
  if (options.officialCsv)
    throw new CliError(
      'USAGE',
      '--format official-csv 每次读一个文件：请用 gongkai import',
      '--format official-csv reads one file: use gongkai import',
    )
  let files: string[]
  try {
    files = readdirSync(dir)
      .filter((f) => statSync(join(dir, f)).isFile())
      .sort()
  } catch (e) {
    throw new CliError('FILE_UNREADABLE', `无法读取目录 ${dir}`, `Cannot read ${dir}: ${(e as Error).message}`)
  }
  const rows: string[][] = []
  let failures = 0
  for (const [i, f] of files.entries()) {
    const done = Math.round(((i + 1) / files.length) * 20)
    write(`\r[${'#'.repeat(done)}${'.'.repeat(20 - done)}] ${i + 1}/${files.length} ${f}`.padEnd(80))
    try {
      const r = await run(readChecked(join(dir, f), f, options.format), f, options)
      const cellsRead = Object.values(r.document.tables).reduce((s, t) => s + Object.keys(t.cells).length, 0)
      const problems = r.problems.filter((p) => p.severity !== 'info').length
      if (r.problems.some((p) => p.severity === 'error')) failures++
      rows.push([f, r.document.agency.name, String(r.document.year), r.document.template, String(cellsRead), String(problems)])
    } catch (e) {
      failures++
      rows.push([f, '—', '—', '—', '0', e instanceof CliError ? e.code : String(e)])
    }
  }
  write('\n')
  const header = ['文件 file', '机关 agency', '年度 year', '格式 template', '单元格 cells', '问题 problems']
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]?.length ?? 0)))
  const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ')
  write(`${line(header)}\n${rows.map(line).join('\n')}\n`)
  return failures ? 1 : 0
}
