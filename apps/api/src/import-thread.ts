import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { Worker } from 'node:worker_threads'
import { ImportError, type ImportResult } from '@gongkai/importer'
import { ApiError } from './errors.ts'
import type { FromWorker } from './import-worker.ts'
import type { ImportRunner } from './importer.ts'

// Node only: each uploaded file is read in its own worker thread, with a heap limit and a
// deadline. A file whose reading runs out of memory or time is refused with IMPORT_TOO_HEAVY
// (the thread is ended), and the server's own thread keeps answering all along.

export interface ThreadLimits {
  /** The thread's heap (V8 old generation), in MB. */
  maxOldGenerationSizeMb: number
  /** The thread's young generation, in MB. */
  maxYoungGenerationSizeMb: number
  /** The reading must end within this, counted from when the thread is ready, or the thread is terminated. */
  timeoutMs: number
  /**
   * A new thread must load the importer within this (pdf.js waits for the first PDF), or the file is answered
   * STARTING (503: try again). Loading is the thread's cost, never the file's: it is not taken
   * from `timeoutMs`.
   */
  startTimeoutMs: number
}

export const DEFAULT_THREAD_LIMITS: ThreadLimits = {
  maxOldGenerationSizeMb: 256,
  maxYoungGenerationSizeMb: 32,
  timeoutMs: 20_000,
  startTimeoutMs: 60_000,
}

/** For tests only: how long a new thread waits, once loaded, before it says it is ready. */
export interface ThreadTesting {
  holdReadyMs?: number
}

/**
 * The worker script: the bundled `import-worker.js` beside the built CLI (dist/), or, when the
 * server runs from source (tests, `pnpm dev`), the TypeScript source loaded through tsx's API.
 */
function workerScript(): { code: string; eval: boolean } {
  const built = fileURLToPath(new URL('./import-worker.js', import.meta.url))
  if (existsSync(built)) return { code: built, eval: false }
  const source = new URL('./import-worker.ts', import.meta.url).href
  // tsx's ES module API (require.resolve finds its CommonJS twin).
  const tsx = pathToFileURL(
    createRequire(import.meta.url)
      .resolve('tsx/esm/api')
      .replace(/\.cjs$/, '.mjs'),
  ).href
  return {
    code: `import(${JSON.stringify(tsx)}).then((t) => t.tsImport(${JSON.stringify(source)}, ${JSON.stringify(source)}))`,
    eval: true,
  }
}

function tooHeavy(why: 'memory' | 'time', limits: ThreadLimits): ApiError {
  const zh =
    why === 'memory'
      ? `读取此文件所需内存超过 ${limits.maxOldGenerationSizeMb} MB 的上限`
      : `读取此文件超过 ${Math.round(limits.timeoutMs / 1000)} 秒的时限`
  const en =
    why === 'memory'
      ? `reading this file needs more than the ${limits.maxOldGenerationSizeMb} MB memory limit`
      : `reading this file takes longer than the ${Math.round(limits.timeoutMs / 1000)} s limit`
  return new ApiError('IMPORT_TOO_HEAVY', [{ path: 'content', message: `字段 content：${zh}`, message_en: `Field content: ${en}` }])
}

/** Threads kept waiting for the next file. */
const IDLE_THREADS = 2

function notStarted(limits: ThreadLimits): ApiError {
  const s = Math.round(limits.startTimeoutMs / 1000)
  return new ApiError('STARTING', [
    {
      path: 'content',
      message: `字段 content：读取线程未能在 ${s} 秒内启动，请稍后重试`,
      message_en: `Field content: the reading thread did not start within ${s} s; try again shortly`,
    },
  ])
}

export function threadedImporter(overrides: Partial<ThreadLimits> = {}, testing: ThreadTesting = {}): ImportRunner {
  const limits = { ...DEFAULT_THREAD_LIMITS, ...overrides }
  const script = workerScript()
  const idle: Worker[] = []
  /** Threads that said they are ready: a file's deadline starts at once on them. */
  const ready = new WeakSet<Worker>()
  let next = 0
  const spawn = () => {
    const worker = new Worker(script.code, {
      eval: script.eval,
      resourceLimits: { maxOldGenerationSizeMb: limits.maxOldGenerationSizeMb, maxYoungGenerationSizeMb: limits.maxYoungGenerationSizeMb },
      stdout: false,
      stderr: false,
      workerData: { holdReadyMs: testing.holdReadyMs ?? 0 },
    })
    worker.on('message', (m: FromWorker) => {
      if ('ready' in m) ready.add(worker)
    })
    // A waiting thread never keeps the process alive, and one that ended is not handed out.
    worker.unref()
    // A thread ended for its time can still report running out of memory after its job was
    // settled: with no listener that error would be thrown in the server's own thread.
    worker.on('error', () => {})
    worker.once('exit', () => {
      const at = idle.indexOf(worker)
      if (at >= 0) idle.splice(at, 1)
    })
    return worker
  }
  return (bytes, options) =>
    new Promise<ImportResult>((resolve, reject) => {
      const worker = idle.pop() ?? spawn()
      const id = ++next
      worker.ref()
      let settled = false
      const settle = (fn: () => void, reuse: boolean) => {
        if (settled) return
        settled = true
        clearTimeout(timer)
        worker.off('message', onMessage)
        worker.off('error', onError)
        worker.off('exit', onExit)
        if (reuse && idle.length < IDLE_THREADS) {
          worker.unref()
          idle.push(worker)
        } else void worker.terminate()
        fn()
      }
      const deadline = () => setTimeout(() => settle(() => reject(tooHeavy('time', limits)), false), limits.timeoutMs)
      // A new thread first loads what it reads with: the file's deadline starts when it is ready.
      let timer = ready.has(worker) ? deadline() : setTimeout(() => settle(() => reject(notStarted(limits)), false), limits.startTimeoutMs)
      const onMessage = (m: FromWorker) => {
        if ('ready' in m) {
          if (!settled) {
            clearTimeout(timer)
            timer = deadline()
          }
          return
        }
        if (m.id !== id) return
        settle(() => {
          if (m.ok) resolve(m.result as ImportResult)
          else if (m.importError) reject(new ImportError(m.importError.code as ImportError['code'], m.importError.zh, m.importError.en))
          else reject(new Error(m.message))
        }, true)
      }
      // A heap past its limit ends the thread; so can a stack overflow in a parser's recursion.
      // Node gives the first a code (ERR_WORKER_OUT_OF_MEMORY); a stack overflow, or a heap limit
      // reported without that code, is told only by V8's message. Read here, once, at the thread's
      // boundary: from here on it is the typed refusal tooHeavy() makes, never matched by text.
      const onError = (e: Error & { code?: string }) =>
        settle(
          () =>
            reject(
              e.code === 'ERR_WORKER_OUT_OF_MEMORY' || /heap out of memory|Maximum call stack/i.test(e.message)
                ? tooHeavy('memory', limits)
                : e,
            ),
          false,
        )
      const onExit = (code: number) =>
        settle(() => reject(code === 0 ? new Error('the import thread ended without an answer') : tooHeavy('memory', limits)), false)
      worker.on('message', onMessage)
      worker.on('error', onError)
      worker.on('exit', onExit)
      worker.postMessage({ id, bytes, options })
    })
}
