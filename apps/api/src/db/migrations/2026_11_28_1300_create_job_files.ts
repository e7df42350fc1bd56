import type { Kysely } from 'kysely'

// The files of a batch import, in pieces of at most 512 KB each, apart from the job row. A job's
// payload held them whole before, and D1 refuses any value over 2 MB (SQLITE_TOOBIG), so a
// batch the API accepts (up to 5 MB) could not be queued at the edge.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('job_file')
    .addColumn('job_id', 'text', (c) => c.notNull())
    .addColumn('file_index', 'integer', (c) => c.notNull())
    .addColumn('chunk_index', 'integer', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('job_file_pk', ['job_id', 'file_index', 'chunk_index'])
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('job_file').execute()
}
