import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { importReport } from '@gongkai/importer'
import type { ReportDocument } from '@gongkai/schema'
import { afterAll, beforeAll, expect, it } from 'vitest'
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

async function signIn(): Promise<{ cookie: string; csrf: string }> {
  const res = await get('/api/auth/login', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: 'an edge admin password' }) })
  expect(res.status).toBe(200)
  const cookie = /gk_session=[^;]+/.exec(res.headers.get('set-cookie') ?? '')![0]
  const me = (await (await get('/api/auth/me', { headers: { Cookie: cookie } })).json()) as { csrfToken: string }
  return { cookie, csrf: me.csrfToken }
}

it('starts on an empty D1: migrates, loads the samples once, and creates the admin from the secret', async () => {
  // Two first requests at once must not migrate or seed twice.
  const [health] = await Promise.all([get('/api/health'), get('/api/reports?limit=1')])
  expect(await health!.json()).toEqual({ status: 'ok', database: 'd1' })
  const list = (await (await get('/api/reports?limit=100')).json()) as { total: number; items: Array<{ agency: { name: string } }> }
  expect(list.items.some((r) => r.agency.name === '杭州市行政审批服务管理办公室')).toBe(true)
  const reports = await edge.d1.prepare('select count(*) as n from report').bind().all()
  expect((reports.results![0] as { n: number }).n).toBe(list.total)
  await signIn()
})

it('sends each app’s routes to its own index.html, and a missing file to a 404', async () => {
  const admin = await get('/admin/reports/123')
  expect(admin.status).toBe(200)
  expect(admin.headers.get('content-type')).toContain('text/html')
  expect(await admin.text()).toBe(ASSET_MARKERS.admin)
  expect(await (await get('/reports/abc')).text()).toBe(ASSET_MARKERS.reader)
  expect(await (await get('/')).text()).toBe(ASSET_MARKERS.reader)
  expect((await get('/assets/gone-after-deploy.js')).status).toBe(404)
  const api = await get('/api/no/such/route')
  expect(api.status).toBe(404)
  expect(((await api.json()) as { error: { code: string } }).error.code).toBe('NOT_FOUND')
})

it('runs queued background jobs on its cron trigger', async () => {
  const { cookie, csrf } = await signIn()
  const queued = await get('/api/admin/jobs/rebuild', { method: 'POST', headers: { Cookie: cookie, 'X-CSRF-Token': csrf } })
  expect(queued.status).toBe(202)
  const { job: { id } } = (await queued.json()) as { job: { id: string } }
  expect((await get('/__scheduled?cron=0+*+*+*+*')).status).toBe(200)
  const job = (await (await get(`/api/admin/jobs/${id}`, { headers: { Cookie: cookie } })).json()) as { state: string; result: { reindexed: number } }
  expect(job.state).toBe('succeeded')
  expect(job.result.reindexed).toBeGreaterThan(10)
  // And the day's deadline reminder was queued and run, once.
  const jobs = (await (await get('/api/admin/jobs', { headers: { Cookie: cookie } })).json()) as { items: Array<{ type: string; state: string }> }
  expect(jobs.items.filter((j) => j.type === 'deadline-reminders').map((j) => j.state)).toEqual(['succeeded'])
})

it('imports a PDF exactly as the Node importer does', async () => {
  const { cookie, csrf } = await signIn()
  const bytes = readFileSync(fileURLToPath(import.meta.resolve('@gongkai/importer/fixtures/report-2021.pdf')))
  const agencies = (await (await get('/api/agencies')).json()) as { items: Array<{ id: string; code: string }> }
  const agency = agencies.items.find((a) => a.code === '330100')!
  const res = await get('/api/admin/import', {
    method: 'POST',
    headers: { Cookie: cookie, 'X-CSRF-Token': csrf, 'Content-Type': 'application/json' },
    body: JSON.stringify({ agencyId: agency.id, contentBase64: bytes.toString('base64'), filename: 'report-2021.pdf' }),
  })
  const body = (await res.json()) as { document: ReportDocument; problems: Array<{ code: string }> }
  expect(res.status).toBe(201)
  const local = await importReport(new Uint8Array(bytes), { filename: 'report-2021.pdf', agency: { name: '杭州市人民政府', code: '330100', level: 'city', kind: 'government', region: '330100' } })
  expect(body.document.tables).toEqual(local.document.tables)
  expect(body.problems.map((p) => p.code)).toEqual(local.problems.map((p) => p.code))
})
