// Beside admin/reports.ts, the main route here; it also covers admin/index.ts, agencies.ts, users.ts and import.ts, and auth.
import type { ReportDocument } from '@gongkai/schema'
import { strToU8, zipSync } from 'fflate'
import { expect, it } from 'vitest'
import { CompiledQuery } from 'kysely'
import { createApp } from '../../app.ts'
import type { BatchRunner } from '../../db/write-batch.ts'
import { seedText } from '../../seed-text.ts'
import { filledDraft, type Actor } from '../../test/actors.ts'
import { forEachDialect, signIn, suiteSite, type TestSite } from '../../test/harness.ts'

/** Everything a user could see change: reports, revisions, the search index. */
async function snapshot(site: TestSite) {
  const db = site.conn.db
  return JSON.stringify([
    await db.selectFrom('report').selectAll().orderBy('id').execute(),
    await db.selectFrom('revision').selectAll().orderBy('id').execute(),
    await db.selectFrom('report_search').select(['report_id', 'body']).orderBy('report_id').execute(),
  ])
}

/**
 * The site's batch runner, with the database failing half-way: the first insert into `table` is
 * swapped for a statement that fails on every engine, after the statements before it ran.
 */
function failingOnInsertInto(run: BatchRunner, table: string): BatchRunner {
  let failed = false
  return (queries) =>
    run(
      queries.map((q) => {
        if (failed || q.query.kind !== 'InsertQueryNode' || !new RegExp(`^insert into "${table}"`).test(q.sql)) return q
        failed = true
        return CompiledQuery.raw('insert into injected_failure_no_such_table (x) values (1)')
      }),
    )
}

