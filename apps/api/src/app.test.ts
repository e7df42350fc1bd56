import { expect, it } from 'vitest'
import { Kysely, SqliteAdapter, SqliteIntrospector, SqliteQueryCompiler, type DatabaseConnection, type Driver } from 'kysely'
import { createApp } from './app.ts'
import type { Database } from './db/database.ts'
import { enqueueJob } from './db/jobs.ts'
import { HEALTH_DEADLINE_MS } from './routes/health.ts'
import { forEachDialect, sessionCookie, signIn, suiteSite } from './test/harness.ts'

/** A database that refuses every connection, or never gives one. */
function brokenDb(mode: 'fails' | 'hangs'): Kysely<Database> {
  const driver: Driver = {
    init: async () => {},
    acquireConnection: () =>
      mode === 'fails' ? Promise.reject(new Error('connection refused')) : new Promise<DatabaseConnection>(() => {}),
    beginTransaction: async () => {},
    commitTransaction: async () => {},
    rollbackTransaction: async () => {},
    releaseConnection: async () => {},
    destroy: async () => {},
  }
  return new Kysely<Database>({
    dialect: {
      createAdapter: () => new SqliteAdapter(),
      createDriver: () => driver,
      createIntrospector: (db) => new SqliteIntrospector(db),
      createQueryCompiler: () => new SqliteQueryCompiler(),
    },
  })
}

