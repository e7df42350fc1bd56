import { readFileSync } from 'node:fs'
import {
  CellsImportError,
  EXPORT_FORMATS,
  ReportDocumentSchema,
  ReportInputError,
  SchemaError,
  exportReport,
  readReportInput,
  readValidationInput,
  validateReport,
  type ExportFormat,
  type Finding,
  type ReportDocument,
  type SkippedRule,
  type ValidationInput,
} from '@gongkai/schema'
import { z } from 'zod'

// CLI commands that work on files, with no database: validate, export, schema.

// The schema is zod/mini, which registers no locale: without one, every issue reads "Invalid
// input". (Loading any classic zod schema used to register English by the way.)
z.config(z.locales.en())

/** A failure the user can act on: a stable code and a message in both languages. */
export class CliError extends Error {
  constructor(
    readonly code: string,
    readonly zh: string,
    readonly en: string,
    readonly exitCode = 2,
  ) {
    super(en)
  }
}

/** How a path is named in messages: `-` is standard input. */
const named = (path: string) => (path === '-' ? { zh: '标准输入', en: 'standard input' } : { zh: path, en: path })

/**
 * Standard input, whole, read as a stream. Not readFileSync(0): once anything has touched
 * process.stdin (importing node:process as an ES module does, as the built CLI does), fd 0 is
 * non-blocking, and readFileSync(0) fails with EAGAIN when the command before has not written yet.
 */
export async function readStdin(): Promise<Buffer> {
  const chunks: Buffer[] = []
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks)
}

/** A file's bytes, or standard input's for `-`; a file that cannot be read is FILE_UNREADABLE. */
export async function readBytes(path: string): Promise<Buffer> {
  try {
    return path === '-' ? await readStdin() : readFileSync(path)
  } catch (e) {
    throw new CliError('FILE_UNREADABLE', `无法读取文件 ${named(path).zh}`, `Cannot read ${named(path).en}: ${(e as Error).message}`)
  }
}

/** Read a report (document, cells JSON, cells CSV or import result); bad input is a CliError. */
export async function loadReport(path: string): Promise<ReportDocument> {
  return readWith(path, (await readBytes(path)).toString('utf8'), readReportInput)
}

/** As `loadReport`, for `validate`: the agency's level and kind may be missing. */
export async function loadValidationInput(path: string): Promise<ValidationInput> {
  return readWith(path, (await readBytes(path)).toString('utf8'), readValidationInput)
}

/** zod's messages for a failed read, in the given locale (the read is repeated to get them). */
function issuesIn(locale: ReturnType<typeof z.locales.en>, read: () => unknown): string[] {
  z.config(locale)
  try {
    read()
    return []
  } catch (e) {
    return e instanceof SchemaError ? e.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`) : []
  } finally {
    z.config(z.locales.en())
  }
}

/** `read` over a file's text, every way the input can be bad turned into a CliError naming the file. */
export function readWith<T>(path: string, text: string, read: (text: string) => T): T {
  const name = named(path)
  try {
    return read(text)
  } catch (e) {
    if (e instanceof SyntaxError)
      throw new CliError('BAD_JSON', `${name.zh} 不是有效的 JSON：${e.message}`, `${name.en} is not valid JSON: ${e.message}`)
    if (e instanceof SchemaError) {
      const en = e.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
      const zh = issuesIn(z.locales.zhCN(), () => read(text))
      throw new CliError(
        'INVALID_REPORT',
        `${name.zh} 不符合报告格式：\n  ${(zh.length ? zh : en).join('\n  ')}`,
        `${name.en} is not a valid report:\n  ${en.join('\n  ')}`,
      )
    }
    if (e instanceof CellsImportError) {
      const zh = e.problems.map((p) => `#${p.index} ${p.code}: ${p.message.zh}`)
      const en = e.problems.map((p) => `#${p.index} ${p.code}: ${p.message.en}`)
      throw new CliError(
        'INVALID_CELLS',
        `${name.zh} 有无法放置的单元格：\n  ${zh.join('\n  ')}`,
        `${name.en} has cells that cannot be placed:\n  ${en.join('\n  ')}`,
      )
    }
    if (e instanceof ReportInputError) {
      // Empty standard input in a pipeline: most likely the command before failed.
      const hint = e.code === 'EMPTY' && path === '-' ? ['（前一个命令是否失败？）', ' (did the command before it fail?)'] : ['', '']
      throw new CliError(e.code, `${name.zh}：${e.zh}${hint[0]}`, `${name.en}: ${e.en}${hint[1]}`)
    }
    throw e
  }
}

function formatFinding(f: Finding): string {
  const mark = f.severity === 'error' ? '✗ 错误 error  ' : '! 警告 warning'
  const where = f.cells[0] ? `  [${f.cells[0].table} ${[...f.cells[0].row.slice(-1), ...f.cells[0].column].join(' › ')}]` : ''
  return `${mark} ${f.rule}${where}\n    ${f.message.zh}\n    ${f.message.en}`
}

function formatSkipped(s: SkippedRule): string {
  return `- 未检查 skipped ${s.rule}\n    ${s.message.zh}\n    ${s.message.en}`
}

/**
 * Exit 0 when there are no errors (warnings and skipped rules do not fail a report); 1 when
 * there are; bad input throws a CliError (exit 2).
 */
export async function validateCommand(
  file: string,
  opts: { previous?: string; json?: boolean },
): Promise<{ output: string; exitCode: number }> {
  const doc = await loadValidationInput(file)
  const previous = opts.previous ? await loadValidationInput(opts.previous) : undefined
  const result = validateReport(doc, previous ? { previous } : {})
  if (opts.json) return { output: JSON.stringify(result, null, 2) + '\n', exitCode: result.ok ? 0 : 1 }
  const skipped = result.skipped.length ? `, ${result.skipped.length} 条规则未检查 rules skipped` : ''
  const head = `${doc.agency.name} ${doc.year} (${doc.template}): ${result.errors} 个错误 errors, ${result.warnings} 个警告 warnings${skipped}`
  const body = [...result.findings.map(formatFinding), ...result.skipped.map(formatSkipped)].join('\n')
  const zh = [result.warnings ? '有警告' : '', result.skipped.length ? '部分规则未检查' : ''].filter(Boolean).join('，')
  const en = `passed${result.warnings ? ' with warnings' : ''}${result.skipped.length ? '; some rules not checked' : ''}`
  const tail = !result.ok ? '未通过 failed' : zh ? `通过（${zh}） ${en}` : '全部通过 all checks passed'
  return { output: `${head}\n${body ? body + '\n' : ''}${tail}\n`, exitCode: result.ok ? 0 : 1 }
}

export async function exportCommand(file: string, format: string | undefined): Promise<string> {
  if (!format || !(EXPORT_FORMATS as readonly string[]).includes(format)) {
    throw new CliError('BAD_FORMAT', `--format 应为 ${EXPORT_FORMATS.join('|')}`, `--format must be one of ${EXPORT_FORMATS.join('|')}`)
  }
  return exportReport(await loadReport(file), format as ExportFormat)
}

export function schemaCommand(): string {
  return JSON.stringify(z.toJSONSchema(ReportDocumentSchema, { io: 'input', unrepresentable: 'any' }), null, 2) + '\n'
}
