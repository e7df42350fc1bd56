import { Hono, type Context } from 'hono'
import { describeRoute } from 'hono-openapi'
import type { JobView } from '@gongkai/schema/api'
import { z } from 'zod'
import { sha256Hex } from '../../auth/password.ts'
import { agencyScope, assertAdmin, assertCan, type Action } from '../../auth/roles.ts'
import { sessionUser } from '../../auth/session.ts'
import type { AppEnv, SessionUser } from '../../context.ts'
import { findAgencyById } from '../../db/agencies.ts'
import { audit } from '../../db/audit.ts'
import { commit, WriteBatch, WriteConflict } from '../../db/write-batch.ts'
import type { JobType } from '../../db/job.table.ts'
import { enqueueJobAtomically, getJob, listJobs, requestCancel, rescheduleJob, retryJob, type Job } from '../../db/jobs.ts'
import { getDraft } from '../../db/drafts.ts'
import { ApiError } from '../../errors.ts'
import { uploadLimit } from '../../limits.ts'
import { assertPublishable, validateWithPrevious } from '../../ops/publish.ts'
import { fromBase64, readZip, toBase64 } from '../../zip.ts'
import { clientIp } from '../auth.ts'
import { valid } from '../../validate.ts'

// Background jobs: batch imports, scheduled publication, deadline reminders, index rebuilds.

const IdParam = z.object({ id: z.string().min(1).max(64) })
const BatchFile = z.object({ name: z.string().min(1).max(300), contentBase64: z.string().min(1) })
const BatchBody = z
  .object({
    agencyId: z.string().min(1).max(64),
    files: z.array(BatchFile).min(1).max(200).optional(),
    /** A zip of report files, instead of `files`. */
    zipBase64: z.string().min(1).optional(),
  })
  .refine((b) => (b.files === undefined) !== (b.zipBase64 === undefined), {
    message: 'files 与 zipBase64 二选一 / give files or zipBase64',
    path: ['files'],
  })

/** The report files inside a zip, in name order; folders and hidden files are skipped. Bounded: see zip.ts. */
function unzip(b64: string): Array<z.infer<typeof BatchFile>> {
  let bytes: Uint8Array
  try {
    bytes = fromBase64(b64)
  } catch {
    throw new ApiError('VALIDATION_FAILED', [
      { path: 'zipBase64', message: '字段 zipBase64：不是有效的 base64', message_en: 'Field zipBase64: not valid base64' },
    ])
  }
  const entries = readZip(bytes, 'zipBase64').sort((a, b) => a.path.localeCompare(b.path))
  if (entries.length === 0)
    throw new ApiError('VALIDATION_FAILED', [
      { path: 'zipBase64', message: '字段 zipBase64：应含 1 至 200 个文件', message_en: 'Field zipBase64: it must hold 1 to 200 files' },
    ])
  return entries.map((f) => ({ name: f.path.slice(f.path.lastIndexOf('/') + 1), contentBase64: toBase64(f.bytes) }))
}
/** A local date and time in Asia/Shanghai (UTC+8, no daylight saving), e.g. 2027-01-31T09:00. */
const ShanghaiTime = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, '格式为 YYYY-MM-DDTHH:mm（北京时间） / use YYYY-MM-DDTHH:mm, Asia/Shanghai')
const ScheduleBody = z.object({
  version: z.number().int().min(0),
  at: ShanghaiTime,
  note: z.string().trim().max(2_000).default(''),
  acknowledgement: z.string().trim().max(2_000).optional(),
})
const RescheduleBody = z.object({ at: ShanghaiTime })

export const shanghai = (local: string) => new Date(`${local}:00+08:00`)

function assertFuture(at: Date, now: Date) {
  if (at.getTime() <= now.getTime())
    throw new ApiError('VALIDATION_FAILED', [
      { path: 'at', message: '字段 at：时间须在未来', message_en: 'Field at: the time must be in the future' },
    ])
}

/**
 * Cancelling, retrying or rescheduling a job takes the right its work needs, in its agency: an
 * editor's for a batch import, a publisher's for a scheduled publication (else an editor could
 * stop it, or run it early), an admin's for the rest.
 */
const JOB_RIGHTS: Record<JobType, Action | 'admin'> = {
  'import-batch': 'edit',
  'publish-at': 'publish',
  'deadline-reminders': 'admin',
  rebuild: 'admin',
}

function assertMayAct(user: SessionUser, job: Job) {
  const right = JOB_RIGHTS[job.type]
  if (right === 'admin' || !job.agencyId) assertAdmin(user)
  else assertCan(user, job.agencyId, right)
}

