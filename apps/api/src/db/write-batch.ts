import {
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  sql,
  type CompiledQuery,
  type DatabaseConnection,
  type Dialect as KyselyDialect,
  type Driver,
  type QueryResult,
} from 'kysely'
import type { Database, Dialect, WriteDb } from './database.ts'

// Writes that commit together or not at all, on every engine — including D1, which has no
// interactive transactions (its `batch()` is atomic, but nothing can run in between).
//
// So a change is made in two phases. Reads go to the database first. Then the writes are
// *recorded*: the same query functions run against a recording Kysely that compiles each
// statement instead of sending it. `commit()` hands the list to the runner: a transaction on
// Node (SQLite, PostgreSQL), `D1Database.batch()` at the edge. What the reads assumed is
// re-checked inside the batch by `expectRow()`, so a concurrent change aborts the whole batch.

/** Runs compiled statements atomically, in order; throws (and writes nothing) if one fails. */
export type BatchRunner = (queries: readonly CompiledQuery[]) => Promise<QueryResult<unknown>[]>

/** A batch was aborted because a row no longer looks the way the reads found it. */
export class WriteConflict extends Error {
  constructor() {
    super('WRITE_CONFLICT')
  }
}

/** The Node runner: one transaction. */
export function transactionRunner(db: Kysely<Database>): BatchRunner {
  return (queries) =>
    db.transaction().execute(async (trx) => {
      const out: QueryResult<unknown>[] = []
      for (const q of queries) out.push(await trx.executeQuery(q))
      return out
    })
}

class RecordingConnection implements DatabaseConnection {
  constructor(private readonly sink: CompiledQuery[]) {}
  async executeQuery<R>(q: CompiledQuery): Promise<QueryResult<R>> {
    // A read here would see nothing: reads belong before the batch, on the real database.
    if (q.query.kind === 'SelectQueryNode') throw new Error(`a read inside a write batch: ${q.sql}`)
    this.sink.push(q)
    return { rows: [], numAffectedRows: 1n }
  }
  // eslint-disable-next-line require-yield
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('a write batch cannot stream')
  }
}

function recordingDialect(dialect: Dialect, sink: CompiledQuery[]): KyselyDialect {
  const driver: Driver = {
    init: async () => {},
    acquireConnection: async () => new RecordingConnection(sink),
    beginTransaction: async () => {
      throw new Error('a write batch is already all-or-nothing')
    },
    commitTransaction: async () => {},
    rollbackTransaction: async () => {},
    releaseConnection: async () => {},
    destroy: async () => {},
  }
  const pg = dialect === 'postgres'
  return {
    createAdapter: () => (pg ? new PostgresAdapter() : new SqliteAdapter()),
    createDriver: () => driver,
    createQueryCompiler: () => (pg ? new PostgresQueryCompiler() : new SqliteQueryCompiler()),
    createIntrospector: (db) => (pg ? new PostgresIntrospector(db) : new SqliteIntrospector(db)),
  }
}

/** The tables a batch can check, each with a column to "update" to itself to take the row lock. */
const LOCK_COLUMN = { report: 'draft_version', job: 'attempts' } as const
type GuardedTable = keyof typeof LOCK_COLUMN

export class WriteBatch {
  readonly queries: CompiledQuery[] = []
  /** Pass this to the write functions: what they write is recorded, in order. Reads do not compile. */
  readonly db: WriteDb
  /** The recording database itself, to compile the guards' statements. */
  readonly #recorder: Kysely<Database>
  constructor(dialect: Dialect) {
    this.#recorder = new Kysely<Database>({ dialect: recordingDialect(dialect, this.queries) })
    this.db = this.#recorder
  }

  /**
   * Abort the batch (with WriteConflict) unless the row `id` of `table` still has these values.
   * The first statement locks the row on PostgreSQL (a no-op update), so the check that follows
   * reads the committed row and nobody can change it before the batch commits; SQLite and D1
   * run one writer at a time anyway.
   */
  expectRow(table: GuardedTable, id: string, values: Record<string, string | number | null>): this {
    const where = sql.join(
      [sql`id = ${id}`, ...Object.entries(values).map(([k, v]) => (v === null ? sql`${sql.ref(k)} is null` : sql`${sql.ref(k)} = ${v}`))],
      sql` and `,
    )
    const lock = sql.ref(LOCK_COLUMN[table])
    this.queries.push(sql`update ${sql.table(table)} set ${lock} = ${lock} where id = ${id}`.compile(this.#recorder))
    this.queries.push(
      sql`insert into write_guard (ok) select 0 where not exists (select 1 from ${sql.table(table)} where ${where})`.compile(
        this.#recorder,
      ),
    )
    return this
  }
}

/**
 * The failed `expectRow` check, as each driver reports it: the only sign better-sqlite3, pg and D1
 * give is the constraint's name (`write_guard_holds`) in the message or in pg's `constraint`,
 * possibly on a `cause`. Read here, at the boundary, and nowhere else: `commit` turns it into a
 * WriteConflict, which is what callers test for.
 */
function isGuardFailure(e: unknown): boolean {
  const err = e as { message?: unknown; constraint?: unknown; cause?: unknown } | null
  if (!err) return false
  const text = `${String(err.message ?? '')} ${String(err.constraint ?? '')}`
  return /write_guard_holds/.test(text) || (err.cause !== undefined && err.cause !== e && isGuardFailure(err.cause))
}

/** Run the batch's statements atomically. Throws WriteConflict when an `expectRow` check failed. */
export async function commit(run: BatchRunner, batch: WriteBatch): Promise<QueryResult<unknown>[]> {
  if (batch.queries.length === 0) return []
  try {
    return await run(batch.queries)
  } catch (e) {
    if (isGuardFailure(e)) throw new WriteConflict()
    throw e
  }
}
