import { sql, type Kysely } from 'kysely'

// Before 814cb28, saving a draft correction of a published report wrote the draft's title and
// template onto the report row, which the public list shows: a correction still being drafted
// was visible there, and stayed visible if the draft was discarded. The row's title and template
// are the published revision's; this puts them back for every published report whose row
// differs, and bumps the list's version so cached lists are read again. Reports never published
// keep their draft's title (that is theirs to show in the admin). Safe to run again.

interface Row {
  id: string
  title: string
  template: string
  document: string
}

export async function up(db: Kysely<any>): Promise<void> {
  let after = ''
  let repaired = 0
  for (;;) {
    const rows = (await db
      .selectFrom('report')
      .innerJoin('revision', (j) =>
        j.onRef('revision.report_id', '=', 'report.id').onRef('revision.number', '=', 'report.current_revision'),
      )
      .select(['report.id as id', 'report.title as title', 'report.template as template', 'revision.document as document'])
      .where('report.id', '>', after)
      .orderBy('report.id')
      .limit(500)
      .execute()) as Row[]
    const last = rows.at(-1)
    if (!last) break
    after = last.id
    for (const row of rows) {
      let published: { title?: unknown; template?: unknown }
      try {
        published = JSON.parse(row.document) as { title?: unknown; template?: unknown }
      } catch {
        continue
      }
      if (typeof published.title !== 'string' || typeof published.template !== 'string') continue
      if (published.title === row.title && published.template === row.template) continue
      await db.updateTable('report').set({ title: published.title, template: published.template }).where('id', '=', row.id).execute()
      repaired++
    }
  }
  if (repaired > 0) await sql`update list_version set n = n + 1 where id = 'reports'`.execute(db)
}

export async function down(): Promise<void> {
  // Nothing to undo: the rows hold what was published.
}
