import { Hono } from 'hono'
import { describeRoute } from 'hono-openapi'
import { z } from 'zod'
import { hashPassword } from '../../auth/password.ts'
import { assertAdmin } from '../../auth/roles.ts'
import { sessionUser } from '../../auth/session.ts'
import type { AppEnv } from '../../context.ts'
import { findAgencyById } from '../../db/agencies.ts'
import { audit } from '../../db/audit.ts'
import { commit, WriteBatch } from '../../db/write-batch.ts'
import type { Db } from '../../db/database.ts'
import { deleteSessionsOf, findUserById, findUserByUsername, insertUser, listUsers, setMemberships, updateUser } from '../../db/users.ts'
import { ApiError } from '../../errors.ts'
import { clientIp } from '../auth.ts'
import { valid } from '../../validate.ts'

const Membership = z.object({ agencyId: z.string().min(1).max(64), role: z.enum(['editor', 'publisher']) })
const Password = z.string().min(12, '密码至少 12 个字符 / at least 12 characters').max(200)
const NewUser = z.object({
  username: z
    .string()
    .trim()
    .min(2)
    .max(100)
    .regex(/^[\w.@-]+$/),
  displayName: z.string().trim().min(1).max(100),
  password: Password,
  isAdmin: z.boolean().default(false),
  memberships: z.array(Membership).max(50).default([]),
})
const PatchUser = z.object({
  displayName: z.string().trim().min(1).max(100).optional(),
  password: Password.optional(),
  disabled: z.boolean().optional(),
  isAdmin: z.boolean().optional(),
  memberships: z.array(Membership).max(50).optional(),
})
const IdParam = z.object({ id: z.string().min(1).max(64) })

async function assertAgencies(db: Db, memberships: Array<{ agencyId: string }>) {
  for (const m of memberships) if (!(await findAgencyById(db, m.agencyId))) throw new ApiError('AGENCY_NOT_FOUND')
}

export const adminUsers = new Hono<AppEnv>()
  .get('/', describeRoute({ tags: ['admin'], summary: 'All users with their roles (admin only)' }), async (c) => {
    assertAdmin(sessionUser(c))
    return c.json({ items: await listUsers(c.get('deps').db) })
  })
  .post('/', describeRoute({ tags: ['admin'], summary: 'Add a user (admin only)' }), valid('json', NewUser), async (c) => {
    const actor = sessionUser(c)
    assertAdmin(actor)
    const body = c.req.valid('json')
    const { db, dialect, batch, now } = c.get('deps')
    if (await findUserByUsername(db, body.username)) throw new ApiError('USER_EXISTS')
    await assertAgencies(db, body.memberships)
    const passwordHash = await hashPassword(body.password)
    const w = new WriteBatch(dialect)
    const id = await insertUser(
      w.db,
      { username: body.username, displayName: body.displayName, passwordHash, isAdmin: body.isAdmin },
      now(),
    )
    await setMemberships(w.db, id, body.memberships)
    await audit(w.db, {
      at: now(),
      userId: actor.id,
      action: 'user.create',
      target: id,
      ip: clientIp(c),
      detail: { username: body.username, memberships: body.memberships },
    })
    await commit(batch, w)
    return c.json({ id }, 201)
  })
  .patch(
    '/:id',
    describeRoute({ tags: ['admin'], summary: 'Change a user: roles, password reset, disable (admin only)' }),
    valid('param', IdParam),
    valid('json', PatchUser),
    async (c) => {
      const actor = sessionUser(c)
      assertAdmin(actor)
      const { id } = c.req.valid('param')
      const body = c.req.valid('json')
      const { db, dialect, batch, now } = c.get('deps')
      if (!(await findUserById(db, id))) throw new ApiError('USER_NOT_FOUND')
      if (body.memberships) await assertAgencies(db, body.memberships)
      const passwordHash = body.password ? await hashPassword(body.password) : undefined
      const w = new WriteBatch(dialect)
      await updateUser(w.db, id, { ...body, ...(passwordHash ? { passwordHash } : {}) })
      if (body.memberships) await setMemberships(w.db, id, body.memberships)
      // A reset password or a disabled account ends every session of that user.
      if (passwordHash || body.disabled) await deleteSessionsOf(w.db, id)
      await audit(w.db, {
        at: now(),
        userId: actor.id,
        action: 'user.update',
        target: id,
        ip: clientIp(c),
        detail: { ...body, password: body.password ? '(reset)' : undefined },
      })
      await commit(batch, w)
      return c.json({ ok: true })
    },
  )
