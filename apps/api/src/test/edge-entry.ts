import edge, { type Env } from '../edge.ts'

// The worker as the contract tests run it: the real entry (src/edge.ts), plus one test-only
// route that lets the test process set up and inspect the worker's own local D1 database — the
// way the Node tests use their database connection. Never deployed: wrangler.toml's `main` is
// src/edge.ts.

interface Statement {
  sql: string
  params: unknown[]
}

async function d1(request: Request, env: Env): Promise<Response> {
  const body = (await request.json()) as { statements: Statement[]; batch: boolean }
  try {
    const prepared = body.statements.map((s) => env.DB.prepare(s.sql).bind(...s.params))
    const results = body.batch ? await env.DB.batch(prepared) : [await prepared[0]!.all()]
    return Response.json({ results })
  } catch (e) {
    const err = e as Error & { cause?: Error }
    return Response.json({ error: `${err.message}${err.cause ? ` (${err.cause.message})` : ''}` }, { status: 500 })
  }
}

export default {
  async fetch(request: Request, env: Env, ctx: { waitUntil(p: Promise<unknown>): void }): Promise<Response> {
    if (new URL(request.url).pathname === '/__test/d1' && request.method === 'POST') return d1(request, env)
    return edge.fetch(request, env, ctx)
  },
  scheduled: edge.scheduled,
}
