import { Hono } from 'hono'
import { z } from 'zod'
import { verifyPassword } from '../auth/password.ts'
import { endSession, startSession } from '../auth/session.ts'
import type { AppEnv, SessionUser } from '../context.ts'
import { audit } from '../db/audit.ts'
import { findUserByUsername } from '../db/users.ts'
import { ApiError } from '../errors.ts'
import { jsonBody } from '../validate.ts'

const Login = z.object({ username: z.string().min(1).max(100), password: z.string().min(1).max(200) })

function me(user: SessionUser) {
  return {
    user: { id: user.id, username: user.username, displayName: user.displayName, isAdmin: user.isAdmin, memberships: user.memberships },
    csrfToken: user.csrfToken,
  }
}

export const auth = new Hono<AppEnv>()
  .post('/login', async (c) => {
    const { username, password } = await jsonBody(c, Login)
    const { db, now } = c.get('deps')
    const user = await findUserByUsername(db, username)
    // Verify even for unknown users so timing does not reveal which usernames exist.
    const ok = await verifyPassword(password, user?.passwordHash ?? 'scrypt$1024$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=')
    const ip = c.req.header('x-forwarded-for') ?? null
    if (!user || !ok || user.disabled) {
      await audit(db, { at: now(), userId: user?.id ?? null, action: 'login.failed', target: username, ip })
      throw new ApiError('BAD_CREDENTIALS')
    }
    await startSession(c, user.id)
    await audit(db, { at: now(), userId: user.id, action: 'login', ip })
    return c.json({ ok: true })
  })
  .post('/logout', async (c) => {
    await endSession(c)
    return c.json({ ok: true })
  })
  .get('/me', (c) => {
    const user = c.get('user')
    if (!user) throw new ApiError('UNAUTHENTICATED')
    return c.json(me(user))
  })
