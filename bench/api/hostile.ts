// Hostile uploads against the built server: for each file, how long until its 4xx, the server's
// largest resident memory meanwhile, and the slowest /api/health answer while it was read (health
// is asked every 100 ms). Targets (issue 18): a 4xx within 10 s, RSS under 512 MB, health within 1 s.
// Run: pnpm bench:hostile   (SQLite; PostgreSQL too when TEST_DATABASE_URL is set)
import { docxBomb, minimalPdf, nestedTables, randomBytes } from '../../packages/importer/test/hostile.ts'
import { zipBomb } from '../../apps/api/src/test/zips.ts'
import { toBase64 } from '../../apps/api/src/zip.ts'
import { engines, startServer } from './server.ts'
import { must } from '../must.ts'

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

interface Upload {
  name: string
  path: string
  body: (agencyId: string) => unknown
}

const UPLOADS: Upload[] = [
  {
    name: '3 MB zip bomb (10 × 300 MiB) in a batch',
    path: '/api/admin/jobs/import-batch',
    body: (agencyId) => ({ agencyId, zipBase64: toBase64(zipBomb(10, 300)) }),
  },
  {
    name: 'DOCX whose document.xml is 1 GiB of zeros',
    path: '/api/admin/import',
    body: (agencyId) => ({ agencyId, year: 2023, contentBase64: toBase64(docxBomb(1024)) }),
  },
  {
    name: '200,000 nested tables (3 MB HTML)',
    path: '/api/admin/import',
    body: (agencyId) => ({ agencyId, year: 2023, content: nestedTables(200_000) }),
  },
  {
    name: '2,000-page PDF',
    path: '/api/admin/import',
    body: (agencyId) => ({ agencyId, year: 2023, contentBase64: toBase64(minimalPdf(2_000)) }),
  },
  {
    name: '3 MB of random bytes',
    path: '/api/admin/import',
    body: (agencyId) => ({ agencyId, year: 2023, contentBase64: toBase64(randomBytes(3_000_000, 5)) }),
  },
]

for (const engine of engines()) {
  const server = await startServer(engine)
  try {
    const { items } = (await (await fetch(`${server.base}/api/agencies`)).json()) as { items: Array<{ id: string }> }
    const agencyId = must(items[0], 'agency').id
    // Warm: the import threads and the PDF reader are loaded on first use.
    await fetch(`${server.base}/api/admin/import`, {
      method: 'POST',
      headers: server.headers,
      body: JSON.stringify({ agencyId, year: 2023, contentBase64: toBase64(minimalPdf(1)) }),
    })
    console.log(`\n${engine}: idle RSS ${server.rssMb().toFixed(0)} MB`)
    console.log('| upload | answer | time to answer | max server RSS | slowest /api/health (n) |')
    console.log('|---|---|---|---|---|')
    for (const u of UPLOADS) {
      const body = JSON.stringify(u.body(agencyId))
      let maxRss = server.rssMb()
      let slowest = 0
      let polls = 0
      let healthFailures = 0
      let done = false
      const sampler = (async () => {
        while (!done) {
          maxRss = Math.max(maxRss, server.rssMb())
          const t = performance.now()
          const h = await fetch(`${server.base}/api/health`).catch(() => null)
          if (h?.status !== 200) healthFailures++
          await h?.body?.cancel()
          slowest = Math.max(slowest, performance.now() - t)
          polls++
          await sleep(100)
        }
      })()
      const started = performance.now()
      const res = await fetch(`${server.base}${u.path}`, { method: 'POST', headers: server.headers, body })
      const json = (await res.json()) as { error?: { code: string } }
      const ms = performance.now() - started
      done = true
      await sampler
      maxRss = Math.max(maxRss, server.rssMb())
      console.log(
        `| ${u.name} | ${res.status} ${json.error?.code ?? ''} | ${(ms / 1000).toFixed(2)} s | ${maxRss.toFixed(0)} MB | ${slowest.toFixed(0)} ms (${polls}${healthFailures ? `, ${healthFailures} failed` : ''}) |`,
      )
    }
    console.log(`after all uploads: RSS ${server.rssMb().toFixed(0)} MB`)
  } finally {
    await server.stop()
  }
}
