import { parseArgs } from 'node:util'
import { hashPassword, randomPassword } from './auth/password.ts'
import { importBatchCommand, importCommand } from './cli-import.ts'
import { CliError, exportCommand, schemaCommand, validateCommand } from './cli-report.ts'
import { connect } from './db/connect.ts'
import { migrateToLatest } from './db/migrator.ts'
import { countUsers, insertUser } from './db/users.ts'
import { readConfig } from './env.ts'
import { threadedImporter } from './import-thread.ts'
import { runWorker } from './jobs/worker.ts'
import { createNodeApp, defaultStaticRoots, listen } from './node.ts'
import { loadSampleData } from './sample.ts'
import { seedText } from './seed-text.ts'

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
  validate <file> [--previous <file>] [--json]
             check a report (a JSON document, a cells JSON or a cells CSV; - reads stdin) against
             every identity and warning; exit code 1 when there are errors
  export <file> --format official-csv|cells-csv|cells-json|json
             print a report in one of the download formats
  schema     print the JSON Schema of the report document
  import <file|-> [--format auto|html|text|docx|markdown|pdf] [--agency NAME --level L --kind K] [--year Y] [--json] [--out cells-json]
             read a published report (format detected from the content) and print the document and
             what could not be read; exit 1 when a problem is an error (misaligned columns, …)
  import-batch <dir> [same options]
             import every file of a folder, with a progress bar and a summary table

Options:
  -h, --help  show this help

Exit codes: 0 success; 1 validation errors (validate) or import errors (import); 2 bad input or
usage (the message says which).

Environment:
  PORT          port to listen on (default 8080)
  HOST          address to listen on (default 127.0.0.1)
  DATA_DIR      folder for the embedded SQLite database (default ./data)
  DATABASE_URL  postgres://… to use PostgreSQL instead of SQLite
  READER_DIR    a built reader to serve at / (default: apps/reader/dist)
  ADMIN_DIR     a built admin app to serve at /admin (default: apps/admin/dist)
  TRUST_PROXY   comma-separated addresses (or IPv4 CIDR ranges) of reverse proxies in front of
                the server; only their X-Forwarded-For / X-Forwarded-Proto are believed
`

async function openDatabase() {
  const config = readConfig()
  const conn = await connect({ url: config.databaseUrl })
  const applied = await migrateToLatest(conn.db)
  if (applied.length) console.log(`已迁移 / migrated: ${applied.join(', ')}`)
  return { config, conn }
}

async function ensureFirstAdmin(conn: Awaited<ReturnType<typeof connect>>): Promise<void> {
  if ((await countUsers(conn.db)) > 0) return
  const password = randomPassword()
  await insertUser(conn.db, { username: 'admin', displayName: '管理员', passwordHash: await hashPassword(password), isAdmin: true }, new Date())
  console.log('\n首次启动：已创建管理员账号（密码只显示这一次） / First start: admin account created (shown once):')
  console.log(`  username: admin\n  password: ${password}\n`)
}

async function main(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: false,
    options: {
      help: { type: 'boolean', short: 'h' },
      json: { type: 'boolean' },
      previous: { type: 'string' },
      format: { type: 'string' },
      agency: { type: 'string' },
      level: { type: 'string' },
      kind: { type: 'string' },
      year: { type: 'string' },
      out: { type: 'string' },
      'lease-ms': { type: 'string' },
      'poll-ms': { type: 'string' },
      'no-worker': { type: 'boolean' },
    },
  })
  const command = positionals[0]
  if (values.help || !command || command === 'help') {
    process.stdout.write(HELP)
    return command && command !== 'help' ? 1 : 0
  }
  const file = positionals[1]
  const needFile = () => {
    if (!file) throw new CliError('USAGE', `用法：gongkai ${command} <文件>`, `usage: gongkai ${command} <file>`)
    return file
  }
  switch (command) {
    case 'validate': {
      const previous = typeof values.previous === 'string' ? values.previous : undefined
      const { output, exitCode } = validateCommand(needFile(), { ...(previous ? { previous } : {}), json: values.json === true })
      process.stdout.write(output)
      return exitCode
    }
    case 'export':
      process.stdout.write(exportCommand(needFile(), typeof values.format === 'string' ? values.format : undefined))
      return 0
    case 'import': {
      const { output, exitCode } = await importCommand(needFile(), values as Record<string, string | boolean> as never)
      process.stdout.write(output)
      return exitCode
    }
    case 'import-batch':
      return importBatchCommand(needFile(), values as never, (s) => process.stdout.write(s))
    case 'schema':
      process.stdout.write(schemaCommand())
      return 0
    case 'worker': {
      const { conn } = await openDatabase()
      const controller = new AbortController()
      for (const sig of ['SIGINT', 'SIGTERM'] as const) process.once(sig, () => controller.abort())
      console.log(`工作进程已启动 / worker running (${conn.dialect})`)
      await runWorker({
        db: conn.db,
        dialect: conn.dialect,
        importer: threadedImporter(),
        signal: controller.signal,
        daily: true,
        leaseMs: Number(values['lease-ms'] ?? 60_000),
        pollMs: Number(values['poll-ms'] ?? 1000),
        log: (l) => console.log(l),
      })
      await conn.close()
      return 0
    }
    case 'migrate': {
      const { conn } = await openDatabase()
      await conn.close()
      console.log('数据库已是最新 / database is up to date')
      return 0
    }
    case 'seed': {
      const { conn } = await openDatabase()
      const result = await loadSampleData(conn, new Date(), seedText())
      console.log(result.loaded ? `已载入示例数据 / sample data loaded (${result.reports})` : '数据库已有报告，未载入 / database already has reports; nothing loaded')
      await conn.close()
      return 0
    }
    case 'serve': {
      const { config, conn } = await openDatabase()
      const seeded = await loadSampleData(conn, new Date(), seedText())
      if (seeded.loaded) console.log(`已载入示例数据 / sample data loaded (${seeded.reports})`)
      await ensureFirstAdmin(conn)
      const roots = defaultStaticRoots()
      const server = await listen(createNodeApp(conn, { reader: config.readerDir ?? roots.reader, admin: config.adminDir ?? roots.admin }, { trustProxy: config.trustProxy }), config.port, config.host)
      const base = `http://${config.host}:${config.port}`
      console.log(`Gongkai 已启动 / running (${conn.dialect}):`)
      console.log(`  阅读 reader: ${base}/\n  管理 admin:  ${base}/admin/\n  接口 API:    ${base}/api/health`)
      // One worker runs inside the server, so a new site needs nothing more for background jobs.
      const worker = new AbortController()
      if (!values['no-worker']) void runWorker({ db: conn.db, dialect: conn.dialect, importer: threadedImporter(), signal: worker.signal, daily: true, log: (l) => console.log(l) })
      const stop = () => {
        worker.abort()
        server.close(() => void conn.close().then(() => process.exit(0)))
      }
      process.once('SIGINT', stop)
      process.once('SIGTERM', stop)
      return new Promise<number>(() => {})
    }
    default:
      process.stderr.write(`未知命令 / unknown command: ${command}\n\n${HELP}`)
      return 2
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    if (err instanceof CliError) {
      console.error(`${err.code}: ${err.zh}\n${err.code}: ${err.en}`)
      process.exit(err.exitCode)
    }
    console.error(err instanceof Error ? err.message : err)
    process.exit(1)
  },
)
