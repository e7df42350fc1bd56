// Crashes on purpose, as the probe did: the real server (`gongkai serve`) and a separate job
// worker (`gongkai worker`) are killed with SIGKILL again and again while a client saves drafts,
// publishes new reports and publishes corrections, and again during a batch import. Each time they
// are started again. Then:
//   - every report's revisions are 1..n with no gap, each served byte for byte as its SHA-256 says,
//     the same bytes after one more restart, and every correction the client was told about holds
//     what the client saved for it (no marker twice, none out of order);
//   - the batch job finished exactly once: succeeded, every file imported once, one report each.
// Run: pnpm bench:chaos   (SQLite; PostgreSQL too when TEST_DATABASE_URL is set)
//   CHAOS_KILLS (default 20 during publishing), CHAOS_BATCH_KILLS (default 3), CHAOS_FILES (default 30),
//   CHAOS_ENGINES (default sqlite,postgres)
import { spawn, type ChildProcess } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { generateTables, sampleReports, seededRandom, type ReportDocument } from '../packages/schema/src/index.ts'
import { reportHtml } from '../packages/importer/test/fixtures.ts'
import { createDatabase, dropDatabase } from '../apps/api/src/db/connect.ts'
import { must } from './must.ts'

const API = resolve(dirname(fileURLToPath(import.meta.url)), '../apps/api')
const KILLS = Number(process.env.CHAOS_KILLS ?? 20)
const BATCH_KILLS = Number(process.env.CHAOS_BATCH_KILLS ?? 3)
const FILES = Number(process.env.CHAOS_FILES ?? 30)
/** CHAOS_ENGINES=sqlite,postgres to choose (default: both that are available). */
const ONLY = process.env.CHAOS_ENGINES?.split(',') ?? null

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
const sha256 = (bytes: Uint8Array | string) => createHash('sha256').update(bytes).digest('hex')
const freePort = () =>
  new Promise<number>((res) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number }
      s.close(() => res(port))
    })
  })

interface Target {
  name: string
  env: Record<string, string>
  cleanup: () => Promise<void>
}

async function targets(): Promise<Target[]> {
  const dir = mkdtempSync(join(tmpdir(), 'gongkai-chaos-'))
  const out: Target[] = []
  if (ONLY === null || ONLY.includes('sqlite'))
    out.push({
      name: 'sqlite',
      env: { DATA_DIR: dir, DATABASE_URL: '' },
      cleanup: async () => rmSync(dir, { recursive: true, force: true }),
    })
  const pgUrl = process.env.TEST_DATABASE_URL
  if (pgUrl && (ONLY === null || ONLY.includes('postgres'))) {
    // A database of its own: the server and the worker connect by URL, as in production.
    const name = `gk_chaos_${Date.now().toString(36)}`
    const url = await createDatabase(pgUrl, name)
    out.push({
      name: 'postgres',
      env: { DATA_DIR: dir, DATABASE_URL: url },
      cleanup: async () => {
        await dropDatabase(pgUrl, name)
        rmSync(dir, { recursive: true, force: true })
      },
    })
  }
  return out
}