function assertMayRead(c: Context<AppEnv>, job: Job) {
  const user = sessionUser(c)
  if (user.isAdmin || job.createdBy === user.id) return
  if (job.agencyId && user.memberships.some((m) => m.agencyId === job.agencyId)) return
  throw new ApiError('FORBIDDEN')
}

async function jobOr404(c: Context<AppEnv>, id: string): Promise<Job> {
  const job = await getJob(c.get('deps').db, id)
  if (!job) throw new ApiError('NOT_FOUND')
  assertMayRead(c, job)
  return job
}

/** A job the user may see and act on. */
async function jobToActOn(c: Context<AppEnv>, id: string): Promise<Job> {
  const job = await jobOr404(c, id)
  assertMayAct(sessionUser(c), job)
  return job
}

/** The job as it is now, for the answer to an action on it. */
async function current(c: Context<AppEnv>, id: string) {
  const job = await getJob(c.get('deps').db, id)
  if (!job) throw new Error(`job ${id} is gone after an action on it`)
  return summary(job)
}

/** Jobs carry whole files in their payload; the list shows what they are, not their bytes. */
function summary(job: Job) {
  const payload =
    job.type === 'import-batch'
      ? { ...(job.payload as object), files: (job.payload as { files: Array<{ name: string }> }).files.map((f) => ({ name: f.name })) }
      : job.payload
  return { ...job, payload } satisfies JobView
}

export const adminJobs = new Hono<AppEnv>()
  .get('/', describeRoute({ tags: ['jobs'], summary: "The user's jobs and their agencies' jobs" }), async (c) => {
    const user = sessionUser(c)
    c.header('Cache-Control', 'private, no-store')
    return c.json({ items: (await listJobs(c.get('deps').db, { agencyIds: agencyScope(user), userId: user.id, limit: 100 })).map(summary) })
  })
  .get('/:id', describeRoute({ tags: ['jobs'], summary: 'One job with its progress and result' }), valid('param', IdParam), async (c) => {
    c.header('Cache-Control', 'private, no-store')
    return c.json(summary(await jobOr404(c, c.req.valid('param').id)))
  })
  .post(
    '/import-batch',
    uploadLimit('/api/admin/jobs/import-batch'),
    describeRoute({ tags: ['jobs'], summary: 'Import many files as drafts, in the background (the same upload twice makes one job)' }),
    valid('json', BatchBody),
    async (c) => {
      const body = c.req.valid('json')
      const user = sessionUser(c)
      assertCan(user, body.agencyId, 'edit')
      const { db, dialect, batch, now } = c.get('deps')
      if (!(await findAgencyById(db, body.agencyId))) throw new ApiError('AGENCY_NOT_FOUND')
      // BatchBody asks for exactly one of the two.
      const files = body.files ?? (body.zipBase64 !== undefined ? unzip(body.zipBase64) : undefined)
      if (!files)
        throw new ApiError('VALIDATION_FAILED', [
          { path: 'files', message: '字段 files：files 与 zipBase64 二选一', message_en: 'Field files: give files or zipBase64' },
        ])
      const payload = { agencyId: body.agencyId, files: files.map((f) => ({ name: f.name })) }
      const key = `import-batch:${await sha256Hex(JSON.stringify([body.agencyId, files]))}`
      // The job, its files and the audit entry are written together.
      const { job, created } = await enqueueJobAtomically(
        { db, dialect, batch },
        { type: 'import-batch', payload, idempotencyKey: key, agencyId: body.agencyId, createdBy: user.id, total: files.length },
        now(),
        {
          files,
          also: (w, jobId) =>
            audit(w.db, {
              at: now(),
              userId: user.id,
              action: 'job.import-batch',
              target: jobId,
              ip: clientIp(c),
              detail: { files: files.length },
            }),
        },
      )
      return c.json({ job: summary(job), created }, created ? 202 : 200)
    },
  )
  .post('/rebuild', describeRoute({ tags: ['jobs'], summary: 'Rebuild the search index of every report (admin only)' }), async (c) => {
    assertAdmin(sessionUser(c))
    const { db, dialect, batch, now } = c.get('deps')
    const user = sessionUser(c)
    const { job } = await enqueueJobAtomically({ db, dialect, batch }, { type: 'rebuild', payload: {}, createdBy: user.id }, now(), {
      also: (w, jobId) => audit(w.db, { at: now(), userId: user.id, action: 'job.rebuild', target: jobId, ip: clientIp(c) }),
    })
    return c.json({ job }, 202)
  })
  .post(
    '/:id/cancel',
    describeRoute({ tags: ['jobs'], summary: 'Cancel: at once if queued, at the next step if running (the right the job needs)' }),
    valid('param', IdParam),
    async (c) => {
      const job = await jobToActOn(c, c.req.valid('param').id)
      const { dialect, batch, now } = c.get('deps')
      if (job.state === 'queued' || job.state === 'running') {
        const w = new WriteBatch(dialect)
        await requestCancel(w.db, job.id, now())
        await audit(w.db, {
          at: now(),
          userId: sessionUser(c).id,
          action: 'job.cancel',
          target: job.id,
          ip: clientIp(c),
          detail: { type: job.type },
        })
        await commit(batch, w)
      }
      return c.json(await current(c, job.id))
    },
  )
  .post(
    '/:id/retry',
    describeRoute({ tags: ['jobs'], summary: 'Run a failed or cancelled job again, not before it was due (the right the job needs)' }),
    valid('param', IdParam),
    async (c) => {
      const job = await jobToActOn(c, c.req.valid('param').id)
      const { dialect, batch, now } = c.get('deps')
      if (job.state === 'failed' || job.state === 'cancelled') {
        const w = new WriteBatch(dialect)
        await retryJob(w.db, job, now())
        await audit(w.db, {
          at: now(),
          userId: sessionUser(c).id,
          action: 'job.retry',
          target: job.id,
          ip: clientIp(c),
          detail: { type: job.type },
        })
        await commit(batch, w)
      }
      return c.json(await current(c, job.id))
    },
  )
  .post(
    '/:id/reschedule',
    describeRoute({ tags: ['jobs'], summary: 'Move a queued scheduled publication to another time (Asia/Shanghai; publishers)' }),
    valid('param', IdParam),
    valid('json', RescheduleBody),
    async (c) => {
      const job = await jobToActOn(c, c.req.valid('param').id)
      const { dialect, batch, now } = c.get('deps')
      if (job.type !== 'publish-at' || job.state !== 'queued') throw new ApiError('JOB_NOT_RESCHEDULABLE')
      const runAt = shanghai(c.req.valid('json').at)
      assertFuture(runAt, now())
      // Only while nobody has claimed it: a job that started meanwhile keeps its run.
      const w = new WriteBatch(dialect).expectRow('job', job.id, { state: 'queued' })
      await rescheduleJob(w.db, job.id, runAt, now())
      await audit(w.db, {
        at: now(),
        userId: sessionUser(c).id,
        action: 'job.reschedule',
        target: job.id,
        ip: clientIp(c),
        detail: { from: job.runAt, to: runAt.toISOString() },
      })
      await commit(batch, w).catch((e: unknown) => {
        throw e instanceof WriteConflict ? new ApiError('JOB_NOT_RESCHEDULABLE') : e
      })
      return c.json(await current(c, job.id))
    },
  )

