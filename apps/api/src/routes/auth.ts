import { Hono, type Context } from 'hono'
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

/** The client's address as the runtime knows it (the socket, a trusted proxy, or Cloudflare), never a header anyone can send. */
export function clientIp(c: Context<AppEnv>): string | null {
  return c.get('deps').peer(c).address
}

export const auth = new Hono<AppEnv>()
  .post(
    '/login',
    describeRoute({ tags: ['auth'], summary: 'Sign in; sets an HttpOnly session cookie' }),
    valid('json', Login),
    async (c) => {
      const { username, password } = c.req.valid('json')
      const { db, now } = c.get('deps')
      // The address comes from the socket (or a trusted proxy; at the edge, Cloudflare's header).
      const ip = clientIp(c)
      const account = `user:${username.toLowerCase()}`
      const keys = [account, ...(ip ? [`ip:${ip}`] : [])]
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
      // Only the account's count: signing in to one's own account must not reset the address's,
      // or a member of staff could guess at other accounts without limit between sign-ins.
      await clearFailures(db, [account])
      await startSession(c, user.id)
      await audit(db, { at: now(), userId: user.id, action: 'login', ip })
      return c.json({ ok: true })
    },
  )
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