forEachDialect('admin API', (dialect) => {
  const suite = suiteSite(dialect)

  const req = suite.as

  /** A consistent 2021 draft for agency A, created and filled through the API. */
  const draftForA = (year: number, seed = 1) =>
    filledDraft(suite.site, suite.actors.editorA, {
      agencyId: suite.actors.agencyA,
      year,
      seed,
      scale: 2,
      edit: (document) => {
        document.parts['一'] = [{ type: 'paragraph', text: `${year}年，测试甲局积极推进“亲清在线”政务公开。` }]
      },
    })

  it('answers 401 on every admin route without a session (routes enumerated from the app)', async () => {
    const routes = suite.site.app.routes.filter((r) => r.path.startsWith('/api/admin/') && r.method !== 'ALL')
    expect(routes.length).toBeGreaterThanOrEqual(12)
    for (const r of routes) {
      const path = r.path.replace(/:[a-z]+/gi, 'x')
      const res = await suite.site.app.request(path, {
        method: r.method,
        headers: { 'Content-Type': 'application/json' },
        body: r.method === 'GET' ? undefined : '{}',
      })
      expect({ route: `${r.method} ${r.path}`, status: res.status }).toEqual({ route: `${r.method} ${r.path}`, status: 401 })
    }
  })

  it('lets an editor of agency B neither see nor change agency A’s draft, and changes nothing', async () => {
    const draft = await draftForA(2021)
    const before = await snapshot(suite.site)
    const b = req(suite.actors.editorB)
    const attempts = [
      await b('GET', `/api/admin/reports/${draft.id}`),
      await b('PUT', `/api/admin/reports/${draft.id}/draft`, { version: draft.version, document: draft.document }),
      await b('DELETE', `/api/admin/reports/${draft.id}/draft`, { version: draft.version }),
      await b('POST', `/api/admin/reports/${draft.id}/publish`, { version: draft.version, acknowledgement: 'x' }),
      await b('POST', `/api/admin/reports/${draft.id}/withdraw`, { reason: 'x' }),
      await b('POST', '/api/admin/reports', { agencyId: suite.actors.agencyA, year: 2030 }),
    ]
    for (const r of attempts) {
      expect(r.status).toBe(403)
      expect(r.json.error.code).toBe('FORBIDDEN')
    }
    const list = await b('GET', '/api/admin/reports')
    expect(list.json.items.map((r: { id: string }) => r.id)).not.toContain(draft.id)
    expect(await snapshot(suite.site)).toBe(before)
  })

  it('keeps an editor from publishing, and a publisher of the same agency may', async () => {
    const draft = await draftForA(2022, 2)
    const byEditor = await req(suite.actors.editorA)('POST', `/api/admin/reports/${draft.id}/publish`, {
      version: draft.version,
      acknowledgement: 'ok',
    })
    expect(byEditor.status).toBe(403)
    const byPublisher = await req(suite.actors.publisherA)('POST', `/api/admin/reports/${draft.id}/publish`, {
      version: draft.version,
      note: '首次发布',
    })
    expect(byPublisher.status).toBe(200)
    expect(byPublisher.json.revision).toBe(1)
  })

  it('gives exactly one of two concurrent saves a 409, with the current version, losing nothing', async () => {
    const draft = await draftForA(2023, 3)
    const a = structuredClone(draft.document)
    a.title = '甲的标题'
    const b = structuredClone(draft.document)
    b.title = '乙的标题'
    const [r1, r2] = await Promise.all([
      req(suite.actors.editorA)('PUT', `/api/admin/reports/${draft.id}/draft`, { version: draft.version, document: a }),
      req(suite.actors.publisherA)('PUT', `/api/admin/reports/${draft.id}/draft`, { version: draft.version, document: b }),
    ])
    expect([r1.status, r2.status].sort()).toEqual([200, 409])
    const lost = r1.status === 409 ? r1 : r2
    const won = r1.status === 200 ? a : b
    expect(lost.json.error.code).toBe('VERSION_CONFLICT')
    expect(lost.json.error.current.version).toBe(draft.version + 1)
    expect(lost.json.error.current.document.title).toBe(won.title)
  })

  it('publishes a draft once when two publishers press publish at the same moment', async () => {
    const draft = await draftForA(2050, 9)
    const publish = () => req(suite.actors.publisherA)('POST', `/api/admin/reports/${draft.id}/publish`, { version: draft.version })
    const results = await Promise.all([publish(), publish(), publish()])
    expect(results.map((r) => r.status).sort()).toEqual([200, 409, 409])
    const revisions = await suite.site.conn.db.selectFrom('revision').select('number').where('report_id', '=', draft.id).execute()
    expect(revisions.map((r) => Number(r.number))).toEqual([1])
    const audits = await suite.site.conn.db
      .selectFrom('audit_log')
      .select('action')
      .where('target', '=', draft.id)
      .where('action', '=', 'report.publish')
      .execute()
    expect(audits).toHaveLength(1)
  })

  it('refuses to publish while errors exist, asks for an acknowledgement of warnings, and keeps it', async () => {
    const draft = await draftForA(2024, 4)
    const broken = structuredClone(draft.document)
    const cell = broken.tables['三'].cells['new|natural']!
    if (cell.state !== 'value') throw new Error('fixture')
    broken.tables['三'].cells['new|natural'] = { ...cell, value: cell.value + 1 }
    const saved = await req(suite.actors.publisherA)('PUT', `/api/admin/reports/${draft.id}/draft`, {
      version: draft.version,
      document: broken,
    })
    expect(saved.json.validation.ok).toBe(false)
    const refused = await req(suite.actors.publisherA)('POST', `/api/admin/reports/${draft.id}/publish`, {
      version: saved.json.version,
      acknowledgement: 'ignore',
    })
    expect(refused.status).toBe(422)
    expect(refused.json.error.code).toBe('VALIDATION_ERRORS')
    expect(refused.json.error.validation.findings.map((f: { rule: string }) => f.rule)).toEqual(
      expect.arrayContaining(['T3-COL', 'T3-BAL']),
    )

    // Fix the cell; leave a warning (2024 figures claimed in the prose that disagree).
    const fixed = structuredClone(draft.document)
    fixed.keyFigures = [
      { label: '收到申请', value: 99_999, unit: '件', sentence: '共收到申请99999件。', part: '一', metric: 'applications_received' },
    ]
    const saved2 = await req(suite.actors.publisherA)('PUT', `/api/admin/reports/${draft.id}/draft`, {
      version: saved.json.version,
      document: fixed,
    })
    expect(saved2.json.validation).toMatchObject({ ok: true, warnings: 1 })
    const noAck = await req(suite.actors.publisherA)('POST', `/api/admin/reports/${draft.id}/publish`, { version: saved2.json.version })
    expect(noAck.status).toBe(422)
    expect(noAck.json.error.code).toBe('WARNINGS_NOT_ACKNOWLEDGED')
    const ok = await req(suite.actors.publisherA)('POST', `/api/admin/reports/${draft.id}/publish`, {
      version: saved2.json.version,
      acknowledgement: '正文数字为全系统口径，与本表不同',
    })
    expect(ok.status).toBe(200)
    const row = await suite.site.conn.db
      .selectFrom('revision')
      .select(['acknowledgement'])
      .where('report_id', '=', draft.id)
      .executeTakeFirstOrThrow()
    expect(row.acknowledgement).toBe('正文数字为全系统口径，与本表不同')
  })

  it('publishes all or nothing, even when the database fails half-way', async () => {
    const draft = await draftForA(2030, 5)
    const before = await snapshot(suite.site)
    const faulty = createApp({
      db: suite.site.conn.db,
      dialect: suite.site.conn.dialect,
      batch: failingOnInsertInto(suite.site.conn.batch, 'report_search'),
    })
    const res = await faulty.request(`/api/admin/reports/${draft.id}/publish`, {
      method: 'POST',
      headers: { Cookie: suite.actors.publisherA.cookie, 'X-CSRF-Token': suite.actors.publisherA.csrf, 'Content-Type': 'application/json' },
      body: JSON.stringify({ version: draft.version }),
    })
    expect(res.status).toBe(500)
    const body = (await res.json()) as { error: { code: string; message_en: string } }
    expect(body.error.code).toBe('INTERNAL')
    expect(JSON.stringify(body)).not.toContain('injected')
    expect(await snapshot(suite.site)).toBe(before)
    // And the same request succeeds once the database behaves.
    const ok = await req(suite.actors.publisherA)('POST', `/api/admin/reports/${draft.id}/publish`, { version: draft.version })
    expect(ok.status).toBe(200)
  })

  it('never changes a published revision: its bytes are the same after a correction, which the public sees with its diff', async () => {
    const draft = await draftForA(2032, 6)
    const pub = await req(suite.actors.publisherA)('POST', `/api/admin/reports/${draft.id}/publish`, { version: draft.version })
    expect(pub.status).toBe(200)
    const rev1 = await suite.site.app.request(`/api/reports/${draft.id}/revisions/1`)
    const bytesBefore = await rev1.text()
    expect(rev1.headers.get('cache-control')).toContain('immutable')

    const got = await req(suite.actors.editorA)('GET', `/api/admin/reports/${draft.id}`)
    const corrected = structuredClone(got.json.draft.document as ReportDocument)
    const cell = corrected.tables['四'].cells['main|rv_upheld']!
    const total = corrected.tables['四'].cells['main|rv_total']!
    if (cell.state !== 'value' || total.state !== 'value') throw new Error('fixture')
    corrected.tables['四'].cells['main|rv_upheld'] = { state: 'value', value: cell.value + 1, raw: String(cell.value + 1) }
    corrected.tables['四'].cells['main|rv_total'] = { state: 'value', value: total.value + 1, raw: String(total.value + 1) }
    const saved = await req(suite.actors.editorA)('PUT', `/api/admin/reports/${draft.id}/draft`, {
      version: got.json.draft.version,
      document: corrected,
    })
    expect(saved.status).toBe(200)

    // The public still sees revision 1 while the correction is a draft.
    expect((await req(null)('GET', `/api/reports/${draft.id}`)).json.revisionInfo.number).toBe(1)
    const preview = await req(suite.actors.editorA)('POST', `/api/admin/reports/${draft.id}/preview-diff`)
    expect(preview.json.cells).toHaveLength(2)

    const noReason = await req(suite.actors.publisherA)('POST', `/api/admin/reports/${draft.id}/correct`, {
      version: saved.json.version,
      reason: '',
    })
    expect(noReason.status).toBe(400)
    expect(noReason.json.error.details[0].path).toBe('reason')
    const corr = await req(suite.actors.publisherA)('POST', `/api/admin/reports/${draft.id}/correct`, {
      version: saved.json.version,
      reason: '行政复议结果维持数量录入有误',
      note: '已核对原始台账',
    })
    expect(corr.status).toBe(200)
    expect(corr.json.revision).toBe(2)

    expect(await (await suite.site.app.request(`/api/reports/${draft.id}/revisions/1`)).text()).toBe(bytesBefore)
    const current = await req(null)('GET', `/api/reports/${draft.id}`)
    expect(current.json.revisionInfo).toMatchObject({ number: 2, kind: 'correction' })
    expect(current.json.revisions.map((r: { number: number; note: string }) => r.number)).toEqual([2, 1])
    expect(current.json.revisions[0].note).toContain('行政复议结果维持数量录入有误')
    const diff = await req(null)('GET', `/api/reports/${draft.id}/diff?from=1&to=2`)
    expect(diff.json.cells.map((c: { column: string[] }) => c.column.join('·'))).toEqual(['行政复议·结果维持', '行政复议·总计'])
    expect(diff.json.cells[0].after.value).toBe(cell.value + 1)
  })

  it('finds a report by the words of its current revision only: after a correction by the new ones, after withdrawal by none', async () => {
    const draft = await draftForA(2039, 12)
    const pub = req(null)
    const found = async (q: string) =>
      ((await pub('GET', `/api/reports?q=${encodeURIComponent(q)}&limit=200`)).json.items as Array<{ id: string }>).some(
        (r) => r.id === draft.id,
      )
    /** The draft saved with `text` as part 一's only paragraph; its new version. */
    const saveWith = async (text: string) => {
      const got = await req(suite.actors.editorA)('GET', `/api/admin/reports/${draft.id}`)
      const doc = structuredClone(got.json.draft.document as ReportDocument)
      doc.parts['一'] = [{ type: 'paragraph', text }]
      return req(suite.actors.editorA)('PUT', `/api/admin/reports/${draft.id}/draft`, { version: got.json.draft.version, document: doc })
    }
    const saved = await saveWith('本年度试行“榕树下议事厅”制度。')
    expect(saved.status).toBe(200)
    expect(
      (await req(suite.actors.publisherA)('POST', `/api/admin/reports/${draft.id}/publish`, { version: saved.json.version })).status,
    ).toBe(200)
    // Two characters (the bigram index), three and more (the trigram index), quotes in the words.
    for (const q of ['榕树', '榕树下', '榕树下议事厅', '“榕树下议事厅”']) expect(await found(q), q).toBe(true)

    const resaved = await saveWith('本年度试行“凤凰木恳谈会”制度。')
    expect(resaved.status).toBe(200)
    const corr = await req(suite.actors.publisherA)('POST', `/api/admin/reports/${draft.id}/correct`, {
      version: resaved.json.version,
      reason: '制度名称有误',
    })
    expect(corr.status).toBe(200)
    for (const q of ['榕树', '榕树下议事厅']) expect(await found(q), q).toBe(false)
    for (const q of ['凤凰', '凤凰木恳谈会']) expect(await found(q), q).toBe(true)
    // One indexed text per report, however often it was indexed again.
    const rows = await suite.site.conn.db.selectFrom('report_search').select('report_id').where('report_id', '=', draft.id).execute()
    expect(rows).toHaveLength(1)

    expect((await req(suite.actors.publisherA)('POST', `/api/admin/reports/${draft.id}/withdraw`, { reason: '重复发布' })).status).toBe(200)
    for (const q of ['凤凰', '凤凰木恳谈会', '榕树']) expect(await found(q), q).toBe(false)
    // A double quote in the words is a character like any other, never a syntax error.
    const quoted = await suite.site.app.request(`/api/reports?q=${encodeURIComponent('"凤凰" OR 木')}`)
    expect(quoted.status).toBe(200)
    expect(((await quoted.json()) as { items: unknown[] }).items).toEqual([])
  })

  it('never leaks drafts through public routes', async () => {
    const draft = await draftForA(2034, 7)
    const pub = req(null)
    expect((await pub('GET', `/api/reports/${draft.id}`)).status).toBe(404)
    expect((await pub('GET', `/api/reports/${draft.id}/revisions/1`)).status).toBe(404)
    expect((await pub('GET', `/api/reports/${draft.id}/download/json`)).status).toBe(404)
    const list = await pub('GET', '/api/reports?limit=200')
    expect(list.json.items.map((r: { id: string }) => r.id)).not.toContain(draft.id)
    const search = await pub('GET', `/api/reports?q=${encodeURIComponent('测试甲局')}`)
    expect(search.json.items.map((r: { id: string }) => r.id)).not.toContain(draft.id)
  })

  it('shows a withdrawn report as withdrawn, with its reason, and nothing of its content', async () => {
    const draft = await draftForA(2036, 8)
    await req(suite.actors.publisherA)('POST', `/api/admin/reports/${draft.id}/publish`, { version: draft.version })
    const noReason = await req(suite.actors.publisherA)('POST', `/api/admin/reports/${draft.id}/withdraw`, {})
    expect(noReason.status).toBe(400)
    const w = await req(suite.actors.publisherA)('POST', `/api/admin/reports/${draft.id}/withdraw`, { reason: '统计口径有误，将重新发布' })
    expect(w.status).toBe(200)
    const pub = await req(null)('GET', `/api/reports/${draft.id}`)
    expect(pub.status).toBe(200)
    expect(pub.json).toMatchObject({ status: 'withdrawn', withdrawnReason: '统计口径有误，将重新发布', document: null })
    const rev = await req(null)('GET', `/api/reports/${draft.id}/revisions/1`)
    expect(rev.status).toBe(410)
    expect(rev.json.error).toMatchObject({ code: 'REPORT_WITHDRAWN', reason: '统计口径有误，将重新发布' })
    const search = await req(null)('GET', `/api/reports?q=${encodeURIComponent('测试甲局')}&year=2036`)
    expect(search.json.items).toEqual([])
  })

  it('refuses NUL in admin titles, reasons, names and ids with BAD_TEXT naming the field, and stores nothing', async () => {
    const draft = await draftForA(2038, 11)
    await req(suite.actors.publisherA)('POST', `/api/admin/reports/${draft.id}/publish`, { version: draft.version })
    const before = await snapshot(suite.site)
    const titled = structuredClone(draft.document)
    titled.title = '标题\u0000'
    const keyed = structuredClone(draft.document) as unknown as { tables: Record<string, { cells: Record<string, unknown> }> }
    keyed.tables['三']!.cells['new|natu\u0000ral'] = { state: 'value', value: 1 }
    const cases: Array<[Actor, string, string, unknown, string]> = [
      [
        suite.actors.editorA,
        'PUT',
        `/api/admin/reports/${draft.id}/draft`,
        { version: draft.version + 1, document: titled },
        'document.title',
      ],
      [
        suite.actors.editorA,
        'PUT',
        `/api/admin/reports/${draft.id}/draft`,
        { version: draft.version + 1, document: keyed },
        'document.tables.三.cells.new|natu\\u0000ral',
      ],
      [suite.actors.publisherA, 'POST', `/api/admin/reports/${draft.id}/withdraw`, { reason: '原因\u0000' }, 'reason'],
      [suite.actors.editorA, 'POST', '/api/admin/reports', { agencyId: 'a\u0000', year: 2039 }, 'agencyId'],
      [suite.actors.editorA, 'POST', '/api/admin/import', { agencyId: suite.actors.agencyA, content: '2019年\u0000报告' }, 'content'],
      // A file whose text holds a NUL: the imported document names where.
      [
        suite.actors.editorA,
        'POST',
        '/api/admin/import',
        { agencyId: suite.actors.agencyA, contentBase64: Buffer.from(seedText().replace('年度报告', '年度\u0000报告')).toString('base64') },
        'document.title',
      ],
      [
        suite.actors.admin,
        'POST',
        '/api/admin/agencies',
        { name: '测试\u0000局', code: 'nul-test', level: 'county', kind: 'department' },
        'name',
      ],
      [
        suite.actors.admin,
        'POST',
        '/api/admin/users',
        { username: 'nul-user', displayName: '丙\ud800', password: 'a long enough password' },
        'displayName',
      ],
    ]
    for (const [actor, method, path, body, field] of cases) {
      const res = await req(actor)(method, path, body)
      expect({ path, field, status: res.status, code: res.json.error?.code, at: res.json.error?.details?.[0]?.path }).toEqual({
        path,
        field,
        status: 400,
        code: 'BAD_TEXT',
        at: field,
      })
    }
    expect(await snapshot(suite.site)).toBe(before)
  })

  it('refuses to withdraw a withdrawn report again (409), keeping the first public reason, even when two withdrawals race', async () => {
    const draft = await draftForA(2040, 12)
    await req(suite.actors.publisherA)('POST', `/api/admin/reports/${draft.id}/publish`, { version: draft.version })
    const first = await req(suite.actors.publisherA)('POST', `/api/admin/reports/${draft.id}/withdraw`, { reason: '第一次撤回的原因' })
    expect(first.status).toBe(200)
    const again = await req(suite.actors.admin)('POST', `/api/admin/reports/${draft.id}/withdraw`, { reason: '换一个原因' })
    expect(again.status).toBe(409)
    expect(again.json.error).toMatchObject({ code: 'ALREADY_WITHDRAWN', reason: '第一次撤回的原因' })
    expect((await req(null)('GET', `/api/reports/${draft.id}`)).json.withdrawnReason).toBe('第一次撤回的原因')

    const racing = await draftForA(2041, 13)
    await req(suite.actors.publisherA)('POST', `/api/admin/reports/${racing.id}/publish`, { version: racing.version })
    const results = await Promise.all(
      ['甲的原因', '乙的原因', '丙的原因'].map((reason) =>
        req(suite.actors.publisherA)('POST', `/api/admin/reports/${racing.id}/withdraw`, { reason }),
      ),
    )
    expect(results.map((r) => r.status).sort()).toEqual([200, 409, 409])
    const won = ['甲的原因', '乙的原因', '丙的原因'][results.findIndex((r) => r.status === 200)]
    expect((await req(null)('GET', `/api/reports/${racing.id}`)).json.withdrawnReason).toBe(won)
    for (const r of results.filter((x) => x.status === 409)) expect(r.json.error.reason).toBe(won)
    const audits = await suite.site.conn.db
      .selectFrom('audit_log')
      .select('action')
      .where('target', '=', racing.id)
      .where('action', '=', 'report.withdraw')
      .execute()
    expect(audits).toHaveLength(1)
  })

  it('records who did what, when and from where', async () => {
    const rows = await suite.site.conn.db.selectFrom('audit_log').select(['action', 'user_id', 'target']).execute()
    const actions = new Set(rows.map((r) => r.action))
    for (const a of ['login', 'report.create', 'draft.save', 'report.publish', 'report.correction', 'report.withdraw'])
      expect(actions).toContain(a)
  })

  it('names parentId when a new agency’s parent is empty or does not exist, and takes a real one', async () => {
    const agency = (code: string, parentId: unknown) => ({
      name: '测试丁局',
      code: `${code}-${dialect.name}`,
      level: 'county',
      kind: 'department',
      regionCode: '990196',
      parentId,
    })
    const empty = await req(suite.actors.admin)('POST', '/api/admin/agencies', agency('test-d', ''))
    expect(empty.status).toBe(400)
    expect(empty.json.error).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ path: 'parentId' }] })
    expect(empty.json.error.details[0].message_en).toContain('null for none')
    const missing = await req(suite.actors.admin)('POST', '/api/admin/agencies', agency('test-d', 'no-such-agency'))
    expect(missing.status).toBe(404)
    expect(missing.json.error).toMatchObject({ code: 'AGENCY_NOT_FOUND', details: [{ path: 'parentId' }] })
    const child = await req(suite.actors.admin)('POST', '/api/admin/agencies', agency('test-d', suite.actors.agencyA))
    expect(child.status).toBe(201)
    const tree = (await req(suite.actors.admin)('GET', '/api/admin/agencies')).json.items
    expect(tree.find((a: { id: string }) => a.id === suite.actors.agencyA).children.map((a: { id: string }) => a.id)).toEqual([
      child.json.id,
    ])
    expect((await req(suite.actors.admin)('POST', '/api/admin/agencies', agency('test-e', null))).status).toBe(201)
  })

  it('lets only admins manage agencies and users', async () => {
    const agency = { name: '测试丙局', code: `test-c-${dialect.name}`, level: 'township', kind: 'government', regionCode: '990197' }
    expect((await req(suite.actors.publisherA)('POST', '/api/admin/agencies', agency)).status).toBe(403)
    const created = await req(suite.actors.admin)('POST', '/api/admin/agencies', agency)
    expect(created.status).toBe(201)
    expect((await req(suite.actors.admin)('POST', '/api/admin/agencies', agency)).json.error.code).toBe('AGENCY_EXISTS')

    const weak = await req(suite.actors.admin)('POST', '/api/admin/users', {
      username: 'c-editor',
      displayName: '丙',
      password: 'short',
      memberships: [],
    })
    expect(weak.status).toBe(400)
    expect(weak.json.error.details[0].message).toContain('password')
    const user = await req(suite.actors.admin)('POST', '/api/admin/users', {
      username: 'c-editor',
      displayName: '丙',
      password: 'a long enough password',
      memberships: [{ agencyId: created.json.id, role: 'editor' }],
    })
    expect(user.status).toBe(201)
    expect((await req(suite.actors.editorA)('GET', '/api/admin/users')).status).toBe(403)
    const { cookie } = await signIn(suite.site.app.request, 'c-editor', 'a long enough password')
    // Disabling the account ends its sessions.
    expect((await req(suite.actors.admin)('PATCH', `/api/admin/users/${user.json.id}`, { disabled: true })).status).toBe(200)
    expect((await suite.site.app.request('/api/admin/reports', { headers: { Cookie: cookie } })).status).toBe(401)
  })

  it('imports the seed text as a draft through the importer, once the clerk confirms the agency the file names', async () => {
    // The seed names 杭州市行政审批服务管理办公室, not the chosen agency: said before any draft is made.
    const asked = await req(suite.actors.editorA)('POST', '/api/admin/import', {
      agencyId: suite.actors.agencyA,
      content: seedText(),
      filename: 'seed.txt',
    })
    expect(asked.status).toBe(409)
    expect(asked.json.error.code).toBe('IMPORT_MISMATCH')
    expect(asked.json.error.details[0]).toMatchObject({ path: 'agencyId' })
    expect(asked.json.error.details[0].message).toContain('杭州市行政审批服务管理办公室')
    const before = (await req(suite.actors.editorA)('GET', '/api/admin/reports')).json.items as Array<{
      year: number
      agency: { name: string }
    }>
    expect(before.filter((r) => r.year === 2020 && r.agency.name === '测试甲局')).toEqual([])
    const res = await req(suite.actors.editorA)('POST', '/api/admin/import', {
      agencyId: suite.actors.agencyA,
      content: seedText(),
      filename: 'seed.txt',
      acceptMismatch: true,
    })
    expect(res.status).toBe(201)
    expect(res.json.document.year).toBe(2020)
    expect(res.json.document.agency.name).toBe('测试甲局')
    expect(res.json.problems.filter((p: { code: string }) => p.code === 'TABLE_MISSING')).toHaveLength(3)
    const again = await req(suite.actors.editorA)('POST', '/api/admin/import', {
      agencyId: suite.actors.agencyA,
      content: seedText(),
      acceptMismatch: true,
    })
    expect(again.json.error.code).toBe('REPORT_EXISTS')
  })

  it('imports an HTML report sent as bytes, reading its tables, and refuses a PDF with a clear message', async () => {
    const html = `<html><head><title>测试甲局2019年政府信息公开工作年度报告</title></head><body><div id="zoom">
      <p>一、总体情况</p><p>2019年，测试甲局推进政务公开。</p>
      <p>四、政府信息公开行政复议、行政诉讼情况</p>
      <table><tr><td colspan="5">行政复议</td><td colspan="10">行政诉讼</td></tr>
      <tr><td colspan="5"></td><td colspan="5">未经复议直接起诉</td><td colspan="5">复议后起诉</td></tr>
      <tr>${'<td>结果维持</td><td>结果纠正</td><td>其他结果</td><td>尚未审结</td><td>总计</td>'.repeat(3)}</tr>
      <tr>${[1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0].map((n) => `<td>${n}</td>`).join('')}</tr></table></div></body></html>`
    const b64 = btoa(String.fromCharCode(...new TextEncoder().encode(html)))
    const res = await req(suite.actors.editorA)('POST', '/api/admin/import', {
      agencyId: suite.actors.agencyA,
      contentBase64: b64,
      filename: 'report.html',
    })
    expect(res.status).toBe(201)
    expect(res.json.document.source.kind).toBe('html')
    expect(res.json.document.tables['四'].cells['main|rv_upheld']).toEqual({ state: 'value', value: 1, raw: '1' })
    const pdf = await req(suite.actors.editorA)('POST', '/api/admin/import', {
      agencyId: suite.actors.agencyA,
      contentBase64: btoa('%PDF-1.7'),
      year: 2018,
    })
    expect(pdf.status).toBe(400)
    expect(pdf.json.error.details[0]).toMatchObject({ path: 'content' })
    expect(pdf.json.error.details[0].message).toContain('PDF')
  })

  it('refuses a file forced to DOCX that is not one with FORMAT_UNSUPPORTED (400), not a 500', async () => {
    const notZip = await req(suite.actors.editorA)('POST', '/api/admin/import', {
      agencyId: suite.actors.agencyA,
      format: 'docx',
      contentBase64: btoa('this is not a zip at all'),
      year: 2017,
    })
    const zipNotDocx = await req(suite.actors.editorA)('POST', '/api/admin/import', {
      agencyId: suite.actors.agencyA,
      format: 'docx',
      contentBase64: Buffer.from(zipSync({ 'a.txt': strToU8('2017年报告') })).toString('base64'),
      year: 2017,
    })
    for (const res of [notZip, zipNotDocx]) {
      expect(res.status).toBe(400)
      expect(res.json.error).toMatchObject({ code: 'FORMAT_UNSUPPORTED', details: [{ path: 'content' }] })
      expect(res.json.error.details[0].message).toContain('DOCX')
      expect(res.json.error.details[0].message_en).toContain('not a readable DOCX')
    }
  })

  it('refuses 200,000 nested tables (3 MB of HTML) with TOO_DEEP (400) at once, and keeps answering', async () => {
    const html = `<html><body><p>测试甲局2016年政府信息公开工作年度报告</p>${'<table><tr><td>'.repeat(200_000)}x</body></html>`
    expect(html.length).toBeGreaterThan(3_000_000)
    const started = Date.now()
    const res = await req(suite.actors.editorA)('POST', '/api/admin/import', {
      agencyId: suite.actors.agencyA,
      content: html,
      filename: 'deep.html',
    })
    expect(Date.now() - started).toBeLessThan(10_000)
    expect(res.status).toBe(400)
    expect(res.json.error).toMatchObject({ code: 'TOO_DEEP', details: [{ path: 'content' }] })
    expect(res.json.error.details[0].message).toContain('500 层')
    expect(res.json.error.details[0].message_en).toContain('more than 500 deep')
    expect((await suite.site.app.request('/api/health')).status).toBe(200)
  })

  it('locks sign-in after repeated failures, then lets the right password in once the lock ends', async () => {
    let clock = new Date('2026-02-01T00:00:00Z')
    const app = createApp({ db: suite.site.conn.db, dialect: suite.site.conn.dialect, batch: suite.site.conn.batch, now: () => clock })
    const attempt = (password: string) =>
      app.request('/api/auth/login', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': '203.0.113.9' },
        body: JSON.stringify({ username: 'editor-b', password }),
      })
    for (let i = 0; i < 5; i++) expect((await attempt('wrong')).status).toBe(401)
    const locked = await attempt('a long test password')
    expect(locked.status).toBe(429)
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0)
    expect(((await locked.json()) as { error: { code: string } }).error.code).toBe('TOO_MANY_ATTEMPTS')
    clock = new Date(clock.getTime() + 16 * 60_000)
    expect((await attempt('a long test password')).status).toBe(200)
  })
})
