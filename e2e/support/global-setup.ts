import { spawn } from 'node:child_process'
import { cpSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

// Starts the production Node server on a fresh SQLite database, exactly as `npm start` does, and
// reads the first admin's one-time password from what it prints.

const here = dirname(fileURLToPath(import.meta.url))
const CLI = resolve(here, '../../apps/api/dist/cli.js')
const READER_DIST = resolve(here, '../../apps/reader/dist')

export default async function globalSetup(): Promise<() => Promise<void>> {
  if (process.env.BASE_URL) return async () => {}
  const port = process.env.E2E_PORT ?? '4180'
  const dataDir = mkdtempSync(join(tmpdir(), 'gongkai-e2e-'))
  // The reader is served from a copy, so the update test can deploy a second build into it.
  const readerDir = join(dataDir, 'reader')
  cpSync(READER_DIST, readerDir, { recursive: true })
  process.env.GK_READER_DIR = readerDir
  const child = spawn(process.execPath, [CLI, 'serve'], {
    env: { ...process.env, PORT: port, HOST: '127.0.0.1', DATA_DIR: dataDir, DATABASE_URL: '', READER_DIR: readerDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let out = ''
  child.stderr.on('data', (d: Buffer) => process.stderr.write(d))
  await new Promise<void>((ok, fail) => {
    // A limit, not a wait: on a loaded CI machine migrating and loading the samples took over 30 s.
    const timer = setTimeout(() => {
      // A server that never said it was ready is stopped, so it does not hold the port for the next run.
      child.kill('SIGTERM')
      fail(new Error(`server did not start:\n${out}`))
    }, 120_000)
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString()
      if (out.includes('/api/health')) {
        clearTimeout(timer)
        ok()
      }
    })
    child.on('exit', (code) => fail(new Error(`server exited with ${code}:\n${out}`)))
  })
  const password = /password: (\S+)/.exec(out)?.[1]
  if (!password) throw new Error(`the first start printed no admin password:\n${out}`)
  process.env.GK_ADMIN_PASSWORD = password
  return async () => {
    child.kill('SIGTERM')
    await new Promise((r) => child.once('exit', r))
    rmSync(dataDir, { recursive: true, force: true })
  }
}