class Site {
  server: ChildProcess | null = null
  worker: ChildProcess | null = null
  log = ''
  readonly base: string
  constructor(
    readonly port: number,
    readonly env: Record<string, string>,
  ) {
    this.base = `http://127.0.0.1:${port}`
  }
  private spawn(args: string[]): ChildProcess {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], {
      cwd: API,
      // The server alone (this bench is the supervisor); jobs in a separate worker with a short lease.
      env: { ...process.env, ...this.env, PORT: String(this.port), HOST: '127.0.0.1', SUPERVISOR: 'off', JOB_WORKER: 'apart' },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    must(child.stdout, 'server output').on('data', (d) => (this.log += d))
    must(child.stderr, 'server errors').on('data', (d) => (this.log += d))
    return child
  }
  async healthy(): Promise<boolean> {
    try {
      return (await fetch(`${this.base}/api/health`)).status === 200
    } catch {
      return false
    }
  }
  async start(): Promise<void> {
    this.server = this.spawn(['serve'])
    while (!(await this.healthy())) {
      if (this.server.exitCode !== null) throw new Error(`the server exited (${this.server.exitCode}): ${this.log.slice(-2000)}`)
      await sleep(50)
    }
    // After the server: both migrate at start, and on a fresh database they would race.
    this.worker = this.spawn(['worker', '--lease-ms', '2000', '--poll-ms', '100'])
  }
  async kill(): Promise<void> {
    for (const child of [this.server, this.worker]) {
      if (!child || child.exitCode !== null || child.signalCode !== null) continue
      const gone = new Promise((r) => child.once('exit', r))
      child.kill('SIGKILL')
      await gone
    }
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a bench reading many response shapes
type Answer = { status: number; json: any; lost: number }

/** One request, retried through connection failures (the server is down) until it gets an answer. */
async function call(site: Site, cookie: string, csrf: string, method: string, path: string, body?: unknown): Promise<Answer> {
  let lost = 0
  for (;;) {
    try {
      const res = await fetch(`${site.base}${path}`, {
        method,
        headers: { Cookie: cookie, 'X-CSRF-Token': csrf, ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}) },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      })
      const text = await res.text()
      return { status: res.status, json: text ? JSON.parse(text) : null, lost }
    } catch {
      // Refused or cut off: the server was killed. A write whose answer was lost may or may not
      // have happened; the checks below accept either, and never a half.
      lost++
      await sleep(50)
    }
  }
}

async function run(target: Target): Promise<boolean> {
  const site = new Site(await freePort(), target.env)
  try {
    return await chaos(site, target)
  } finally {
    await site.kill()
  }
}

