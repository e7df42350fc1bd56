import { parentPort, workerData } from 'node:worker_threads'
import { ImportError, importReport } from '@gongkai/importer'

// The worker thread's side of import-thread.ts: read one file and post the result, or the
// importer's refusal with its code. Bundled beside the CLI as dist/import-worker.js (build.mjs).

export type FromWorker = { ok: true; result: unknown } | { ok: false; importError?: { code: string; zh: string; en: string }; message: string }

const { bytes, options } = workerData as { bytes: Uint8Array | string; options: Record<string, unknown> }
try {
  const result = await importReport(bytes, options)
  parentPort!.postMessage({ ok: true, result } satisfies FromWorker)
} catch (e) {
  const message = e instanceof Error ? e.message : String(e)
  parentPort!.postMessage((e instanceof ImportError ? { ok: false, importError: { code: e.code, zh: e.zh, en: e.en }, message } : { ok: false, message }) satisfies FromWorker)
}
