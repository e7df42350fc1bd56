// Beside admin/jobs.ts, the main route here; it also covers admin/import.ts, admin/deadlines.ts, admin/reports.ts and ../../jobs/.
import { generateTables, seededRandom } from '@gongkai/schema'
import { strToU8, zipSync } from 'fflate'
import { expect, it } from 'vitest'
import { commit } from '../../db/write-batch.ts'
import { claimJob, enqueueJob, finishJob, getJob, requestCancel } from '../../db/jobs.ts'
import { HANDLERS, type StepContext } from '../../jobs/handlers.ts'
import { runOnce } from '../../jobs/runner.ts'
import { shanghai } from '../../routes/admin/jobs.ts'
import { seedText } from '../../seed-text.ts'
import { MiB, zipBomb } from '../../test/zips.ts'
import { forEachDialect, suiteSite } from '../../test/harness.ts'

const b64 = (s: string) => btoa(String.fromCharCode(...new TextEncoder().encode(s)))
/** A small text report for a year: the seed's prose with its year changed. */
/** The seed as the report of a test agency (the file names it, so a batch files it there). */
const reportFor = (year: number, agency = '测试甲局') =>
  seedText().replaceAll('2020', String(year)).replaceAll('杭州市行政审批服务管理办公室', agency).replaceAll('杭州市审管办', agency)

/** Zips past each limit, with the entry each must be refused at; made once for every engine. */
let hostile: Array<[Uint8Array, string, RegExp]> | undefined
function hostileZips(): Array<[Uint8Array, string, RegExp]> {
  if (hostile) return hostile
  const tiny = strToU8('x')
  const random = seededRandom(7)
  const noisy = () => {
    const b = new Uint8Array(7 * MiB)
    for (let i = 0; i < b.length; i += 64) b[i] = 32 + Math.floor(random() * 90)
    return b
  }
  hostile = [
    // More entries than an archive may hold (folders count), and more report files than a batch.
    [
      zipSync(Object.fromEntries(Array.from({ length: 1_001 }, (_, i) => [`d${String(i).padStart(4, '0')}`, {}]))),
      'd1000/',
      /at most 1000/,
    ],
    [
      zipSync(Object.fromEntries(Array.from({ length: 201 }, (_, i) => [`f${String(i).padStart(3, '0')}.txt`, tiny]))),
      'f200.txt',
      /at most 200/,
    ],
    // One file that says it unpacks to 9 MiB (refused before it is read), and one that unpacks past the ratio.
    [zipSync({ 'a.txt': tiny, 'big.txt': new Uint8Array(9 * MiB) }), 'big.txt', /at most 8 MB/],
    [zipSync({ 'zeros.txt': new Uint8Array(4 * MiB) }), 'zeros.txt', /200:1/],
    // Five files of 7 MiB, each within the limits (compressed about 25:1), but 35 MiB together.
    [
      zipSync(Object.fromEntries(['p1', 'p2', 'p3', 'p4', 'p5'].map((n) => [`${n}.txt`, noisy()])), { level: 1 }),
      'p5.txt',
      /32 MB unpacked/,
    ],
  ]
  return hostile
}
let bomb: Uint8Array | undefined

