import { Hono } from 'hono'
import { describeRoute } from 'hono-openapi'
import { z } from 'zod'
import { verifyPassword } from '../auth/password.ts'
import { endSession, startSession } from '../auth/session.ts'
import type { AppEnv, SessionUser } from '../context.ts'
import { audit } from '../db/audit.ts'
import { clearFailures, lockedFor, recordFailure } from '../db/login-attempts.ts'
import { findUserByUsername } from '../db/users.ts'
import { ApiError } from '../errors.ts'
import { valid } from '../validate.ts'

const Login = z.object({ username: z.string().trim().min(1).max(100), password: z.string().min(1).max(200) })

// Verified against for unknown users too, so timing does not reveal which usernames exist.
const DUMMY_HASH = 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA='

function me(user: SessionUser) {
  return {
    user: { id: user.id, username: user.username, displayName: user.displayName, isAdmin: user.isAdmin, memberships: user.memberships },
    csrfToken: user.csrfToken,
  }
}

export function clientIp(c: { req: { header: (n: string) => string | undefined } }): string | null {
  return c.req.header('cf-connecting-ip') ?? c.req.header('x-forwarded-for')?.split(',')[0]?.trim() ?? null
}

export const auth = new Hono<AppEnv>()
  .post('/login', describeRoute({ tags: ['auth'], summary: 'Sign in; sets an HttpOnly session cookie' }), valid('json', Login), async (c) => {
    const { username, password } = c.req.valid('json')
    const { db, now } = c.get('deps')
    const ip = clientIp(c)
    const keys = [`user:${username.toLowerCase()}`, ...(ip ? [`ip:${ip}`] : [])]
    const wait = await lockedFor(db, keys, now())
    if (wait > 0) {
      c.header('Retry-After', String(Math.ceil(wait / 1000)))
      throw new ApiError('TOO_MANY_ATTEMPTS', undefined, { retryAfterSeconds: Math.ceil(wait / 1000) })
    }
    const user = await findUserByUsername(db, username)
    const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH)
    if (!user || !ok || user.disabled) {
      await recordFailure(db, keys, now())
      await audit(db, { at: now(), userId: user?.id ?? null, action: 'login.failed', target: username, ip })
      throw new ApiError('BAD_CREDENTIALS')
    }
    await clearFailures(db, keys)
    await startSession(c, user.id)
    await audit(db, { at: now(), userId: user.id, action: 'login', ip })
    return c.json({ ok: true })
  })
  .post('/logout', describeRoute({ tags: ['auth'], summary: 'Sign out' }), async (c) => {
    await endSession(c)
    return c.json({ ok: true })
  })
  .get('/me', describeRoute({ tags: ['auth'], summary: 'The signed-in user and the CSRF token' }), (c) => {
    const user = c.get('user')
    if (!user) throw new ApiError('UNAUTHENTICATED')
    c.header('Cache-Control', 'private, no-store')
    return c.json(me(user))
  })
