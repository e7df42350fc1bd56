import { commit, WriteBatch, type BatchRunner } from './write-batch.ts'
import type { Db, WriteDb, Dialect } from './database.ts'
import type { JobTable, JobType } from './job.table.ts'
import type { JobView } from '@gongkai/schema/api'

/** A job as the admin API shows it. */
export type Job = JobView

function toJob(r: JobTable): Job {
  return {
    id: r.id,
    type: r.type,
    payload: JSON.parse(r.payload),
    state: r.state,
    idempotencyKey: r.idempotency_key,
    agencyId: r.agency_id,
    createdBy: r.created_by,
    attempts: Number(r.attempts),
    maxAttempts: Number(r.max_attempts),
    runAt: r.run_at,
    progress: { done: Number(r.progress_done), total: Number(r.progress_total), message: r.progress_message },
    result: r.result === null ? null : JSON.parse(r.result),
    error: r.error,
    cancelRequested: Number(r.cancel_requested) === 1,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  } satisfies JobView
}

export interface NewJob {
  type: JobType
  payload: unknown
  idempotencyKey?: string | null
  agencyId?: string | null
  createdBy?: string | null
  runAt?: Date
  maxAttempts?: number
  total?: number
}

async function findJobByKey(db: Db, key: string | null | undefined): Promise<Job | undefined> {
  if (!key) return undefined
  const existing = await db.selectFrom('job').selectAll().where('idempotency_key', '=', key).executeTakeFirst()
  return existing ? toJob(existing) : undefined
}

/** The job just written, read back. */
async function writtenJob(db: Db, id: string): Promise<Job> {
  const job = await getJob(db, id)
  if (!job) throw new Error(`job ${id} was written but cannot be read back`)
  return job
}

/** Queue a job; with an idempotency key, an existing job with that key is returned instead. */
export async function enqueueJob(db: Db, j: NewJob, now: Date): Promise<{ job: Job; created: boolean }> {
  const existing = await findJobByKey(db, j.idempotencyKey)
  if (existing) return { job: existing, created: false }
  const id = await insertJob(db, j, now)
  return { job: await writtenJob(db, id), created: true }
}

/** Base64 text per stored piece of a file: well under D1's 2 MB limit on a value. */
export const FILE_PIECE = 512 * 1024

/**
 * Queue a job in one write batch with what goes with it: its files, stored beside it in pieces
 * (`job_file`; the payload should list them by name), and `also` (the audit entry). With an
 * idempotency key, an existing job is returned instead and nothing is written.
 */
export async function enqueueJobAtomically(
  store: { db: Db; dialect: Dialect; batch: BatchRunner },
  j: NewJob,
  now: Date,
  options: { files?: Array<{ contentBase64: string }>; also?: (w: WriteBatch, jobId: string) => Promise<void> } = {},
): Promise<{ job: Job; created: boolean }> {
  const existing = await findJobByKey(store.db, j.idempotencyKey)
  if (existing) return { job: existing, created: false }
  const w = new WriteBatch(store.dialect)
  const id = await insertJob(w.db, j, now)
  for (const [fileIndex, f] of (options.files ?? []).entries()) {
    const pieces = Math.max(1, Math.ceil(f.contentBase64.length / FILE_PIECE))
    for (let chunk = 0; chunk < pieces; chunk++) {
      await w.db
        .insertInto('job_file')
        .values({
          job_id: id,
          file_index: fileIndex,
          chunk_index: chunk,
          data: f.contentBase64.slice(chunk * FILE_PIECE, (chunk + 1) * FILE_PIECE),
        })
        .execute()
    }
  }
  await options.also?.(w, id)
  try {
    await commit(store.batch, w)
  } catch (e) {
    // The same upload at the same moment: the other request's job stands.
    const raced = await findJobByKey(store.db, j.idempotencyKey)
    if (raced) return { job: raced, created: false }
    throw e
  }
  return { job: await writtenJob(store.db, id), created: true }
}

/** A batch import's file, whole again (base64). */
export async function readJobFile(db: Db, jobId: string, fileIndex: number): Promise<string> {
  const rows = await db
    .selectFrom('job_file')
    .select('data')
    .where('job_id', '=', jobId)
    .where('file_index', '=', fileIndex)
    .orderBy('chunk_index')
    .execute()
  return rows.map((r) => r.data).join('')
}

async function insertJob(db: WriteDb, j: NewJob, now: Date): Promise<string> {
  const id = crypto.randomUUID()
  const at = now.toISOString()
  await db
    .insertInto('job')
    .values({
      id,
      type: j.type,
      payload: JSON.stringify(j.payload),
      state: 'queued',
      idempotency_key: j.idempotencyKey ?? null,
      agency_id: j.agencyId ?? null,
      created_by: j.createdBy ?? null,
      attempts: 0,
      max_attempts: j.maxAttempts ?? 3,
      run_at: (j.runAt ?? now).toISOString(),
      lease_until: null,
      locked_by: null,
      progress_done: 0,
      progress_total: j.total ?? 0,
      progress_message: null,
      result: null,
      error: null,
      cancel_requested: 0,
      created_at: at,
      updated_at: at,
    })
    .execute()
  return id
}

export async function getJob(db: Db, id: string): Promise<Job | undefined> {
  const r = await db.selectFrom('job').selectAll().where('id', '=', id).executeTakeFirst()
  return r ? toJob(r) : undefined
}