forEachDialect('background jobs', (dialect) => {
  const suite = suiteSite(dialect)
  const worker = (id: string, now = () => new Date()) => ({
    db: suite.site.conn.db,
    dialect: suite.site.conn.dialect,
    batch: suite.site.conn.batch,
    workerId: id,
    now,
    leaseMs: 30_000,
  })

  it('imports an uploaded batch as drafts, file by file, and the same upload twice makes one job', async () => {
    const files = [2011, 2012, 2013].map((y) => ({ name: `report-${y}.txt`, contentBase64: b64(reportFor(y)) }))
    const first = await suite.as(suite.actors.editorA)('POST', '/api/admin/jobs/import-batch', { agencyId: suite.actors.agencyA, files })
    expect(first.status).toBe(202)
    const again = await suite.as(suite.actors.editorA)('POST', '/api/admin/jobs/import-batch', { agencyId: suite.actors.agencyA, files })
    expect(again.status).toBe(200)
    expect(again.json).toMatchObject({ created: false, job: { id: first.json.job.id } })
    // Another agency's editor cannot queue into agency A, or read A's job.
    expect(
      (await suite.as(suite.actors.editorB)('POST', '/api/admin/jobs/import-batch', { agencyId: suite.actors.agencyA, files })).status,
    ).toBe(403)
    expect((await suite.as(suite.actors.editorB)('GET', `/api/admin/jobs/${first.json.job.id}`)).status).toBe(403)

    while (await runOnce(worker('w1')));
    const job = (await suite.as(suite.actors.editorA)('GET', `/api/admin/jobs/${first.json.job.id}`)).json
    expect(job.state).toBe('succeeded')
    expect(job.progress).toMatchObject({ done: 3, total: 3 })
    expect(job.result.files.map((f: { name: string; status: string; year: number }) => [f.name, f.status, f.year])).toEqual([
      ['report-2011.txt', 'imported', 2011],
      ['report-2012.txt', 'imported', 2012],
      ['report-2013.txt', 'imported', 2013],
    ])
    const drafts = (await suite.as(suite.actors.editorA)('GET', '/api/admin/reports')).json.items.filter(
      (r: { year: number }) => r.year >= 2011 && r.year <= 2013,
    )
    expect(drafts.map((r: { status: string }) => r.status)).toEqual(['draft', 'draft', 'draft'])
    // Jobs list shows it, without the file bytes.
    const list = (await suite.as(suite.actors.editorA)('GET', '/api/admin/jobs')).json.items
    expect(list.find((j: { id: string }) => j.id === first.json.job.id).payload.files[0]).toEqual({ name: 'report-2011.txt' })
  })

  it('imports the other files of a batch when one holds a NUL, naming that one BAD_TEXT', async () => {
    const files = [
      { name: 'nul-2016.txt', contentBase64: b64(reportFor(2016).replace('年度报告', '年度\u0000报告')) },
      { name: 'ok-2017.txt', contentBase64: b64(reportFor(2017)) },
    ]
    const queued = await suite.as(suite.actors.editorA)('POST', '/api/admin/jobs/import-batch', { agencyId: suite.actors.agencyA, files })
    expect(queued.status).toBe(202)
    while (await runOnce(worker('w-nul')));
    const job = (await getJob(suite.site.conn.db, queued.json.job.id))!
    expect(job.state).toBe('succeeded')
    expect(
      (job.result as { files: Array<{ name: string; status: string; error?: string }> }).files.map((f) => [
        f.name,
        f.status,
        f.error ?? null,
      ]),
    ).toEqual([
      ['nul-2016.txt', 'failed', 'BAD_TEXT'],
      ['ok-2017.txt', 'imported', null],
    ])
  })

  it('takes a zip of report files as one batch, and refuses a file that is not a zip', async () => {
    const zip = zipSync({
      old: {},
      'old/report-2015.txt': strToU8(reportFor(2015)),
      'old/report-2014.txt': strToU8(reportFor(2014)),
      '__MACOSX/._report-2014.txt': strToU8('junk'),
    })
    const res = await suite.as(suite.actors.editorA)('POST', '/api/admin/jobs/import-batch', {
      agencyId: suite.actors.agencyA,
      zipBase64: Buffer.from(zip).toString('base64'),
    })
    expect(res.status).toBe(202)
    expect(res.json.job.payload.files).toEqual([{ name: 'report-2014.txt' }, { name: 'report-2015.txt' }])
    while (await runOnce(worker('w-zip')));
    expect((await getJob(suite.site.conn.db, res.json.job.id))!.progress).toMatchObject({ done: 2, total: 2 })
    const bad = await suite.as(suite.actors.editorA)('POST', '/api/admin/jobs/import-batch', {
      agencyId: suite.actors.agencyA,
      zipBase64: btoa('not a zip'),
    })
    expect(bad.status).toBe(400)
    expect(bad.json.error.details[0].path).toBe('zipBase64')
  })

  it('refuses a zip bomb (10 entries of 300 MiB of zeros in 3 MB) at once, naming the entry, and keeps answering', async () => {
    bomb ??= zipBomb(10, 300)
    expect(bomb.length).toBeLessThan(4 * MiB)
    const jobsBefore = await suite.site.conn.db.selectFrom('job').select('id').execute()
    const started = Date.now()
    const res = await suite.as(suite.actors.editorA)('POST', '/api/admin/jobs/import-batch', {
      agencyId: suite.actors.agencyA,
      zipBase64: Buffer.from(bomb).toString('base64'),
    })
    expect(Date.now() - started).toBeLessThan(10_000)
    expect(res.status).toBe(413)
    expect(res.json.error).toMatchObject({ code: 'ARCHIVE_TOO_LARGE', entry: 'bomb-0.txt', details: [{ path: 'zipBase64' }] })
    expect(res.json.error.details[0].message).toContain('“bomb-0.txt”')
    expect(res.json.error.details[0].message_en).toContain('"bomb-0.txt"')
    // Nothing was queued, and the service answers at once.
    expect(await suite.site.conn.db.selectFrom('job').select('id').execute()).toHaveLength(jobsBefore.length)
    const health = Date.now()
    expect((await suite.site.app.request('/api/health')).status).toBe(200)
    expect(Date.now() - health).toBeLessThan(1_000)
  })

  it('refuses a zip past each of its limits (entries, files, one file, the whole archive, the compression ratio), naming the entry', async () => {
    const post = (zip: Uint8Array) =>
      suite.as(suite.actors.editorA)('POST', '/api/admin/jobs/import-batch', {
        agencyId: suite.actors.agencyA,
        zipBase64: Buffer.from(zip).toString('base64'),
      })
    const refused = async (zip: Uint8Array, entry: string, en: RegExp) => {
      const res = await post(zip)
      expect(res.status).toBe(413)
      expect(res.json.error).toMatchObject({ code: 'ARCHIVE_TOO_LARGE', entry })
      expect(res.json.error.details[0].message).toContain(entry)
      expect(res.json.error.details[0].message_en).toMatch(en)
    }
    for (const [zip, entry, en] of hostileZips()) await refused(zip, entry, en)
  })

  it('bounds upload bodies before reading them, with a 413 that names the limit', async () => {
    const editor = suite.as(suite.actors.editorA)
    const batch = await editor('POST', '/api/admin/jobs/import-batch', { agencyId: suite.actors.agencyA, zipBase64: 'A'.repeat(9 * MiB) })
    expect(batch.status).toBe(413)
    expect(batch.json.error).toMatchObject({ code: 'UPLOAD_TOO_LARGE', limitBytes: 8 * MiB })
    expect(batch.json.error.details[0].message_en).toContain('8 MB')
    const single = await editor('POST', '/api/admin/import', { agencyId: suite.actors.agencyA, contentBase64: 'A'.repeat(7 * MiB) })
    expect(single.status).toBe(413)
    expect(single.json.error).toMatchObject({ code: 'UPLOAD_TOO_LARGE', limitBytes: 6 * MiB })
    // Every other route keeps the general limit.
    const other = await editor('POST', '/api/admin/reports', { agencyId: suite.actors.agencyA, year: 2030, padding: 'x'.repeat(6 * MiB) })
    expect(other.status).toBe(413)
    expect(other.json.error.code).toBe('PAYLOAD_TOO_LARGE')
  })

  it('files each report under the agency it names: a file naming another agency is flagged with what it names, not filed under the chosen one', async () => {
    const files = [
      { name: 'own-2018.txt', contentBase64: b64(reportFor(2018)) },
      { name: 'other-2018.txt', contentBase64: b64(reportFor(2018, '测试丙县人民政府')) },
    ]
    const queued = await suite.as(suite.actors.editorA)('POST', '/api/admin/jobs/import-batch', { agencyId: suite.actors.agencyA, files })
    expect(queued.status).toBe(202)
    while (await runOnce(worker('w-agency')));
    const job = (await suite.as(suite.actors.editorA)('GET', `/api/admin/jobs/${queued.json.job.id}`)).json
    const [own, other] = job.result.files
    expect(own).toMatchObject({ status: 'imported', year: 2018, found: { agency: '测试甲局', year: 2018 } })
    expect(other).toMatchObject({ status: 'failed', error: 'AGENCY_DIFFERS', found: { agency: '测试丙县人民政府', year: 2018 } })
    expect(other.messages.find((m: { code: string }) => m.code === 'AGENCY_DIFFERS').zh).toContain('测试丙县人民政府')
    expect(other.reportId).toBeUndefined()
  })

  it('takes a batch bigger than one database value (files are stored in pieces), imports each file whole, and refuses an oversized report by name', async () => {
    // Five reports of about 400 KB (the seed's prose, then a long appendix) and one of 1.2 MB: over
    // 4 MB of upload, far over what D1 takes in one value, each file more than one stored piece.
    const appendix = (y: number, lines: number) =>
      `\n\n附件：${y}年公开目录说明\n` +
      Array.from({ length: lines }, (_, i) => `附件说明第${i + 1}条：${'政府信息公开目录事项说明'.repeat(110)}`).join('\n')
    const years = [2031, 2032, 2033, 2034, 2035, 2036]
    const files = years.map((y) => ({
      name: `big-${y}.txt`,
      contentBase64: Buffer.from(reportFor(y) + appendix(y, y === 2036 ? 300 : 100)).toString('base64'),
    }))
    expect(files.reduce((n, f) => n + f.contentBase64.length, 0)).toBeGreaterThan(4_000_000)
    const queued = await suite.as(suite.actors.editorA)('POST', '/api/admin/jobs/import-batch', { agencyId: suite.actors.agencyA, files })
    expect(queued.status).toBe(202)
    expect(queued.json.job.payload.files).toEqual(years.map((y) => ({ name: `big-${y}.txt` })))
    while (await runOnce(worker('w-big')));
    const job = (await suite.as(suite.actors.editorA)('GET', `/api/admin/jobs/${queued.json.job.id}`)).json
    expect(job.state).toBe('succeeded')
    expect(job.result.files.map((f: { name: string; status: string; error?: string }) => [f.name, f.status, f.error ?? null])).toEqual([
      ...years.slice(0, 5).map((y) => [`big-${y}.txt`, 'imported', null]),
      ['big-2036.txt', 'failed', 'DOCUMENT_TOO_LARGE'],
    ])
    // The appendix made it in whole: its last line is in the draft.
    const draft = (await suite.as(suite.actors.editorA)('GET', `/api/admin/reports/${job.result.files[4].reportId}`)).json
    expect(JSON.stringify(draft.draft.document)).toContain('附件说明第100条')
  })

  it('refuses to save a draft larger than a report can be, naming the field, and keeps the stored one', async () => {
    const created = await suite.as(suite.actors.editorA)('POST', '/api/admin/reports', { agencyId: suite.actors.agencyA, year: 2037 })
    const doc = structuredClone(created.json.document)
    doc.parts['六'] = Array.from({ length: 60 }, () => ({ type: 'paragraph', text: '说明'.repeat(5_000) }))
    const res = await suite.as(suite.actors.editorA)('PUT', `/api/admin/reports/${created.json.id}/draft`, {
      version: created.json.version,
      document: doc,
    })
    expect(res.status).toBe(413)
    expect(res.json.error).toMatchObject({ code: 'DOCUMENT_TOO_LARGE', details: [{ path: 'document' }] })
    const after = (await suite.as(suite.actors.editorA)('GET', `/api/admin/reports/${created.json.id}`)).json
    expect(after.draft).toMatchObject({ version: created.json.version, document: created.json.document })
  })

  it('ends a job that fails every attempt as failed, with its error visible', async () => {
    let clock = new Date('2026-03-01T00:00:00Z')
    const { job } = await enqueueJob(
      suite.site.conn.db,
      { type: 'import-batch', payload: { agencyId: 'no-such-agency', files: [] }, maxAttempts: 3, createdBy: null },
      clock,
    )
    for (let i = 0; i < 3; i++) {
      expect(await runOnce(worker('w1', () => clock))).toBe(true)
      clock = new Date(clock.getTime() + 60_000) // past the backoff
    }
    const failed = (await getJob(suite.site.conn.db, job.id))!
    expect(failed).toMatchObject({ state: 'failed', attempts: 3 })
    expect(failed.error).toContain('no-such-agency')
    expect(await runOnce(worker('w1', () => clock))).toBe(false)
    const shown = await suite.as(suite.actors.admin)('GET', `/api/admin/jobs/${job.id}`)
    expect(shown.json).toMatchObject({ state: 'failed', error: expect.stringContaining('not found') })
    // And it can be retried (then cancelled again, so it does not stand in the other tests' way).
    expect((await suite.as(suite.actors.admin)('POST', `/api/admin/jobs/${job.id}/retry`)).json.state).toBe('queued')
    expect((await suite.as(suite.actors.admin)('POST', `/api/admin/jobs/${job.id}/cancel`)).json.state).toBe('cancelled')
  })

  it('stops a cancelled job within one step, and cancels a queued one at once', async () => {
    const files = [2021, 2022, 2023, 2024].map((y) => ({ name: `${y}.txt`, contentBase64: b64(reportFor(y, '测试乙局')) }))
    const { job } = await enqueueJob(
      suite.site.conn.db,
      { type: 'import-batch', payload: { agencyId: suite.actors.agencyB, files }, agencyId: suite.actors.agencyB, total: 4 },
      new Date(),
    )
    const claimed = (await claimJob(suite.site.conn.db, suite.site.conn.dialect, 'w-cancel', new Date(), 30_000))!
    expect(claimed.id).toBe(job.id)
    let steps = 0
    const batch = suite.site.conn.batch
    const ctx: StepContext = {
      db: suite.site.conn.db,
      dialect: suite.site.conn.dialect,
      batch,
      now: () => new Date(),
      progress: async (_done, _total, _message, _result, step) => {
        steps++
        if (step) await commit(batch, step)
        // The admin presses cancel while the first file is being imported.
        if (steps === 1) await requestCancel(suite.site.conn.db, job.id, new Date())
        return true
      },
      cancelled: async () => (await getJob(suite.site.conn.db, job.id))!.cancelRequested,
    }
    const outcome = await HANDLERS['import-batch'](claimed, ctx)
    expect(outcome.state).toBe('cancelled')
    expect((outcome.result as { files: unknown[] }).files).toHaveLength(1)
    await finishJob(suite.site.conn.db, job.id, 'w-cancel', outcome, new Date())
    expect((await getJob(suite.site.conn.db, job.id))!.state).toBe('cancelled')

    const queued = await enqueueJob(suite.site.conn.db, { type: 'rebuild', payload: {} }, new Date())
    await requestCancel(suite.site.conn.db, queued.job.id, new Date())
    expect((await getJob(suite.site.conn.db, queued.job.id))!.state).toBe('cancelled')
  })

  it('publishes a scheduled draft at its time, exactly once, with two workers racing', async () => {
    const created = await suite.as(suite.actors.publisherA)('POST', '/api/admin/reports', { agencyId: suite.actors.agencyA, year: 2040 })
    const doc = created.json.document
    doc.tables = generateTables('2021', seededRandom(40), { scale: 2 }).tables
    doc.period = { start: '2040-01-01', end: '2040-12-31' }
    const saved = await suite.as(suite.actors.publisherA)('PUT', `/api/admin/reports/${created.json.id}/draft`, {
      version: created.json.version,
      document: doc,
    })
    expect(saved.json.validation.ok).toBe(true)
    const sched = await suite.as(suite.actors.publisherA)('POST', `/api/admin/reports/${created.json.id}/schedule`, {
      version: saved.json.version,
      at: '2041-01-20T09:00',
      note: '按计划发布',
    })
    expect(sched.status).toBe(202)
    expect(sched.json.job.runAt).toBe('2041-01-20T01:00:00.000Z')
    expect(shanghai('2041-01-20T09:00').toISOString()).toBe('2041-01-20T01:00:00.000Z')

    // Before the time: nothing runs, and the public sees nothing.
    const before = () => new Date('2041-01-20T00:59:00Z')
    expect(await runOnce(worker('w1', before))).toBe(false)
    expect((await suite.site.app.request(`/api/reports/${created.json.id}`)).status).toBe(404)
    const feedBefore = await (await suite.site.app.request('/api/feed.atom')).text()
    expect(feedBefore).not.toContain(created.json.id)

    // At the time, two workers race for it.
    const at = () => new Date('2041-01-20T01:00:30Z')
    const ran = await Promise.all([runOnce(worker('w1', at)), runOnce(worker('w2', at))])
    expect(ran.filter(Boolean)).toHaveLength(1)
    const revisions = await suite.site.conn.db.selectFrom('revision').select('number').where('report_id', '=', created.json.id).execute()
    expect(revisions).toHaveLength(1)
    expect((await getJob(suite.site.conn.db, sched.json.job.id))!.state).toBe('succeeded')
    const pub = await suite.site.app.request(`/api/reports/${created.json.id}`)
    expect(pub.status).toBe(200)
    // Running the job again (a restart mid-way) publishes nothing new.
    await suite.site.conn.db.updateTable('job').set({ state: 'queued' }).where('id', '=', sched.json.job.id).execute()
    await runOnce(worker('w3', at))
    expect(
      await suite.site.conn.db.selectFrom('revision').select('number').where('report_id', '=', created.json.id).execute(),
    ).toHaveLength(1)
  })

  it("lists agencies without last year's report as the deadline nears, for the dashboard and the admins' feed", async () => {
    const { job } = await enqueueJob(
      suite.site.conn.db,
      { type: 'deadline-reminders', payload: {}, idempotencyKey: `dr-${dialect.name}` },
      new Date(),
    )
    const jan = () => new Date('2027-01-20T00:00:00Z')
    while (await runOnce(worker('w-dr', jan)));
    const done = (await getJob(suite.site.conn.db, job.id))!
    expect(done.state).toBe('succeeded')
    const missing = (done.result as { missing: Array<{ agency: string; deadline: string; daysLeft: number }> }).missing
    // Departments are due by 31 January; governments by 31 March, more than 30 days away. Days are
    // Beijing days (the shared rule in @gongkai/schema): 20 January to 31 January is 11.
    expect(missing.find((m) => m.agency === '测试甲局')).toMatchObject({ deadline: '2027-01-31', daysLeft: 11 })
    expect(missing.some((m) => m.agency === '示例省人民政府')).toBe(false)
    const mine = await suite.as(suite.actors.editorA)('GET', '/api/admin/deadlines')
    expect(mine.json.items.map((m: { agency: string }) => m.agency)).toEqual(['测试甲局'])
    expect((await suite.as(suite.actors.editorA)('GET', '/api/admin/deadlines/feed.atom')).status).toBe(403)
    const feed = await suite.as(suite.actors.admin)('GET', '/api/admin/deadlines/feed.atom')
    expect(feed.text).toContain('测试甲局：2026年度报告距截止还有 11 天（2027-01-31）')
  })

  it('lets only those with the right a job needs cancel, retry or reschedule it: each job type against each role', async () => {
    const far = '2099-01-01T00:00:00.000Z'
    const types = [
      {
        type: 'import-batch',
        agencyId: suite.actors.agencyA,
        payload: { agencyId: suite.actors.agencyA, files: [] },
        may: ['editorA', 'publisherA', 'admin'],
      },
      {
        type: 'publish-at',
        agencyId: suite.actors.agencyA,
        payload: { reportId: 'none', version: 1, note: '', acknowledgement: null, authorId: 'none' },
        may: ['publisherA', 'admin'],
      },
      { type: 'deadline-reminders', agencyId: null, payload: {}, may: ['admin'] },
      { type: 'rebuild', agencyId: null, payload: {}, may: ['admin'] },
    ] as const
    const roles = ['editorA', 'publisherA', 'admin', 'editorB'] as const
    const seen: string[] = []
    for (const t of types) {
      for (const role of roles) {
        const act = suite.as(suite.actors[role])
        const admin = suite.as(suite.actors.admin)
        const allowed = (t.may as readonly string[]).includes(role)
        const { job } = await enqueueJob(
          suite.site.conn.db,
          { type: t.type, payload: t.payload, agencyId: t.agencyId, runAt: new Date(far) },
          new Date(),
        )
        const state = async () => (await getJob(suite.site.conn.db, job.id))!

        const cancel = await act('POST', `/api/admin/jobs/${job.id}/cancel`)
        seen.push(`${t.type} ${role} cancel ${cancel.status}`)
        expect((await state()).state).toBe(allowed ? 'cancelled' : 'queued')
        if (!allowed) expect((await admin('POST', `/api/admin/jobs/${job.id}/cancel`)).status).toBe(200)

        const retry = await act('POST', `/api/admin/jobs/${job.id}/retry`)
        seen.push(`${t.type} ${role} retry ${retry.status}`)
        // A retry never brings a job forward: it keeps the time it was due.
        expect(await state()).toMatchObject(allowed ? { state: 'queued', runAt: far } : { state: 'cancelled' })
        if (!allowed) expect((await admin('POST', `/api/admin/jobs/${job.id}/retry`)).json).toMatchObject({ state: 'queued', runAt: far })

        const moved = await act('POST', `/api/admin/jobs/${job.id}/reschedule`, { at: '2098-06-01T09:00' })
        seen.push(`${t.type} ${role} reschedule ${moved.status}`)
        if (allowed && t.type === 'publish-at') expect(moved.json).toMatchObject({ state: 'queued', runAt: '2098-06-01T01:00:00.000Z' })
        else expect((await state()).runAt).toBe(far)
        await admin('POST', `/api/admin/jobs/${job.id}/cancel`)
      }
    }
    expect(seen).toEqual(
      types.flatMap((t) =>
        roles.flatMap((role) => {
          const ok = (t.may as readonly string[]).includes(role)
          return [
            `${t.type} ${role} cancel ${ok ? 200 : 403}`,
            `${t.type} ${role} retry ${ok ? 200 : 403}`,
            `${t.type} ${role} reschedule ${ok ? (t.type === 'publish-at' ? 200 : 409) : 403}`,
          ]
        }),
      ),
    )
  })

  it('keeps a scheduled publication from an editor: no cancel, no retry that publishes early; the publisher may, and it keeps its time', async () => {
    const created = await suite.as(suite.actors.publisherA)('POST', '/api/admin/reports', { agencyId: suite.actors.agencyA, year: 2044 })
    const doc = created.json.document
    doc.tables = generateTables('2021', seededRandom(44), { scale: 2 }).tables
    doc.period = { start: '2044-01-01', end: '2044-12-31' }
    const saved = await suite.as(suite.actors.publisherA)('PUT', `/api/admin/reports/${created.json.id}/draft`, {
      version: created.json.version,
      document: doc,
    })
    const sched = await suite.as(suite.actors.publisherA)('POST', `/api/admin/reports/${created.json.id}/schedule`, {
      version: saved.json.version,
      at: '2045-01-20T09:00',
    })
    expect(sched.status).toBe(202)
    const id = sched.json.job.id
    const editor = suite.as(suite.actors.editorA)
    const publisher = suite.as(suite.actors.publisherA)
    // The editor can neither stop it nor run it now.
    expect((await editor('POST', `/api/admin/jobs/${id}/cancel`)).json.error.code).toBe('FORBIDDEN')
    expect((await editor('POST', `/api/admin/jobs/${id}/reschedule`, { at: '2030-01-01T09:00' })).status).toBe(403)
    expect((await publisher('POST', `/api/admin/jobs/${id}/cancel`)).json.state).toBe('cancelled')
    expect((await editor('POST', `/api/admin/jobs/${id}/retry`)).status).toBe(403)
    // The publisher's retry keeps it at its time, so a worker today publishes nothing.
    expect((await publisher('POST', `/api/admin/jobs/${id}/retry`)).json).toMatchObject({
      state: 'queued',
      runAt: '2045-01-20T01:00:00.000Z',
    })
    while (await runOnce(worker('w-roles')));
    expect((await getJob(suite.site.conn.db, id))!.state).toBe('queued')
    expect((await suite.site.app.request(`/api/reports/${created.json.id}`)).status).toBe(404)
    // Moving it: to the past is refused, to another future time is recorded.
    expect((await publisher('POST', `/api/admin/jobs/${id}/reschedule`, { at: '2020-01-01T09:00' })).json.error.details[0].path).toBe('at')
    expect((await publisher('POST', `/api/admin/jobs/${id}/reschedule`, { at: '2046-03-01T10:30' })).json.runAt).toBe(
      '2046-03-01T02:30:00.000Z',
    )
    const actions = await suite.site.conn.db.selectFrom('audit_log').select('action').where('target', '=', id).orderBy('at').execute()
    expect(actions.map((a) => a.action)).toEqual(['job.cancel', 'job.retry', 'job.reschedule'])
    expect((await publisher('POST', `/api/admin/jobs/${id}/cancel`)).json.state).toBe('cancelled')
  })

  it('refuses to schedule a draft with errors, or for a time already past', async () => {
    const created = await suite.as(suite.actors.publisherA)('POST', '/api/admin/reports', { agencyId: suite.actors.agencyA, year: 2042 })
    const doc = created.json.document
    doc.tables['四'].cells['main|rv_total'] = { state: 'value', value: 3 }
    doc.tables['四'].cells['main|rv_upheld'] = { state: 'value', value: 1 }
    for (const k of ['corrected', 'other', 'pending']) doc.tables['四'].cells[`main|rv_${k}`] = { state: 'value', value: 0 }
    const saved = await suite.as(suite.actors.publisherA)('PUT', `/api/admin/reports/${created.json.id}/draft`, {
      version: created.json.version,
      document: doc,
    })
    const bad = await suite.as(suite.actors.publisherA)('POST', `/api/admin/reports/${created.json.id}/schedule`, {
      version: saved.json.version,
      at: '2043-01-20T09:00',
      acknowledgement: 'x',
    })
    expect(bad.json.error.code).toBe('VALIDATION_ERRORS')
    const badTime = await suite.as(suite.actors.publisherA)('POST', `/api/admin/reports/${created.json.id}/schedule`, {
      version: saved.json.version,
      at: '20430120',
    })
    expect(badTime.status).toBe(400)
    expect(badTime.json.error.details[0].path).toBe('at')
  })
})