/** Mounted under /api/admin/reports: schedule a validated draft to publish at a set time. */
export const scheduleRoute = new Hono<AppEnv>().post(
  '/:id/schedule',
  describeRoute({ tags: ['admin'], summary: 'Publish a validated draft at a date and time (Asia/Shanghai); cancellable until then' }),
  valid('param', IdParam),
  valid('json', ScheduleBody),
  async (c) => {
    const { id } = c.req.valid('param')
    const body = c.req.valid('json')
    const { db, dialect, batch, now } = c.get('deps')
    const user = sessionUser(c)
    const draft = await getDraft(db, id)
    if (!draft) throw new ApiError('REPORT_NOT_FOUND')
    assertCan(user, draft.agencyId, 'publish')
    if (!draft.hasDraft || !draft.document) throw new ApiError('NOTHING_TO_PUBLISH')
    if (body.version !== draft.version)
      throw new ApiError('VERSION_CONFLICT', undefined, { current: { version: draft.version, document: draft.document } })
    assertPublishable(await validateWithPrevious(db, draft.agencyId, draft.document), body.acknowledgement)
    const runAt = shanghai(body.at)
    assertFuture(runAt, now())
    const { job } = await enqueueJobAtomically(
      { db, dialect, batch },
      {
        type: 'publish-at',
        payload: {
          reportId: id,
          version: draft.version,
          note: body.note,
          acknowledgement: body.acknowledgement ?? null,
          authorId: user.id,
        },
        idempotencyKey: `publish-at:${id}:${draft.version}`,
        agencyId: draft.agencyId,
        createdBy: user.id,
        runAt,
        total: 1,
      },
      now(),
      {
        also: (w, jobId) =>
          audit(w.db, {
            at: now(),
            userId: user.id,
            action: 'report.schedule',
            target: id,
            ip: clientIp(c),
            detail: { at: runAt.toISOString(), job: jobId },
          }),
      },
    )
    return c.json({ job }, 202)
  },
)
