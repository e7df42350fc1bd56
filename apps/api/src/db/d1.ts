import {
  Kysely,
  sql,
  type CompiledQuery,
  type DatabaseConnection,
  type DatabaseIntrospector,
  type Driver,
  type DatabaseMetadata,
  type QueryResult,
  type SchemaMetadata,
  type TableMetadata,
} from 'kysely'
import { D1Dialect } from 'kysely-d1'
import type { BatchRunner } from './write-batch.ts'
import type { Database } from './database.ts'

// Cloudflare D1: Kysely through kysely-d1 for single statements, and D1's own atomic `batch()`
// for WriteBatches (D1 has no interactive transactions).

/** The part of D1's binding this app uses (structural, so tests can stand in for it). */
export interface D1Like {
  prepare(query: string): D1StatementLike
  /** D1 sessions: `first-unconstrained` lets reads go to the nearest replica, `first-primary` does not. */
  withSession?(constraint: 'first-primary' | 'first-unconstrained'): D1Like
  batch(statements: D1StatementLike[]): Promise<Array<{ results?: unknown[]; meta: { changes?: number } }>>
}
export interface D1StatementLike {
  bind(...values: unknown[]): D1StatementLike
  all(): Promise<{ results?: unknown[]; meta: { changes?: number; last_row_id?: number }; error?: string }>
}

/**
 * Each request gets its own D1 session. The public's reads (no session cookie, GET or HEAD) may
 * be answered by the nearest read replica: they can be a moment behind, which a published report
 * tolerates. Staff and every write start at the primary, so they read their own writes. Without
 * replication turned on, both are the primary.
 */
export function sessionFor(request: Request, db: D1Like): D1Like {
  if (!db.withSession) return db
  const publicRead =
    (request.method === 'GET' || request.method === 'HEAD') && !/(?:^|;\s*)gk_session=/.test(request.headers.get('cookie') ?? '')
  return db.withSession(publicRead ? 'first-unconstrained' : 'first-primary')
}

export function d1Runner(d1: D1Like): BatchRunner {
  return async (queries: readonly CompiledQuery[]) => {
    const results = await d1.batch(queries.map((q) => d1.prepare(q.sql).bind(...q.parameters)))
    return results.map((r): QueryResult<unknown> => ({ rows: r.results ?? [], numAffectedRows: BigInt(r.meta.changes ?? 0) }))
  }
}

/**
 * Kysely's SQLite introspector reads every table's columns, and D1 refuses to describe its own
 * `_cf_*` tables (SQLITE_AUTH), which breaks the migrator. This one leaves them out.
 */
class D1Introspector implements DatabaseIntrospector {
  constructor(private readonly db: Kysely<unknown>) {}
  async getSchemas(): Promise<SchemaMetadata[]> {
    return []
  }
  async getTables(): Promise<TableMetadata[]> {
    const tables = await sql<{
      name: string
      type: string
    }>`select name, type from sqlite_master where type in ('table', 'view') and substr(name, 1, 7) <> 'sqlite_' and substr(name, 1, 4) <> '_cf_' order by name`.execute(
      this.db,
    )
    return Promise.all(
      tables.rows.map(async (t) => {
        const cols = await sql<{
          name: string
          type: string
          notnull: number
          dflt_value: unknown
          pk: number
        }>`select name, type, "notnull", dflt_value, pk from pragma_table_info(${t.name})`.execute(this.db)
        return {
          name: t.name,
          isView: t.type === 'view',
          columns: cols.rows.map((c) => ({
            name: c.name,
            dataType: c.type,
            isNullable: !c.notnull,
            isAutoIncrementing: false,
            hasDefaultValue: c.dflt_value !== null,
          })),
        }
      }),
    )
  }
  async getMetadata(): Promise<DatabaseMetadata> {
    return { tables: await this.getTables() }
  }
}

class GongkaiD1Dialect extends D1Dialect {
  /** kysely-d1 also returns the field Kysely renamed in 0.23, and Kysely warns about it on every query. */
  override createDriver(): Driver {
    const driver = super.createDriver()
    return Object.assign(Object.create(driver) as Driver, {
      acquireConnection: async (): Promise<DatabaseConnection> => {
        const conn = await driver.acquireConnection()
        return {
          executeQuery: async <R>(q: CompiledQuery) => {
            const { numUpdatedOrDeletedRows: _old, ...result } = (await conn.executeQuery<R>(q)) as QueryResult<R> & {
              numUpdatedOrDeletedRows?: bigint
            }
            return result
          },
          streamQuery: (q, chunkSize) => conn.streamQuery(q, chunkSize),
        }
      },
    })
  }

  override createIntrospector(db: Kysely<unknown>): DatabaseIntrospector {
    return new D1Introspector(db)
  }
}

export function openD1(d1: D1Like): { db: Kysely<Database>; batch: BatchRunner } {
  // kysely-d1 is typed against the real binding; ours is the same shape, narrowed to what is used.
  const database = d1 as unknown as ConstructorParameters<typeof D1Dialect>[0]['database']
  return { db: new Kysely<Database>({ dialect: new GongkaiD1Dialect({ database }) }), batch: d1Runner(d1) }
}
