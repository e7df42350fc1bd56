import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DIALECTS, openSite, sessionCookie, type TestSite } from './test/harness.ts'

for (const dialect of DIALECTS) {
  describe.skipIf(dialect.skip !== null)(`API on ${dialect.name}${dialect.skip ? ` (skipped: ${dialect.skip})` : ''}`, () => {
    let site: TestSite
    beforeAll(async () => {
      site = await openSite(dialect.url)
    })
    afterAll(async () => {
      await site?.close()
    })

    const json = (body: unknown) => ({ method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) })

    async function signIn(): Promise<{ cookie: string; csrf: string }> {
      const res = await site.app.request('/api/auth/login', json({ username: 'admin', password: site.adminPassword }))
      expect(res.status).toBe(200)
      const cookie = sessionCookie(res)
      const me = await site.app.request('/api/auth/me', { headers: { Cookie: cookie } })
      const { csrfToken } = (await me.json()) as { csrfToken: string }
      return { cookie, csrf: csrfToken }
    }

    it('reports health with the database in use', async () => {
      const res = await site.app.request('/api/health')
      expect(res.status).toBe(200)
      expect(await res.json()).toEqual({ status: 'ok', database: dialect.name })
    })

    it('answers an unknown API route with a 404 in the one error shape', async () => {
      const res = await site.app.request('/api/no/such/route')
      expect(res.status).toBe(404)
      const body = (await res.json()) as { error: { code: string; message: string; message_en: string } }
      expect(body.error.code).toBe('NOT_FOUND')
      expect(body.error.message).toMatch(/[\u4e00-\u9fff]/)
      expect(body.error.message_en).toBe('Not found')
    })

    it('lists the seed report and serves it with its tables not reported', async () => {
      const list = (await (await site.app.request('/api/reports')).json()) as { items: Array<{ id: string; year: number; agency: { name: string } }> }
      // The seed plus the fictional samples.
      expect(list.items.length).toBeGreaterThan(10)
      const seed = list.items.find((r) => r.agency.name === '杭州市行政审批服务管理办公室')!
      expect(seed.agency.name).toBe('杭州市行政审批服务管理办公室')
      expect(seed.year).toBe(2020)

      const res = await site.app.request(`/api/reports/${seed.id}`)
      expect(res.status).toBe(200)
      const report = (await res.json()) as { revisionInfo: { number: number; kind: string }; document: { tables: Record<string, { cells: object }>; parts: Record<string, unknown[]> } }
      expect(report.revisionInfo).toMatchObject({ number: 1, kind: 'first' })
      for (const t of ['二', '三', '四']) expect(report.document.tables[t]!.cells).toEqual({})
      expect(report.document.parts['一']!.length).toBeGreaterThan(5)
    })

    it('serves each sample report with a passing validation, its revisions and its downloads', async () => {
      const list = (await (await site.app.request('/api/reports')).json()) as { items: Array<{ id: string; year: number; agency: { name: string } }> }
      const sample = list.items.find((r) => r.agency.name === '示例市市场监督管理局' && r.year === 2021)!
      const res = await site.app.request(`/api/reports/${sample.id}`)
      const body = (await res.json()) as { validation: { ok: boolean; findings: unknown[] }; revisions: Array<{ number: number; kind: string }> }
      // Validated with the 2020 report as the previous year, across the template change.
      expect(body.validation).toMatchObject({ ok: true, findings: [] })
      expect(body.revisions).toEqual([expect.objectContaining({ number: 1, kind: 'first' })])

      const csv = await site.app.request(`/api/reports/${sample.id}/download/official-csv`)
      expect(csv.status).toBe(200)
      expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8')
      expect(csv.headers.get('content-disposition')).toContain('attachment')
      const bytes = new Uint8Array(await csv.arrayBuffer())
      // A UTF-8 byte-order mark first, so Excel and WPS read the Chinese correctly.
      expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
      const text = new TextDecoder().decode(bytes)
      expect(text.startsWith('示例市市场监督管理局2021年')).toBe(true)
      expect(text).toContain('三、收到和处理政府信息公开申请情况')

      const json = await site.app.request(`/api/reports/${sample.id}/download/json`)
      expect(((await json.json()) as { year: number }).year).toBe(2021)
      expect((await site.app.request(`/api/reports/${sample.id}/download/xlsx`)).status).toBe(404)
    })

    it('reports the seed’s missing tables as findings, not as a pass', async () => {
      const list = (await (await site.app.request('/api/reports')).json()) as { items: Array<{ id: string; agency: { name: string } }> }
      const seed = list.items.find((r) => r.agency.name === '杭州市行政审批服务管理办公室')!
      const body = (await (await site.app.request(`/api/reports/${seed.id}`)).json()) as { validation: { ok: boolean; warnings: number; findings: Array<{ rule: string }> } }
      expect(body.validation.ok).toBe(true)
      expect(body.validation.findings.map((f) => f.rule)).toEqual(['MISSING-TABLE', 'MISSING-TABLE', 'MISSING-TABLE'])
    })

    it('answers an unknown report id with REPORT_NOT_FOUND', async () => {
      const res = await site.app.request('/api/reports/00000000-0000-0000-0000-000000000000')
      expect(res.status).toBe(404)
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('REPORT_NOT_FOUND')
    })

    it('refuses a wrong password without saying which part was wrong', async () => {
      for (const body of [
        { username: 'admin', password: 'wrong' },
        { username: 'nobody', password: 'wrong' },
      ]) {
        const res = await site.app.request('/api/auth/login', json(body))
        expect(res.status).toBe(401)
        expect(res.headers.get('set-cookie')).toBeNull()
        expect(((await res.json()) as { error: { code: string } }).error.code).toBe('BAD_CREDENTIALS')
      }
    })

    it('names the missing field when a login body is incomplete, and rejects broken JSON', async () => {
      const res = await site.app.request('/api/auth/login', json({ username: 'admin' }))
      expect(res.status).toBe(400)
      const body = (await res.json()) as { error: { code: string; details: Array<{ path: string; message: string; message_en: string }> } }
      expect(body.error.code).toBe('VALIDATION_FAILED')
      expect(body.error.details[0]).toMatchObject({ path: 'password' })
      expect(body.error.details[0]!.message).toContain('password')

      const broken = await site.app.request('/api/auth/login', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"username":' })
      expect(broken.status).toBe(400)
      expect(((await broken.json()) as { error: { code: string } }).error.code).toBe('BAD_JSON')
    })

    it('signs in with an HttpOnly SameSite=Strict cookie and shows the admin the reports', async () => {
      const res = await site.app.request('/api/auth/login', json({ username: 'admin', password: site.adminPassword }))
      expect(res.status).toBe(200)
      const setCookie = res.headers.get('set-cookie') ?? ''
      expect(setCookie).toMatch(/HttpOnly/i)
      expect(setCookie).toMatch(/SameSite=Strict/i)

      const cookie = sessionCookie(res)
      const list = await site.app.request('/api/admin/reports', { headers: { Cookie: cookie } })
      expect(list.status).toBe(200)
      expect(((await list.json()) as { items: unknown[] }).items.length).toBeGreaterThan(10)
    })

    it('requires a session for the admin routes', async () => {
      const res = await site.app.request('/api/admin/reports')
      expect(res.status).toBe(401)
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('UNAUTHENTICATED')
      const bogus = await site.app.request('/api/admin/reports', { headers: { Cookie: 'gk_session=forged' } })
      expect(bogus.status).toBe(401)
    })

    it('refuses a cross-origin POST and a signed-in POST without the CSRF token', async () => {
      const cross = await site.app.request('http://localhost/api/auth/login', {
        ...json({ username: 'admin', password: site.adminPassword }),
        headers: { 'Content-Type': 'application/json', Origin: 'https://evil.example' },
      })
      expect(cross.status).toBe(403)
      expect(((await cross.json()) as { error: { code: string } }).error.code).toBe('CSRF_REJECTED')

      const { cookie, csrf } = await signIn()
      const noToken = await site.app.request('/api/auth/logout', { method: 'POST', headers: { Cookie: cookie } })
      expect(noToken.status).toBe(403)
      // The session survived the refused request.
      expect((await site.app.request('/api/admin/reports', { headers: { Cookie: cookie } })).status).toBe(200)

      const out = await site.app.request('/api/auth/logout', { method: 'POST', headers: { Cookie: cookie, 'X-CSRF-Token': csrf } })
      expect(out.status).toBe(200)
      expect((await site.app.request('/api/admin/reports', { headers: { Cookie: cookie } })).status).toBe(401)
    })

    it('sends security headers on every response', async () => {
      const res = await site.app.request('/api/health')
      expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'")
      expect(res.headers.get('x-content-type-options')).toBe('nosniff')
      expect(res.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin')
    })
  })
}
