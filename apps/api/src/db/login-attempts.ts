import type { Db } from './database.ts'

// Login throttling kept in the database, so it holds across processes and on the edge.
export const MAX_FAILURES = 5
export const WINDOW_MS = 15 * 60_000
export const LOCK_MS = 15 * 60_000

/** Milliseconds until any of the keys is unlocked, or 0 when none is locked. */
export async function lockedFor(db: Db, keys: string[], now: Date): Promise<number> {
  const rows = await db.selectFrom('login_attempt').select(['locked_until']).where('key', 'in', keys).execute()
  const until = Math.max(0, ...rows.map((r) => (r.locked_until ? Date.parse(r.locked_until) : 0)))
  return Math.max(0, until - now.getTime())
}

export async function recordFailure(db: Db, keys: string[], now: Date): Promise<void> {
  for (const key of keys) {
    const row = await db.selectFrom('login_attempt').selectAll().where('key', '=', key).executeTakeFirst()
    const fresh = !row || now.getTime() - Date.parse(row.window_start) > WINDOW_MS
    const failures = fresh ? 1 : Number(row.failures) + 1
    const values = {
      failures,
      window_start: fresh ? now.toISOString() : row.window_start,
      locked_until: failures >= MAX_FAILURES ? new Date(now.getTime() + LOCK_MS).toISOString() : null,
    }
    if (row) await db.updateTable('login_attempt').set(values).where('key', '=', key).execute()
    else await db.insertInto('login_attempt').values({ key, ...values }).execute()
  }
}

export async function clearFailures(db: Db, keys: string[]): Promise<void> {
  await db.deleteFrom('login_attempt').where('key', 'in', keys).execute()
}
