import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { unstable_dev } from 'wrangler'
import type { D1Like, D1StatementLike } from '../db/d1.ts'
import { EDGE_ASSET_HEADERS } from '../security-headers.ts'

// The real worker (workerd, through wrangler 4.86.0's unstable_dev) with a local D1 in a fresh
// folder: no Cloudflare account, no network.

const API = resolve(dirname(fileURLToPath(import.meta.url)), '../..')

export interface EdgeWorker {
  url: string
  /** The worker's D1, reached from the test process (see test/edge-entry.ts). */
  d1: D1Like
  stop: () => Promise<void>
}

/** The two SPA shells the worker falls back to, so tests can tell them apart. */
export const ASSET_MARKERS = { reader: '<!doctype html><title>reader shell</title>', admin: '<!doctype html><title>admin shell</title>' }

export async function startEdgeWorker(vars: Record<string, string> = {}): Promise<EdgeWorker> {
  const dir = mkdtempSync(join(tmpdir(), 'gongkai-edge-'))
  const assets = join(dir, 'site')
  mkdirSync(join(assets, 'admin'), { recursive: true })
  writeFileSync(join(assets, 'index.html'), ASSET_MARKERS.reader)
  writeFileSync(join(assets, 'admin/index.html'), ASSET_MARKERS.admin)
  mkdirSync(join(assets, 'assets'))
  writeFileSync(join(assets, 'assets', 'app-1234.js'), 'console.log(1)')
  writeFileSync(join(assets, '_headers'), EDGE_ASSET_HEADERS)
  // What `build:edge` copies from pdfjs-dist: the PDF importer's CMaps and standard fonts.
  const pdfjs = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'))
  for (const d of ['cmaps', 'standard_fonts']) cpSync(join(pdfjs, d), join(assets, 'pdfjs', d), { recursive: true })
  process.env.WRANGLER_SEND_METRICS = 'false'
  const worker = await unstable_dev(join(API, 'src/test/edge-entry.ts'), {
    config: join(API, 'wrangler.toml'),
    assets,
    persistTo: join(dir, 'state'),
    vars,
    ip: '127.0.0.1',
    logLevel: 'error',
    experimental: { disableExperimentalWarning: true, testMode: true, testScheduled: true },
  })
  const url = `http://127.0.0.1:${worker.port}`

  const send = async (statements: Array<{ sql: string; params: unknown[] }>, batch: boolean) => {
    const res = await fetch(`${url}/__test/d1`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ statements, batch }),
    })
    const body = (await res.json()) as {
      results?: Array<{ results?: unknown[]; meta: { changes?: number; last_row_id?: number } }>
      error?: string
    }
    if (body.error !== undefined) throw new Error(body.error)
    return body.results!
  }
  type Stmt = D1StatementLike & { statement: { sql: string; params: unknown[] } }
  const statement = (sql: string, params: unknown[]): Stmt => ({
    statement: { sql, params },
    bind: (...values: unknown[]) => statement(sql, values),
    all: async () => (await send([{ sql, params }], false))[0]!,
  })
  const d1: D1Like = {
    prepare: (sql) => statement(sql, []),
    batch: (stmts) =>
      send(
        stmts.map((s) => (s as Stmt).statement),
        true,
      ),
  }
  return {
    url,
    d1,
    stop: async () => {
      await worker.stop()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}
