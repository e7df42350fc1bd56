import { parseCommandLine } from './cli-args.ts'
import { importBatchCommand, importCommand } from './cli-import.ts'
import { CliError, exportCommand, schemaCommand, validateCommand } from './cli-report.ts'

const HELP = `gongkai — 政府信息公开工作年度报告 / government information-disclosure annual reports

Usage: gongkai <command> [options]

Commands:
  serve      migrate, load the sample data into an empty database, create the first admin, and serve
             the API (/api), the reader (/) and the admin app (/admin)
  migrate    bring the database schema up to date
  seed       load the sample data when the database has no reports
  worker [--lease-ms N] [--poll-ms N]
             run background jobs (batch imports, scheduled publication, reminders, rebuilds);
             'serve' runs one inside the server unless started with --no-worker
  validate <file|-> [--previous <file>] [--json]
             check a report against every identity and warning; exit 1 when there are errors.
             Reads a report JSON, a cells JSON or CSV, or what 'import --json' prints; - reads
             stdin. Input that does not give the agency's level or kind is checked too: the rules
             that need them are listed as skipped
  export <file|-> --format official-csv|cells-csv|cells-json|json
             print a report in one of the download formats (the same input as validate, but the
             agency's level and kind are required)
  schema     print the JSON Schema of the report document
  import <file|-> [--format auto|html|text|docx|markdown|pdf] [--agency NAME --level L --kind K] [--year Y] [--json] [--out cells-json]
             read a published report (format detected from the content) and print the document and
             what could not be read; exit 1 when a problem is an error (misaligned columns, …)
  import <file.csv|-> --format official-csv (--base <report.json> | --agency NAME --level L --kind K)
             read back what 'export --format official-csv' prints (filled in, perhaps, in Excel or
             WPS): title, agency, year, template and every cell, into the base report or a new one
  import-batch <dir> [same options]
             import every file of a folder, with a progress bar and a summary table

Options:
  -h, --help  show this help

Commands compose: gongkai import report.html --json | gongkai validate -

Exit codes: 0 success; 1 validation errors (validate) or import errors (import); 2 bad input or
usage, with a stable code and a message in Chinese and English on stderr (USAGE,
UNKNOWN_COMMAND, FILE_UNREADABLE, EMPTY, UNKNOWN_INPUT, BAD_JSON, INVALID_REPORT, INVALID_CELLS,
INVALID_CSV, BAD_FORMAT, FORMAT_UNSUPPORTED, NO_YEAR, TOO_LARGE, TOO_DEEP, ARCHIVE_TOO_LARGE).

Environment:
  PORT          port to listen on (default 8080)
  HOST          address to listen on (default 127.0.0.1)
  DATA_DIR      folder for the embedded SQLite database (default ./data)
  DATABASE_URL  postgres://… to use PostgreSQL instead of SQLite
  READER_DIR    a built reader to serve at / (default: apps/reader/dist)
  ADMIN_DIR     a built admin app to serve at /admin (default: apps/admin/dist)
  SUPERVISOR    on (default): 'serve' runs the server in a child process and restarts it when it
                dies, waiting 1 s, 2 s, 4 s … up to 30 s between restarts; off: one process
  TRUST_PROXY   comma-separated addresses (or IPv4 CIDR ranges) of reverse proxies in front of
                the server; only their X-Forwarded-For / X-Forwarded-Proto are believed
`

async function main(argv: string[]): Promise<number> {
  const line = parseCommandLine(argv)
  if (line.help) {
    process.stdout.write(HELP)
    return 0
  }
  const { command, values } = line
  const file = line.file ?? ''
  switch (command) {
    case 'validate': {
      const { output, exitCode } = await validateCommand(file, {
        ...(values.previous ? { previous: values.previous } : {}),
        json: values.json === true,
      })
      process.stdout.write(output)
      return exitCode
    }
    case 'export':
      process.stdout.write(await exportCommand(file, values.format))
      return 0
    case 'import': {
      const { output, exitCode } = await importCommand(file, values)
      process.stdout.write(output)
      return exitCode
    }
    case 'import-batch':
      return importBatchCommand(file, values, (s) => process.stdout.write(s))
    case 'schema':
      process.stdout.write(schemaCommand())
      return 0
    case 'serve':
    case 'worker':
    case 'migrate':
    case 'seed':
      // Loaded only here: the database drivers and the server take seconds to load, and the
      // file commands above (often run in a pipeline) need none of it.
      return (await import('./cli-server.ts')).serverCommand(command, values)
  }
}

/**
 * End the process once everything written to stdout and stderr has left it. Node writes to a
 * pipe asynchronously, so process.exit() straight after a large write would cut the output off
 * at the pipe's buffer (64 KB): `gongkai import x --json | cat` printed half a document.
 */
function exitWhenWritten(code: number): void {
  process.exitCode = code
  let pending = 2
  const done = () => {
    if (--pending === 0) process.exit(code)
  }
  // A write's callback runs after every write before it, so an empty write marks the end.
  for (const stream of [process.stdout, process.stderr]) stream.write('', done)
}

// A reader that stops early (`gongkai schema | head`) closes the pipe: what is left is not wanted.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE' && e.code !== 'ERR_STREAM_DESTROYED') throw e
  })
}

main(process.argv.slice(2)).then(exitWhenWritten, (err: unknown) => {
  if (err instanceof CliError) console.error(`${err.code}: ${err.zh}\n${err.code}: ${err.en}`)
  else console.error(err instanceof Error ? err.message : err)
  exitWhenWritten(err instanceof CliError ? err.exitCode : 1)
})
