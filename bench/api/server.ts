// The built server (apps/api/dist/cli.js serve) on a fresh database, signed in as the first admin:
// shared by the benches that measure it from outside (hostile uploads, mixed load).
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { createDatabase, dropDatabase } from '../../apps/api/src/db/connect.ts'
import { must } from '../must.ts'

const ROOT = resolve(import.meta.dirname, '../..')

export interface RunningServer {
  name: string
  base: string
  pid: number
  child: ChildProcess
  /** A signed-in admin's headers for writes. */
  headers: Record<string, string>
  /** Resident memory of the server process now, in MB (/proc, Linux). */
  rssMb: () => number
  stop: () => Promise<void>
}

const freePort = () =>
  new Promise<number>((res) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number }
      s.close(() => res(port))
    })
  })

/** The engines to measure: SQLite, and PostgreSQL (a database of its own) when TEST_DATABASE_URL is set. */
export function engines(): string[] {
  return ['sqlite', ...(process.env.TEST_DATABASE_URL ? ['postgres'] : [])]
}

export async function startServer(engine: string, env: Record<string, string> = {}): Promise<RunningServer> {
  const dir = mkdtempSync(join(tmpdir(), 'gongkai-bench-'))
  let databaseUrl = ''
  let cleanup = async () => {}
  if (engine === 'postgres') {
    const pgUrl = must(process.env.TEST_DATABASE_URL, 'TEST_DATABASE_URL for the PostgreSQL engine')
    const name = `gk_bench_${Date.now().toString(36)}`
    databaseUrl = await createDatabase(pgUrl, name)
    cleanup = () => dropDatabase(pgUrl, name)
  }
  const port = await freePort()
  // One process, measured as it is (the supervisor would add a small parent of its own).
  const child = spawn(process.execPath, [join(ROOT, 'apps/api/dist/cli.js'), 'serve'], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dir, DATABASE_URL: databaseUrl, SUPERVISOR: 'off', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  let out = ''
  await new Promise<void>((ok, fail) => {
    must(child.stdout, 'server output').on('data', (d: Buffer) => {
      out += d.toString()
      if (out.includes('/api/health')) ok()
    })
    child.once('exit', (code) => fail(new Error(`server exited ${code}: ${out}`)))
  })
  const base = `http://127.0.0.1:${port}`
  const password = must(/password: (\S+)/.exec(out)?.[1], 'admin password in the server output')
  const login = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password }),
  })
  const cookie = must(/gk_session=[^;]+/.exec(login.headers.get('set-cookie') ?? '')?.[0], 'session cookie')
  const { csrfToken } = (await (await fetch(`${base}/api/auth/me`, { headers: { Cookie: cookie } })).json()) as { csrfToken: string }
  const pid = must(child.pid, 'server process id')
  return {
    name: engine,
    base,
    pid,
    child,
    headers: { Cookie: cookie, 'X-CSRF-Token': csrfToken, 'Content-Type': 'application/json' },
    rssMb: () => {
      try {
        return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? Number.NaN) / 1024
      } catch {
        return NaN
      }
    },
    stop: async () => {
      const gone = new Promise((r) => child.once('exit', r))
      child.kill('SIGTERM')
      await gone
      rmSync(dir, { recursive: true, force: true })
      await cleanup()
    },
  }
}
