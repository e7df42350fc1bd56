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
  const signIn = async (username: string, pw = password): Promise<Actor> => {
    const res = await site.app.request('/api/auth/login', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username, password: pw }),
    })
    if (res.status !== 200) throw new Error(`sign-in of ${username} failed: ${res.status} ${await res.text()}`)
    const cookie = /gk_session=[^;]+/.exec(res.headers.get('set-cookie') ?? '')![0]
    const me = (await (await site.app.request('/api/auth/me', { headers: { Cookie: cookie } })).json()) as { csrfToken: string }
    return { cookie, csrf: me.csrfToken }
  }
  return {
    agencyA,
    agencyB,
    editorA: await signIn('editor-a'),
    publisherA: await signIn('publisher-a'),
    editorB: await signIn('editor-b'),
    admin: await signIn('admin', site.adminPassword),
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
