import { parseArgs } from 'node:util'
import { CliError } from './cli-report.ts'

// The gongkai command line: which command, which file, which options. Anything it does not
// understand is refused (exit 2, code USAGE or UNKNOWN_COMMAND), never silently ignored.

const OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  json: { type: 'boolean' },
  previous: { type: 'string' },
  format: { type: 'string' },
  agency: { type: 'string' },
  level: { type: 'string' },
  kind: { type: 'string' },
  year: { type: 'string' },
  out: { type: 'string' },
  base: { type: 'string' },
  'lease-ms': { type: 'string' },
  'poll-ms': { type: 'string' },
  'no-worker': { type: 'boolean' },
} as const

type OptionName = keyof typeof OPTIONS
const IMPORT_OPTIONS: OptionName[] = ['format', 'agency', 'level', 'kind', 'year', 'json', 'out']

/** Each command: its options, and whether it takes a file (or folder) argument. */
const COMMANDS = {
  validate: { file: true, options: ['previous', 'json'] },
  export: { file: true, options: ['format'] },
  schema: { file: false, options: [] },
  import: { file: true, options: [...IMPORT_OPTIONS, 'base'] },
  'import-batch': { file: true, options: IMPORT_OPTIONS },
  serve: { file: false, options: ['no-worker'] },
  worker: { file: false, options: ['lease-ms', 'poll-ms'] },
  migrate: { file: false, options: [] },
  seed: { file: false, options: [] },
} as const satisfies Record<string, { file: boolean; options: readonly OptionName[] }>

export type Command = keyof typeof COMMANDS
export type Values = { [K in OptionName]?: (typeof OPTIONS)[K]['type'] extends 'boolean' ? boolean : string }

export type CommandLine = { help: true } | { help: false; command: Command; file: string | undefined; values: Values }

const usage = (zh: string, en: string) => new CliError('USAGE', `${zh}（gongkai --help 查看用法）`, `${en} (see gongkai --help)`)

export function parseCommandLine(argv: string[]): CommandLine {
  const { positionals, values, tokens } = parseArgs({ args: argv, allowPositionals: true, strict: false, tokens: true, options: OPTIONS })
  if (values.help || positionals[0] === 'help') return { help: true }
  const [name, file, ...rest] = positionals
  if (!name) throw usage('缺少命令', 'no command given')
  if (!Object.hasOwn(COMMANDS, name))
    throw new CliError('UNKNOWN_COMMAND', `未知命令 ${name}（gongkai --help 查看用法）`, `unknown command ${name} (see gongkai --help)`)
  const command = name as Command
  const spec: { file: boolean; options: readonly OptionName[] } = COMMANDS[command]
  for (const t of tokens) {
    if (t.kind !== 'option') continue
    const def = Object.hasOwn(OPTIONS, t.name) ? OPTIONS[t.name as OptionName] : undefined
    if (!def) throw usage(`未知选项 ${t.rawName}`, `unknown option ${t.rawName}`)
    if (!spec.options.includes(t.name as OptionName))
      throw usage(`选项 ${t.rawName} 不适用于 ${command}`, `option ${t.rawName} does not apply to ${command}`)
    // A missing value, or the next option taken as one (`--previous --json`); `-` is stdin.
    if (def.type === 'string' && (t.value === undefined || (!t.inlineValue && t.value.startsWith('-') && t.value !== '-'))) {
      throw usage(`选项 ${t.rawName} 需要一个值`, `option ${t.rawName} needs a value`)
    }
    if (def.type === 'boolean' && t.value !== undefined) throw usage(`选项 ${t.rawName} 不带值`, `option ${t.rawName} takes no value`)
  }
  for (const name of ['lease-ms', 'poll-ms'] as const) {
    const v = values[name]
    if (typeof v === 'string' && !/^[1-9]\d*$/.test(v))
      throw usage(`--${name} 应为毫秒数（正整数）`, `--${name} must be a number of milliseconds (a positive whole number)`)
  }
  if (spec.file && !file) throw usage(`用法：gongkai ${command} <文件>`, `usage: gongkai ${command} <file>`)
  const extra = spec.file ? rest : [file, ...rest].filter((a) => a !== undefined)
  if (extra.length) throw usage(`多余的参数：${extra.join(' ')}`, `unexpected argument: ${extra.join(' ')}`)
  return { help: false, command, file, values: values as Values }
}
