import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { importReport } from '@gongkai/importer'
import { reportDocx, unembeddedFontPdf } from '@gongkai/importer/test-fixtures'
import { sampleReports, type ReportDocument } from '@gongkai/schema'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hashPassword, verifyPassword } from './auth/password.ts'
import { signIn } from './test/actors.ts'
import { ASSET_MARKERS, startEdgeWorker, type EdgeWorker } from './test/edge.ts'

// What only the edge entry does: its first start on an empty D1, the SPA fallbacks around the
// static assets, and the cron trigger. The API itself is tested on D1 by the shared suites.

let edge: EdgeWorker
beforeAll(async () => {
  edge = await startEdgeWorker({ GONGKAI_SAMPLE_DATA: '1', GONGKAI_ADMIN_PASSWORD: 'an edge admin password' })
})
afterAll(async () => {
  await edge?.stop()
})

const get = (path: string, init?: RequestInit) => fetch(`${edge.url}${path}`, init)

const signInAdmin = () => signIn(get, 'admin', 'an edge admin password')

it('starts on an empty D1: migrates, loads the samples once, and creates the admin from the secret', async () => {
  // Two first requests at once must not migrate or seed twice.
  const [health] = await Promise.all([get('/api/health'), get('/api/reports?limit=1')])
  expect(await health!.json()).toMatchObject({
    status: 'ok',
    database: 'd1',
    checks: { database: { status: 'ok' }, jobs: { status: 'ok' } },
  })
  const list = (await (await get('/api/reports?limit=100')).json()) as { total: number; items: Array<{ agency: { name: string } }> }
  expect(list.items.some((r) => r.agency.name === '杭州市行政审批服务管理办公室')).toBe(true)
  const reports = await edge.d1.prepare('select count(*) as n from report').bind().all()
  expect((reports.results![0] as { n: number }).n).toBe(list.total)
  await signInAdmin()
})

it('verifies on Node a password hashed by the worker, and the worker verifies one hashed on Node', async () => {
  const row = await edge.d1.prepare('select password_hash from app_user where username = ?').bind('admin').all()
  const madeOnEdge = (row.results![0] as { password_hash: string }).password_hash
  expect(await verifyPassword('an edge admin password', madeOnEdge)).toBe(true)
  expect(await verifyPassword('a wrong password', madeOnEdge)).toBe(false)
  // The other way: an editor whose hash was made here, in Node, signs in at the edge.
  const id = crypto.randomUUID()
  await edge.d1
    .prepare(
      'insert into app_user (id, username, display_name, password_hash, is_admin, disabled, created_at) values (?, ?, ?, ?, 0, 0, ?)',
    )
    .bind(id, 'node-made', 'node-made', await hashPassword('hashed on node'), new Date().toISOString())
    .all()
  const res = await get('/api/auth/login', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username: 'node-made', password: 'hashed on node' }),
  })
  expect(res.status).toBe(200)
})

it('sends each app’s routes to its own index.html, and a missing file to a 404', async () => {
  const admin = await get('/admin/reports/123')
  expect(admin.status).toBe(200)
  expect(admin.headers.get('content-type')).toContain('text/html')
  expect(await admin.text()).toBe(ASSET_MARKERS.admin)
  expect(await (await get('/reports/abc')).text()).toBe(ASSET_MARKERS.reader)
  expect(await (await get('/')).text()).toBe(ASSET_MARKERS.reader)
  expect((await get('/assets/gone-after-deploy.js')).status).toBe(404)
  // The `_headers` that build:edge writes: hashed files are immutable, pages revalidate and carry the policy.
  const asset = await get('/assets/app-1234.js')
  expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
  for (const path of ['/', '/reports/abc', '/admin/']) {
    const page = await get(path)
    expect({ path, cache: page.headers.get('cache-control'), nosniff: page.headers.get('x-content-type-options') }).toEqual({
      path,
      cache: 'no-cache',
      nosniff: 'nosniff',
    })
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'")
  }
  const api = await get('/api/no/such/route')
  expect(api.status).toBe(404)
  expect(((await api.json()) as { error: { code: string } }).error.code).toBe('NOT_FOUND')
})

