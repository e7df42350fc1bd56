import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import {
  contractBroken,
  fuzzCases,
  invalidStoredDocuments,
  prepareFuzz,
  send,
  WRITE_ROUTES,
  type Actors,
  type FuzzIds,
} from './test/fuzz.ts'
import { forEachDialect, openSite, suiteSite } from './test/harness.ts'
import type { ReportDocument } from '@gongkai/schema'

// Every JSON write route, fuzzed: random, mutated and hostile bodies never get a 5xx, every 4xx
// has its code and both messages, and every stored document still validates. A few hundred bodies
// per route here (fewer on D1, reached over HTTP); `pnpm bench:fuzz` sends >= 10,000 per engine.

const RUNS = Number(process.env.FUZZ_RUNS ?? 250)
const RUNS_D1 = Number(process.env.FUZZ_RUNS_D1 ?? 25)

describe('the fuzz covers', () => {
  it('every write route of the app', async () => {
    const site = await openSite(':memory:')
    try {
      const routed = new Set(
        site.app.routes.filter((r) => ['POST', 'PUT', 'PATCH', 'DELETE'].includes(r.method)).map((r) => `${r.method} ${r.path}`),
      )
      const fuzzed = new Set(WRITE_ROUTES.map((r) => `${r.method} ${r.route}`))
      expect([...routed].filter((r) => !fuzzed.has(r))).toEqual([])
      expect([...fuzzed].filter((r) => !routed.has(r))).toEqual([])
    } finally {
      await site.close()
    }
  })
})

forEachDialect('fuzzed write routes', (dialect) => {
  const suite = suiteSite(dialect, { actors: false })
  let actors: Actors
  let ids: FuzzIds
  let doc: ReportDocument
  beforeAll(async () => {
    ;({ actors, ids, doc } = await prepareFuzz(suite.site))
  }, 120_000)

  const runs = dialect.name === 'd1' ? RUNS_D1 : RUNS
  for (const route of WRITE_ROUTES) {
    it(`${route.method} ${route.route}: no 5xx, every 4xx with its code and both messages`, { timeout: 600_000 }, async () => {
      await fc.assert(
        fc.asyncProperty(fuzzCases(route, ids, doc), async (c) => {
          const { status, text } = await send(suite.site, actors, c)
          const broken = contractBroken(status, text)
          if (broken) throw new Error(`${c.actor} ${c.route.method} ${c.route.route.replace(':id', c.id)} [${c.body.label}]: ${broken}`)
        }),
        { numRuns: runs, endOnFailure: true },
      )
    })
  }

  it('leaves every stored document valid', async () => {
    expect(await invalidStoredDocuments(suite.site)).toEqual([])
  })
})
