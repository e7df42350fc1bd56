import { generateTables, seededRandom, type ReportDocument } from '@gongkai/schema'
import { expect } from 'vitest'
import { hashPassword } from '../auth/password.ts'
import { insertAgency } from '../db/agencies.ts'
import { grantRole, insertUser } from '../db/users.ts'
import type { TestSite } from './harness.ts'

export interface Actor {
  cookie: string
  csrf: string
}

export type Actors = Awaited<ReturnType<typeof makeActors>>

/** The session cookie from a login response, ready to send back. */
export function sessionCookie(res: Response): string {
  const set = res.headers.get('set-cookie') ?? ''
  const m = /gk_session=([^;]+)/.exec(set)
  if (!m) throw new Error(`no session cookie in: ${set}`)
  return `gk_session=${m[1]}`
}

/**
 * Signs `username` in through the API's login, the one way every suite signs in: `request` sends
 * to the app in-process or to a worker over HTTP. Gives the session cookie and the CSRF token.
 */
export async function signIn(
  request: (path: string, init?: RequestInit) => Promise<Response>,
  username: string,
  password: string,
): Promise<Actor> {
  const res = await request('/api/auth/login', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password }),
  })
  if (res.status !== 200) throw new Error(`sign-in of ${username} failed: ${res.status} ${await res.text()}`)
  const cookie = sessionCookie(res)
  const me = (await (await request('/api/auth/me', { headers: { Cookie: cookie } })).json()) as { csrfToken: string }
  return { cookie, csrf: me.csrfToken }
}

/** Two test agencies, with an editor and a publisher for A and an editor for B. */
export async function makeActors(site: TestSite) {
  const now = new Date('2026-01-20T00:00:00Z')
  const db = site.conn.db
  const agencyA = await insertAgency(
    db,
    {
      name: '测试甲局',
      code: `test-a-${crypto.randomUUID().slice(0, 8)}`,
      level: 'county',
      kind: 'department',
      regionCode: '990199',
      parentId: null,
    },
    now,
  )
  const agencyB = await insertAgency(
    db,
    {
      name: '测试乙局',
      code: `test-b-${crypto.randomUUID().slice(0, 8)}`,
      level: 'county',
      kind: 'department',
      regionCode: '990198',
      parentId: null,
    },
    now,
  )
  const password = 'a long test password'
  const hash = await hashPassword(password)
  const mk = async (username: string, agencyId: string, role: 'editor' | 'publisher') => {
    const id = await insertUser(db, { username, displayName: username, passwordHash: hash, isAdmin: false }, now)
    await grantRole(db, id, agencyId, role)
  }
  await mk('editor-a', agencyA, 'editor')
  await mk('publisher-a', agencyA, 'publisher')
  await mk('editor-b', agencyB, 'editor')
  return {
    agencyA,
    agencyB,
    editorA: await signIn(site.app.request, 'editor-a', password),
    publisherA: await signIn(site.app.request, 'publisher-a', password),
    editorB: await signIn(site.app.request, 'editor-b', password),
    admin: await signIn(site.app.request, 'admin', site.adminPassword),
  }
}

/** A request as a signed-in actor, JSON in and out. */
export function as(site: TestSite, actor: Actor | null) {
  return async (method: string, path: string, body?: unknown) => {
    const headers: Record<string, string> = {}
    if (actor) {
      headers.Cookie = actor.cookie
      headers['X-CSRF-Token'] = actor.csrf
    }
    if (body !== undefined) headers['Content-Type'] = 'application/json'
    const res = await site.app.request(path, { method, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) })
    const text = await res.text()
    let json: any
    try {
      json = JSON.parse(text)
    } catch {
      json = text
    }
    return { status: res.status, json, headers: res.headers, text }
  }
}

/**
 * A new report's draft, created and saved through the API as `actor`: its 2021 tables generated
 * from `seed` (consistent, so it can be published), its period the calendar year, and whatever
 * `edit` changes before the save.
 */
export async function filledDraft(
  site: TestSite,
  actor: Actor,
  opts: { agencyId: string; year: number; seed: number; scale: number; edit?: (document: ReportDocument) => void },
): Promise<{ id: string; version: number; document: ReportDocument }> {
  const req = as(site, actor)
  const created = await req('POST', '/api/admin/reports', { agencyId: opts.agencyId, year: opts.year })
  expect(created.status).toBe(201)
  const document = created.json.document as ReportDocument
  document.tables = generateTables('2021', seededRandom(opts.seed), { scale: opts.scale }).tables
  document.period = { start: `${opts.year}-01-01`, end: `${opts.year}-12-31` }
  opts.edit?.(document)
  const saved = await req('PUT', `/api/admin/reports/${created.json.id}/draft`, { version: created.json.version, document })
  expect(saved.status).toBe(200)
  return { id: created.json.id as string, version: saved.json.version as number, document }
}
