// Beside admin/import.ts, the main route here; it also covers admin/jobs.ts and health.ts.
import { docxBomb, lyingDocx, minimalPdf, nestedTables, tableTags, randomBytes } from '@gongkai/importer/test-hostile'
import { beforeAll, expect, it } from 'vitest'
import { createApp } from '../../app.ts'
import { threadedImporter } from '../../import-thread.ts'
import { runOnce } from '../../jobs/runner.ts'
import { as } from '../../test/actors.ts'
import { forEachDialect, suiteSite, type TestSite } from '../../test/harness.ts'
import { zipBomb } from '../../test/zips.ts'
import { toBase64 } from '../../zip.ts'

// Hostile files, as an attacker or a careless clerk would upload them: zip bombs (a batch's zip,
// and a DOCX whose document.xml is one), 200,000 nested tables, a truncated PDF, a 2,000-page PDF,
// a file forced to DOCX that is not one, random bytes. Each gets a 4xx with its code, and the
// server answers /api/health while each is read. On Node the files are read in the worker thread
// (as `gongkai serve` does); at the edge, in the worker's isolate.

interface Case {
  name: string
  body: (agencyId: string) => Record<string, unknown>
  status: number
  code: string
  /** Words the message must name (the entry, the count). */
  names?: RegExp
}

const b64 = (bytes: Uint8Array) => toBase64(bytes)
const pdf = minimalPdf(20)

const CASES: Case[] = [
  {
    name: 'a DOCX whose document.xml unpacks to 1 GiB',
    body: (agencyId) => ({ agencyId, year: 2023, contentBase64: b64(docxBomb(1024)) }),
    status: 413,
    code: 'ARCHIVE_TOO_LARGE',
    names: /word\/document\.xml/,
  },
  {
    name: 'a DOCX whose document.xml lies about its size',
    body: (agencyId) => ({ agencyId, year: 2023, format: 'docx', contentBase64: b64(lyingDocx(30)) }),
    status: 413,
    code: 'ARCHIVE_TOO_LARGE',
    names: /word\/document\.xml/,
  },
  {
    name: '200,000 nested tables (3 MB of HTML)',
    body: (agencyId) => ({ agencyId, year: 2023, content: nestedTables(200_000) }),
    status: 400,
    code: 'TOO_DEEP',
  },
  {
    name: '200,000 <table> tags in a row (3 MB of HTML): more tables than a report holds',
    body: (agencyId) => ({ agencyId, year: 2023, content: tableTags(200_000) }),
    status: 413,
    code: 'IMPORT_TOO_LARGE',
    names: /2,000 tables/,
  },
  {
    name: 'a truncated PDF',
    body: (agencyId) => ({ agencyId, year: 2023, contentBase64: b64(pdf.subarray(0, pdf.length >> 1)) }),
    status: 400,
    code: 'FORMAT_UNSUPPORTED',
  },
  {
    name: 'a 2,000-page PDF',
    body: (agencyId) => ({ agencyId, year: 2023, contentBase64: b64(minimalPdf(2_000)) }),
    status: 413,
    code: 'IMPORT_TOO_LARGE',
    names: /2000 pages/,
  },
  {
    name: 'random bytes forced to DOCX',
    body: (agencyId) => ({ agencyId, year: 2023, format: 'docx', contentBase64: b64(randomBytes(200_000, 3)) }),
    status: 400,
    code: 'FORMAT_UNSUPPORTED',
  },
  {
    name: 'a ZIP that is not a DOCX, forced to DOCX',
    body: (agencyId) => ({ agencyId, year: 2023, format: 'docx', contentBase64: b64(zipBomb(1, 2)) }),
    status: 400,
    code: 'FORMAT_UNSUPPORTED',
  },
  {
    name: '3 MB of random bytes',
    body: (agencyId) => ({ agencyId, year: 2023, contentBase64: b64(randomBytes(3_000_000, 5)) }),
    status: 400,
    code: 'FORMAT_UNSUPPORTED',
  },
]