async function chaos(site: Site, target: Target): Promise<boolean> {
  await site.start()
  const password = /password: (\S+)/.exec(site.log)?.[1]
  if (!password) throw new Error(`no admin password in: ${site.log}`)
  const login = await fetch(`${site.base}/api/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password }),
  })
  const cookie = must(/gk_session=[^;]+/.exec(login.headers.get('set-cookie') ?? '')?.[0], 'session cookie')
  const { csrfToken: csrf } = (await (await fetch(`${site.base}/api/auth/me`, { headers: { Cookie: cookie } })).json()) as {
    csrfToken: string
  }
  const api = (method: string, path: string, body?: unknown) => call(site, cookie, csrf, method, path, body)
  const agency = await api('POST', '/api/admin/agencies', {
    name: '混沌测试局',
    code: `chaos-${Date.now().toString(36)}`,
    level: 'county',
    kind: 'department',
    regionCode: '990101',
    parentId: null,
  })
  if (agency.status !== 201) throw new Error(`agency: ${agency.status} ${JSON.stringify(agency.json)}`)
  const agencyId = agency.json.id as string
  let ok = true
  const fail = (why: string) => {
    ok = false
    console.log(`  ✗ ${why}`)
  }

  // ---- Phase 1: drafts, first publications and corrections under SIGKILL ----
  /** What the client was told: report → revision number → the marker it saved for it. */
  const acked = new Map<string, Map<number, string>>()
  const reports: string[] = []
  let stop = false
  let lostAnswers = 0
  let corrections = 0
  let publications = 0
  let clientError: unknown = null
  const client = (async () => {
    let year = 2040
    let report: { id: string; doc: ReportDocument } | null = null
    for (let i = 1; !stop; i++) {
      // Every tenth step starts a report and publishes its first revision; the others correct it.
      if (!report || i % 10 === 0) {
        year++
        const created = await api('POST', '/api/admin/reports', { agencyId, year })
        lostAnswers += created.lost ? 1 : 0
        if (created.status !== 201) {
          // Made before its answer was lost: find it.
          const list = await api('GET', '/api/admin/reports')
          const found = (list.json.items as Array<{ id: string; year: number; agency: { id: string } }>).find(
            (r) => r.year === year && r.agency.id === agencyId,
          )
          if (!found) throw new Error(`report ${year}: ${created.status} ${JSON.stringify(created.json)}`)
          const got = await api('GET', `/api/admin/reports/${found.id}`)
          report = { id: found.id, doc: got.json.draft.document }
        } else report = { id: created.json.id, doc: created.json.document }
        report.doc.tables = generateTables(report.doc.template, seededRandom(year), { scale: 2 }).tables
        report.doc.period = { start: `${year}-01-01`, end: `${year}-12-31` }
        reports.push(report.id)
        acked.set(report.id, new Map())
      }
      const marker = `第 ${i} 步：混沌测试 ${target.name} ${i}`
      report.doc.parts['一'] = [{ type: 'paragraph', text: marker }]
      const current = await api('GET', `/api/admin/reports/${report.id}`)
      const version = current.json.draft.version as number
      const saved = await api('PUT', `/api/admin/reports/${report.id}/draft`, { version, document: report.doc })
      lostAnswers += saved.lost ? 1 : 0
      if (saved.status !== 200) continue
      const first = current.json.report.revision === null
      const res = first
        ? await api('POST', `/api/admin/reports/${report.id}/publish`, { version: saved.json.version, acknowledgement: '混沌测试' })
        : await api('POST', `/api/admin/reports/${report.id}/correct`, {
            version: saved.json.version,
            reason: `更正 ${i}`,
            acknowledgement: '混沌测试',
          })
      lostAnswers += res.lost ? 1 : 0
      if (res.status === 200) {
        must(acked.get(report.id), `acknowledgements of ${report.id}`).set(res.json.revision as number, marker)
        if (first) publications++
        else corrections++
      } else if (![409, 422].includes(res.status)) throw new Error(`publish/correct: ${res.status} ${JSON.stringify(res.json)}`)
    }
  })().catch((e: unknown) => {
    clientError = e
  })
  const started = performance.now()
  for (let k = 0; k < KILLS && !clientError; k++) {
    await sleep(300 + Math.random() * 1200)
    await site.kill()
    await site.start()
  }
  stop = true
  await client
  if (clientError) throw clientError
  const phase1 = (performance.now() - started) / 1000

  // The chain, twice: before and after one more restart.
  const chain = async () => {
    const out = new Map<string, string[]>()
    for (const id of reports) {
      const list = await fetch(`${site.base}/api/reports/${id}/revisions`)
      const items = list.status === 200 ? ((await list.json()) as { items: Array<{ number: number; sha256: string }> }).items : []
      const numbers = items.map((r) => r.number).sort((a, b) => a - b)
      if (numbers.some((n, i) => n !== i + 1)) fail(`report ${id}: revisions ${numbers.join(',')} are not 1..${numbers.length}`)
      const bodies: string[] = []
      for (const r of items.sort((a, b) => a.number - b.number)) {
        const bytes = new Uint8Array(await (await fetch(`${site.base}/api/reports/${id}/revisions/${r.number}`)).arrayBuffer())
        if (sha256(bytes) !== r.sha256) fail(`report ${id} revision ${r.number}: its bytes do not match its SHA-256`)
        bodies.push(new TextDecoder().decode(bytes))
      }
      out.set(id, bodies)
    }
    return out
  }
  const before = await chain()
  await site.kill()
  await site.start()
  const after = await chain()
  let revisions = 0
  for (const [id, bodies] of before) {
    revisions += bodies.length
    const again = after.get(id) ?? []
    if (again.length !== bodies.length || again.some((b, i) => b !== bodies[i])) fail(`report ${id}: the revisions differ after a restart`)
    const markers = bodies.map((b) => {
      const first = (JSON.parse(b) as ReportDocument).parts['一']?.[0]
      return first?.type === 'paragraph' ? first.text : ''
    })
    const steps = markers.map((m) => Number(/第 (\d+) 步/.exec(m)?.[1] ?? NaN))
    if (steps.some((s, i) => Number.isNaN(s) || (i > 0 && s <= (steps[i - 1] ?? Number.NaN))))
      fail(`report ${id}: revision markers out of order or repeated: ${steps.join(',')}`)
    for (const [n, marker] of acked.get(id) ?? [])
      if (markers[n - 1] !== marker) fail(`report ${id}: revision ${n} was acknowledged with “${marker}” but holds “${markers[n - 1]}”`)
  }
  console.log(
    `${target.name.padEnd(9)} publishing: ${KILLS} SIGKILLs in ${phase1.toFixed(0)} s; ${reports.length} reports, ${revisions} revisions (${publications} first publications and ${corrections} corrections acknowledged, ${lostAnswers} requests cut off by a kill and retried); chains contiguous, bytes = SHA-256, identical after a restart: ${ok ? 'yes' : 'NO'}`,
  )

  // ---- Phase 2: a batch import under SIGKILL ----
  const base = must(
    sampleReports().find((s) => s.document.template === '2021'),
    'sample report in the 2021 template',
  ).document
  const batchAgency = await api('POST', '/api/admin/agencies', {
    name: '混沌批量局',
    code: `chaos-b-${Date.now().toString(36)}`,
    level: 'county',
    kind: 'department',
    regionCode: '990102',
    parentId: null,
  })
  const batchAgencyId = batchAgency.json.id as string
  const files = Array.from({ length: FILES }, (_, i) => {
    const year = 2030 + i
    const html = reportHtml({
      ...base,
      agency: { ...base.agency, name: '混沌批量局' },
      year,
      title: `混沌批量局${year}年政府信息公开工作年度报告`,
      period: { start: `${year}-01-01`, end: `${year}-12-31` },
    })
    return { name: `${year}.html`, contentBase64: Buffer.from(html).toString('base64') }
  })
  const queued = await api('POST', '/api/admin/jobs/import-batch', { agencyId: batchAgencyId, files })
  if (queued.status !== 202 && queued.status !== 200) throw new Error(`batch: ${queued.status} ${JSON.stringify(queued.json)}`)
  const jobId = queued.json.job.id as string
  const job = async () =>
    (await api('GET', `/api/admin/jobs/${jobId}`)).json as {
      state: string
      progress: { done: number; total: number }
      result: { files: Array<{ name: string; status: string; reportId?: string; error?: string }> } | null
    }
  let kills = 0
  let lastDone = 0
  const batchStarted = performance.now()
  for (;;) {
    const j = await job()
    if (j.state === 'succeeded' || j.state === 'failed' || j.state === 'cancelled') break
    // A kill each time the job has moved on by a few files, while it runs.
    if (kills < BATCH_KILLS && j.state === 'running' && j.progress.done >= lastDone + Math.max(1, Math.floor(FILES / (BATCH_KILLS + 1)))) {
      lastDone = j.progress.done
      await site.kill()
      await site.start()
      kills++
      continue
    }
    await sleep(100)
  }
  const final = await job()
  const results = final.result?.files ?? []
  const made = await api('GET', '/api/admin/reports')
  const inAgency = (made.json.items as Array<{ id: string; agency: { id: string } }>).filter((r) => r.agency.id === batchAgencyId)
  const once =
    final.state === 'succeeded' &&
    results.length === FILES &&
    results.every((f, i) => f.name === files[i]?.name && f.status === 'imported') &&
    new Set(results.map((f) => f.reportId)).size === FILES &&
    inAgency.length === FILES
  if (!once)
    fail(
      `batch: state ${final.state}, ${results.length} results (${results.filter((f) => f.status === 'imported').length} imported), ${inAgency.length} reports for ${FILES} files: ${JSON.stringify(results.filter((f) => f.status !== 'imported').slice(0, 3))}`,
    )
  console.log(
    `${''.padEnd(9)} batch: ${kills} SIGKILLs (server and worker) during a ${FILES}-file import, ${((performance.now() - batchStarted) / 1000).toFixed(0)} s; finished exactly once (succeeded, each file imported once, ${inAgency.length} reports): ${once ? 'yes' : 'NO'}`,
  )
  await site.kill()
  return ok
}

let allOk = true
for (const target of await targets()) {
  try {
    if (!(await run(target))) allOk = false
  } catch (e) {
    allOk = false
    console.log(`${target.name}: ${e instanceof Error ? e.stack : String(e)}`)
  } finally {
    await target.cleanup()
  }
}
process.exit(allOk ? 0 : 1)
