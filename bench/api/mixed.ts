// Mixed load against the built server: 500 requests per second of public reads (report pages, the
// list, search, agencies, a revision, health) with 20 draft saves per second beside them (four
// drafts, each saved five times a second with its current version, as editors would). Counts
// errors and reports the reads' latency. Target (issue 18): 0 errors, p99 <= 250 ms for reads.
// Run: pnpm bench:mixed   (SQLite; PostgreSQL too when TEST_DATABASE_URL is set)
//   BENCH_SECONDS (default 30), BENCH_RATE (default 500), BENCH_SAVES (default 20)
import autocannon from 'autocannon'
import { generateTables, seededRandom, type ReportDocument } from '../../packages/schema/src/index.ts'
import { engines, startServer } from './server.ts'
import { must, quantile } from '../must.ts'

const SECONDS = Number(process.env.BENCH_SECONDS ?? 30)
const RATE = Number(process.env.BENCH_RATE ?? 500)
const SAVES = Number(process.env.BENCH_SAVES ?? 20)
const DRAFTS = 4
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

for (const engine of engines()) {
  const server = await startServer(engine)
  try {
    const list = (await (await fetch(`${server.base}/api/reports`)).json()) as { items: Array<{ id: string; agency: { id: string } }> }
    const ids = list.items.map((r) => r.id)
    const agencyId = must(list.items[0], 'report').agency.id
    // The drafts the editors save.
    const drafts: Array<{ id: string; version: number; doc: ReportDocument }> = []
    for (let i = 0; i < DRAFTS; i++) {
      const created = (await (
        await fetch(`${server.base}/api/admin/reports`, {
          method: 'POST',
          headers: server.headers,
          body: JSON.stringify({ agencyId, year: 2090 + i }),
        })
      ).json()) as { id: string; version: number; document: ReportDocument }
      created.document.tables = generateTables(created.document.template, seededRandom(i + 1), { scale: 2 }).tables
      drafts.push({ id: created.id, version: created.version, doc: created.document })
    }
    const reads = [
      ...ids.slice(0, 8).map((id) => ({ method: 'GET' as const, path: `/api/reports/${id}` })),
      { method: 'GET' as const, path: '/api/reports' },
      { method: 'GET' as const, path: `/api/reports?q=${encodeURIComponent('政府信息公开')}` },
      { method: 'GET' as const, path: '/api/agencies' },
      { method: 'GET' as const, path: `/api/reports/${ids[0]}/revisions` },
      { method: 'GET' as const, path: '/api/health' },
    ]
    let saves = 0
    let saveErrors = 0
    const saveLatencies: number[] = []
    let done = false
    // Each draft is saved every DRAFTS/SAVES seconds, one save at a time (its version follows).
    const savers = drafts.map(async (d, n) => {
      const every = (1000 * DRAFTS) / SAVES
      await sleep((every / DRAFTS) * n)
      let next = performance.now()
      for (let i = 0; !done; i++) {
        d.doc.parts['一'] = [{ type: 'paragraph', text: `第 ${i} 次保存` }]
        const t = performance.now()
        const res = await fetch(`${server.base}/api/admin/reports/${d.id}/draft`, {
          method: 'PUT',
          headers: server.headers,
          body: JSON.stringify({ version: d.version, document: d.doc }),
        }).catch(() => null)
        saveLatencies.push(performance.now() - t)
        saves++
        if (res?.status === 200) d.version = ((await res.json()) as { version: number }).version
        else {
          saveErrors++
          await res?.body?.cancel()
        }
        next += every
        await sleep(Math.max(0, next - performance.now()))
      }
    })
    const r = await autocannon({ url: server.base, connections: 50, overallRate: RATE, duration: SECONDS, requests: reads })
    done = true
    await Promise.all(savers)
    saveLatencies.sort((a, b) => a - b)
    const p = (q: number) => quantile(saveLatencies, q).toFixed(0)
    console.log(
      `${engine.padEnd(9)} reads: ${r.requests.total} in ${SECONDS} s (${Math.round(r.requests.average)}/s, target ${RATE}/s), ${r.errors} errors, ${r.non2xx} non-2xx, ${r.timeouts} timeouts; latency p50 ${r.latency.p50} ms, p97.5 ${r.latency.p97_5} ms, p99 ${r.latency.p99} ms, max ${r.latency.max} ms`,
    )
    console.log(
      `${''.padEnd(9)} draft saves: ${saves} (${(saves / SECONDS).toFixed(1)}/s, target ${SAVES}/s), ${saveErrors} errors; latency p50 ${p(0.5)} ms, p99 ${p(0.99)} ms; server RSS at the end ${server.rssMb().toFixed(0)} MB`,
    )
  } finally {
    await server.stop()
  }
}
