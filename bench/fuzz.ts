// The API fuzz at volume: >= 10,000 random, mutated and hostile bodies per engine over every JSON
// write route (the same generators as apps/api/src/fuzz.test.ts), counting 5xx, 4xx without their
// code or messages, and stored documents that no longer validate.
// Run: pnpm bench:fuzz
//   FUZZ_TOTAL (default 10000 per engine), FUZZ_SEED, TEST_DATABASE_URL (adds PostgreSQL),
//   FUZZ_D1=1 (adds the edge worker with a local D1, over HTTP: slow)
import { contractBroken, fc, fuzzCases, invalidStoredDocuments, prepareFuzz, send, WRITE_ROUTES } from '../apps/api/src/test/fuzz.ts'
import { openSite } from '../apps/api/src/test/harness.ts'

const TOTAL = Number(process.env.FUZZ_TOTAL ?? 10_000)
const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31)
const perRoute = Math.ceil(TOTAL / WRITE_ROUTES.length)

const targets: Array<{ name: string; url: string }> = [{ name: 'sqlite', url: ':memory:' }]
if (process.env.TEST_DATABASE_URL) targets.push({ name: 'postgres', url: process.env.TEST_DATABASE_URL })
if (process.env.FUZZ_D1 === '1') targets.push({ name: 'd1', url: 'd1:' })

console.log(`fuzz: ${perRoute} bodies × ${WRITE_ROUTES.length} write routes per engine, seed ${SEED}`)
let failed = false
for (const target of targets) {
  const site = await openSite(target.url)
  const started = performance.now()
  let sent = 0
  let fiveXx = 0
  const broken: string[] = []
  const statuses = new Map<number, number>()
  try {
    const { actors, ids, doc } = await prepareFuzz(site)
    for (const route of WRITE_ROUTES) {
      // fc.check runs every body (no shrinking): the failures are counted, not stopped at.
      await fc.check(
        fc.asyncProperty(fuzzCases(route, ids, doc), async (c) => {
          const { status, text } = await send(site, actors, c)
          sent++
          statuses.set(status, (statuses.get(status) ?? 0) + 1)
          if (status >= 500) fiveXx++
          const why = contractBroken(status, text)
          if (why && broken.length < 20)
            broken.push(`${c.actor} ${route.method} ${route.route.replace(':id', c.id)} [${c.body.label}]: ${why}`)
          return true
        }),
        { numRuns: perRoute, seed: SEED },
      )
    }
    const invalid = await invalidStoredDocuments(site)
    const seconds = (performance.now() - started) / 1000
    const byStatus = [...statuses]
      .sort((a, b) => a[0] - b[0])
      .map(([s, n]) => `${s}×${n}`)
      .join(' ')
    console.log(
      `${target.name.padEnd(9)} ${sent} bodies in ${seconds.toFixed(1)} s: ${fiveXx} 5xx, ${broken.length} broken 4xx/5xx, ${invalid.length} invalid stored documents`,
    )
    console.log(`          statuses: ${byStatus}`)
    for (const b of [...broken, ...invalid]) console.log(`  ✗ ${b}`)
    if (fiveXx || broken.length || invalid.length) failed = true
  } finally {
    await site.close()
  }
}
process.exit(failed ? 1 : 0)
