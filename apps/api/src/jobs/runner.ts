import type { PdfAssetReader } from '@gongkai/importer'
import type { ImportRunner } from '../importer.ts'
import type { Kysely } from 'kysely'
import { commit, transactionRunner, WriteConflict, type BatchRunner } from '../db/write-batch.ts'
import type { Database, Dialect } from '../db/database.ts'
import { cancelRequested, claimJob, enqueueJob, failAttempt, finishJob, heartbeat } from '../db/jobs.ts'
import { HANDLERS, LeaseLost, type StepContext } from './handlers.ts'

// The job runner: claim a due job, run it step by step with a lease it renews at every step, finish
// or fail with backoff. In `npm start` one runs inside the server; `gongkai worker` runs more.

export interface WorkerOptions {
  db: Kysely<Database>
  dialect: Dialect
  /** Runs write batches (default: a transaction on `db`). */
  batch?: BatchRunner
  /** See AppDeps.pdfAssets. */
  pdfAssets?: PdfAssetReader
  /** See AppDeps.importer. */
  importer?: ImportRunner
  now?: () => Date
  workerId?: string
  leaseMs?: number
  pollMs?: number
  /** Schedule the daily deadline reminders (once a day, by idempotency key). */
  daily?: boolean
  log?: (line: string) => void
}

/** Run one due job, if there is one. Returns whether a job ran. */
export async function runOnce(o: WorkerOptions): Promise<boolean> {
  const now = o.now ?? (() => new Date())
  const workerId = o.workerId ?? `w-${crypto.randomUUID().slice(0, 8)}`
  const leaseMs = o.leaseMs ?? 60_000
  const job = await claimJob(o.db, o.dialect, workerId, now(), leaseMs)
  if (!job) return false
  const batch = o.batch ?? transactionRunner(o.db)
  const ctx: StepContext = {
    db: o.db,
    dialect: o.dialect,
    batch,
    ...(o.pdfAssets ? { pdfAssets: o.pdfAssets } : {}),
    ...(o.importer ? { importer: o.importer } : {}),
    now,
    progress: async (done, total, message, result, step) => {
      const p = { done, total, message, ...(result !== undefined ? { result } : {}) }
      if (!step) return heartbeat(o.db, job.id, workerId, p, now(), leaseMs)
      // The step's writes commit only while the job is still ours.
      step.expectRow('job', job.id, { locked_by: workerId, state: 'running' })
      await heartbeat(step.db, job.id, workerId, p, now(), leaseMs)
      try {
        await commit(batch, step)
        return true
      } catch (e) {
        if (e instanceof WriteConflict) return false
        throw e
      }
    },
    cancelled: () => cancelRequested(o.db, job.id),
  }
  try {
    const outcome = await HANDLERS[job.type](job, ctx)
    await finishJob(o.db, job.id, workerId, outcome, now())
    o.log?.(`job ${job.id} (${job.type}) ${outcome.state}`)
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e)
    if (!(e instanceof LeaseLost)) await failAttempt(o.db, job, workerId, message, now())
    o.log?.(`job ${job.id} (${job.type}) attempt ${job.attempts} failed: ${message}`)
  }
  return true
}

/** Keep working until the signal aborts. */
export async function runWorker(o: WorkerOptions & { signal: AbortSignal }): Promise<void> {
  const workerId = o.workerId ?? `w-${crypto.randomUUID().slice(0, 8)}`
  const pollMs = o.pollMs ?? 1000
  while (!o.signal.aborted) {
    try {
      if (o.daily) {
        const today = (o.now ?? (() => new Date()))().toISOString().slice(0, 10)
        await enqueueJob(
          o.db,
          { type: 'deadline-reminders', payload: {}, idempotencyKey: `deadline-reminders:${today}`, maxAttempts: 3 },
          new Date(),
        )
      }
      const ran = await runOnce({ ...o, workerId })
      if (ran) continue
    } catch (e) {
      o.log?.(`worker error: ${e instanceof Error ? e.message : String(e)}`)
    }
    await new Promise((r) => setTimeout(r, pollMs))
  }
}
