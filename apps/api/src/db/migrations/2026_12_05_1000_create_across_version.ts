import { sql, type Kysely } from 'kysely'

// The version of what the public reads across reports (stats, region summaries, the compliance
// board): a second row of list_version, beside the list's. It goes up in the same write batch as
// every change those answers can show — a report published, corrected, withdrawn or stored as
// published, an agency added, the facts rebuilt — but not when a draft is saved, which the list's
// version counts for the admin. The routes read it (one primary-key lookup) to derive their ETags,
// so a change made through one process is seen by every other on its next request. Safe to run again.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`insert into list_version (id, n) select 'across', 0 where not exists (select 1 from list_version where id = 'across')`.execute(
    db,
  )
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.deleteFrom('list_version').where('id', '=', 'across').execute()
}
