import type { Db } from './database.ts'
import type { Role } from './user.table.ts'

export interface User {
  id: string
  username: string
  displayName: string
  isAdmin: boolean
  disabled: boolean
}

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
  const row = await db.selectFrom('app_user').select((eb) => eb.fn.countAll<string | number>().as('n')).executeTakeFirstOrThrow()
  return Number(row.n)
}

export async function insertUser(
  db: Db,
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

export async function grantRole(db: Db, userId: string, agencyId: string, role: Role): Promise<void> {
  await db.insertInto('membership').values({ user_id: userId, agency_id: agencyId, role }).execute()
}

export async function listMemberships(db: Db, userId: string): Promise<Array<{ agencyId: string; role: Role }>> {
  const rows = await db.selectFrom('membership').select(['agency_id', 'role']).where('user_id', '=', userId).execute()
  return rows.map((r) => ({ agencyId: r.agency_id, role: r.role }))
}
