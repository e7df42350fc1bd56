import { parentPort, workerData } from 'node:worker_threads'
import { ImportError, importReport } from '@gongkai/importer'
import { readLegacyWord } from './legacy-word.ts'

// The worker thread's side of import-thread.ts: read one file and post the result, or the
// importer's refusal with its code. Bundled beside the CLI as dist/import-worker.js (build.mjs).

export type FromWorker =
  | { ready: true }
  | { id: number; ok: true; result: unknown }
  | { id: number; ok: false; importError?: { code: string; zh: string; en: string }; message: string }

// Started by import-thread.ts as a worker thread, never as a main thread.
const port = (() => {
  if (!parentPort) throw new Error('import-worker runs in a worker thread (import-thread.ts), not on its own')
  return parentPort
})()

// A thread serves one file at a time, and is kept for the next (starting one costs the importer's
// load); a thread that ran out of memory or time is ended by import-thread.ts and not reused.
async function serve({ id, bytes, options }: { id: number; bytes: Uint8Array | string; options: Record<string, unknown> }): Promise<void> {
  try {
    const result = await importReport(bytes, { ...options, legacyWord: readLegacyWord })
    port.postMessage({ id, ok: true, result } satisfies FromWorker)
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e)
    port.postMessage(
      (e instanceof ImportError
        ? { id, ok: false, importError: { code: e.code, zh: e.zh, en: e.en }, message }
        : { id, ok: false, message }) satisfies FromWorker,
    )
  }
}

// This runs once the importer is loaded (this module's imports: seconds from source, under tsx).
// The thread says it is ready, and import-thread.ts starts a file's deadline then, so a thread's
// own start is never counted against the file. Files sent before wait in the port's queue, since
// no listener takes them yet. (pdf.js is loaded by the first PDF, as that file's cost: in every
// thread it would take heap from the files that are not PDFs.)
function start() {
  // serve() answers every failure itself, so nothing is left to await.
  port.on('message', (msg: Parameters<typeof serve>[0]) => void serve(msg))
  port.postMessage({ ready: true } satisfies FromWorker)
}
// workerData.holdReadyMs: tests only, to stand for a slow start.
const holdReadyMs = Number((workerData as { holdReadyMs?: number } | null)?.holdReadyMs ?? 0)
if (holdReadyMs > 0) setTimeout(start, holdReadyMs)
else start()
