import { describe, expect, it } from 'vitest'
import { createApp } from './app.ts'
import { threadedImporter } from './import-thread.ts'
import { runOnce } from './jobs/runner.ts'
import { seedText } from './seed-text.ts'
import { as } from './test/actors.ts'
import { DIALECTS, suiteSite } from './test/harness.ts'

// On Node, uploaded files are read in a worker thread with a heap limit and a deadline: a file
// past either gets IMPORT_TOO_HEAVY (a 4xx), and the server answers throughout. (The edge reads
// in-process: each request is its own isolate there.)

/**
 * 2.2 MB of HTML: 45,000 table rows, 180,000 elements (under the importer's bound of 200,000, so
 * it is read, not refused at once). Reading it needs more than 256 MB of heap and about 5 s.
 */
const HEAVY = `<html><body><p>测试甲局2016年政府信息公开工作年度报告</p><table>${Array.from({ length: 45_000 }, (_, i) => `<tr><td>第${i}项</td><td>1</td><td>2</td></tr>`).join('')}</table></body></html>`

for (const dialect of DIALECTS.filter((d) => d.name !== 'd1')) {
  describe.skipIf(dialect.skip !== null)(`imports in a worker thread on ${dialect.name}`, () => {
    const suite = suiteSite(dialect)
    const appWith = (limits: Parameters<typeof threadedImporter>[0], testing?: Parameters<typeof threadedImporter>[1]) => {
      const app = createApp({
        db: suite.site.conn.db,
        dialect: suite.site.conn.dialect,
        batch: suite.site.conn.batch,
        importer: threadedImporter(limits, testing),
      })
      return { ...suite.site, app: { request: async (path: string, init?: RequestInit) => app.request(path, init), routes: app.routes } }
    }
    const healthWhile = async (app: ReturnType<typeof appWith>, work: Promise<unknown>) => {
      // The import is under way in its thread; the server's own thread answers at once.
      await new Promise((r) => setTimeout(r, 800))
      const started = Date.now()
      const health = await app.app.request('/api/health')
      const ms = Date.now() - started
      await work
      return { status: health.status, ms }
    }

    it('reads a real report in the thread, as in-process', async () => {
      const app = appWith({})
      const res = await as(app, suite.actors.editorA)('POST', '/api/admin/import', {
        agencyId: suite.actors.agencyA,
        content: seedText(),
        acceptMismatch: true,
      })
      expect(res.status).toBe(201)
      expect(res.json.document.year).toBe(2020)
      // The importer's own refusals keep their codes through the thread.
      const notDocx = await as(app, suite.actors.editorA)('POST', '/api/admin/import', {
        agencyId: suite.actors.agencyA,
        format: 'docx',
        contentBase64: btoa('not a zip'),
        year: 2017,
      })
      expect(notDocx.status).toBe(400)
      expect(notDocx.json.error.code).toBe('FORMAT_UNSUPPORTED')
    })

    it('refuses a file whose reading passes the memory limit with IMPORT_TOO_HEAVY (422), answering health meanwhile', async () => {
      const app = appWith({ maxOldGenerationSizeMb: 64 })
      const work = as(app, suite.actors.editorA)('POST', '/api/admin/import', {
        agencyId: suite.actors.agencyA,
        content: HEAVY,
        filename: 'heavy.html',
      })
      const health = await healthWhile(app, work)
      const res = await work
      expect(res.status).toBe(422)
      expect(res.json.error).toMatchObject({ code: 'IMPORT_TOO_HEAVY', details: [{ path: 'content' }] })
      expect(res.json.error.message).toMatch(/[\u4e00-\u9fff]/)
      expect(res.json.error.details[0].message).toContain('64 MB')
      expect(res.json.error.details[0].message_en).toContain('memory limit')
      expect(health.status).toBe(200)
      expect(health.ms).toBeLessThan(1_000)
      // The ended thread is replaced: the next file reads.
      const after = await as(app, suite.actors.editorB)('POST', '/api/admin/import', {
        agencyId: suite.actors.agencyB,
        content: seedText(),
        acceptMismatch: true,
      })
      expect(after.status).toBe(201)
    }, 60_000)

    it('refuses a file whose reading passes the deadline, ending the thread', async () => {
      // Memory out of the race: this test is about time (the file's heap passes 256 MB at about 4 s).
      const app = appWith({ timeoutMs: 2_000, maxOldGenerationSizeMb: 2_048 })
      const started = Date.now()
      const work = as(app, suite.actors.editorA)('POST', '/api/admin/import', {
        agencyId: suite.actors.agencyA,
        content: HEAVY,
        filename: 'slow.html',
      })
      const health = await healthWhile(app, work)
      const res = await work
      // The deadline counts from the thread's start (a few seconds from source), not the file's 5 s.
      expect(Date.now() - started).toBeLessThan(15_000)
      expect(res.status).toBe(422)
      expect(res.json.error.code).toBe('IMPORT_TOO_HEAVY')
      expect(res.json.error.details[0].message_en).toContain('2 s limit')
      expect(health).toMatchObject({ status: 200 })
      expect(health.ms).toBeLessThan(1_000)
    }, 60_000)

    it("a new thread's own start is not counted against the file's deadline", async () => {
      // The thread takes 4 s to say it is ready, longer than the file's 3 s: the file still reads.
      const app = appWith({ timeoutMs: 3_000 }, { holdReadyMs: 4_000 })
      const res = await as(app, suite.actors.editorA)('POST', '/api/admin/import', {
        agencyId: suite.actors.agencyA,
        content: seedText().replace(/2020年/g, '2013年'),
        acceptMismatch: true,
      })
      expect(res.status).toBe(201)
      expect(res.json.document.year).toBe(2013)
    }, 60_000)

    it('a thread that does not start in time: 503 STARTING, try again, nothing stored', async () => {
      const app = appWith({ startTimeoutMs: 1_000 }, { holdReadyMs: 30_000 })
      const before = (await as(app, suite.actors.editorA)('GET', '/api/admin/reports')).json
      const res = await as(app, suite.actors.editorA)('POST', '/api/admin/import', {
        agencyId: suite.actors.agencyA,
        content: seedText(),
        acceptMismatch: true,
      })
      expect(res.status).toBe(503)
      expect(res.json.error.code).toBe('STARTING')
      expect(res.json.error.details[0].message).toContain('1 秒')
      expect(res.json.error.details[0].message_en).toContain('did not start within 1 s')
      expect((await as(app, suite.actors.editorA)('GET', '/api/admin/reports')).json).toEqual(before)
    }, 60_000)

    it('a batch job reads its files in the thread too: the heavy file fails with IMPORT_TOO_HEAVY, the others import', async () => {
      const files = [
        { name: 'heavy.html', contentBase64: Buffer.from(HEAVY).toString('base64') },
        {
          name: 'real.txt',
          contentBase64: Buffer.from(
            seedText()
              .replace(/杭州市行政审批服务管理办公室/g, '测试甲局')
              .replace(/2020年/g, '2015年'),
          ).toString('base64'),
        },
      ]
      const queued = await suite.as(suite.actors.editorA)('POST', '/api/admin/jobs/import-batch', { agencyId: suite.actors.agencyA, files })
      expect(queued.status).toBe(202)
      while (
        await runOnce({
          db: suite.site.conn.db,
          dialect: suite.site.conn.dialect,
          batch: suite.site.conn.batch,
          workerId: 'w-thread',
          importer: threadedImporter({ maxOldGenerationSizeMb: 64 }),
        })
      );
      const job = (await suite.as(suite.actors.editorA)('GET', `/api/admin/jobs/${queued.json.job.id}`)).json
      expect(job.state).toBe('succeeded')
      expect(job.result.files.map((f: { name: string; status: string; error?: string }) => [f.name, f.status, f.error ?? null])).toEqual([
        ['heavy.html', 'failed', 'IMPORT_TOO_HEAVY'],
        ['real.txt', 'imported', null],
      ])
    }, 60_000)
  })
}