it('runs queued background jobs on its cron trigger', async () => {
  const { cookie, csrf } = await signInAdmin()
  const queued = await get('/api/admin/jobs/rebuild', { method: 'POST', headers: { Cookie: cookie, 'X-CSRF-Token': csrf } })
  expect(queued.status).toBe(202)
  const {
    job: { id },
  } = (await queued.json()) as { job: { id: string } }
  expect((await get('/__scheduled?cron=0+*+*+*+*')).status).toBe(200)
  const job = (await (await get(`/api/admin/jobs/${id}`, { headers: { Cookie: cookie } })).json()) as {
    state: string
    result: { reindexed: number }
  }
  expect(job.state).toBe('succeeded')
  expect(job.result.reindexed).toBeGreaterThan(10)
  // And the day's deadline reminder was queued and run, once.
  const jobs = (await (await get('/api/admin/jobs', { headers: { Cookie: cookie } })).json()) as {
    items: Array<{ type: string; state: string }>
  }
  expect(jobs.items.filter((j) => j.type === 'deadline-reminders').map((j) => j.state)).toEqual(['succeeded'])
})

describe('imports every binary format exactly as the Node importer does', () => {
  const sample = sampleReports().find((s) => s.agency.code === 'demo-990100-amr' && s.document.year === 2021)!.document
  const cases: Array<[string, () => Promise<Uint8Array>]> = [
    [
      'a PDF printed by a browser',
      async () => new Uint8Array(readFileSync(fileURLToPath(import.meta.resolve('@gongkai/importer/fixtures/report-2021.pdf')))),
    ],
    // Only readable with pdf.js's CMaps, which the worker reads from its static assets.
    ['a PDF whose Chinese font is not embedded', async () => unembeddedFontPdf(sample)],
    ['a DOCX', () => reportDocx(sample)],
  ]
  for (const [name, make] of cases) {
    it(name, async () => {
      const { cookie, csrf } = await signInAdmin()
      const bytes = await make()
      const agencies = (await (await get('/api/agencies')).json()) as { items: Array<{ id: string; code: string; children: unknown[] }> }
      const agency = agencies.items.find((a) => a.code === 'demo-990000')!
      const res = await get('/api/admin/import', {
        method: 'POST',
        headers: { Cookie: cookie, 'X-CSRF-Token': csrf, 'Content-Type': 'application/json' },
        // Another agency's report, filed under a year of its own: the clerk confirms the mismatch.
        body: JSON.stringify({
          agencyId: agency.id,
          contentBase64: Buffer.from(bytes).toString('base64'),
          year: 2090 + cases.findIndex((c) => c[0] === name),
          acceptMismatch: true,
        }),
      })
      const body = (await res.json()) as { document: ReportDocument; problems: Array<{ code: string }> }
      expect(res.status).toBe(201)
      const local = await importReport(bytes, { year: body.document.year, agency: body.document.agency })
      expect(body.document.title).toBe(local.document.title)
      expect(body.document.parts).toEqual(local.document.parts)
      expect(body.document.tables).toEqual(local.document.tables)
      expect(body.problems.map((p) => p.code)).toEqual(local.problems.map((p) => p.code))
      expect(body.document.parts['一']!.length).toBeGreaterThan(0)
    })
  }
})

it('limits sign-in failures per address by CF-Connecting-IP only, never by X-Forwarded-For, and sends no HSTS over http', async () => {
  const login = (username: string, password: string, headers: Record<string, string>) =>
    get('/api/auth/login', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...headers },
      body: JSON.stringify({ username, password }),
    })
  // X-Forwarded-For is anyone's to send: failures naming one address through it lock nobody.
  for (let i = 0; i < 6; i++)
    expect(
      (await login(`xff-${i}`, 'wrong', { 'CF-Connecting-IP': `198.51.100.${60 + i}`, 'X-Forwarded-For': '203.0.113.60' })).status,
    ).toBe(401)
  expect((await login('admin', 'an edge admin password', { 'CF-Connecting-IP': '203.0.113.60' })).status).toBe(200)
  // Cloudflare's own header names the client: five failures from it, across names, lock it.
  for (let i = 0; i < 5; i++) expect((await login(`cf-${i}`, 'wrong', { 'CF-Connecting-IP': '203.0.113.61' })).status).toBe(401)
  expect((await login('admin', 'an edge admin password', { 'CF-Connecting-IP': '203.0.113.61' })).status).toBe(429)
  expect((await login('admin', 'an edge admin password', { 'CF-Connecting-IP': '203.0.113.62' })).status).toBe(200)
  const page = await get('/reports/abc')
  expect(page.headers.get('strict-transport-security')).toBeNull()
  expect(page.headers.get('x-frame-options')).toBe('DENY')
})
