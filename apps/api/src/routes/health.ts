import { Hono } from 'hono'
import { describeRoute } from 'hono-openapi'
import { sql } from 'kysely'
import type { AppEnv } from '../context.ts'

/** The database must answer within this, or the service reports itself unavailable. */
export const HEALTH_DEADLINE_MS = 2_000

class TimedOut extends Error {}

function within<T>(ms: number, work: Promise<T>): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimedOut()), ms)
  })
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer))
}

// Cheap and public-safe: one trivial query and two over the job table's claim index (state,
// run_at); counts and ages only, never a message, a payload or a setting. A load balancer or a
// container healthcheck reads the status code: 503 when the database does not answer.
export const health = new Hono<AppEnv>().get(
  '/',
  describeRoute({
    tags: ['health'],
    summary:
      "Liveness: the database (with its latency) and the job queue (counts, the oldest due job's wait); 503 when the database does not answer",
  }),
  async (c) => {
    const { db, database, now } = c.get('deps')
    c.header('Cache-Control', 'no-store')
    const started = performance.now()
    try {
      await within(HEALTH_DEADLINE_MS, sql`select 1`.execute(db))
    } catch (e) {
      if (!(e instanceof TimedOut)) console.error('health: database', e)
      return c.json({ status: 'unavailable', database, checks: { database: { status: e instanceof TimedOut ? 'timeout' : 'error' } } }, 503)
    }
    const latencyMs = Math.round((performance.now() - started) * 10) / 10
    const at = now()
    const [counts, oldest] = await within(
      HEALTH_DEADLINE_MS,
      Promise.all([
        db
          .selectFrom('job')
          .select(['state', (eb) => eb.fn.countAll<number | string>().as('n')])
          .where('state', 'in', ['queued', 'running', 'failed'])
          .groupBy('state')
          .execute(),
        db
          .selectFrom('job')
          .select((eb) => eb.fn.min('run_at').as('run_at'))
          .where('state', '=', 'queued')
          .where('run_at', '<=', at.toISOString())
          .executeTakeFirst(),
      ]),
    ).catch(() => [null, null] as const)
    const count = (state: string) => Number(counts?.find((r) => r.state === state)?.n ?? 0)
    const oldestDue = oldest?.run_at ? Math.max(0, Math.round((at.getTime() - Date.parse(String(oldest.run_at))) / 1000)) : null
    return c.json({
      status: 'ok',
      database,
      checks: {
        database: { status: 'ok', latencyMs },
        jobs: counts
          ? {
              status: 'ok',
              queued: count('queued'),
              running: count('running'),
              failed: count('failed'),
              /** Seconds the oldest queued job that is due (run_at passed) has waited; null when none is. */
              oldestQueuedAgeSeconds: oldestDue,
            }
          : { status: 'error' },
      },
    })
  },
)
