import type { Context, MiddlewareHandler } from 'hono'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import type { AppEnv, SessionUser } from '../context.ts'
import { deleteSession, findLiveSession, insertSession } from '../db/sessions.ts'
import { findUserById, listMemberships } from '../db/users.ts'
import { ApiError } from '../errors.ts'
import { randomToken, sha256Hex } from './password.ts'

export const SESSION_COOKIE = 'gk_session'
const SESSION_HOURS = 12

/** Secure whenever the site is served over HTTPS, also when a trusted proxy ends the TLS. */
function secure(c: Context<AppEnv>): boolean {
  return c.get('deps').peer(c).https
}

export async function startSession(c: Context<AppEnv>, userId: string): Promise<void> {
  const { db, now } = c.get('deps')
  const token = randomToken()
  const created = now()
  await insertSession(db, {
    id: await sha256Hex(token),
    userId,
    csrfToken: randomToken(16),
    createdAt: created,
    expiresAt: new Date(created.getTime() + SESSION_HOURS * 3600_000),
  })
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'Strict',
    path: '/',
    secure: secure(c),
    maxAge: SESSION_HOURS * 3600,
  })
}

export async function endSession(c: Context<AppEnv>): Promise<void> {
  const user = c.get('user')
  if (user) await deleteSession(c.get('deps').db, user.sessionId)
  deleteCookie(c, SESSION_COOKIE, { path: '/', secure: secure(c) })
}

/** Loads the signed-in user, if any, into `c.var.user`. */
export const loadSession: MiddlewareHandler<AppEnv> = async (c, next) => {
  c.set('user', null)
  const token = getCookie(c, SESSION_COOKIE)
  if (token) {
    const { db, now } = c.get('deps')
    const session = await findLiveSession(db, await sha256Hex(token), now())
    const user = session && (await findUserById(db, session.userId))
    if (session && user && !user.disabled) {
      c.set('user', {
        id: user.id,
        username: user.username,
        displayName: user.displayName,
        isAdmin: user.isAdmin,
        memberships: await listMemberships(db, user.id),
        sessionId: session.id,
        csrfToken: session.csrfToken,
      })
    }
  }
  await next()
}

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS'])

/**
 * CSRF: browsers send Origin (and Sec-Fetch-Site) on state-changing requests; a foreign one is
 * refused. Signed-in requests must also echo the session's CSRF token in `X-CSRF-Token`.
 */
export const csrfGuard: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (!SAFE.has(c.req.method)) {
    const origin = c.req.header('origin')
    const site = c.req.header('sec-fetch-site')
    if ((origin && origin !== new URL(c.req.url).origin) || site === 'cross-site') throw new ApiError('CSRF_REJECTED')
    const user = c.get('user')
    if (user && c.req.header('x-csrf-token') !== user.csrfToken) throw new ApiError('CSRF_REJECTED')
  }
  await next()
}

/** The signed-in user of a route behind `requireSession`; refused as unauthenticated without one. */
export function sessionUser(c: Context<AppEnv>): SessionUser {
  const user = c.get('user')
  if (!user) throw new ApiError('UNAUTHENTICATED')
  return user
}

/** Every admin route sits behind this. */
export const requireSession: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (!c.get('user')) throw new ApiError('UNAUTHENTICATED')
  await next()
}
