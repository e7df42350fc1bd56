// Where a database can say cheaply whether anything in it may have changed, a read that depends
// only on stored rows can be kept and reused until it has. Embedded SQLite can: `PRAGMA
// data_version` changes whenever another connection (another process, the job worker) commits,
// and this connection's own writes are counted as they are sent (db/connect.ts). A mark read
// before a query and stored with its answer is therefore never newer than the answer: any write
// after it moves the mark. PostgreSQL and D1 give no such mark; their reads are not kept.

const marks = new WeakMap<object, () => string>()

/** Registers how to read `db`'s change mark (connect.ts, for SQLite). */
export function setChangeMark(db: object, mark: () => string): void {
  marks.set(db, mark)
}

/** `db`'s change mark now, or undefined when it has none. */
export function changeMark(db: object): string | undefined {
  return marks.get(db)?.()
}
