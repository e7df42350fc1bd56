import { describe, expect, it } from 'vitest'
import { parseCommandLine } from './cli-args.ts'
import { CliError } from './cli-report.ts'

function refused(argv: string[]): CliError {
  try {
    parseCommandLine(argv)
  } catch (e) {
    expect(e).toBeInstanceOf(CliError)
    const err = e as CliError
    expect(err.exitCode).toBe(2)
    expect(err.zh).toMatch(/[\u4e00-\u9fff]/)
    expect(err.en).toMatch(/^[\x20-\x7e]+$/)
    return err
  }
  return expect.unreachable(`accepted: gongkai ${argv.join(' ')}`)
}

describe('the gongkai command line', () => {
  it('reads a command, its file and its options; - is standard input', () => {
    expect(parseCommandLine(['validate', '-', '--previous', 'last.json', '--json'])).toEqual({
      help: false,
      command: 'validate',
      file: '-',
      values: { previous: 'last.json', json: true },
    })
    expect(parseCommandLine(['validate', 'a.json', '--previous', '-'])).toMatchObject({ values: { previous: '-' } })
    expect(parseCommandLine(['export', 'a.json', '--format=cells-csv'])).toMatchObject({
      command: 'export',
      values: { format: 'cells-csv' },
    })
    expect(parseCommandLine(['schema'])).toMatchObject({ command: 'schema', file: undefined })
  })

  it('shows the help for --help, -h and help, whatever else is given', () => {
    for (const argv of [['--help'], ['-h'], ['help'], ['validate', '--help'], ['nonsense', '-h']])
      expect(parseCommandLine(argv)).toEqual({ help: true })
  })

  it('refuses what it does not understand, with a stable code, instead of ignoring it', () => {
    const cases: Array<[string[], string, string]> = [
      [[], 'USAGE', 'no command given'],
      [['valdate', 'a.json'], 'UNKNOWN_COMMAND', 'unknown command valdate'],
      [['validate'], 'USAGE', 'usage: gongkai validate <file>'],
      [['validate', 'a.json', 'b.json'], 'USAGE', 'unexpected argument: b.json'],
      [['schema', 'x'], 'USAGE', 'unexpected argument: x'],
      [['validate', 'a.json', '--jsno'], 'USAGE', 'unknown option --jsno'],
      [['validate', 'a.json', '--agency', '某局'], 'USAGE', 'option --agency does not apply to validate'],
      [['export', 'a.json', '--json'], 'USAGE', 'option --json does not apply to export'],
      [['validate', 'a.json', '--previous'], 'USAGE', 'option --previous needs a value'],
      [['validate', 'a.json', '--previous', '--json'], 'USAGE', 'option --previous needs a value'],
      [['validate', 'a.json', '--json=yes'], 'USAGE', 'option --json takes no value'],
      [['worker', '--lease-ms', 'soon'], 'USAGE', '--lease-ms must be a number of milliseconds'],
    ]
    for (const [argv, code, en] of cases) {
      const err = refused(argv)
      expect([argv, err.code]).toEqual([argv, code])
      expect(err.en).toContain(en)
    }
  })
})
