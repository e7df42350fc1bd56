import type { Db } from './database.ts'

// Sign-in throttling kept in the database, so it holds across processes and on the edge. Failures
// are counted per key: the account name (`user:…`) and the client's address (`ip:…`, from the
// socket or a trusted proxy, never from a header anyone can send). The fifth failure within the
// window locks the key for LOCK_MS; each further failure after that, once the lock has ended,
// locks it twice as long as the last (up to MAX_LOCK_MS). A key is forgotten once it has been
// quiet for FORGET_MS after its last lock, or its window passed without one.
export const MAX_FAILURES = 5
export const WINDOW_MS = 15 * 60_000
export const LOCK_MS = 15 * 60_000
export const MAX_LOCK_MS = 24 * 3600_000
export const FORGET_MS = 24 * 3600_000

/** How long the n-th failure (counting from 1) locks its key: 0 below the limit, then doubling. */
export function lockMs(failures: number): number {
  if (failures < MAX_FAILURES) return 0
  return Math.min(MAX_LOCK_MS, LOCK_MS * 2 ** Math.min(failures - MAX_FAILURES, 20))
}

/** Milliseconds until any of the keys is unlocked, or 0 when none is locked. */
export async function lockedFor(db: Db, keys: string[], now: Date): Promise<number> {
  const rows = await db.selectFrom('login_attempt').select(['locked_until']).where('key', 'in', keys).execute()
  const until = Math.max(0, ...rows.map((r) => (r.locked_until ? Date.parse(r.locked_until) : 0)))
  return Math.max(0, until - now.getTime())
}

export async function recordFailure(db: Db, keys: string[], now: Date): Promise<void> {
  const t = now.getTime()
  for (const key of keys) {
    const row = await db.selectFrom('login_attempt').selectAll().where('key', '=', key).executeTakeFirst()
    const lockEnded = row?.locked_until ? Date.parse(row.locked_until) : null
    const fresh = !row || (lockEnded === null ? t - Date.parse(row.window_start) > WINDOW_MS : t - lockEnded > FORGET_MS)
    const failures = fresh ? 1 : Number(row.failures) + 1
    const lock = lockMs(failures)
    const values = {
      failures,
      window_start: fresh ? now.toISOString() : row.window_start,
      // A key once locked keeps its last lock's end (so its count is remembered) until it is forgotten.
      locked_until: lock > 0 ? new Date(t + lock).toISOString() : fresh ? null : (row.locked_until ?? null),
    }
    if (row) await db.updateTable('login_attempt').set(values).where('key', '=', key).execute()
    else
      await db
        .insertInto('login_attempt')
        .values({ key, ...values })
        .execute()
  }
}

export async function clearFailures(db: Db, keys: string[]): Promise<void> {
  if (keys.length) await db.deleteFrom('login_attempt').where('key', 'in', keys).execute()
}
