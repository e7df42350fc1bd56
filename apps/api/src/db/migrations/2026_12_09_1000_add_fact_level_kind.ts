import { PostgresAdapter, sql, type Kysely } from 'kysely'

// A ranking of one level or kind of agency (`/api/stats?…&year=…&level=county`) read the year's
// every fact of the metric, each with its report and agency by key, to keep the level's: ten
// thousand scattered reads for two thousand five hundred values. An agency's level and kind never
// change once it is in the registry (nothing updates them), so each fact now carries its agency's,
// written with it (db/metrics.ts `writeReportMetrics`), and one index holds a metric's values of a
// year by kind and level: a kind's ranking is one range of it, a level's one range per kind.
// The facts already stored get theirs from their agency here, in one statement. Safe to run again.

export async function up(db: Kysely<any>): Promise<void> {
  // Safe to run again: the columns are added only where they are not yet.
  if (db.getExecutor().adapter instanceof PostgresAdapter)
    await sql`alter table report_metric add column if not exists level text not null default '', add column if not exists kind text not null default ''`.execute(
      db,
    )
  else {
    const { rows } = await sql<{ name: string }>`select name from pragma_table_info('report_metric')`.execute(db)
    for (const column of ['level', 'kind'])
      if (!rows.some((r) => r.name === column))
        await db.schema
          .alterTable('report_metric')
          .addColumn(column, 'text', (c) => c.notNull().defaultTo(''))
          .execute()
  }
  await sql`update report_metric set level = a.level, kind = a.kind
from report r join agency a on a.id = r.agency_id
where r.id = report_metric.report_id`.execute(db)
  await db.schema
    .createIndex('report_metric_kind_level_idx')
    .ifNotExists()
    .on('report_metric')
    .columns(['metric', 'year', 'kind', 'level', 'value'])
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('report_metric_kind_level_idx').ifExists().execute()
  await db.schema.alterTable('report_metric').dropColumn('kind').execute()
  await db.schema.alterTable('report_metric').dropColumn('level').execute()
}
