import type { Db, WriteDb } from './database.ts'
import type { Role, UserListItem, UserView } from '@gongkai/schema/api'

/** An account as the admin API shows it. */
export type User = UserView

export interface UserWithHash extends User {
  passwordHash: string
}

type UserRow = { id: string; username: string; display_name: string; is_admin: number; disabled: number; password_hash: string }

function toUser(row: UserRow): UserWithHash {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    isAdmin: Number(row.is_admin) === 1,
    disabled: Number(row.disabled) === 1,
    passwordHash: row.password_hash,
  }
}

export async function findUserByUsername(db: Db, username: string): Promise<UserWithHash | undefined> {
  const row = await db.selectFrom('app_user').selectAll().where('username', '=', username).executeTakeFirst()
  return row ? toUser(row) : undefined
}

export async function findUserById(db: Db, id: string): Promise<UserWithHash | undefined> {
  const row = await db.selectFrom('app_user').selectAll().where('id', '=', id).executeTakeFirst()
  return row ? toUser(row) : undefined
}

export async function countUsers(db: Db): Promise<number> {
  const row = await db
    .selectFrom('app_user')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

export async function insertUser(
  db: WriteDb,
  user: { username: string; displayName: string; passwordHash: string; isAdmin: boolean },
  now: Date,
): Promise<string> {
  const id = crypto.randomUUID()
  await db
    .insertInto('app_user')
    .values({
      id,
      username: user.username,
      display_name: user.displayName,
      password_hash: user.passwordHash,
      is_admin: user.isAdmin ? 1 : 0,
      disabled: 0,
      created_at: now.toISOString(),
    })
    .execute()
  return id
}

export async function grantRole(db: WriteDb, userId: string, agencyId: string, role: Role): Promise<void> {
  await db.insertInto('membership').values({ user_id: userId, agency_id: agencyId, role }).execute()
}

export async function listMemberships(db: Db, userId: string): Promise<Array<{ agencyId: string; role: Role }>> {
  const rows = await db.selectFrom('membership').select(['agency_id', 'role']).where('user_id', '=', userId).execute()
  return rows.map((r) => ({ agencyId: r.agency_id, role: r.role }))
}

export async function listUsers(db: Db): Promise<UserListItem[]> {
  const rows = await db.selectFrom('app_user').selectAll().orderBy('username').execute()
  const members = await db.selectFrom('membership').selectAll().execute()
  return rows.map((r) => {
    const { passwordHash: _hash, ...user } = toUser(r)
    return {
      ...user,
      memberships: members.filter((m) => m.user_id === r.id).map((m) => ({ agencyId: m.agency_id, role: m.role })),
    } satisfies UserListItem
  })
}

export async function updateUser(
  db: WriteDb,
  id: string,
  patch: { displayName?: string; passwordHash?: string; disabled?: boolean; isAdmin?: boolean },
): Promise<void> {
  const set: Record<string, string | number> = {}
  if (patch.displayName !== undefined) set.display_name = patch.displayName
  if (patch.passwordHash !== undefined) set.password_hash = patch.passwordHash
  if (patch.disabled !== undefined) set.disabled = patch.disabled ? 1 : 0
  if (patch.isAdmin !== undefined) set.is_admin = patch.isAdmin ? 1 : 0
  if (Object.keys(set).length) await db.updateTable('app_user').set(set).where('id', '=', id).execute()
}

export async function setMemberships(db: WriteDb, userId: string, memberships: Array<{ agencyId: string; role: Role }>): Promise<void> {
  await db.deleteFrom('membership').where('user_id', '=', userId).execute()
  for (const m of memberships) await grantRole(db, userId, m.agencyId, m.role)
}

export async function deleteSessionsOf(db: WriteDb, userId: string): Promise<void> {
  await db.deleteFrom('session').where('user_id', '=', userId).execute()
}
