// API throughput against a plain static-file baseline serving the same JSON, both on loopback.
// Run: pnpm bench:api   (builds the API, starts it on a fresh SQLite database with the sample data)
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:http'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import autocannon from 'autocannon'

const ROOT = resolve(import.meta.dirname, '../..')
const API_PORT = 8791
const STATIC_PORT = 8792
const DURATION = Number(process.env.BENCH_SECONDS ?? 10)

async function startApi(dataDir: string) {
  const child = spawn(process.execPath, [join(ROOT, 'apps/api/dist/cli.js'), 'serve'], {
    env: { ...process.env, PORT: String(API_PORT), DATA_DIR: dataDir, DATABASE_URL: '' },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  await new Promise<void>((ok) => child.stdout!.on('data', (d: Buffer) => d.toString().includes('/api/health') && ok()))
  return child
}

/** The baseline: read the file from disk for every request, as a static server does. */
function startStatic(dir: string) {
  const server = createServer((req, res) => {
    try {
      const body = readFileSync(join(dir, req.url === '/list' ? 'list.json' : 'report.json'))
      res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': body.length })
      res.end(body)
    } catch {
      res.writeHead(404).end()
    }
  })
  return new Promise<typeof server>((ok) => server.listen(STATIC_PORT, '127.0.0.1', () => ok(server)))
}

async function run(url: string) {
  const r = await autocannon({ url, connections: 10, duration: DURATION, pipelining: 1 })
  return { rps: Math.round(r.requests.average), p50: r.latency.p50, p97_5: r.latency.p97_5, p99: r.latency.p99, errors: r.errors + r.non2xx }
}

const dataDir = mkdtempSync(join(tmpdir(), 'gongkai-bench-'))
const api = await startApi(dataDir)
try {
  const base = `http://127.0.0.1:${API_PORT}`
  const list = await (await fetch(`${base}/api/reports`)).text()
  const id = (JSON.parse(list) as { items: Array<{ id: string; agency: { code: string }; year: number }> }).items.find((r) => r.agency.code === 'demo-990000' && r.year === 2023)!.id
  const report = await (await fetch(`${base}/api/reports/${id}`)).text()
  writeFileSync(join(dataDir, 'list.json'), list)
  writeFileSync(join(dataDir, 'report.json'), report)
  const staticServer = await startStatic(dataDir)
  const rows = [
    ['GET /api/reports/:id (validated on the fly)', await run(`${base}/api/reports/${id}`), await run(`http://127.0.0.1:${STATIC_PORT}/report`), report.length],
    ['GET /api/reports (list of 16)', await run(`${base}/api/reports`), await run(`http://127.0.0.1:${STATIC_PORT}/list`), list.length],
  ] as const
  staticServer.close()
  console.log(`| route | bytes | API req/s | API p50 / p97.5 / p99 ms | static req/s | static p50 / p97.5 / p99 ms | API ÷ static |`)
  console.log(`|---|---|---|---|---|---|---|`)
  for (const [name, a, s, bytes] of rows) {
    console.log(`| ${name} | ${bytes} | ${a.rps} | ${a.p50} / ${a.p97_5} / ${a.p99} | ${s.rps} | ${s.p50} / ${s.p97_5} / ${s.p99} | ${(a.rps / s.rps).toFixed(2)} |`)
    if (a.errors || s.errors) console.log(`  errors: api ${a.errors}, static ${s.errors}`)
  }
} finally {
  api.kill('SIGTERM')
  rmSync(dataDir, { recursive: true, force: true })
}
