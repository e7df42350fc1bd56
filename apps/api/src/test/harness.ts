import { describe } from 'vitest'
import { hashPassword } from '../auth/password.ts'
import { createApp } from '../app.ts'
import { connect, dropSchema, type Connection } from '../db/connect.ts'
import { migrateToLatest } from '../db/migrator.ts'
import { insertUser } from '../db/users.ts'
import { loadSampleData } from '../sample.ts'
import { seedText } from '../seed-text.ts'

// Database tests run once per dialect, the way Kysely's own suite loops over dialects:
// SQLite always, PostgreSQL when TEST_DATABASE_URL points at one.

export const PG_URL = process.env.TEST_DATABASE_URL
export const DIALECTS = [
  { name: 'sqlite', url: ':memory:', skip: null as string | null },
  { name: 'postgres', url: PG_URL ?? '', skip: PG_URL ? null : 'TEST_DATABASE_URL is not set' },
] as const

export interface TestSite {
  conn: Connection
  app: ReturnType<typeof createApp>
  adminPassword: string
  close: () => Promise<void>
}

/** A migrated database with the sample data and an admin, in its own PostgreSQL schema. */
export async function openSite(url: string): Promise<TestSite> {
  const schema = url.startsWith('postgres') ? `gk_test_${crypto.randomUUID().replace(/-/g, '').slice(0, 12)}` : undefined
  const conn = await connect({ url, ...(schema ? { schema } : {}) })
  await migrateToLatest(conn.db)
  await loadSampleData(conn, new Date('2026-01-15T00:00:00Z'), seedText())
  const adminPassword = 'correct horse battery staple'
  await insertUser(conn.db, { username: 'admin', displayName: '管理员', passwordHash: await hashPassword(adminPassword), isAdmin: true }, new Date())
  const app = createApp({ db: conn.db, dialect: conn.dialect })
  return {
    conn,
    app,
    adminPassword,
    close: async () => {
      await conn.close()
      if (schema) await dropSchema(url, schema)
    },
  }
}

/** The session cookie from a login response, ready to send back. */
export function sessionCookie(res: Response): string {
  const set = res.headers.get('set-cookie') ?? ''
  const m = /gk_session=([^;]+)/.exec(set)
  if (!m) throw new Error(`no session cookie in: ${set}`)
  return `gk_session=${m[1]}`
}

/** A `describe` block per dialect, named "<title> on <dialect>"; PostgreSQL is reported skipped only when no database is given. */
export function forEachDialect(title: string, body: (dialect: (typeof DIALECTS)[number]) => void): void {
  for (const dialect of DIALECTS) {
    describe.skipIf(dialect.skip !== null)(`${title} on ${dialect.name}${dialect.skip ? ` (skipped: ${dialect.skip})` : ''}`, () => body(dialect))
  }
}