export async function listJobs(db: Db, f: { agencyIds: string[] | null; userId: string; limit: number }): Promise<Job[]> {
  let q = db.selectFrom('job').selectAll()
  if (f.agencyIds !== null) {
    const ids = f.agencyIds
    q = q.where((eb) => eb.or([eb('created_by', '=', f.userId), ...(ids.length ? [eb('agency_id', 'in', ids)] : [])]))
  }
  return (await q.orderBy('created_at', 'desc').limit(f.limit).execute()).map(toJob)
}

/**
 * Claim the next job that is due: queued, or running with a lease that has run out (its worker
 * died). One statement, so two workers never get the same job; on PostgreSQL, SKIP LOCKED lets
 * several workers claim side by side.
 */
export async function claimJob(db: Db, dialect: Dialect, workerId: string, now: Date, leaseMs: number): Promise<Job | undefined> {
  const at = now.toISOString()
  let next = db
    .selectFrom('job')
    .select('id')
    .where((eb) =>
      eb.or([
        eb.and([eb('state', '=', 'queued'), eb('run_at', '<=', at)]),
        eb.and([eb('state', '=', 'running'), eb('lease_until', '<', at)]),
      ]),
    )
    .orderBy('run_at')
    .limit(1)
  if (dialect === 'postgres') next = next.forUpdate().skipLocked()
  const row = await db
    .updateTable('job')
    .set((eb) => ({
      state: 'running',
      locked_by: workerId,
      lease_until: new Date(now.getTime() + leaseMs).toISOString(),
      attempts: eb('attempts', '+', 1),
      updated_at: at,
    }))
    .where('id', '=', (eb) => eb.selectFrom(next.as('n')).select('n.id'))
    .returningAll()
    .executeTakeFirst()
  return row ? toJob(row) : undefined
}

/** Progress and a fresh lease; false when the job was taken from this worker. */
export async function heartbeat(
  db: WriteDb,
  id: string,
  workerId: string,
  p: { done: number; total: number; message: string | null; result?: unknown },
  now: Date,
  leaseMs: number,
): Promise<boolean> {
  const r = await db
    .updateTable('job')
    .set({
      progress_done: p.done,
      progress_total: p.total,
      progress_message: p.message,
      lease_until: new Date(now.getTime() + leaseMs).toISOString(),
      updated_at: now.toISOString(),
      ...(p.result !== undefined ? { result: JSON.stringify(p.result) } : {}),
    })
    .where('id', '=', id)
    .where('locked_by', '=', workerId)
    .where('state', '=', 'running')
    .executeTakeFirst()
  return Number(r.numUpdatedRows) === 1
}

export async function cancelRequested(db: Db, id: string): Promise<boolean> {
  const r = await db.selectFrom('job').select('cancel_requested').where('id', '=', id).executeTakeFirst()
  return Number(r?.cancel_requested ?? 0) === 1
}

export async function finishJob(
  db: WriteDb,
  id: string,
  workerId: string,
  outcome: { state: 'succeeded' | 'cancelled' | 'failed'; result?: unknown; error?: string | null },
  now: Date,
): Promise<void> {
  await db
    .updateTable('job')
    .set({
      state: outcome.state,
      lease_until: null,
      locked_by: null,
      updated_at: now.toISOString(),
      ...(outcome.result !== undefined ? { result: JSON.stringify(outcome.result) } : {}),
      ...(outcome.error !== undefined ? { error: outcome.error } : {}),
    })
    .where('id', '=', id)
    .where('locked_by', '=', workerId)
    .execute()
}

/** A failed attempt: back off and retry, or give up after the last attempt. */
export async function failAttempt(db: WriteDb, job: Job, workerId: string, error: string, now: Date): Promise<void> {
  const last = job.attempts >= job.maxAttempts
  await db
    .updateTable('job')
    .set({
      state: last ? 'failed' : 'queued',
      error,
      lease_until: null,
      locked_by: null,
      run_at: last ? job.runAt : new Date(now.getTime() + 1000 * 2 ** job.attempts).toISOString(),
      updated_at: now.toISOString(),
    })
    .where('id', '=', job.id)
    .where('locked_by', '=', workerId)
    .execute()
}

/** Cancel: a queued job at once; a running one at its next step. */
export async function requestCancel(db: WriteDb, id: string, now: Date): Promise<void> {
  await db
    .updateTable('job')
    .set({ cancel_requested: 1, updated_at: now.toISOString() })
    .where('id', '=', id)
    .where('state', 'in', ['queued', 'running'])
    .execute()
  await db
    .updateTable('job')
    .set({ state: 'cancelled', updated_at: now.toISOString() })
    .where('id', '=', id)
    .where('state', '=', 'queued')
    .execute()
}

/**
 * Run a failed or cancelled job again, never before it was due: a scheduled publication keeps its
 * time (a job whose time has passed runs at once).
 */
export async function retryJob(db: WriteDb, job: Pick<Job, 'id' | 'runAt'>, now: Date): Promise<void> {
  const at = now.toISOString()
  await db
    .updateTable('job')
    .set({ state: 'queued', attempts: 0, error: null, cancel_requested: 0, run_at: job.runAt > at ? job.runAt : at, updated_at: at })
    .where('id', '=', job.id)
    .where('state', 'in', ['failed', 'cancelled'])
    .execute()
}

/** A queued job's new time (a scheduled publication moved). */
export async function rescheduleJob(db: WriteDb, id: string, runAt: Date, now: Date): Promise<void> {
  await db
    .updateTable('job')
    .set({ run_at: runAt.toISOString(), updated_at: now.toISOString() })
    .where('id', '=', id)
    .where('state', '=', 'queued')
    .execute()
}
