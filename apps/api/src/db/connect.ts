import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import SQLite from 'better-sqlite3'
import { Kysely, PostgresDialect, SqliteDialect, type SqliteDatabase } from 'kysely'
import pg from 'pg'
import { setChangeMark } from './change-mark.ts'
import { transactionRunner, type BatchRunner } from './write-batch.ts'
import type { Database, Dialect } from './database.ts'
import { SCHEMA_LOCK } from './migrator.ts'

// Node-only: opens the embedded SQLite file or a PostgreSQL pool. The edge entry builds its own.

export interface Connection {
  db: Kysely<Database>
  dialect: Dialect
  /** Runs a WriteBatch atomically. */
  batch: BatchRunner
  close: () => Promise<void>
}

export interface ConnectOptions {
  /** `postgres://…` for PostgreSQL, otherwise a SQLite file path or `:memory:`. */
  url: string
  /** PostgreSQL only: a schema to create and use, so test runs don't see each other. */
  schema?: string
}

export async function connect({ url, schema }: ConnectOptions): Promise<Connection> {
  if (/^postgres(ql)?:\/\//.test(url)) {
    if (schema) {
      const admin = new pg.Client({ connectionString: url })
      await admin.connect()
      await admin.query(`create schema if not exists "${schema.replace(/"/g, '')}"`)
      await admin.end()
    }
    const pool = new pg.Pool({
      connectionString: url,
      max: 10,
      ...(schema ? { options: `-c search_path="${schema.replace(/"/g, '')}"` } : {}),
    })
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) })
    return { db, dialect: 'postgres', batch: transactionRunner(db), close: () => db.destroy() }
  }
  if (url !== ':memory:') mkdirSync(dirname(url), { recursive: true })
  const sqlite = new SQLite(url)
  sqlite.pragma('journal_mode = WAL')
  sqlite.pragma('foreign_keys = ON')
  sqlite.pragma('busy_timeout = 5000')
  let writes = 0
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: reusingStatements(sqlite, 500, () => writes++) }) })
  // Another connection's commit moves data_version; this connection's writes are counted.
  const dataVersion = sqlite.prepare('PRAGMA data_version').pluck()
  setChangeMark(db, () => `${String(dataVersion.get())}:${writes}`)
  return { db, dialect: 'sqlite', batch: transactionRunner(db), close: () => db.destroy() }
}

/**
 * Kysely asks better-sqlite3 to prepare every query it sends, and preparing (parsing and planning)
 * cost more than running a public read's few index lookups. The last 500 statements are kept by
 * their SQL text and reused; SQLite re-prepares one by itself after a schema change. A statement
 * still being iterated (a streamed download) is never handed out twice: it gets a fresh one.
 */
export function reusingStatements(sqlite: SQLite.Database, max = 500, onWrite: () => void = () => {}): SqliteDatabase {
  const cache = new Map<string, SQLite.Statement>()
  return {
    close: () => sqlite.close(),
    // Kysely prepares every statement it runs, just before running it: a writing one is counted
    // then (db/change-mark.ts), before it can commit.
    prepare: (sql: string) => {
      const hit = cache.get(sql)
      if (hit && !hit.busy) {
        if (!hit.reader) onWrite()
        cache.delete(sql)
        cache.set(sql, hit)
        return hit
      }
      const stmt = sqlite.prepare(sql)
      if (!stmt.reader) onWrite()
      if (!hit) {
        cache.set(sql, stmt)
        const oldest = cache.keys().next()
        if (cache.size > max && !oldest.done) cache.delete(oldest.value)
      }
      return stmt
    },
  }
}

/** Drop a PostgreSQL schema made by `connect({ schema })` (tests and benchmarks). */
export async function dropSchema(url: string, schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    // Not while a migration introspects every schema (see migrateToLatest): it would fail on this one.
    await client.query('select pg_advisory_lock($1, $2)', [...SCHEMA_LOCK])
    await client.query(`drop schema if exists "${schema.replace(/"/g, '')}" cascade`)
  } finally {
    await client.end()
  }
}

/** A fresh PostgreSQL database beside the one `url` names (benchmarks that start real servers); its URL. */
export async function createDatabase(url: string, name: string): Promise<string> {
  const safe = name.replace(/[^a-z0-9_]/g, '')
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    await client.query(`create database "${safe}"`)
  } finally {
    await client.end()
  }
  const u = new URL(url)
  u.pathname = `/${safe}`
  return u.toString()
}

/** Drop a database made by `createDatabase` (ending its connections first). */
export async function dropDatabase(url: string, name: string): Promise<void> {
  const safe = name.replace(/[^a-z0-9_]/g, '')
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    await client.query(`drop database if exists "${safe}" with (force)`)
  } finally {
    await client.end()
  }
}
