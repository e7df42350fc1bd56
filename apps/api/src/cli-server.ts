import { hashPassword, randomPassword } from './auth/password.ts'
import { connect } from './db/connect.ts'
import { migrateToLatest } from './db/migrator.ts'
import { countUsers, insertUser } from './db/users.ts'
import { readConfig } from './env.ts'
import { threadedImporter } from './import-thread.ts'
import { runWorker } from './jobs/runner.ts'
import { createNodeApp, defaultStaticRoots, listen } from './node.ts'
import { loadSampleData } from './sample.ts'
import { seedText } from './seed-text.ts'
import { EXIT_CANNOT_LISTEN, shouldSupervise, supervise } from './supervisor.ts'

// The CLI commands that use the database: serve, worker, migrate, seed. cli.ts loads this module
// only for them.

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
  await insertUser(
    conn.db,
    { username: 'admin', displayName: '管理员', passwordHash: await hashPassword(password), isAdmin: true },
    new Date(),
  )
  console.log('\n首次启动：已创建管理员账号（密码只显示这一次） / First start: admin account created (shown once):')
  console.log(`  username: admin\n  password: ${password}\n`)
}

export async function serverCommand(
  command: 'serve' | 'worker' | 'migrate' | 'seed',
  values: Record<string, string | boolean | undefined>,
): Promise<number> {
  switch (command) {
    case 'worker': {
      const { conn } = await openDatabase()
      const controller = new AbortController()
      for (const sig of ['SIGINT', 'SIGTERM'] as const) process.once(sig, () => controller.abort())
      console.log(`工作进程已启动 / worker running (${conn.dialect})`)
      await runWorker({
        db: conn.db,
        dialect: conn.dialect,
        // Files are read in a worker thread with memory and time limits.
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
      console.log(
        result.loaded
          ? `已载入示例数据 / sample data loaded (${result.reports})`
          : '数据库已有报告，未载入 / database already has reports; nothing loaded',
      )
      await conn.close()
      return 0
    }
    case 'serve': {
      // The first process supervises: it forks the server and restarts it if it dies (supervisor.ts).
      if (shouldSupervise(readConfig())) return supervise()
      const { config, conn } = await openDatabase()
      const seeded = await loadSampleData(conn, new Date(), seedText())
      if (seeded.loaded) console.log(`已载入示例数据 / sample data loaded (${seeded.reports})`)
      await ensureFirstAdmin(conn)
      const roots = defaultStaticRoots()
      let server: Awaited<ReturnType<typeof listen>>
      try {
        server = await listen(
          createNodeApp(
            conn,
            { reader: config.readerDir ?? roots.reader, admin: config.adminDir ?? roots.admin },
            { trustProxy: config.trustProxy },
          ),
          config.port,
          config.host,
        )
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code
        if (code !== 'EADDRINUSE' && code !== 'EACCES') throw e
        console.error(
          code === 'EADDRINUSE'
            ? `端口 ${config.port} 已被占用（${config.host}）：请停止占用它的程序，或用 PORT=… 换一个端口 / port ${config.port} on ${config.host} is in use: stop what holds it, or choose another with PORT=…`
            : `无权使用端口 ${config.port}（${config.host}）：请用 PORT=… 换一个 1024 以上的端口 / no permission to use port ${config.port} on ${config.host}: choose one above 1024 with PORT=…`,
        )
        await conn.close()
        return EXIT_CANNOT_LISTEN
      }
      const base = `http://${config.host}:${config.port}`
      console.log(`Gongkai 已启动 / running (${conn.dialect}):`)
      console.log(`  阅读 reader: ${base}/\n  管理 admin:  ${base}/admin/\n  接口 API:    ${base}/api/health`)
      // One worker runs inside the server, so a new site needs nothing more for background jobs;
      // JOB_WORKER=apart (or --no-worker) leaves them to `gongkai worker` processes.
      const worker = new AbortController()
      const inside = !values['no-worker'] && config.jobWorker === 'inside'
      console.log(
        inside
          ? '  任务 jobs:    在本进程中运行 run in this process'
          : '  任务 jobs:    由单独的 gongkai worker 运行 left to separate `gongkai worker` processes',
      )
      if (inside)
        void runWorker({
          db: conn.db,
          dialect: conn.dialect,
          importer: threadedImporter(),
          signal: worker.signal,
          daily: true,
          log: (l) => console.log(l),
        })
      // Once: a Ctrl-C reaches both the supervisor and this process, and the supervisor passes it on.
      let stopped = false
      const stop = () => {
        if (stopped) return
        stopped = true
        worker.abort()
        server.close(() => void conn.close().then(() => process.exit(0)))
      }
      process.on('SIGINT', stop)
      process.on('SIGTERM', stop)
      return new Promise<number>(() => {})
    }
  }
}
