import { afterAll, beforeAll, describe } from 'vitest'
import { hashPassword } from '../auth/password.ts'
import { createApp } from '../app.ts'
import { connect, dropSchema, type Connection } from '../db/connect.ts'
import { openD1 } from '../db/d1.ts'
import { as, makeActors, type Actor, type Actors } from './actors.ts'
import { startEdgeWorker } from './edge.ts'
import { migrateToLatest } from '../db/migrator.ts'
import { insertUser } from '../db/users.ts'
import { loadSampleData } from '../sample.ts'
import { seedText } from '../seed-text.ts'

export { sessionCookie, signIn } from './actors.ts'

// API tests run once per target, the way Kysely's own suite loops over dialects: the Node app on
// SQLite, on PostgreSQL when TEST_DATABASE_URL points at one, and the edge worker in workerd with
// a local D1 (`d1:`). The requests are the same; only where they are sent differs.

export const PG_URL = process.env.TEST_DATABASE_URL
export const DIALECTS = [
  { name: 'sqlite', url: ':memory:', skip: null as string | null },
  { name: 'postgres', url: PG_URL ?? '', skip: PG_URL ? null : 'TEST_DATABASE_URL is not set' },
  { name: 'd1', url: 'd1:', skip: null as string | null },
] as const

type App = ReturnType<typeof createApp>

export interface TestSite {
  /** The site's database, for setting up and inspecting (on D1: the worker's own, through a test route). */
  conn: Connection
  /** Where requests go: the Node app in-process, or the worker over HTTP. `routes` is the app's route table. */
  app: { request: (path: string, init?: RequestInit) => Promise<Response>; routes: App['routes'] }
  /** The origin requests are made at (links the API builds start with it). */
  origin: string
  adminPassword: string
  close: () => Promise<void>
}

async function openTarget(url: string): Promise<{
  conn: Connection
  origin: string
  request: (path: string, init?: RequestInit) => Promise<Response>
  drop?: () => Promise<void>
}> {
  if (url === 'd1:') {
    const edge = await startEdgeWorker()
    const store = openD1(edge.d1)
    return {
      conn: { ...store, dialect: 'sqlite', close: edge.stop },
      origin: edge.url,
      request: (path, init) => fetch(`${edge.url}${path}`, init),
    }
  }
  const schema = url.startsWith('postgres') ? `gk_test_${crypto.randomUUID().replace(/-/g, '').slice(0, 12)}` : undefined
  const conn = await connect({ url, ...(schema ? { schema } : {}) })
  const app = createApp({ db: conn.db, dialect: conn.dialect })
  return {
    conn,
    origin: 'http://localhost',
    request: async (path, init) => app.request(path, init),
    ...(schema ? { drop: () => dropSchema(url, schema) } : {}),
  }
}

/** A migrated database with the sample data and an admin (in its own PostgreSQL schema, or its own D1). */
export async function openSite(url: string): Promise<TestSite> {
  const { conn, origin, request, drop } = await openTarget(url)
  await migrateToLatest(conn.db)
  await loadSampleData(conn, new Date('2026-01-15T00:00:00Z'), seedText())
  const adminPassword = 'correct horse battery staple'
  await insertUser(
    conn.db,
    { username: 'admin', displayName: '管理员', passwordHash: await hashPassword(adminPassword), isAdmin: true },
    new Date(),
  )
  return {
    conn,
    app: { request, routes: createApp({ db: conn.db, dialect: conn.dialect }).routes },
    origin,
    adminPassword,
    close: async () => {
      await conn.close()
      await drop?.()
    },
  }
}

/** A `describe` block per dialect, named "<title> on <dialect>"; PostgreSQL is reported skipped only when no database is given. */
export function forEachDialect(title: string, body: (dialect: (typeof DIALECTS)[number]) => void): void {
  for (const dialect of DIALECTS) {
    describe.skipIf(dialect.skip !== null)(`${title} on ${dialect.name}${dialect.skip ? ` (skipped: ${dialect.skip})` : ''}`, () =>
      body(dialect),
    )
  }
}

export interface SuiteSite {
  /** The suite's site: readable inside its tests and hooks, once opened. */
  readonly site: TestSite
  /** The test agencies and the users signed in for them (see actors.ts). */
  readonly actors: Actors
  /** A request as `actor` (signed out when null), JSON in and out. */
  as: (actor: Actor | null) => ReturnType<typeof as>
  /** A GET, signed out. */
  get: (path: string) => ReturnType<ReturnType<typeof as>>
}

/**
 * The set-up of one request-level suite on one dialect: its own site (sample data and admin, see
 * `openSite`) with the test actors, opened before the suite's tests and closed after them. Call it
 * inside `forEachDialect`; further `beforeAll` hooks run after it. With `actors: false` the site
 * has only the sample data and the admin (no test agencies, no one signed in).
 */
export function suiteSite(dialect: (typeof DIALECTS)[number], options: { actors?: boolean } = {}): SuiteSite {
  let site: TestSite | undefined
  let actors: Actors | undefined
  beforeAll(async () => {
    site = await openSite(dialect.url)
    if (options.actors !== false) actors = await makeActors(site)
  })
  afterAll(async () => {
    await site?.close()
  })
  const suite: SuiteSite = {
    get site() {
      if (!site) throw new Error('the site is opened in beforeAll: use it inside a test or a hook')
      return site
    },
    get actors() {
      if (!actors) throw new Error('the actors sign in in beforeAll (unless actors: false): use them inside a test or a hook')
      return actors
    },
    as: (actor) => as(suite.site, actor),
    get: (path) => as(suite.site, null)('GET', path),
  }
  return suite
}
