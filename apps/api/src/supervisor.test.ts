import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { expect, it } from 'vitest'

// `gongkai serve` runs under a supervisor: when the server process dies (here by SIGKILL, as the
// kernel's OOM killer would end it), it is started again and the site answers again; SIGTERM
// stops both.

const API = resolve(dirname(fileURLToPath(import.meta.url)), '..')

const freePort = () =>
  new Promise<number>((res) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number }
      s.close(() => res(port))
    })
  })

it('restarts a server process that was killed, and the site answers again', { timeout: 240_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'gongkai-supervisor-'))
  const port = await freePort()
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'serve', '--no-worker'], {
    cwd: API,
    env: { ...process.env, DATA_DIR: dir, PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: '', SUPERVISOR: 'on' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let out = ''
  child.stdout.on('data', (d) => (out += d))
  child.stderr.on('data', (d) => (out += d))
  const exited = new Promise<number | null>((res) => child.once('exit', (code) => res(code)))
  /** Wait for a state (a line in the log, the site answering), polling; never a fixed sleep. */
  const until = async (what: string, ok: () => boolean | Promise<boolean>) => {
    for (;;) {
      if (await ok()) return
      if (child.exitCode !== null) throw new Error(`the supervisor exited while waiting for ${what}: ${out}`)
      await new Promise((r) => setTimeout(r, 100))
    }
  }
  const healthy = async () => {
    try {
      return (await fetch(`http://127.0.0.1:${port}/api/health`)).status === 200
    } catch {
      return false
    }
  }
  const pids = () => [...out.matchAll(/server process (\d+) started/g)].map((m) => Number(m[1]))
  try {
    await until('the first server', async () => pids().length === 1 && (await healthy()))
    const first = pids()[0]!
    process.kill(first, 'SIGKILL')
    await until('the death to be logged', () => out.includes(`server process ${first} died (signal SIGKILL)`))
    await until('a second server', async () => pids().length === 2 && (await healthy()))
    expect(pids()[1]).not.toBe(first)
    expect(out).toMatch(/服务进程 \d+ 意外退出/)
    // The supervisor itself never stopped.
    expect(child.exitCode).toBe(null)
    child.kill('SIGTERM')
    expect(await exited).toBe(0)
    // Stopping is not a death: nothing was restarted.
    expect(pids()).toHaveLength(2)
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL')
    for (const pid of pids()) {
      try {
        process.kill(pid, 'SIGKILL')
      } catch {
        // already gone
      }
    }
    rmSync(dir, { recursive: true, force: true })
  }
})

it('stops with a clear message, instead of restarting forever, when its port is taken', { timeout: 240_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'gongkai-supervisor-'))
  const holder = createServer()
  const port = await new Promise<number>((res) => holder.listen(0, '127.0.0.1', () => res((holder.address() as { port: number }).port)))
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'serve', '--no-worker'], {
    cwd: API,
    env: { ...process.env, DATA_DIR: dir, PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: '', SUPERVISOR: 'on' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let out = ''
  child.stdout.on('data', (d) => (out += d))
  child.stderr.on('data', (d) => (out += d))
  try {
    const code = await new Promise<number | null>((res) => child.once('exit', (c) => res(c)))
    expect(code).toBe(78)
    expect(out).toContain(`端口 ${port} 已被占用`)
    expect(out).toContain(`port ${port} on 127.0.0.1 is in use`)
    expect(out).toContain('not restarting')
    expect(out).not.toMatch(/restarting in/)
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL')
    holder.close()
    rmSync(dir, { recursive: true, force: true })
  }
})
