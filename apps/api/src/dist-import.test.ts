import { execFileSync, spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { expect, it } from 'vitest'
import { signIn } from './test/actors.ts'

// The built server (esbuild's dist/cli.js) finds its import thread's script (dist/import-worker.js)
// and refuses a heavy file with the real limits (256 MB), answering /api/health meanwhile.

const API = resolve(dirname(fileURLToPath(import.meta.url)), '..')

it('the built server reads imports in its worker thread: a heavy file is a 422, health answers throughout', async () => {
  execFileSync(process.execPath, ['build.mjs'], { cwd: API, stdio: 'inherit' })
  const dir = mkdtempSync(join(tmpdir(), 'gongkai-dist-'))
  const port = 18_000 + Math.floor(Math.random() * 1_000)
  const child = spawn(process.execPath, ['dist/cli.js', 'serve', '--no-worker'], {
    cwd: API,
    env: { ...process.env, DATA_DIR: dir, PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: '' },
    stdio: ['ignore', 'pipe', 'ignore'],
  })
  try {
    let out = ''
    await new Promise<void>((res, rej) => {
      child.stdout.on('data', (d) => {
        out += d
        if (out.includes('/api/health')) res()
      })
      child.once('exit', (code) => rej(new Error(`server exited ${code}: ${out}`)))
    })
    const password = /password: (\S+)/.exec(out)![1]!
    const base = `http://127.0.0.1:${port}`
    const { cookie, csrf: csrfToken } = await signIn((path, init) => fetch(`${base}${path}`, init), 'admin', password)
    const { items } = (await (await fetch(`${base}/api/agencies`)).json()) as { items: Array<{ id: string }> }
    // 5 MB of text: 250,000 lines of a label and three numbers. Its tokens need far more than
    // 256 MB of heap (an HTML page that large is refused at once: more elements than a report).
    const heavy = `测试2016年政府信息公开工作年度报告\n${Array.from({ length: 250_000 }, (_, i) => `第${i}项 1 2 3`).join('\n')}`
    const work = fetch(`${base}/api/admin/import`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Cookie: cookie, 'X-CSRF-Token': csrfToken },
      body: JSON.stringify({ agencyId: items[0]!.id, content: heavy }),
    })
    await new Promise((r) => setTimeout(r, 1_500))
    const started = Date.now()
    expect((await fetch(`${base}/api/health`)).status).toBe(200)
    expect(Date.now() - started).toBeLessThan(1_000)
    const res = await work
    expect(res.status).toBe(422)
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('IMPORT_TOO_HEAVY')
    expect((await fetch(`${base}/api/health`)).status).toBe(200)
  } finally {
    child.kill('SIGTERM')
    rmSync(dir, { recursive: true, force: true })
  }
}, 90_000)