forEachDialect('hostile files', (dialect) => {
  const suite = suiteSite(dialect)
  let request: TestSite['app']['request']
  beforeAll(() => {
    if (dialect.name === 'd1') request = suite.site.app.request
    else {
      // As `gongkai serve` runs it: files read in a worker thread with its memory and time limits.
      const app = createApp({
        db: suite.site.conn.db,
        dialect: suite.site.conn.dialect,
        batch: suite.site.conn.batch,
        importer: threadedImporter(),
      })
      request = async (path, init) => app.request(path, init)
    }
  }, 120_000)
  const editor = () => as({ ...suite.site, app: { ...suite.site.app, request } }, suite.actors.editorA)

  /** The work's answer, and how many times /api/health answered 200 while it was under way (and once after). */
  async function healthThroughout<T>(work: Promise<T>): Promise<{ result: T; healthy: number; unhealthy: number }> {
    let settled = false
    const done = work.finally(() => (settled = true))
    let healthy = 0
    let unhealthy = 0
    do {
      const h = await request('/api/health')
      if (h.status === 200) healthy++
      else unhealthy++
      await h.body?.cancel()
      // A poll, not a wait for time: in-process requests resolve without leaving the microtask
      // queue, and the import thread's answer comes through the event loop.
      await new Promise((r) => setTimeout(r, 20))
    } while (!settled)
    return { result: await done, healthy, unhealthy }
  }

  for (const c of CASES) {
    it(`${c.name}: ${c.status} ${c.code}, and /api/health answers meanwhile`, { timeout: 120_000 }, async () => {
      const {
        result: res,
        healthy,
        unhealthy,
      } = await healthThroughout(editor()('POST', '/api/admin/import', c.body(suite.actors.agencyA)))
      expect(res.status, res.text.slice(0, 300)).toBe(c.status)
      expect(res.json.error.code).toBe(c.code)
      expect(res.json.error.message).toMatch(/[\u4e00-\u9fff]/)
      if (c.names) expect(`${res.json.error.details?.[0]?.message} ${res.json.error.details?.[0]?.message_en}`).toMatch(c.names)
      expect(healthy).toBeGreaterThan(0)
      expect(unhealthy).toBe(0)
    })
  }

  it('a 3 MB zip bomb in a batch: 413 ARCHIVE_TOO_LARGE naming the entry, health answering meanwhile', { timeout: 120_000 }, async () => {
    const { result: res, unhealthy } = await healthThroughout(
      editor()('POST', '/api/admin/jobs/import-batch', { agencyId: suite.actors.agencyA, zipBase64: b64(zipBomb(10, 300)) }),
    )
    expect(res.status).toBe(413)
    expect(res.json.error).toMatchObject({ code: 'ARCHIVE_TOO_LARGE', entry: 'bomb-0.txt' })
    expect(unhealthy).toBe(0)
  })

  // Batch files are read in a Node worker thread; the edge (D1) reads in its own isolate and has
  // its own DOCX-bomb case above, so this one is defined for the Node engines only.
  if (dialect.name !== 'd1')
    it('a DOCX bomb inside a batch fails that file with ARCHIVE_TOO_LARGE; the job ends', { timeout: 120_000 }, async () => {
      const queued = await editor()('POST', '/api/admin/jobs/import-batch', {
        agencyId: suite.actors.agencyA,
        files: [{ name: 'bomb.docx', contentBase64: b64(docxBomb(1024)) }],
      })
      expect(queued.status).toBe(202)
      while (
        await runOnce({
          db: suite.site.conn.db,
          dialect: suite.site.conn.dialect,
          batch: suite.site.conn.batch,
          workerId: 'w-hostile',
          importer: threadedImporter(),
        })
      );
      const job = (await editor()('GET', `/api/admin/jobs/${queued.json.job.id}`)).json
      expect(job.state).toBe('succeeded')
      expect(job.result.files.map((f: { name: string; status: string; error?: string }) => [f.name, f.status, f.error ?? null])).toEqual([
        ['bomb.docx', 'failed', 'ARCHIVE_TOO_LARGE'],
      ])
    })
})