forEachDialect('API', (dialect) => {
  const suite = suiteSite(dialect, { actors: false })

  const json = (body: unknown) => ({ method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) })

  it('reports health: the database in use with its latency, and the job queue', async () => {
    const res = await suite.site.app.request('/api/health')
    expect(res.status).toBe(200)
    expect(res.headers.get('cache-control')).toBe('no-store')
    const body = (await res.json()) as any
    expect(body).toMatchObject({
      status: 'ok',
      database: dialect.name,
      checks: { database: { status: 'ok' }, jobs: { status: 'ok', queued: 0, running: 0, failed: 0, oldestQueuedAgeSeconds: null } },
    })
    expect(body.checks.database.latencyMs).toBeGreaterThanOrEqual(0)
    expect(body.checks.database.latencyMs).toBeLessThan(1_000)

    // A job due ten minutes ago and waiting, one scheduled for later, one failed.
    const now = Date.now()
    const job = (key: string, runAt: Date) =>
      enqueueJob(suite.site.conn.db, { type: 'rebuild', payload: {}, idempotencyKey: key, runAt }, new Date(now))
    const due = await job(`health-due-${dialect.name}`, new Date(now - 10 * 60_000))
    const later = await job(`health-later-${dialect.name}`, new Date(now + 24 * 3600_000))
    const failed = await job(`health-failed-${dialect.name}`, new Date(now))
    await suite.site.conn.db.updateTable('job').set({ state: 'failed' }).where('id', '=', failed.job.id).execute()
    const after = (await (await suite.site.app.request('/api/health')).json()) as any
    expect(after.checks.jobs).toMatchObject({ status: 'ok', queued: 2, running: 0, failed: 1 })
    expect(after.checks.jobs.oldestQueuedAgeSeconds).toBeGreaterThanOrEqual(600)
    expect(after.checks.jobs.oldestQueuedAgeSeconds).toBeLessThan(3600)
    // Nothing else: no payloads, no ids, no settings.
    expect(JSON.stringify(after)).not.toContain(due.job.id)
    await suite.site.conn.db.deleteFrom('job').where('id', 'in', [due.job.id, later.job.id, failed.job.id]).execute()
  })

  it('answers health with 503 when the database fails or does not answer in time, and says nothing more', async () => {
    for (const mode of ['fails', 'hangs'] as const) {
      const app = createApp({ db: brokenDb(mode), dialect: suite.site.conn.dialect })
      const started = Date.now()
      const res = await app.request('/api/health')
      expect(Date.now() - started).toBeLessThan(HEALTH_DEADLINE_MS + 1_000)
      expect(res.status).toBe(503)
      expect(await res.json()).toEqual({
        status: 'unavailable',
        database: suite.site.conn.dialect,
        checks: { database: { status: mode === 'fails' ? 'error' : 'timeout' } },
      })
    }
  })

  it('answers an unknown API route with a 404 in the one error shape', async () => {
    const res = await suite.site.app.request('/api/no/such/route')
    expect(res.status).toBe(404)
    const body = (await res.json()) as { error: { code: string; message: string; message_en: string } }
    expect(body.error.code).toBe('NOT_FOUND')
    expect(body.error.message).toMatch(/[\u4e00-\u9fff]/)
    expect(body.error.message_en).toBe('Not found')
  })

  it('lists the seed report and serves it with its tables not reported', async () => {
    const list = (await (await suite.site.app.request('/api/reports')).json()) as {
      items: Array<{ id: string; year: number; agency: { name: string } }>
    }
    // The seed plus the fictional samples.
    expect(list.items.length).toBeGreaterThan(10)
    const seed = list.items.find((r) => r.agency.name === '杭州市行政审批服务管理办公室')!
    expect(seed.agency.name).toBe('杭州市行政审批服务管理办公室')
    expect(seed.year).toBe(2020)

    const res = await suite.site.app.request(`/api/reports/${seed.id}`)
    expect(res.status).toBe(200)
    const report = (await res.json()) as {
      revisionInfo: { number: number; kind: string; publishedAt: string }
      document: { tables: Record<string, { cells: object }>; parts: Record<string, unknown[]> }
    }
    expect(report.revisionInfo).toMatchObject({ number: 1, kind: 'first' })
    // Dated as a department publishes its 2020 report, not the day the samples were loaded.
    expect(report.revisionInfo.publishedAt.slice(0, 10)).toBe('2021-01-20')
    for (const t of ['二', '三', '四']) expect(report.document.tables[t]!.cells).toEqual({})
    expect(report.document.parts['一']!.length).toBeGreaterThan(5)
  })

  it('serves each sample report with a passing validation, its revisions and its downloads', async () => {
    const list = (await (await suite.site.app.request('/api/reports')).json()) as {
      items: Array<{ id: string; year: number; agency: { name: string } }>
    }
    const sample = list.items.find((r) => r.agency.name === '示例市市场监督管理局' && r.year === 2021)!
    const res = await suite.site.app.request(`/api/reports/${sample.id}`)
    const body = (await res.json()) as {
      validation: { ok: boolean; findings: unknown[] }
      revisions: Array<{ number: number; kind: string }>
    }
    // Validated with the 2020 report as the previous year, across the template change.
    expect(body.validation).toMatchObject({ ok: true, findings: [] })
    expect(body.revisions).toEqual([expect.objectContaining({ number: 1, kind: 'first' })])

    const csv = await suite.site.app.request(`/api/reports/${sample.id}/download/official-csv`)
    expect(csv.status).toBe(200)
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8')
    expect(csv.headers.get('content-disposition')).toContain('attachment')
    const bytes = new Uint8Array(await csv.arrayBuffer())
    // A UTF-8 byte-order mark first, so Excel and WPS read the Chinese correctly.
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const text = new TextDecoder().decode(bytes)
    expect(text.startsWith('示例市市场监督管理局2021年')).toBe(true)
    expect(text).toContain('三、收到和处理政府信息公开申请情况')

    const json = await suite.site.app.request(`/api/reports/${sample.id}/download/json`)
    expect(((await json.json()) as { year: number }).year).toBe(2021)
    const xlsx = await suite.site.app.request(`/api/reports/${sample.id}/download/xlsx`)
    expect(xlsx.status).toBe(400)
    expect(((await xlsx.json()) as { error: { details: Array<{ path: string }> } }).error.details[0]!.path).toBe('param.format')
  })

  it('serves the 图解 as a standalone SVG under 20 KB, in Chinese or English', async () => {
    const list = (await (await suite.site.app.request('/api/reports?agency=demo-990100-amr&year=2021')).json()) as {
      items: Array<{ id: string }>
    }
    const res = await suite.site.app.request(`/api/reports/${list.items[0]!.id}/infographic.svg`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('image/svg+xml; charset=utf-8')
    // Saved under the report's agency and year, not as a generic infographic.svg.
    expect(res.headers.get('content-disposition')).toContain(
      `filename*=UTF-8''${encodeURIComponent('示例市市场监督管理局2021年度报告图解.svg')}`,
    )
    const svg = await res.text()
    expect(new TextEncoder().encode(svg).length).toBeLessThanOrEqual(20 * 1024)
    expect(svg).toContain('勾稽关系')
    // With last year's report in the store, the summary states the change.
    expect(svg).toMatch(/比上年(增加|减少)|与上年持平/)
    const en = await (await suite.site.app.request(`/api/reports/${list.items[0]!.id}/infographic.svg?locale=en`)).text()
    expect(en).toContain('Balance: new')
    const body = (await (await suite.site.app.request(`/api/reports/${list.items[0]!.id}`)).json()) as {
      yearOverYear: Array<{ key: string; comparable: boolean }>
    }
    expect(body.yearOverYear.find((r) => r.key === 'fees')).toMatchObject({ comparable: false })
  })

  it('reports the seed’s missing tables as findings, not as a pass', async () => {
    const list = (await (await suite.site.app.request('/api/reports')).json()) as { items: Array<{ id: string; agency: { name: string } }> }
    const seed = list.items.find((r) => r.agency.name === '杭州市行政审批服务管理办公室')!
    const body = (await (await suite.site.app.request(`/api/reports/${seed.id}`)).json()) as {
      validation: { ok: boolean; warnings: number; findings: Array<{ rule: string }> }
    }
    expect(body.validation.ok).toBe(true)
    expect(body.validation.findings.map((f) => f.rule)).toEqual(['MISSING-TABLE', 'MISSING-TABLE', 'MISSING-TABLE'])
  })

  it('answers an unknown report id with REPORT_NOT_FOUND', async () => {
    const res = await suite.site.app.request('/api/reports/00000000-0000-0000-0000-000000000000')
    expect(res.status).toBe(404)
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('REPORT_NOT_FOUND')
  })

  it('refuses a wrong password without saying which part was wrong', async () => {
    for (const body of [
      { username: 'admin', password: 'wrong' },
      { username: 'nobody', password: 'wrong' },
    ]) {
      const res = await suite.site.app.request('/api/auth/login', json(body))
      expect(res.status).toBe(401)
      expect(res.headers.get('set-cookie')).toBeNull()
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('BAD_CREDENTIALS')
    }
  })

  it('names the missing field when a login body is incomplete, and rejects broken JSON', async () => {
    const res = await suite.site.app.request('/api/auth/login', json({ username: 'admin' }))
    expect(res.status).toBe(400)
    const body = (await res.json()) as { error: { code: string; details: Array<{ path: string; message: string; message_en: string }> } }
    expect(body.error.code).toBe('VALIDATION_FAILED')
    expect(body.error.details[0]).toMatchObject({ path: 'password' })
    expect(body.error.details[0]!.message).toContain('password')

    const broken = await suite.site.app.request('/api/auth/login', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{"username":',
    })
    expect(broken.status).toBe(400)
    expect(((await broken.json()) as { error: { code: string } }).error.code).toBe('BAD_JSON')
  })

  it('signs in with an HttpOnly SameSite=Strict cookie and shows the admin the reports', async () => {
    const res = await suite.site.app.request('/api/auth/login', json({ username: 'admin', password: suite.site.adminPassword }))
    expect(res.status).toBe(200)
    const setCookie = res.headers.get('set-cookie') ?? ''
    expect(setCookie).toMatch(/HttpOnly/i)
    expect(setCookie).toMatch(/SameSite=Strict/i)

    const cookie = sessionCookie(res)
    const list = await suite.site.app.request('/api/admin/reports', { headers: { Cookie: cookie } })
    expect(list.status).toBe(200)
    expect(((await list.json()) as { items: unknown[] }).items.length).toBeGreaterThan(10)
  })

  it('refuses NUL and lone surrogates in query strings, path parameters and JSON bodies with BAD_TEXT, naming the field', async () => {
    const badText = async (res: Response, path: string) => {
      const body = (await res.json()) as {
        error: { code: string; message: string; message_en: string; details: Array<{ path: string; message: string; message_en: string }> }
      }
      expect({ status: res.status, code: body.error.code, path: body.error.details?.[0]?.path }).toEqual({
        status: 400,
        code: 'BAD_TEXT',
        path,
      })
      expect(body.error.details[0]!.message).toContain(`字段 ${path}`)
      expect(body.error.details[0]!.message_en).toContain(`Field ${path}`)
      expect(body.error.message).toMatch(/[\u4e00-\u9fff]/)
      return body.error.details[0]!
    }
    const nul = await badText(await suite.site.app.request('/api/reports?q=a%00b'), 'query.q')
    expect(nul.message_en).toContain('U+0000')
    await badText(await suite.site.app.request('/api/reports?agency=a%00b'), 'query.agency')
    await badText(await suite.site.app.request('/api/feed.atom?agency=a%00b'), 'query.agency')
    await badText(await suite.site.app.request('/api/reports/a%00b'), 'param.id')
    // Without signing in, and whatever else is wrong with the body.
    await badText(await suite.site.app.request('/api/auth/login', json({ username: 'ad\u0000min', password: 'x' })), 'username')
    const lone = await badText(
      await suite.site.app.request('/api/auth/login', json({ username: 'admin', password: 'pass\ud800word' })),
      'password',
    )
    expect(lone.message_en).toContain('U+D800')
    await badText(await suite.site.app.request('/api/auth/login', json({ username: 'admin', password: 'x', ['k\u0000']: 1 })), 'k\\u0000')

    // Every route with a path parameter, signed in as an admin, refuses one.
    const { cookie, csrf } = await signIn(suite.site.app.request, 'admin', suite.site.adminPassword)
    const routes = suite.site.app.routes.filter((r) => r.path.startsWith('/api/') && r.path.includes('/:') && r.method !== 'ALL')
    expect(routes.length).toBeGreaterThanOrEqual(15)
    for (const r of routes) {
      const first = /:([a-z]+)/i.exec(r.path)![1]
      const path = r.path.replace(/:[a-z]+/gi, (m) => (m === `:${first}` ? 'a%00b' : '1'))
      const res = await suite.site.app.request(path, {
        method: r.method,
        headers: { Cookie: cookie, 'X-CSRF-Token': csrf, 'Content-Type': 'application/json' },
        body: r.method === 'GET' ? undefined : '{}',
      })
      expect({ route: `${r.method} ${r.path}`, status: res.status }).toEqual({ route: `${r.method} ${r.path}`, status: 400 })
      await badText(res, `param.${first}`)
    }
  })

  it('requires a session for the admin routes', async () => {
    const res = await suite.site.app.request('/api/admin/reports')
    expect(res.status).toBe(401)
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('UNAUTHENTICATED')
    const bogus = await suite.site.app.request('/api/admin/reports', { headers: { Cookie: 'gk_session=forged' } })
    expect(bogus.status).toBe(401)
  })

  it('refuses a cross-origin POST and a signed-in POST without the CSRF token', async () => {
    const cross = await suite.site.app.request('/api/auth/login', {
      ...json({ username: 'admin', password: suite.site.adminPassword }),
      headers: { 'Content-Type': 'application/json', Origin: 'https://evil.example' },
    })
    expect(cross.status).toBe(403)
    expect(((await cross.json()) as { error: { code: string } }).error.code).toBe('CSRF_REJECTED')

    const { cookie, csrf } = await signIn(suite.site.app.request, 'admin', suite.site.adminPassword)
    const noToken = await suite.site.app.request('/api/auth/logout', { method: 'POST', headers: { Cookie: cookie } })
    expect(noToken.status).toBe(403)
    // The session survived the refused request.
    expect((await suite.site.app.request('/api/admin/reports', { headers: { Cookie: cookie } })).status).toBe(200)

    const out = await suite.site.app.request('/api/auth/logout', { method: 'POST', headers: { Cookie: cookie, 'X-CSRF-Token': csrf } })
    expect(out.status).toBe(200)
    expect((await suite.site.app.request('/api/admin/reports', { headers: { Cookie: cookie } })).status).toBe(401)
  })

  it('finds Chinese words inside sentences, short and long', async () => {
    const names = async (q: string) =>
      (
        (await (await suite.site.app.request(`/api/reports?q=${encodeURIComponent(q)}`)).json()) as {
          items: Array<{ agency: { name: string } }>
        }
      ).items.map((r) => r.agency.name)
    // Words that only occur mid-sentence in the seed's prose.
    expect(await names('亲清在线')).toEqual(['杭州市行政审批服务管理办公室'])
    expect(await names('网络申请')).toEqual(['杭州市行政审批服务管理办公室'])
    // Two characters: below a trigram, still found.
    expect(await names('审批')).toContain('杭州市行政审批服务管理办公室')
    expect(await names('不存在的词语组合')).toEqual([])
    // LIKE wildcards in user text match themselves out, not everything.
    expect(await names('%')).toEqual([])
  })

  it('filters by agency, region, level, year and template, and pages', async () => {
    type List = {
      items: Array<{ year: number; template: string; agency: { code: string; level: string; regionCode: string } }>
      total: number
    }
    const get = async (qs: string) => (await (await suite.site.app.request(`/api/reports?${qs}`)).json()) as List
    const province = await get('agency=demo-990000')
    expect(province.total).toBe(5)
    expect(province.items.map((r) => r.year)).toEqual([2023, 2022, 2021, 2020, 2019])
    expect((await get('region=9901')).items.every((r) => r.agency.regionCode.startsWith('9901'))).toBe(true)
    expect((await get('level=township')).items.every((r) => r.agency.level === 'township')).toBe(true)
    expect((await get('year=2020&template=2019')).items.every((r) => r.year === 2020 && r.template === '2019')).toBe(true)
    const page = await get('limit=3&offset=3')
    expect(page.items).toHaveLength(3)
    expect(page.total).toBeGreaterThan(10)
    const bad = await suite.site.app.request('/api/reports?region=abc&year=1800')
    expect(bad.status).toBe(400)
    const body = (await bad.json()) as { error: { details: Array<{ path: string }> } }
    expect(body.error.details.map((d) => d.path).sort()).toEqual(['query.region', 'query.year'])
  })

  it('serves the agency tree: a province with its city, the city with its department and district', async () => {
    type Node = { name: string; children: Node[] }
    const { items } = (await (await suite.site.app.request('/api/agencies')).json()) as { items: Node[] }
    const province = items.find((n) => n.name === '示例省人民政府')!
    const city = province.children.find((n) => n.name === '示例市人民政府')!
    expect(city.children.map((n) => n.name).sort()).toEqual(['示例市市场监督管理局', '示例市示例区人民政府'])
    const hangzhou = items.find((n) => n.name === '杭州市人民政府')!
    expect(hangzhou.children.map((n) => n.name)).toEqual(['杭州市行政审批服务管理办公室'])
    // Down to the fourth level: the district's street office (街道), a township-level government.
    const district = city.children.find((n) => n.name === '示例市示例区人民政府')!
    expect(district.children.map((n) => n.name)).toEqual(['示例市示例区示例街道办事处'])
  })

  it('names an agency’s parent and children, so every level down to streets can be browsed', async () => {
    type Brief = { name: string; code: string; level: string }
    const get = async (code: string) =>
      (await (await suite.site.app.request(`/api/agencies/${code}/years`)).json()) as {
        parent: Brief | null
        children: Brief[]
        years: unknown[]
      }
    const city = await get('demo-990100')
    expect(city.parent).toMatchObject({ name: '示例省人民政府', code: 'demo-990000', level: 'province' })
    expect(city.children.map((c) => c.name)).toEqual(['示例市市场监督管理局', '示例市示例区人民政府'])
    const district = await get('demo-990102')
    expect(district.children).toEqual([
      expect.objectContaining({ name: '示例市示例区示例街道办事处', code: 'demo-990102-001', level: 'township' }),
    ])
    const street = await get('demo-990102-001')
    expect(street.parent).toMatchObject({ code: 'demo-990102' })
    expect(street.children).toEqual([])
    expect(street.years).toHaveLength(2)
    expect((await get('demo-990000')).parent).toBeNull()
  })

  it('lists the newest publications first, and an agency’s years with comparable figures', async () => {
    const recent = (await (await suite.site.app.request('/api/reports?sort=recent&limit=5')).json()) as {
      items: Array<{ publishedAt: string }>
    }
    const times = recent.items.map((r) => r.publishedAt)
    expect(times).toEqual([...times].sort().reverse())
    const years = (await (await suite.site.app.request('/api/agencies/demo-990100-amr/years')).json()) as {
      figures: Array<{ key: string; sameMeaning: boolean; units: Record<string, string> | null }>
      years: Array<{ year: number; template: string; values: Record<string, number | null> }>
    }
    // 收费 counts items in 2019 and money in 2021: each year's figure says its own unit.
    expect(years.figures.find((f) => f.key === 'fees')!.units).toEqual({ '2019': '项', '2021': '万元' })
    expect(years.years.map((y) => [y.year, y.template])).toEqual([
      [2022, '2021'],
      [2021, '2021'],
      [2020, '2019'],
    ])
    expect(years.figures.find((f) => f.key === 'fees')!.sameMeaning).toBe(false)
    expect(years.years.every((y) => typeof y.values.applications_new === 'number')).toBe(true)
    expect((await suite.site.app.request('/api/agencies/nope/years')).status).toBe(404)
  })

  it('publishes an Atom feed of publications, per region too, with text escaped', async () => {
    const res = await suite.site.app.request('/api/feed.atom?region=3301')
    expect(res.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8')
    const xml = await res.text()
    expect(xml).toContain('<feed xmlns="http://www.w3.org/2005/Atom"')
    expect(xml.match(/<entry>/g)).toHaveLength(1)
    expect(xml).toContain('杭州市审管办2020年政府信息公开工作年度报告')
    // Links point at the site the feed was fetched from.
    expect(xml).toMatch(new RegExp(`href="${suite.site.origin.replace(/[.]/g, '\\.')}/reports/[0-9a-f-]+"`))
    const all = await (await suite.site.app.request('/api/feed.atom')).text()
    expect(all.match(/<entry>/g)!.length).toBeGreaterThan(10)
  })

  it('answers a repeated GET with 304 when nothing changed, and says how long to cache', async () => {
    const first = await suite.site.app.request('/api/reports?agency=demo-990000')
    const tag = first.headers.get('etag')
    // Weak, as the report read's: the gzip, Brotli and plain bodies are one representation.
    expect(tag).toMatch(/^W\/"[0-9a-f]{32}"$/)
    expect(first.headers.get('cache-control')).toBe('public, no-cache')
    const again = await suite.site.app.request('/api/reports?agency=demo-990000', { headers: { 'If-None-Match': tag! } })
    expect(again.status).toBe(304)
    expect(await again.text()).toBe('')
    const id = ((await first.json()) as { items: Array<{ id: string }> }).items[0]!.id
    const rev = await suite.site.app.request(`/api/reports/${id}/revisions/1`)
    expect(rev.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
    expect(rev.headers.get('etag')).toBeTruthy()
  })

  it('describes every route in the OpenAPI document', async () => {
    const doc = (await (await suite.site.app.request('/api/openapi.json')).json()) as {
      openapi: string
      paths: Record<string, Record<string, unknown>>
    }
    expect(doc.openapi).toMatch(/^3\./)
    const documented = new Set(
      Object.entries(doc.paths).flatMap(([path, ops]) =>
        Object.keys(ops).map((m) => `${m.toUpperCase()} /api${path.replace(/\{(\w+)\}/g, ':$1')}`),
      ),
    )
    const routes = suite.site.app.routes
      .filter((r) => r.path.startsWith('/api/') && r.method !== 'ALL' && !r.path.endsWith('*') && r.path !== '/api/openapi.json')
      .map((r) => `${r.method} ${r.path}`)
    for (const r of new Set(routes)) expect(documented, r).toContain(r)
    // Request schemas come from the same zod schemas the routes validate with.
    const list = doc.paths['/reports']!['get'] as { parameters: Array<{ name: string }> }
    expect(list.parameters.map((p) => p.name)).toEqual(expect.arrayContaining(['agency', 'region', 'level', 'year', 'template', 'q']))
  })

  it('sends a locked-down policy and nosniff on every API response, without the page-only headers', async () => {
    const res = await suite.site.app.request('/api/health')
    expect(res.headers.get('content-security-policy')).toBe(
      "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'",
    )
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    expect(res.headers.get('cross-origin-resource-policy')).toBe('same-origin')
    expect(res.headers.get('x-frame-options')).toBeNull()
  })
})
