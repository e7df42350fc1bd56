import type { Db } from './database.ts'

export async function insertSession(
  db: Db,
  s: { id: string; userId: string; csrfToken: string; createdAt: Date; expiresAt: Date },
): Promise<void> {
  await db
    .insertInto('session')
    .values({
      id: s.id,
      user_id: s.userId,
      csrf_token: s.csrfToken,
      created_at: s.createdAt.toISOString(),
      expires_at: s.expiresAt.toISOString(),
    })
    .execute()
}

export async function findLiveSession(db: Db, id: string, now: Date) {
  const row = await db
    .selectFrom('session')
    .select(['id', 'user_id', 'csrf_token', 'expires_at'])
    .where('id', '=', id)
    .where('expires_at', '>', now.toISOString())
    .executeTakeFirst()
  return row ? { id: row.id, userId: row.user_id, csrfToken: row.csrf_token, expiresAt: row.expires_at } : undefined
}

export async function deleteSession(db: Db, id: string): Promise<void> {
  await db.deleteFrom('session').where('id', '=', id).execute()
}
