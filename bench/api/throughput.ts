// API throughput against static servers sending the very same bytes from a file, all on loopback,
// alternated in one run so that they share the machine's state:
//   - Debian's nginx (`apt-get install nginx-light`), one worker: the fair baseline;
//   - a plain Node static server (reads the file for every request): the second baseline.
// Run: pnpm bench:api   (builds the API, starts it on a fresh SQLite database with the sample data)
//   BENCH_SECONDS (default 10) per measurement, BENCH_ROUNDS (default 2) alternations,
//   NGINX (default: `nginx` on PATH, else /usr/sbin/nginx; the nginx rows are left out when it is not installed)
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:http'
import { loadavg, tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import autocannon from 'autocannon'
import { must } from '../must.ts'

const ROOT = resolve(import.meta.dirname, '../..')
const API_PORT = 8791
const STATIC_PORT = 8792
const NGINX_PORT = 8793
const DURATION = Number(process.env.BENCH_SECONDS ?? 10)
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2)
// Debian puts nginx in /usr/sbin, which is not on every user's PATH.
const NGINX = process.env.NGINX ?? (spawnSync('nginx', ['-v']).error ? '/usr/sbin/nginx' : 'nginx')

async function startApi(dataDir: string) {
  const child = spawn(process.execPath, [join(ROOT, 'apps/api/dist/cli.js'), 'serve'], {
    env: { ...process.env, PORT: String(API_PORT), DATA_DIR: dataDir, DATABASE_URL: '' },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  await new Promise<void>((ok) =>
    must(child.stdout, 'server output').on('data', (d: Buffer) => d.toString().includes('/api/health') && ok()),
  )
  return child
}

/** The Node baseline: read the file from disk for every request, as a simple static server does. */
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

/** Debian's nginx with one worker, serving the files as they are (no compression: the same bytes). */
async function startNginx(dir: string): Promise<ChildProcess | null> {
  if (spawnSync(NGINX, ['-v']).error) return null
  const prefix = join(dir, 'nginx')
  mkdirSync(join(prefix, 'tmp'), { recursive: true })
  const conf = join(prefix, 'nginx.conf')
  writeFileSync(
    conf,
    `worker_processes 1;
daemon off;
pid ${prefix}/nginx.pid;
error_log ${prefix}/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 100000;
  client_body_temp_path ${prefix}/tmp/body;
  proxy_temp_path ${prefix}/tmp/proxy;
  fastcgi_temp_path ${prefix}/tmp/fastcgi;
  uwsgi_temp_path ${prefix}/tmp/uwsgi;
  scgi_temp_path ${prefix}/tmp/scgi;
  types { application/json json; }
  server {
    listen 127.0.0.1:${NGINX_PORT};
    root ${dir};
    location = /report { default_type application/json; try_files /report.json =404; }
    location = /list { default_type application/json; try_files /list.json =404; }
  }
}
`,
  )
  const child = spawn(NGINX, ['-p', prefix, '-c', conf], { stdio: ['ignore', 'ignore', 'inherit'] })
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${NGINX_PORT}/report`)).ok) return child
    } catch {
      // not listening yet
    }
    await new Promise((ok) => setTimeout(ok, 100))
  }
  child.kill('SIGTERM')
  return null
}

interface Result {
  rps: number
  p50: number
  p97_5: number
  p99: number
  errors: number
}

async function run(url: string, headers: Record<string, string> = {}, overallRate?: number): Promise<Result> {
  const r = await autocannon({ url, connections: 10, duration: DURATION, pipelining: 1, headers, ...(overallRate ? { overallRate } : {}) })
  // A 304 is the expected answer to a current If-None-Match.
  const bad = r.errors + r.non2xx - (r['3xx'] ?? 0)
  return { rps: Math.round(r.requests.average), p50: r.latency.p50, p97_5: r.latency.p97_5, p99: r.latency.p99, errors: bad }
}

/** The mean of several alternated runs (requests per second), and the latencies of the last. */
function mean(rs: Result[]): Result {
  const last = must(rs.at(-1), 'run')
  return { ...last, rps: Math.round(rs.reduce((s, r) => s + r.rps, 0) / rs.length), errors: rs.reduce((s, r) => s + r.errors, 0) }
}

const fmt = (r: Result | null) => (r ? `${r.rps} | ${r.p50} / ${r.p97_5} / ${r.p99}` : 'n/a | n/a')

const dataDir = mkdtempSync(join(tmpdir(), 'gongkai-bench-'))
// nginx's worker runs as another user (nobody) when started by root: the files must be readable.
chmodSync(dataDir, 0o755)
const api = await startApi(dataDir)
let nginx: ChildProcess | null = null
try {
  const base = `http://127.0.0.1:${API_PORT}`
  const list = await (await fetch(`${base}/api/reports`)).text()
  const id = must(
    (JSON.parse(list) as { items: Array<{ id: string; agency: { code: string }; year: number }> }).items.find(
      (r) => r.agency.code === 'demo-990000' && r.year === 2023,
    ),
    'sample report of demo-990000 for 2023',
  ).id
  const reportRes = await fetch(`${base}/api/reports/${id}`)
  const report = await reportRes.text()
  const etag = must(reportRes.headers.get('etag'), 'ETag on the report')
  writeFileSync(join(dataDir, 'list.json'), list)
  writeFileSync(join(dataDir, 'report.json'), report)
  const staticServer = await startStatic(dataDir)
  nginx = await startNginx(dataDir)
  const load = loadavg()

  const targets = [
    { name: 'GET /api/reports/:id', api: `${base}/api/reports/${id}`, file: '/report', bytes: report.length },
    { name: 'GET /api/reports (list of 16)', api: `${base}/api/reports`, file: '/list', bytes: list.length },
  ]
  console.log(
    `nginx: ${nginx ? spawnSync(NGINX, ['-v'], { encoding: 'utf8' }).stderr.trim() : 'not installed (apt-get install nginx-light)'}; ${DURATION} s per run, ${ROUNDS} alternations; load average before: ${load.map((x) => x.toFixed(2)).join(' ')}\n`,
  )
  console.log(
    '| route | bytes | API req/s | API p50 / p97.5 / p99 ms | nginx req/s | nginx p50 / p97.5 / p99 ms | Node static req/s | Node static p50 / p97.5 / p99 ms | API ÷ nginx | API ÷ Node static |',
  )
  console.log('|---|---|---|---|---|---|---|---|---|---|')
  for (const t of targets) {
    const a: Result[] = []
    const n: Result[] = []
    const s: Result[] = []
    // Alternated, so a change in the machine's load falls on all three alike.
    for (let round = 0; round < ROUNDS; round++) {
      a.push(await run(t.api))
      if (nginx) n.push(await run(`http://127.0.0.1:${NGINX_PORT}${t.file}`))
      s.push(await run(`http://127.0.0.1:${STATIC_PORT}${t.file}`))
    }
    const [am, nm, sm] = [mean(a), n.length ? mean(n) : null, mean(s)]
    console.log(
      `| ${t.name} | ${t.bytes} | ${fmt(am)} | ${fmt(nm)} | ${fmt(sm)} | ${nm ? (am.rps / nm.rps).toFixed(2) : 'n/a'} | ${(am.rps / sm.rps).toFixed(2)} |`,
    )
    if (am.errors || nm?.errors || sm.errors) console.log(`  errors: api ${am.errors}, nginx ${nm?.errors ?? 0}, static ${sm.errors}`)
  }

  console.log('\n| the report, other ways | API req/s | API p50 / p97.5 / p99 ms |\n|---|---|---|')
  const more: Array<[string, Record<string, string>, number?]> = [
    ['Brotli (Accept-Encoding: br, gzip)', { 'Accept-Encoding': 'br, gzip' }],
    ['gzip (Accept-Encoding: gzip)', { 'Accept-Encoding': 'gzip' }],
    ['304 (If-None-Match: the current ETag)', { 'If-None-Match': etag }],
    ['at a steady 1,000 req/s (identity)', {}, 1000],
  ]
  for (const [name, headers, rate] of more) {
    const r = await run(`${base}/api/reports/${id}`, headers, rate)
    console.log(`| ${name} | ${r.rps} | ${r.p50} / ${r.p97_5} / ${r.p99} |${r.errors ? ` errors: ${r.errors}` : ''}`)
  }
  console.log(
    `\nload average after: ${loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')}`,
  )
  staticServer.close()
} finally {
  nginx?.kill('SIGTERM')
  api.kill('SIGTERM')
  rmSync(dataDir, { recursive: true, force: true })
}
